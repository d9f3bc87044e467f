/**
 * The comparison of two stored scans: findings new in `to` and gone from `from`, and the edges
 * added, removed and changed — outside (public, external, vendor) edges first.
 */
import type { DiffResponse, DiffSummary, FindingView } from '../../shared/api/types.js';
import { diffEdges, isOutsideEdge } from '../../shared/diff/diff-edges.js';
import type { Store } from '../store/open-store.js';
import { readFindings } from '../store/read-findings.js';
import {
  latestScanId,
  previousScanId,
  readScanEdges,
  requireSucceededScan,
  UnknownScanError,
} from '../store/scans.js';

/** No successful scan is stored yet. */
export class NoScanError extends Error {
  override readonly name = 'NoScanError';
  constructor() {
    super('the store holds no successful scan yet; run `trustmap scan` first');
  }
}

/**
 * Diff between scans `from` and `to` (defaults: `to` = latest, `from` = the successful scan
 * before `to`; `from` is null for the first scan, and then everything is new).
 */
export function diffScans(db: Store, from?: number, to?: number): DiffResponse {
  const toId = to ?? latestScanId(db);
  if (toId === undefined) throw new NoScanError();
  requireSucceededScan(db, toId);
  const fromId = from ?? previousScanId(db, toId) ?? null;
  if (fromId !== null) requireSucceededScan(db, fromId);
  if (fromId !== null && fromId === toId)
    throw new UnknownScanError(`${String(fromId)} (from = to)`);
  const after = readFindings(db, toId).findings;
  const before = fromId === null ? [] : readFindings(db, fromId).findings;
  const beforeIds = new Set(before.map((f) => f.id));
  const afterIds = new Set(after.map((f) => f.id));
  const newFindings: FindingView[] = after
    .filter((f) => !beforeIds.has(f.id))
    .map((f) => ({ ...f, status: 'new' }));
  const resolvedFindings: FindingView[] = before
    .filter((f) => !afterIds.has(f.id))
    .map((f) => ({ ...f, status: 'resolved' }));
  const edges = diffEdges(
    fromId === null ? [] : readScanEdges(db, fromId),
    readScanEdges(db, toId),
  );
  const summary: DiffSummary = {
    newFindings: newFindings.length,
    resolvedFindings: resolvedFindings.length,
    newEdges: edges.newEdges.length,
    removedEdges: edges.removedEdges.length,
    newOutsideEdges: edges.newEdges.filter(isOutsideEdge).length,
  };
  return { from: fromId, to: toId, summary, newFindings, resolvedFindings, ...edges };
}

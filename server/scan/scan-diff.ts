/**
 * The comparison of two stored scans: findings new in `to`, gone from `from`, and present in both
 * but worse or better (shared/audit/compare-findings.ts), and the edges added, removed and
 * changed — outside (public, external, vendor) edges first.
 */
import type { DiffResponse, DiffSummary, FindingView } from '../../shared/api/types.js';
import { compareFindings } from '../../shared/audit/compare-findings.js';
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
  const compared = compareFindings(before, after);
  const newFindings: FindingView[] = compared.added.map((f) => ({ ...f, status: 'new' }));
  const resolvedFindings: FindingView[] = compared.removed.map((f) => ({
    ...f,
    status: 'resolved',
  }));
  const changed = (kind: 'worsened' | 'improved') => (c: (typeof compared.worsened)[number]) => {
    const view: FindingView = {
      ...c.after,
      change: {
        kind,
        worse: c.worse,
        better: c.better,
        previousSeverity: c.before.severity,
        ...(c.before.risk === undefined ? {} : { previousRisk: c.before.risk }),
      },
    };
    return view;
  };
  const worsenedFindings = compared.worsened.map(changed('worsened'));
  const improvedFindings = compared.improved.map(changed('improved'));
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
    worsenedFindings: worsenedFindings.length,
    improvedFindings: improvedFindings.length,
    changedEdges: edges.changedEdges.length,
  };
  return {
    from: fromId,
    to: toId,
    summary,
    newFindings,
    resolvedFindings,
    worsenedFindings,
    improvedFindings,
    ...edges,
  };
}

/**
 * The model every scan report is rendered from (JSON, SARIF, Markdown, HTML, terminal): the
 * scan, its diff against the previous scan, its present findings and the account-level web.
 */
import type { DiffEdge, DiffResponse, FindingView, ScanDetail } from '../../shared/api/types.js';
import {
  aggregateAccounts,
  type AccountLevelGraph,
} from '../../shared/graph/aggregate-accounts.js';
import { diffEdgeIdentity } from '../../shared/diff/diff-edges.js';
import type { AccessGraph } from '../../shared/graph/types.js';
import type { Store } from '../store/open-store.js';
import { readFindings } from '../store/read-findings.js';
import { getScan } from '../store/scans.js';
import { summarizeCoverage, type CoverageSummary } from '../../shared/scan/coverage-summary.js';

export interface ScanReport {
  version: string;
  scan: ScanDetail;
  diff: DiffResponse;
  /** Present findings (new and open), worst first. */
  findings: FindingView[];
  /** Complete, or partial with the accounts read only in part or not at all. */
  coverage: CoverageSummary;
  accountGraph?: AccountLevelGraph;
}

/** Identities of the diff's new edges, for highlighting. */
export function newEdgePredicate(
  newEdges: readonly DiffEdge[],
): (
  source: string,
  target: string,
  attrs: { kind: DiffEdge['kind']; actionGroup?: DiffEdge['actionGroup'] },
) => boolean {
  const ids = new Set(newEdges.map(diffEdgeIdentity));
  return (source, target, attrs) =>
    ids.has(
      diffEdgeIdentity({
        source,
        target,
        kind: attrs.kind,
        decision: 'allow',
        conditionKeys: [],
        ...(attrs.actionGroup === undefined ? {} : { actionGroup: attrs.actionGroup }),
      }),
    );
}

/** The present findings, each worsened or improved one carrying its `change` from the diff. */
function markChanges(findings: readonly FindingView[], diff: DiffResponse): FindingView[] {
  const changes = new Map<string, FindingView['change']>();
  for (const f of [...diff.worsenedFindings, ...diff.improvedFindings])
    if (f.change !== undefined) changes.set(f.id, f.change);
  return findings.map((f) => {
    const change = changes.get(f.id);
    return change === undefined ? f : { ...f, change };
  });
}

/** Assembles the report of stored scan `scanId` (the diff is given by the caller). */
export function buildScanReport(
  db: Store,
  scanId: number,
  diff: DiffResponse,
  version: string,
  graph?: AccessGraph,
): ScanReport {
  const findings = readFindings(db, scanId).findings;
  const scan = getScan(db, scanId);
  const report: ScanReport = {
    version,
    scan,
    diff,
    findings: markChanges(findings, diff),
    coverage: summarizeCoverage(scan.coverage),
  };
  if (graph !== undefined) {
    const byAccount = new Map<string, number>();
    for (const f of findings)
      if (f.accountId !== undefined && f.suppressed === undefined)
        byAccount.set(f.accountId, (byAccount.get(f.accountId) ?? 0) + 1);
    report.accountGraph = aggregateAccounts(graph, {
      findingsByAccount: byAccount,
      isNewEdge: newEdgePredicate(diff.newEdges),
    });
  }
  return report;
}

/**
 * The scan pipeline of the server tests: the real snapshot loader and graph builder, and a small
 * stand-in for the audit rules with fingerprints derived from the graph, so that the store,
 * diff, report and API tests do not depend on the rules' own semantics (tested in test/shared/audit).
 */
import { fileURLToPath } from 'node:url';
import { analyzeSnapshotDir } from '../../../server/analyze/analyze-snapshot-dir.js';
import type { ScanPipeline } from '../../../server/scan/run-scan.js';
import type { FindingInput } from '../../../server/store/findings-history.js';

export const FIXTURES = fileURLToPath(new URL('./fixtures/', import.meta.url));
export const V1 = `${FIXTURES}scan-v1`;
export const V2 = `${FIXTURES}scan-v2`;

/** `test-external-trust` (high) per can-assume edge from outside the org; `test-role` (info) per role. */
export const TEST_PIPELINE: ScanPipeline = {
  analyzeDir: analyzeSnapshotDir,
  computeFindings: (analysis) => {
    const out: FindingInput[] = [];
    const g = analysis.graph;
    g.forEachEdge((_k, e, source, target, sa, ta) => {
      if (e.kind !== 'can-assume') return;
      if (sa.scope !== 'external' && sa.kind !== 'anyone') return;
      out.push({
        id: `test-external-trust:${source}->${target}`,
        rule: 'test-external-trust',
        severity: 'high',
        subject: target,
        ...(ta.accountId === undefined ? {} : { accountId: ta.accountId }),
        title: `Role trusted by external account ${sa.accountId ?? source}`,
        evidence: e.evidence,
      });
    });
    g.forEachNode((key, a) => {
      if (a.kind !== 'role') return;
      out.push({
        id: `test-role:${key}`,
        rule: 'test-role',
        severity: 'info',
        subject: key,
        ...(a.accountId === undefined ? {} : { accountId: a.accountId }),
        title: `Role ${a.label}`,
        evidence: [],
      });
    });
    return out;
  },
};

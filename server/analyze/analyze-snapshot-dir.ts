/**
 * The analysis pipeline from a snapshot directory: load → compile policies → build the access
 * graph. Every command that takes `--from-dir` goes through here.
 */
import { lookupVendor } from '../../shared/accounts/known-accounts.js';
import { compileAuthzModel } from '../../shared/authorize/index.js';
import { policyLoadIssues } from '../../shared/authorize/policy-load-issues.js';
import type { AuthzModel } from '../../shared/authorize/types.js';
import type { AnalysisConfig } from '../../shared/config/analysis-config.js';
import { applyConfiguredOrganization } from '../../shared/config/configured-organization.js';
import { buildAccessGraph, type BuildReport } from '../../shared/graph/build-access-graph.js';
import type { AccessGraph } from '../../shared/graph/types.js';
import type { Snapshot } from '../../shared/snapshot/types.js';
import { readSnapshotDir } from '../snapshot/read-snapshot-dir.js';

export interface Analysis {
  snapshot: Snapshot;
  model: AuthzModel;
  graph: AccessGraph;
  report: BuildReport & { loadMs: number; compileMs: number; buildMs: number };
}

/** Analyzes an in-memory snapshot. */
export function analyzeSnapshot(loaded: Snapshot, config: AnalysisConfig, loadMs = 0): Analysis {
  const snapshot = applyConfiguredOrganization(loaded, config);
  const t0 = performance.now();
  const model = compileAuthzModel(snapshot);
  // Policy grammar errors are load issues too (file, JSON path, reason; coverage partial).
  const known = new Set(snapshot.issues.map((i) => `${i.file}\u0000${i.path}\u0000${i.message}`));
  for (const issue of policyLoadIssues(model, snapshot))
    if (!known.has(`${issue.file}\u0000${issue.path}\u0000${issue.message}`))
      snapshot.issues.push(issue);
  const t1 = performance.now();
  let counts: BuildReport = { evaluations: 0, edges: 0, nodes: 0 };
  const graph = buildAccessGraph(snapshot, model, { config, lookupVendor }, (r) => {
    counts = r;
  });
  const t2 = performance.now();
  return {
    snapshot,
    model,
    graph,
    report: { ...counts, loadMs, compileMs: t1 - t0, buildMs: t2 - t1 },
  };
}

/** Loads and analyzes the snapshot directory `dir` (throws `NotASnapshotError` when it is not one). */
export async function analyzeSnapshotDir(dir: string, config: AnalysisConfig): Promise<Analysis> {
  const t0 = performance.now();
  const snapshot = await readSnapshotDir(
    dir,
    config.maxSnapshotFileMiB === undefined
      ? {}
      : { maxFileBytes: config.maxSnapshotFileMiB * 1024 * 1024 },
  );
  return analyzeSnapshot(snapshot, config, performance.now() - t0);
}

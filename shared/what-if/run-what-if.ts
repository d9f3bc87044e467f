/**
 * What-if from end to end, without I/O: the plan text → changes → the snapshot after them → the
 * graph and findings after them (incrementally where the change allows, else a full rebuild) →
 * the comparison with the analysis before. `server/` reads files and stores; `web/` never runs
 * this (the API does).
 */
import type { VendorLookup } from '../graph/nodes/account-nodes.js';
import { computeFindings } from '../audit/compute-findings.js';
import type { Finding, Severity } from '../audit/types.js';
import { compileAuthzModel } from '../authorize/compile-authz-model.js';
import type { AuthzModel } from '../authorize/types.js';
import type { AnalysisConfig } from '../config/analysis-config.js';
import { diffEdges, listDiffEdges } from '../diff/diff-edges.js';
import { buildAccessGraph } from '../graph/build-access-graph.js';
import type { AccessGraph } from '../graph/types.js';
import { locateJsonSyntaxError } from '../snapshot/locate-json-syntax-error.js';
import type { Snapshot } from '../snapshot/types.js';
import { applyChanges } from './apply-changes.js';
import { WhatIfInputError } from './errors.js';
import { isChangeFile, parseChangeFile } from './parse-change-file.js';
import { pathsBefore } from './new-paths.js';
import { rebuildIncremental } from './rebuild-incremental.js';
import { isTerraformPlan, parseTerraformPlan } from './terraform/parse-terraform-plan.js';
import type { ChangeSet, PrincipalType } from './types.js';
import { compareAnalyses, type WhatIfResult } from './what-if-result.js';

export interface BaseAnalysis {
  snapshot: Snapshot;
  model: AuthzModel;
  graph: AccessGraph;
  /** The findings of the base (computed when absent). */
  findings?: readonly Finding[];
  /** `scan 12`, a directory. */
  source: string;
}

export interface WhatIfOptions {
  config: AnalysisConfig;
  lookupVendor: VendorLookup;
  failOn: Severity | 'none';
  /** `--account`: the account of resources whose account the plan does not state. */
  defaultAccountId?: string;
  /** `full` forces a full rebuild (benchmarks, tests); default `auto`. */
  rebuild?: 'auto' | 'full';
  /** The moment suppressions are judged at. */
  now?: Date;
}

/** The partition of the snapshot's data. */
export function snapshotPartition(snapshot: Snapshot): string {
  for (const a of snapshot.accounts.values()) return a.partition;
  return snapshot.organization?.arn?.split(':')[1] ?? 'aws';
}

/** Principal ARNs of the snapshot by account, type and lower-cased name (IAM names are case-insensitive). */
function principalIndex(
  snapshot: Snapshot,
): (a: string, t: PrincipalType, n: string) => string | undefined {
  let index: Map<string, string> | undefined;
  return (accountId, type, name) => {
    if (!index) {
      index = new Map();
      for (const a of snapshot.accounts.values()) {
        for (const r of a.roles)
          index.set(`${a.accountId}\u0000role\u0000${r.name.toLowerCase()}`, r.arn);
        for (const u of a.users)
          index.set(`${a.accountId}\u0000user\u0000${u.name.toLowerCase()}`, u.arn);
        for (const g of a.groups)
          index.set(`${a.accountId}\u0000group\u0000${g.name.toLowerCase()}`, g.arn);
      }
    }
    return index.get(`${accountId}\u0000${type}\u0000${name.toLowerCase()}`);
  };
}

/**
 * Parses a plan: Terraform's `show -json` output or trustmap's change file. Throws
 * `WhatIfInputError` (naming the address and field) when it is neither or is malformed.
 */
export function parseChangeInput(
  text: string,
  base: Snapshot,
  defaultAccountId?: string,
): ChangeSet {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    const at = locateJsonSyntaxError(text);
    throw new WhatIfInputError(
      at
        ? `not JSON: line ${String(at.line)}, column ${String(at.column)}: ${at.message}`
        : 'not JSON',
    );
  }
  if (isChangeFile(json)) return parseChangeFile(json);
  if (isTerraformPlan(json)) {
    const options: Parameters<typeof parseTerraformPlan>[1] = {
      partition: snapshotPartition(base),
      principalArn: principalIndex(base),
    };
    if (defaultAccountId !== undefined) options.defaultAccountId = defaultAccountId;
    return parseTerraformPlan(json, options);
  }
  throw new WhatIfInputError(
    'expected a Terraform plan (`terraform show -json PLANFILE`: an object with "format_version" and "resource_changes") or a trustmap change file ({"changes": [...]})',
  );
}

/** Applies the change set to the base and compares. */
export function runWhatIf(
  base: BaseAnalysis,
  changeSet: ChangeSet,
  options: WhatIfOptions,
): WhatIfResult {
  const start = performance.now();
  const now = options.now ?? new Date();
  const findingsOf = (a: {
    graph: AccessGraph;
    model: AuthzModel;
    snapshot: Snapshot;
  }): Finding[] => computeFindings({ ...a, config: options.config, now });
  const beforeFindings = base.findings ?? findingsOf(base);
  const tApply = performance.now();
  const applied = applyChanges(base.snapshot, changeSet.changes);

  // What the comparison needs of the graph before: the incremental rebuild changes it in place.
  const tPaths = performance.now();
  const paths = pathsBefore(base);

  const t0 = performance.now();
  const incremental =
    options.rebuild === 'full'
      ? { kind: 'fallback' as const, reason: 'a full rebuild was asked for' }
      : rebuildIncremental(base, applied, options);
  let result: WhatIfResult;
  let restoreMs: number | undefined;
  try {
    let after: { graph: AccessGraph; model: AuthzModel; snapshot: Snapshot };
    let edges;
    let rebuild: WhatIfResult['rebuild'];
    if (incremental.kind === 'done') {
      after = { graph: incremental.graph, model: incremental.model, snapshot: applied.snapshot };
      edges = incremental.edges;
      rebuild = {
        mode: 'incremental',
        ms: performance.now() - t0,
        rebuiltTargets: incremental.rebuiltTargets,
        stagesMs: incremental.stagesMs,
      };
    } else {
      const model = compileAuthzModel(applied.snapshot);
      const graph = buildAccessGraph(applied.snapshot, model, {
        config: options.config,
        lookupVendor: options.lookupVendor,
      });
      after = { graph, model, snapshot: applied.snapshot };
      edges = diffEdges(listDiffEdges(base.graph), listDiffEdges(graph));
      rebuild = { mode: 'full', ms: performance.now() - t0, reason: incremental.reason };
    }
    const t1 = performance.now();
    const afterFindings = findingsOf(after);
    const t2 = performance.now();
    result = compareAnalyses({
      base: base.source,
      changeSet,
      applyUnresolved: applied.unresolved,
      applied: applied.applied,
      touchedBy: applied.touchedBy,
      before: { findings: beforeFindings, paths },
      after: { graph: after.graph, model: after.model, findings: afterFindings },
      edges,
      failOn: options.failOn,
      rebuild,
      timingsMs: {
        start,
        apply: tPaths - tApply,
        pathsBefore: t0 - tPaths,
        rebuild: t1 - t0,
        findings: t2 - t1,
      },
    });
  } finally {
    // The base graph is the one `serve` holds: restored before anything else can read it.
    if (incremental.kind === 'done') {
      const t3 = performance.now();
      incremental.undo();
      restoreMs = performance.now() - t3;
    }
  }
  if (restoreMs !== undefined) result.timingsMs.restore = restoreMs;
  result.timingsMs.total = performance.now() - start;
  return result;
}

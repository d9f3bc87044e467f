/**
 * The answer of what-if (DESIGN.md "What-if"): what a planned change adds to and removes from the
 * access graph and the findings, the paths it opens with their explanation, what the plan left
 * unknown — and whether it opens something at or above the `--fail-on` severity. The same value
 * is printed by the CLI (text, JSON, Markdown, SARIF) and answered by `POST /api/what-if`.
 */
import type { DiffEdge } from '../api/types.js';
import { SEVERITY_ORDER, type Finding, type Severity } from '../audit/types.js';
import type { EdgeDiff } from '../diff/diff-edges.js';
import { compareFindings } from './compare-findings.js';
import {
  findNewAdmins,
  findNewPaths,
  type PathsBefore,
  type AnalyzedGraph,
  type NewPath,
  type NewPathCategory,
} from './new-paths.js';
import type { ChangeOrigin, ChangeSet, SnapshotChange, Unresolved } from './types.js';

/** The severity of a path a change opens (the same scale as findings). */
export const PATH_SEVERITY: Readonly<Record<NewPathCategory, Severity>> = {
  'outside-to-admin': 'critical',
  'outside-to-crown-jewel': 'critical',
  'to-admin': 'high',
  'to-crown-jewel': 'high',
  outside: 'medium',
};

/** A principal that becomes an administrator of its account. */
export const NEW_ADMIN_SEVERITY: Severity = 'high';

/** Where in the plan something comes from: the addresses of the changes that touched it. */
export interface Located {
  addresses: string[];
}

export type WhatIfPath = NewPath & Located & { severity: Severity };
export type WhatIfFinding = Finding & Located;
export type WhatIfEdge = DiffEdge & Located;

export interface WhatIfSummary {
  changes: number;
  applied: number;
  unresolved: number;
  newEdges: number;
  removedEdges: number;
  changedEdges: number;
  newAdmins: number;
  newPaths: Readonly<Record<NewPathCategory, number>>;
  newFindings: number;
  worsenedFindings: number;
  resolvedFindings: number;
  /** The most severe thing opened (new or worsened finding, new path), if any. */
  maxSeverity?: Severity;
  /** Things opened at or above `failOn` (unsuppressed). */
  failing: number;
  failOn: Severity | 'none';
}

export interface WhatIfResult {
  format: ChangeSet['format'];
  /** The base analysis: `scan 12`, a directory. */
  base: string;
  summary: WhatIfSummary;
  changes: (Pick<SnapshotChange, 'kind' | 'arn'> & Partial<ChangeOrigin>)[];
  unresolved: Unresolved[];
  ignored: string[];
  unchanged: string[];
  edges: {
    newEdges: WhatIfEdge[];
    removedEdges: WhatIfEdge[];
    changedEdges: (WhatIfEdge & { previousDecision: 'allow' | 'conditional' })[];
  };
  newAdmins: (Located & { arn: string })[];
  paths: WhatIfPath[];
  findings: {
    new: WhatIfFinding[];
    worsened: (WhatIfFinding & { before: Finding; reasons: readonly string[] })[];
    /** Same finding, better (a condition added, a longer path …); never counted by --fail-on. */
    improved: (WhatIfFinding & { before: Finding; reasons: readonly string[] })[];
    resolved: WhatIfFinding[];
  };
  /** How the graph after the change was computed, and how long that took. */
  rebuild: {
    mode: 'incremental' | 'full';
    ms: number;
    reason?: string;
    /** Incremental: roles and buckets whose incoming edges were rebuilt, and the stages' ms. */
    rebuiltTargets?: number;
    stagesMs?: Record<string, number>;
  };
  /** Milliseconds per stage: applying the changes, the rebuild, findings after, new paths, all. */
  timingsMs: {
    apply: number;
    rebuild: number;
    findings: number;
    paths: number;
    /** Restoring the base graph after an incremental rebuild (changed in place). */
    restore?: number;
    total: number;
  };
}

export interface CompareInput {
  base: string;
  changeSet: ChangeSet;
  /** Unresolved entries of applying the changes. */
  applyUnresolved: readonly Unresolved[];
  applied: number;
  touchedBy: ReadonlyMap<string, ReadonlySet<string>>;
  /** The analysis before: its findings and what the path comparison needs of its graph. */
  before: { findings: readonly Finding[]; paths: PathsBefore };
  after: AnalyzedGraph & { findings: readonly Finding[] };
  edges: EdgeDiff;
  failOn: Severity | 'none';
  rebuild: WhatIfResult['rebuild'];
  /** Stage timings so far (apply, rebuild, findings); paths and total are added here. */
  timingsMs: Omit<WhatIfResult['timingsMs'], 'paths' | 'total' | 'restore'> & {
    start: number;
    /** The part of the path comparison done on the graph before (counted in `paths`). */
    pathsBefore: number;
  };
}

const atLeast = (s: Severity, min: Severity | 'none'): boolean =>
  min !== 'none' && SEVERITY_ORDER.indexOf(s) <= SEVERITY_ORDER.indexOf(min);

/** Assembles the answer from the two analyses. */
export function compareAnalyses(input: CompareInput): WhatIfResult {
  const { changeSet } = input;
  const allAddresses = [
    ...new Set(changeSet.changes.flatMap((c) => (c.origin ? [c.origin.address] : []))),
  ];
  const locate = (keys: readonly string[]): string[] => {
    const out = new Set<string>();
    for (const k of keys) for (const a of input.touchedBy.get(k) ?? []) out.add(a);
    return out.size > 0 ? [...out].sort() : allAddresses;
  };
  const edge = <E extends DiffEdge>(e: E): E & Located => ({
    ...e,
    addresses: locate([e.source, e.target]),
  });
  const findingKeys = (f: Finding): string[] => [
    f.subject,
    ...(f.path ?? []).flatMap((h) => [h.from, h.to]),
  ];

  const findings = compareFindings(input.before.findings, input.after.findings);
  const tPaths = performance.now();
  const { paths, counts } = findNewPaths(input.before.paths, input.after);
  const pathsMs = performance.now() - tPaths;
  const newAdmins = findNewAdmins(input.before.paths, input.after.graph);

  const result: WhatIfResult = {
    format: changeSet.format,
    base: input.base,
    summary: {
      changes: changeSet.changes.length,
      applied: input.applied,
      unresolved: changeSet.unresolved.length + input.applyUnresolved.length,
      newEdges: input.edges.newEdges.length,
      removedEdges: input.edges.removedEdges.length,
      changedEdges: input.edges.changedEdges.length,
      newAdmins: newAdmins.length,
      newPaths: counts,
      newFindings: findings.newFindings.length,
      worsenedFindings: findings.worsenedFindings.length,
      resolvedFindings: findings.resolvedFindings.length,
      failing: 0,
      failOn: input.failOn,
    },
    changes: changeSet.changes.map((c) => ({ kind: c.kind, arn: c.arn, ...(c.origin ?? {}) })),
    unresolved: [...changeSet.unresolved, ...input.applyUnresolved],
    ignored: changeSet.ignored,
    unchanged: changeSet.unchanged,
    edges: {
      newEdges: input.edges.newEdges.map(edge),
      removedEdges: input.edges.removedEdges.map(edge),
      changedEdges: input.edges.changedEdges.map(edge),
    },
    newAdmins: newAdmins.map((arn) => ({ arn, addresses: locate([arn]) })),
    paths: paths.map((p) => ({
      ...p,
      severity: PATH_SEVERITY[p.category],
      addresses: locate([p.start, ...p.hops.flatMap((h) => [h.from, h.to])]),
    })),
    findings: {
      new: findings.newFindings.map((f) => ({ ...f, addresses: locate(findingKeys(f)) })),
      worsened: findings.worsenedFindings.map((w) => ({
        ...w.finding,
        before: w.before,
        reasons: w.reasons,
        addresses: locate(findingKeys(w.finding)),
      })),
      improved: findings.improvedFindings.map((w) => ({
        ...w.finding,
        before: w.before,
        reasons: w.reasons,
        addresses: locate(findingKeys(w.finding)),
      })),
      resolved: findings.resolvedFindings.map((f) => ({ ...f, addresses: locate(findingKeys(f)) })),
    },
    rebuild: input.rebuild,
    timingsMs: {
      apply: input.timingsMs.apply,
      rebuild: input.timingsMs.rebuild,
      findings: input.timingsMs.findings,
      paths: input.timingsMs.pathsBefore + pathsMs,
      total: 0,
    },
  };

  const opened: Severity[] = [
    ...result.findings.new.filter((f) => f.suppressed === undefined).map((f) => f.severity),
    ...result.findings.worsened.filter((f) => f.suppressed === undefined).map((f) => f.severity),
    ...result.paths.map((p) => p.severity),
    ...result.newAdmins.map(() => NEW_ADMIN_SEVERITY),
  ];
  let max: Severity | undefined;
  for (const s of opened)
    if (max === undefined || SEVERITY_ORDER.indexOf(s) < SEVERITY_ORDER.indexOf(max)) max = s;
  if (max !== undefined) result.summary.maxSeverity = max;
  // Paths beyond the listing cap count too.
  const pathFailing = (Object.keys(counts) as NewPathCategory[])
    .filter((c) => atLeast(PATH_SEVERITY[c], input.failOn))
    .reduce((n, c) => n + counts[c], 0);
  result.summary.failing =
    pathFailing +
    (atLeast(NEW_ADMIN_SEVERITY, input.failOn) ? result.newAdmins.length : 0) +
    [...result.findings.new, ...result.findings.worsened].filter(
      (f) => f.suppressed === undefined && atLeast(f.severity, input.failOn),
    ).length;
  result.timingsMs.total = performance.now() - input.timingsMs.start;
  return result;
}

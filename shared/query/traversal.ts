/**
 * What every graph search shares: which edges a path may use, how an edge becomes a hop, how
 * parallel edges are ranked, the deterministic order of keys, and the time budget.
 *
 * Determinism contract: every choice between equally short alternatives is made by comparing
 * keys (`compareKeys`, code-unit order), never by edge insertion order, so the same graph built
 * in any order answers the same.
 */
import type { AccessGraph, ActionGroup, EdgeAttributes } from '../graph/types.js';
import {
  DEFAULT_MAX_DEPTH,
  DEFAULT_TIME_BUDGET_MS,
  type AccessPath,
  type Hop,
  type PathEdgeKind,
  type SearchOptions,
} from './types.js';

const PATH_EDGE_KINDS: ReadonlySet<string> = new Set<PathEdgeKind>([
  'can-assume',
  'can-access',
  'can-sign-in',
  'member-of',
  'can-escalate',
]);

/** Code-unit order: locale-independent, so results do not depend on the machine. */
export function compareKeys(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * Whether a path may use this edge (`can-assume`, `can-access`, `can-sign-in`, `can-escalate`, and the
 * `member-of` of an IAM Identity Center user; conditional ones if allowed). An IAM user's
 * `member-of` is not a step: its own edges already include its groups' policies.
 */
export function isPathEdge(attrs: EdgeAttributes, includeConditional: boolean): boolean {
  if (!PATH_EDGE_KINDS.has(attrs.kind)) return false;
  if (attrs.kind === 'member-of' && attrs.identityCenter !== true) return false;
  return includeConditional || attrs.decision === 'allow';
}

/** The hop of an edge. */
export function hopOf(source: string, target: string, attrs: EdgeAttributes): Hop {
  const hop: Hop = {
    from: source,
    to: target,
    kind: attrs.kind as PathEdgeKind,
    decision: attrs.decision,
    conditionKeys: attrs.decision === 'conditional' ? attrs.conditionKeys : [],
    evidence: attrs.evidence,
  };
  if (attrs.technique !== undefined) hop.technique = attrs.technique;
  if (attrs.workload !== undefined) hop.workload = attrs.workload;
  if (attrs.via !== undefined) hop.via = attrs.via;
  return hop;
}

/** Sorted union of the hops' condition keys. */
export function unionKeys(hops: readonly Hop[]): string[] {
  const keys = new Set<string>();
  for (const h of hops) for (const k of h.conditionKeys) keys.add(k);
  return [...keys].sort(compareKeys);
}

/** A path value: `conditional` when any hop is. */
export function pathOf(hops: readonly Hop[]): AccessPath {
  return {
    hops,
    decision: hops.some((h) => h.decision === 'conditional') ? 'conditional' : 'allow',
    conditionKeys: unionKeys(hops),
  };
}

const GROUP_RANK: Readonly<Record<ActionGroup, number>> = {
  read: 0,
  write: 1,
  list: 2,
  admin: 3,
  decrypt: 4,
  encrypt: 5,
  publish: 6,
  subscribe: 7,
  pull: 8,
  push: 9,
  invoke: 10,
  modify: 11,
};

/**
 * Orders two parallel edges between the same nodes: `allow` before `conditional`, then
 * `can-access` by action group (read, write, list, admin), then by edge key.
 */
export function compareParallelEdges(
  a: { key: string; attrs: EdgeAttributes },
  b: { key: string; attrs: EdgeAttributes },
): number {
  if (a.attrs.decision !== b.attrs.decision) return a.attrs.decision === 'allow' ? -1 : 1;
  const ga = a.attrs.actionGroup !== undefined ? GROUP_RANK[a.attrs.actionGroup] : -1;
  const gb = b.attrs.actionGroup !== undefined ? GROUP_RANK[b.attrs.actionGroup] : -1;
  if (ga !== gb) return ga - gb;
  return compareKeys(a.key, b.key);
}

/**
 * Whether a `can-access` edge ends a path for the requested action group (`undefined` = any).
 * `can-assume` edges always qualify.
 */
export function matchesAction(attrs: EdgeAttributes, action: ActionGroup | undefined): boolean {
  return attrs.kind !== 'can-access' || action === undefined || attrs.actionGroup === action;
}

/** The best path edge from `source` to `target` that satisfies `accept`, or undefined. */
export function bestEdgeBetween(
  graph: AccessGraph,
  source: string,
  target: string,
  accept: (attrs: EdgeAttributes) => boolean,
): { key: string; attrs: EdgeAttributes } | undefined {
  let best: { key: string; attrs: EdgeAttributes } | undefined;
  // Out-edges only: forEachDirectedEdge(a, b) also yields the edges from b to a.
  graph.forEachOutEdge(source, target, (key, attrs) => {
    if (!accept(attrs)) return;
    const cand = { key, attrs };
    if (best === undefined || compareParallelEdges(cand, best) < 0) best = cand;
  });
  return best;
}

/** Resolved search options. */
export interface ResolvedSearch {
  includeConditional: boolean;
  maxDepth: number;
  budget: QueryBudget;
}

export function resolveSearch(options: SearchOptions): ResolvedSearch {
  const maxDepth = options.maxDepth ?? DEFAULT_MAX_DEPTH;
  if (!Number.isInteger(maxDepth) || maxDepth < 1)
    throw new RangeError(`maxDepth: expected a whole number of hops ≥ 1, got ${String(maxDepth)}`);
  return {
    includeConditional: options.includeConditional ?? true,
    maxDepth,
    budget: new QueryBudget(options.timeBudgetMs ?? DEFAULT_TIME_BUDGET_MS, options.clock),
  };
}

/** Checks a positive whole-number cap such as `maxPaths`. */
export function positiveCap(name: string, value: number | undefined, fallback: number): number {
  const v = value ?? fallback;
  if (!Number.isInteger(v) || v < 1)
    throw new RangeError(`${name}: expected a whole number ≥ 1, got ${String(v)}`);
  return v;
}

function defaultClock(): number {
  return globalThis.performance.now();
}

/**
 * A wall-clock budget. `spend()` is called once per unit of work; the clock is read on the first
 * unit and then every 256, so the check costs nothing measurable. Once expired it stays expired.
 */
export class QueryBudget {
  private readonly deadline: number;
  private readonly clock: () => number;
  private ticks = 0;
  private over = false;

  constructor(ms: number, clock: () => number = defaultClock) {
    if (!(ms > 0))
      throw new RangeError(`timeBudgetMs: expected a positive number, got ${String(ms)}`);
    this.clock = clock;
    this.deadline = clock() + ms;
  }

  /** Records one unit of work; true when the budget is spent. */
  spend(): boolean {
    if (this.over) return true;
    if ((++this.ticks & 255) === 1 && this.clock() > this.deadline) this.over = true;
    return this.over;
  }

  get expired(): boolean {
    return this.over;
  }
}

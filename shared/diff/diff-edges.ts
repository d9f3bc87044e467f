/**
 * Edge-level comparison of two scans. An edge is identified by (source, target, kind,
 * actionGroup) — never by its graph key, which is an implementation detail of one graph — so
 * two graphs built from different snapshots compare by what they mean.
 */
import type { DiffEdge } from '../api/types.js';
import type { AccessGraph, EdgeAttributes, NodeAttributes, Scope } from '../graph/types.js';

/** The identity of a diff edge. */
export function diffEdgeIdentity(e: DiffEdge): string {
  return JSON.stringify([e.source, e.target, e.kind, e.actionGroup ?? '']);
}

/**
 * The traversable edges of `graph` (`can-assume`, `can-access`, `member-of`, `can-escalate` but
 * the structural `administrator-owns-account` ones) as `DiffEdge`s,
 * one per identity (an `allow` wins over `conditional` when several edges share an identity).
 */
export function listDiffEdges(graph: AccessGraph): DiffEdge[] {
  const byId = new Map<string, DiffEdge>();
  graph.forEachEdge((_key, a, source, target, sa) => {
    addDiffEdge(byId, a, source, target, sa);
  });
  return [...byId.values()];
}

/** `listDiffEdges` restricted to the edges `keys` (keys not in the graph are skipped). */
export function listDiffEdgesOf(graph: AccessGraph, keys: Iterable<string>): DiffEdge[] {
  const byId = new Map<string, DiffEdge>();
  for (const key of keys) {
    if (!graph.hasEdge(key)) continue;
    const source = graph.source(key);
    addDiffEdge(
      byId,
      graph.getEdgeAttributes(key),
      source,
      graph.target(key),
      graph.getNodeAttributes(source),
    );
  }
  return [...byId.values()];
}

function addDiffEdge(
  byId: Map<string, DiffEdge>,
  a: EdgeAttributes,
  source: string,
  target: string,
  sa: NodeAttributes,
): void {
  if (a.kind === 'dangling-trust') return;
  // Structural: follows from a principal existing in its account (the principal's own
  // appearance or removal is what changed).
  if (a.technique === 'administrator-owns-account') return;
  // `*` is public unless its policy limits it to other organizations it names or by conditions
  // an outsider cannot meet (start-scope.ts, the same judgement as queries and findings).
  const sourceScope: Scope | undefined =
    sa.kind === 'anyone'
      ? a.otherOrganizationsOnly === true || a.gatedForOutsiders === true
        ? 'external'
        : 'public'
      : sa.scope;
  const edge: DiffEdge = {
    source,
    target,
    kind: a.kind,
    decision: a.decision,
    conditionKeys: [...a.conditionKeys],
  };
  if (a.actionGroup !== undefined) edge.actionGroup = a.actionGroup;
  if (sourceScope !== undefined) edge.sourceScope = sourceScope;
  if (sa.vendor !== undefined) edge.vendor = sa.vendor;
  const id = diffEdgeIdentity(edge);
  const seen = byId.get(id);
  if (seen === undefined || (seen.decision === 'conditional' && edge.decision === 'allow'))
    byId.set(id, edge);
}

const SCOPE_RANK: Readonly<Record<string, number>> = { public: 0, external: 1, vendor: 2, org: 3 };

/** Outside edges (public, external, vendor sources) first, then by source and target. */
export function compareDiffEdges(a: DiffEdge, b: DiffEdge): number {
  const ra = SCOPE_RANK[a.sourceScope ?? 'org'] ?? 3;
  const rb = SCOPE_RANK[b.sourceScope ?? 'org'] ?? 3;
  if (ra !== rb) return ra - rb;
  return diffEdgeIdentity(a) < diffEdgeIdentity(b)
    ? -1
    : diffEdgeIdentity(a) > diffEdgeIdentity(b)
      ? 1
      : 0;
}

/** The source of the edge is outside the organization (public, external or vendor). */
export function isOutsideEdge(e: DiffEdge): boolean {
  return e.sourceScope === 'public' || e.sourceScope === 'external' || e.sourceScope === 'vendor';
}

export interface EdgeDiff {
  newEdges: DiffEdge[];
  removedEdges: DiffEdge[];
  changedEdges: (DiffEdge & { previousDecision: 'allow' | 'conditional' })[];
}

/**
 * What changed from `before` to `after`: edges only in `after` (new), only in `before`
 * (removed), and in both with a different decision (changed). Each list is sorted with outside
 * edges first.
 */
export function diffEdges(before: readonly DiffEdge[], after: readonly DiffEdge[]): EdgeDiff {
  const prev = new Map(before.map((e) => [diffEdgeIdentity(e), e]));
  const next = new Map(after.map((e) => [diffEdgeIdentity(e), e]));
  const out: EdgeDiff = { newEdges: [], removedEdges: [], changedEdges: [] };
  for (const [id, e] of next) {
    const p = prev.get(id);
    if (p === undefined) out.newEdges.push(e);
    else if (p.decision !== e.decision)
      out.changedEdges.push({ ...e, previousDecision: p.decision });
  }
  for (const [id, e] of prev) if (!next.has(id)) out.removedEdges.push(e);
  out.newEdges.sort(compareDiffEdges);
  out.removedEdges.sort(compareDiffEdges);
  out.changedEdges.sort(compareDiffEdges);
  return out;
}

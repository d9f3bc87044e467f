/**
 * The role-level edges an edge of the organization view stands for: every `can-assume` and
 * `can-access` edge whose source folds into `source` and whose target folds into `target`
 * (shared/graph/aggregate-accounts.ts folds a role, user, group or bucket into its account).
 * For two principal-level keys the answer is simply the edges between them. Evidence is read
 * here, on demand, never carried by the organization view.
 */
import { isAggregatedKind, KEPT_KINDS } from './aggregate-accounts.js';
import type { AccessGraph, EdgeAttributes } from './types.js';

export interface MemberEdge {
  key: string;
  source: string;
  target: string;
  attributes: EdgeAttributes;
}

export interface AggregateMembers {
  /** The edges found, at most `cap`, in graph order. */
  edges: MemberEdge[];
  /** All matching edges, also those beyond `cap`. */
  total: number;
}

/** Nodes that fold into `key`: itself, and for an account node every principal of its account. */
function membersOf(graph: AccessGraph, key: string): string[] {
  const a = graph.getNodeAttributes(key);
  if (a.kind !== 'account' || a.accountId === undefined) return [key];
  const id = a.accountId;
  const out = [key];
  graph.forEachNode((k, n) => {
    if (k !== key && n.accountId === id && !KEPT_KINDS.has(n.kind)) out.push(k);
  });
  return out;
}

/**
 * The aggregated edges (`isAggregatedKind`) from any member of `source` to any member of `target`.
 * Both keys must be nodes of `graph` (the caller resolves them and answers unknown keys).
 */
export function aggregateMembers(
  graph: AccessGraph,
  source: string,
  target: string,
  cap: number,
): AggregateMembers {
  const targets = new Set(membersOf(graph, target));
  const edges: MemberEdge[] = [];
  let total = 0;
  for (const s of membersOf(graph, source)) {
    graph.forEachOutEdge(s, (key, attributes, from, to) => {
      if (!isAggregatedKind(attributes.kind)) return;
      if (!targets.has(to)) return;
      total += 1;
      if (edges.length < cap) edges.push({ key, source: from, target: to, attributes });
    });
  }
  return { edges, total };
}

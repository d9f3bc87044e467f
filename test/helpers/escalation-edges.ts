/**
 * The `can-escalate` edges from one node to another, as the escalation tests read them: their
 * attributes in the graph's order; none when either node is not on the graph.
 */
import type { AccessGraph, EdgeAttributes } from '../../shared/graph/types.js';

export function escalationEdges(graph: AccessGraph, from: string, to: string): EdgeAttributes[] {
  if (!graph.hasNode(from) || !graph.hasNode(to)) return [];
  return graph
    .outEdges(from, to)
    .map((k) => graph.getEdgeAttributes(k))
    .filter((a) => a.kind === 'can-escalate');
}

/**
 * The techniques of `from`'s `can-escalate` edges to an account node (an escalation to the
 * account's administrators), each as `technique:decision`, sorted.
 */
export function accountEscalations(graph: AccessGraph, from: string, accountId: string): string[] {
  return escalationEdges(graph, from, `arn:aws:iam::${accountId}:root`)
    .map((a) => `${String(a.technique)}:${a.decision}`)
    .sort();
}

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

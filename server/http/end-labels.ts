/**
 * The names of the nodes at the ends of a list of edges that their keys do not tell: a KMS key's
 * alias (its key is `key/<id>`), an Identity Center person's or group's name (its key is an id).
 * The dashboard names every other node from its key.
 */
import type { EdgeView } from '../../shared/api/types.js';
import type { AccessGraph, NodeKind } from '../../shared/graph/types.js';

const NAMED_BY_LABEL: ReadonlySet<NodeKind> = new Set(['resource', 'sso-user', 'sso-group']);

/** Node key → label for the ends of `edges` whose kind is named by its label; undefined if none. */
export function endLabels(
  graph: AccessGraph,
  edges: readonly EdgeView[],
): Record<string, string> | undefined {
  const labels: Record<string, string> = Object.create(null) as Record<string, string>;
  let any = false;
  for (const edge of edges)
    for (const key of [edge.source, edge.target]) {
      if (key in labels || !graph.hasNode(key)) continue;
      const a = graph.getNodeAttributes(key);
      if (!NAMED_BY_LABEL.has(a.kind) || a.label === '') continue;
      labels[key] = a.label;
      any = true;
    }
  return any ? labels : undefined;
}

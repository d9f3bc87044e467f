/**
 * Diff mode: which edges of the graph on screen were added or removed since the previous scan.
 * Diff edges are principal-level (shared/api/types.ts `DiffEdge`); on the account-level view each
 * endpoint is lifted to the node that stands for it (itself if shown, else its account's node),
 * so an added role-level edge lights up the aggregate edge that contains it. A removed edge is no
 * longer in the graph: it is added back, marked `removed` (drawn only while the diff is shown, in
 * the removed colour), one per pair of shown endpoints at account level. An aggregate edge that
 * lost some of its role-level edges but still stands is therefore drawn twice: as it is now, and
 * as a removed edge beside it. Edges are matched by endpoints and kind, never by parsing a key.
 */
import type { MultiDirectedGraph } from 'graphology';
import { accountRootArn, parseArn } from '../../../shared/arn/parse-arn.js';
import type { DiffEdge } from '../api/types.js';
import type { DisplayEdgeAttributes, DisplayNodeAttributes, GraphLevel } from './display-graph.js';
import { EDGE_STATE_COLORS } from './edge-state.js';
import { mergePaths } from './merge-paths.js';

type Graph = MultiDirectedGraph<DisplayNodeAttributes, DisplayEdgeAttributes>;

export interface DiffHighlight {
  added: Set<string>;
  removed: Set<string>;
  /** Diff edges whose endpoints are not on screen (not drawn; the Scans panel lists them). */
  notShown: number;
}

function shownAs(graph: Graph, key: string): string | undefined {
  if (graph.hasNode(key)) return key;
  const arn = parseArn(key);
  if (arn === undefined || arn.accountId === '') return undefined;
  const account = accountRootArn(arn.partition, arn.accountId);
  return graph.hasNode(account) ? account : undefined;
}

function liftAdded(graph: Graph, edges: readonly DiffEdge[]): { keys: Set<string>; lost: number } {
  const keys = new Set<string>();
  let lost = 0;
  for (const e of edges) {
    const source = shownAs(graph, e.source);
    const target = shownAs(graph, e.target);
    const found =
      source === undefined || target === undefined
        ? []
        : graph.edges(source, target).filter((k) => graph.getEdgeAttribute(k, 'removed') !== true);
    if (found.length === 0) lost += 1;
    for (const key of found) keys.add(key);
  }
  return { keys, lost };
}

/** The removed edge drawn between two shown nodes (created once, reused on later calls). */
function removedEdgeBetween(graph: Graph, source: string, target: string, e: DiffEdge): string {
  const existing = graph
    .edges(source, target)
    .find((k) => graph.getEdgeAttribute(k, 'removed') === true);
  if (existing !== undefined) return existing;
  const attributes: DisplayEdgeAttributes = {
    kind: e.kind,
    state: 'internal',
    count: 1,
    decision: e.decision,
    conditionKeys: e.conditionKeys,
    size: 2,
    color: EDGE_STATE_COLORS.internal,
    detail: { ...e },
    removed: true,
  };
  return graph.addEdge(source, target, attributes);
}

function liftRemoved(
  graph: Graph,
  edges: readonly DiffEdge[],
): { keys: Set<string>; lost: number } {
  const keys = new Set<string>();
  let lost = 0;
  for (const e of edges) {
    const source = shownAs(graph, e.source);
    const target = shownAs(graph, e.target);
    if (source === undefined || target === undefined || source === target) {
      lost += 1;
      continue;
    }
    keys.add(removedEdgeBetween(graph, source, target, e));
  }
  return { keys, lost };
}

function asHops(edges: readonly DiffEdge[]) {
  return edges.map((e) => [
    {
      source: e.source,
      target: e.target,
      attributes: { ...e, evidence: [] },
    },
  ]);
}

/**
 * The highlight of a diff on the graph shown. Adds what it needs to draw (removed edges, and at
 * principal level the nodes and edges of the diff the view lacks); calling it again with the
 * same diff adds nothing more.
 */
export function diffHighlightOf(
  graph: Graph,
  level: GraphLevel,
  added: readonly DiffEdge[],
  removed: readonly DiffEdge[],
): DiffHighlight {
  if (level === 'account') {
    const a = liftAdded(graph, added);
    const r = liftRemoved(graph, removed);
    return { added: a.keys, removed: r.keys, notShown: a.lost + r.lost };
  }
  const addedKeys = mergePaths(graph, asHops(added)).edges;
  // Edges the current view lacks are added by mergePaths; for removed ones, mark them so.
  const before = new Set(graph.edges());
  const removedKeys = mergePaths(graph, asHops(removed)).edges;
  for (const key of removedKeys) if (!before.has(key)) graph.setEdgeAttribute(key, 'removed', true);
  return { added: addedKeys, removed: removedKeys, notShown: 0 };
}

/**
 * Diff mode: which edges of the graph on screen were added or removed since the previous scan.
 * Diff edges are principal-level (shared/api/types.ts `DiffEdge`); on the account-level view each
 * endpoint is lifted to the node that stands for it (itself if shown, else its account's node),
 * so an added role-level edge lights up the aggregate edge that contains it. A removed edge is no
 * longer in the graph: it is added back, marked `removed` (drawn only while the diff is shown, in
 * the removed colour), one per pair of shown endpoints and kind at account level. An aggregate
 * edge that lost some of its role-level edges but still stands is drawn once, itself in the
 * removed colour: one edge per pair on screen, never two on top of each other. Every edge in the
 * removed set knows the role-level edges it stands for (`removedFrom`), so that the side panel can
 * say what was removed and show its evidence in the previous scan. Edges are matched by endpoints
 * and kind, never by parsing a key.
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
  /** For each edge of `removed`: the removed role-level edges it stands for. */
  removedFrom: Map<string, DiffEdge[]>;
}

function record(map: Map<string, DiffEdge[]>, key: string, e: DiffEdge): void {
  const list = map.get(key);
  if (list === undefined) map.set(key, [e]);
  else list.push(e);
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

/**
 * The edge that shows a removed role-level edge between two shown nodes: the aggregate of the
 * same kind that still stands there, else a removed edge (created once, reused on later calls).
 */
function removedEdgeBetween(graph: Graph, source: string, target: string, e: DiffEdge): string {
  const between = graph
    .edges(source, target)
    .filter((k) => graph.getEdgeAttribute(k, 'kind') === e.kind);
  const standing = between.find((k) => graph.getEdgeAttribute(k, 'removed') !== true);
  if (standing !== undefined) return standing;
  const existing = between.find((k) => graph.getEdgeAttribute(k, 'removed') === true);
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
  // A stable key, so that a link to the removed edge opens it again: an opaque id, never parsed.
  const key = `${REMOVED_KEY_PREFIX}${e.kind} ${source} ${target}`;
  return graph.hasEdge(key) ? key : graph.addEdgeWithKey(key, source, target, attributes);
}

/** Prefix of the keys of the removed edges added back at account level (never an edge key of the API). */
export const REMOVED_KEY_PREFIX = 'diff-removed:';

function liftRemoved(
  graph: Graph,
  edges: readonly DiffEdge[],
): { keys: Set<string>; lost: number; from: Map<string, DiffEdge[]> } {
  const keys = new Set<string>();
  const from = new Map<string, DiffEdge[]>();
  let lost = 0;
  for (const e of edges) {
    const source = shownAs(graph, e.source);
    const target = shownAs(graph, e.target);
    if (source === undefined || target === undefined || source === target) {
      lost += 1;
      continue;
    }
    const key = removedEdgeBetween(graph, source, target, e);
    keys.add(key);
    record(from, key, e);
  }
  return { keys, lost, from };
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
    return { added: a.keys, removed: r.keys, notShown: a.lost + r.lost, removedFrom: r.from };
  }
  const addedKeys = mergePaths(graph, asHops(added)).edges;
  // Edges the current view lacks are added by mergePaths; for removed ones, mark them so.
  const before = new Set(graph.edges());
  const removedKeys = new Set<string>();
  const removedFrom = new Map<string, DiffEdge[]>();
  for (const e of removed)
    for (const key of mergePaths(graph, asHops([e])).edges) {
      if (!before.has(key)) graph.setEdgeAttribute(key, 'removed', true);
      removedKeys.add(key);
      record(removedFrom, key, e);
    }
  return { added: addedKeys, removed: removedKeys, notShown: 0, removedFrom };
}

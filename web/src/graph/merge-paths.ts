/**
 * Puts query results into the graph on screen: every node and edge of the given paths that the
 * loaded view lacks is added (a node next to a neighbour already placed), and the keys of the
 * path's nodes and edges are returned so the reducers can highlight them and grey out the rest.
 * Edges are matched by endpoints and kind — never by parsing an edge key. Pure (graphology only).
 */
import type { MultiDirectedGraph } from 'graphology';
import type { PathHop } from '../api/types.js';
import type {
  DisplayEdgeAttributes,
  DisplayNodeAttributes,
  SerializedGraph,
} from './display-graph.js';
import { toDisplayGraph } from './display-graph.js';
import { kindOfKey, nameOfKey } from './node-name.js';

export interface PathHighlight {
  nodes: Set<string>;
  edges: Set<string>;
}

type Graph = MultiDirectedGraph<DisplayNodeAttributes, DisplayEdgeAttributes>;

function findEdge(graph: Graph, hop: PathHop): string | undefined {
  if (!graph.hasNode(hop.source) || !graph.hasNode(hop.target)) return undefined;
  const kind = typeof hop.attributes.kind === 'string' ? hop.attributes.kind : undefined;
  const candidates = graph.edges(hop.source, hop.target);
  if (hop.key !== undefined && candidates.includes(hop.key)) return hop.key;
  return (
    candidates.find((e) => kind === undefined || graph.getEdgeAttribute(e, 'kind') === kind) ??
    candidates[0]
  );
}

/**
 * Adds what is missing and returns the highlight. `nodeHints` gives attributes (kind, label …)
 * for nodes the graph lacks, when the query answer carried them.
 */
export function mergePaths(
  graph: Graph,
  paths: readonly (readonly PathHop[])[],
  nodeHints: ReadonlyMap<string, Record<string, unknown>> = new Map(),
): PathHighlight {
  const highlight: PathHighlight = { nodes: new Set(), edges: new Set() };
  const missingNodes = new Map<string, Record<string, unknown>>();
  const missingEdges: PathHop[] = [];
  for (const path of paths) {
    for (const hop of path) {
      for (const end of ['source', 'target'] as const) {
        const key = hop[end];
        highlight.nodes.add(key);
        if (!graph.hasNode(key) && !missingNodes.has(key)) {
          missingNodes.set(
            key,
            nodeHints.get(key) ?? { kind: kindOfKey(key), label: nameOfKey(key) },
          );
        }
      }
      const existing = findEdge(graph, hop);
      if (existing === undefined) missingEdges.push(hop);
      else highlight.edges.add(existing);
    }
  }
  if (missingNodes.size === 0 && missingEdges.length === 0) return highlight;

  // Styles (colour, shape, size, state) come from the same code path as loaded graphs.
  const extra: SerializedGraph = {
    nodes: [...missingNodes].map(([key, attributes]) => ({ key, attributes })),
    edges: [],
  };
  const styled = toDisplayGraph(extra, 'principal').graph;
  let placed = 0;
  styled.forEachNode((key, attrs) => {
    const neighbour = paths
      .flat()
      .flatMap((h) => (h.source === key ? [h.target] : h.target === key ? [h.source] : []))
      .find((n) => graph.hasNode(n));
    const anchor = neighbour === undefined ? { x: 0, y: 0 } : graph.getNodeAttributes(neighbour);
    const angle = placed * 2.399963;
    placed += 1;
    graph.addNode(key, {
      ...attrs,
      x: anchor.x + 25 * Math.cos(angle),
      y: anchor.y + 25 * Math.sin(angle),
    });
  });
  for (const hop of missingEdges) {
    if (!graph.hasNode(hop.source) || !graph.hasNode(hop.target)) continue;
    const again = findEdge(graph, hop);
    if (again !== undefined) {
      highlight.edges.add(again);
      continue;
    }
    const single = toDisplayGraph(
      {
        nodes: [
          { key: hop.source, attributes: { ...graph.getNodeAttributes(hop.source) } },
          { key: hop.target, attributes: { ...graph.getNodeAttributes(hop.target) } },
        ],
        edges: [{ source: hop.source, target: hop.target, attributes: hop.attributes }],
      },
      'principal',
    ).graph;
    single.forEachEdge((_e, attrs) => {
      highlight.edges.add(graph.addEdge(hop.source, hop.target, attrs));
    });
  }
  return highlight;
}

/**
 * Diff mode: which edges of the graph on screen were added or removed since the previous scan.
 * Diff edges are principal-level (shared/api/types.ts `DiffEdge`); on the account-level view each
 * endpoint is lifted to the node that stands for it (itself if shown, else its account's node),
 * so an added role-level edge lights up the aggregate edge that contains it. On a principal-level
 * view a removed edge is no longer in the graph: it is added back so that it can be drawn.
 */
import type { MultiDirectedGraph } from 'graphology';
import { accountRootArn, parseArn } from '../../../shared/arn/parse-arn.js';
import type { DiffEdge } from '../api/types.js';
import type { DisplayEdgeAttributes, DisplayNodeAttributes, GraphLevel } from './display-graph.js';
import { mergePaths } from './merge-paths.js';

type Graph = MultiDirectedGraph<DisplayNodeAttributes, DisplayEdgeAttributes>;

export interface DiffHighlight {
  added: Set<string>;
  removed: Set<string>;
}

function shownAs(graph: Graph, key: string): string | undefined {
  if (graph.hasNode(key)) return key;
  const arn = parseArn(key);
  if (arn === undefined || arn.accountId === '') return undefined;
  const account = accountRootArn(arn.partition, arn.accountId);
  return graph.hasNode(account) ? account : undefined;
}

function liftToAccounts(graph: Graph, edges: readonly DiffEdge[]): Set<string> {
  const result = new Set<string>();
  for (const e of edges) {
    const source = shownAs(graph, e.source);
    const target = shownAs(graph, e.target);
    if (source === undefined || target === undefined) continue;
    for (const key of graph.edges(source, target)) result.add(key);
  }
  return result;
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

export function diffHighlightOf(
  graph: Graph,
  level: GraphLevel,
  added: readonly DiffEdge[],
  removed: readonly DiffEdge[],
): DiffHighlight {
  if (level === 'account') {
    return { added: liftToAccounts(graph, added), removed: liftToAccounts(graph, removed) };
  }
  return {
    added: mergePaths(graph, asHops(added)).edges,
    removed: mergePaths(graph, asHops(removed)).edges,
  };
}

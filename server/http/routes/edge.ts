/**
 * GET /api/edge?source=…&target=…: the role-level edges behind one edge of the graph on screen,
 * with their evidence (shared/graph/aggregate-members.ts). The organization view's edges carry a
 * count and a worst state only; a click on one asks here for what it stands for. Keys travel as
 * query parameters; the aggregate's own key is never parsed.
 */
import { Router } from 'express';
import type { EdgeMembersResponse, EdgeView } from '../../../shared/api/types.js';
import { aggregateMembers } from '../../../shared/graph/aggregate-members.js';
import type { AccessGraph } from '../../../shared/graph/types.js';
import { resolveNodeKey } from '../../../shared/query/index.js';
import type { AppContext } from '../app-context.js';
import { endLabels } from '../end-labels.js';
import { optionalInt, optionalScanId, requiredString } from '../params.js';

const DEFAULT_LIMIT = 200;
const MAX_LIMIT = 1000;

/** 0 for a source outside the organization (anyone, vendors, external accounts, IdPs), else 1. */
function insideRank(graph: AccessGraph, key: string): number {
  const a = graph.getNodeAttributes(key);
  if (a.kind === 'anyone' || a.kind === 'idp') return 0;
  return a.scope === 'external' || a.scope === 'vendor' ? 0 : 1;
}

export function edgeRoutes(ctx: AppContext): Router {
  const router = Router();
  router.get('/edge', async (req, res) => {
    const sourceInput = requiredString(req, 'source', 'the source node key');
    const targetInput = requiredString(req, 'target', 'the target node key');
    const limit = optionalInt(req, 'limit', 1, MAX_LIMIT) ?? DEFAULT_LIMIT;
    const { analysis } = await ctx.cache.get(optionalScanId(req));
    const graph = analysis.graph;
    const source = resolveNodeKey(graph, sourceInput);
    const target = resolveNodeKey(graph, targetInput);
    // Read them all (bounded by the two accounts' edges), sort, then cap: outsiders first.
    const found = aggregateMembers(graph, source, target, Number.MAX_SAFE_INTEGER);
    const edges: EdgeView[] = found.edges
      .sort(
        (a, b) =>
          insideRank(graph, a.source) - insideRank(graph, b.source) ||
          (a.source < b.source ? -1 : a.source > b.source ? 1 : 0) ||
          (a.target < b.target ? -1 : a.target > b.target ? 1 : 0),
      )
      .slice(0, limit);
    const body: EdgeMembersResponse = {
      source,
      target,
      total: found.total,
      edges,
      truncated: found.total > edges.length,
    };
    const labels = endLabels(graph, edges);
    if (labels !== undefined) body.labels = labels;
    res.json(body);
  });
  return router;
}

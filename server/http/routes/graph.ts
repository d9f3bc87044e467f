/**
 * GET /api/graph: the account-level aggregate (`level=account`), or the principal-level graph of
 * a set of accounts (`level=principal&accounts=A,B`, with their direct neighbours) or of a node's
 * neighbourhood (`level=principal&node=KEY&depth=1..3`), as graphology export JSON capped at
 * `maxGraphNodes` nodes (`truncated` says when the cap was hit).
 */
import { Router } from 'express';
import type { GraphResponse, SerializedGraph } from '../../../shared/api/types.js';
import { aggregateAccounts } from '../../../shared/graph/aggregate-accounts.js';
import type { AccessGraph, EdgeAttributes, NodeAttributes } from '../../../shared/graph/types.js';
import { resolveNodeKey } from '../../../shared/query/index.js';
import { newEdgePredicate } from '../../report/scan-report.js';
import { diffScans } from '../../scan/scan-diff.js';
import { readFindings } from '../../store/read-findings.js';
import type { AppContext } from '../app-context.js';
import { ApiError } from '../errors.js';
import { optionalEnum, optionalInt, optionalScanId, optionalString } from '../params.js';

/** The subgraph induced by `keys` as graphology export JSON. */
export function exportSubgraph(
  graph: AccessGraph,
  keys: ReadonlySet<string>,
): SerializedGraph<NodeAttributes, EdgeAttributes> {
  const nodes: SerializedGraph<NodeAttributes, EdgeAttributes>['nodes'] = [];
  const edges: SerializedGraph<NodeAttributes, EdgeAttributes>['edges'] = [];
  for (const key of keys) {
    nodes.push({ key, attributes: graph.getNodeAttributes(key) });
    graph.forEachOutEdge(key, (edge, attributes, source, target) => {
      if (keys.has(target)) edges.push({ key: edge, source, target, attributes });
    });
  }
  return {
    attributes: { ...graph.getAttributes(), level: 'principal' },
    options: { type: 'directed', multi: true, allowSelfLoops: true },
    nodes,
    edges,
  };
}

/** Nodes within `depth` hops of `start` (both directions), at most `cap`. */
function neighbourhood(
  graph: AccessGraph,
  start: string,
  depth: number,
  cap: number,
): { keys: Set<string>; truncated: boolean } {
  const keys = new Set([start]);
  let frontier = [start];
  for (let d = 0; d < depth && frontier.length > 0; d++) {
    const next: string[] = [];
    for (const n of frontier)
      for (const m of graph.neighbors(n)) {
        if (keys.has(m)) continue;
        if (keys.size >= cap) return { keys, truncated: true };
        keys.add(m);
        next.push(m);
      }
    frontier = next;
  }
  return { keys, truncated: false };
}

export function graphRoutes(ctx: AppContext): Router {
  const router = Router();
  // The account-level aggregate of a stored scan never changes: keep the last few.
  const aggregates = new Map<number, GraphResponse>();
  router.get('/graph', async (req, res) => {
    const level = optionalEnum(req, 'level', ['account', 'principal'] as const) ?? 'account';
    const scan = optionalScanId(req);
    const accountsText = optionalString(req, 'accounts');
    const node = optionalString(req, 'node');
    const depth = optionalInt(req, 'depth', 1, 3) ?? 1;
    if (level === 'principal' && (accountsText === undefined) === (node === undefined))
      throw new ApiError(
        'bad-request',
        'level=principal: give exactly one of accounts=A,B or node=KEY',
        {
          param: 'accounts',
          expected: 'accounts=<12-digit ids, comma-separated> or node=<node key>',
        },
      );
    const accounts = accountsText?.split(',').map((a) => a.trim());
    if (
      accounts !== undefined &&
      (accounts.length > 200 || !accounts.every((a) => /^\d{12}$/.test(a)))
    )
      throw new ApiError(
        'bad-request',
        'accounts: expected at most 200 comma-separated 12-digit account ids',
        {
          param: 'accounts',
          expected: 'at most 200 comma-separated 12-digit account ids',
        },
      );
    const { scanId, analysis } = await ctx.cache.get(scan);
    const graph = analysis.graph;
    const cap = ctx.limits.maxGraphNodes;
    if (level === 'account') {
      const cached = aggregates.get(scanId);
      if (cached !== undefined) {
        res.json(cached);
        return;
      }
      const byAccount = new Map<string, number>();
      for (const f of readFindings(ctx.db, scanId, { suppressed: false }).findings)
        if (f.accountId !== undefined)
          byAccount.set(f.accountId, (byAccount.get(f.accountId) ?? 0) + 1);
      const diff = diffScans(ctx.db, undefined, scanId);
      const body: GraphResponse = {
        level: 'account',
        scanId,
        graph: aggregateAccounts(graph, {
          findingsByAccount: byAccount,
          ...(diff.from === null ? {} : { isNewEdge: newEdgePredicate(diff.newEdges) }),
        }),
        truncated: false,
      };
      aggregates.set(scanId, body);
      if (aggregates.size > 4) aggregates.delete(aggregates.keys().next().value ?? scanId);
      res.json(body);
      return;
    }
    let keys: Set<string>;
    let truncated = false;
    if (node !== undefined) {
      const key = resolveNodeKey(graph, node);
      ({ keys, truncated } = neighbourhood(graph, key, depth, cap));
    } else {
      const wanted = new Set(accounts);
      const inside: string[] = graph.filterNodes(
        (_k, a) => a.accountId !== undefined && wanted.has(a.accountId),
      );
      keys = new Set();
      for (const k of inside) {
        if (keys.size >= cap) {
          truncated = true;
          break;
        }
        keys.add(k);
      }
      for (const k of inside) {
        if (truncated) break;
        for (const m of graph.neighbors(k)) {
          if (keys.has(m)) continue;
          if (keys.size >= cap) {
            truncated = true;
            break;
          }
          keys.add(m);
        }
      }
    }
    const body: GraphResponse = {
      level: 'principal',
      scanId,
      graph: exportSubgraph(graph, keys),
      truncated,
    };
    res.json(body);
  });
  return router;
}

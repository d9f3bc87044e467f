/**
 * GET /api/graph: the account-level aggregate (`level=account`), or the principal-level graph of
 * a set of accounts (`level=principal&accounts=A,B`, with their direct neighbours) or of a node's
 * neighbourhood (`level=principal&node=KEY&depth=1..3`), as graphology export JSON capped at
 * `maxGraphNodes` nodes (`truncated` says when the cap was hit; the number of accounts one request
 * may open follows that cap, `maxOpenAccounts`) — or, with `format=compact` (the dashboard), the
 * same graph in the compact wire form of shared/api/compact-graph.ts. The account-level answer of a
 * loaded scan is computed once (`accountLevelAnswer`, which the server also calls at start-up so
 * that the organization view never waits for it).
 */
import { Router, type Request } from 'express';
import { compactGraphOf } from '../../../shared/api/compact-graph.js';
import type {
  CompactGraphResponse,
  GraphResponse,
  SerializedGraph,
} from '../../../shared/api/types.js';
import { aggregateAccounts } from '../../../shared/graph/aggregate-accounts.js';
import type { AccessGraph, EdgeAttributes, NodeAttributes } from '../../../shared/graph/types.js';
import { resolveNodeKey } from '../../../shared/query/index.js';
import { newEdgePredicate } from '../../report/scan-report.js';
import { diffScans } from '../../scan/scan-diff.js';
import type { Analysis } from '../../analyze/analyze-snapshot-dir.js';
import type { Store } from '../../store/open-store.js';
import { readFindings } from '../../store/read-findings.js';
import { previousScanId } from '../../store/scans.js';
import { AnswerCache } from '../answer-cache.js';
import type { AppContext } from '../app-context.js';
import { ApiError } from '../errors.js';
import { optionalEnum, optionalInt, optionalScanId, optionalString } from '../params.js';

/** The fewest accounts `accounts=` takes, whatever the node cap. */
const MIN_ACCOUNTS = 200;
/**
 * The most: 1,000 ids are 13,000 characters, and the whole request line must fit in Node's 16 KB
 * limit on request headers (a dashboard link carries them in its own URL too).
 */
const MAX_ACCOUNTS = 1000;
/**
 * Nodes of the cap per account opened: an organization account brings its roles, users and
 * buckets (tens of nodes in practice); asking for more accounts than the cap holds at this rate
 * could only give a truncated answer.
 */
const NODES_PER_ACCOUNT = 15;

/**
 * How many accounts one principal-level request may open: follows the node cap
 * (`--max-graph-nodes`), from 200 (the default cap of 3,000 nodes) to 1,000. The answer stays
 * bounded by the node cap either way.
 */
export function maxOpenAccounts(maxGraphNodes: number): number {
  return Math.min(
    MAX_ACCOUNTS,
    Math.max(MIN_ACCOUNTS, Math.floor(maxGraphNodes / NODES_PER_ACCOUNT)),
  );
}

function accountsExpected(max: number): string {
  return `at most ${String(max)} comma-separated 12-digit account ids`;
}

/**
 * `accounts=A,B,…`: its own bound (`max` ids of 12 digits and their commas) rather than the
 * generic 2,048-character one, which would stop at 157 accounts.
 */
function optionalAccounts(req: Request, max: number): string[] | undefined {
  const value: unknown = (req.query as Record<string, unknown>).accounts;
  if (value === undefined || value === '') return undefined;
  const accounts = typeof value === 'string' ? value.split(',').map((a) => a.trim()) : [];
  if (
    typeof value !== 'string' ||
    value.length > max * 13 ||
    accounts.length > max ||
    !accounts.every((a) => /^\d{12}$/.test(a))
  ) {
    const expected = accountsExpected(max);
    throw new ApiError('bad-request', `accounts: expected ${expected}`, {
      param: 'accounts',
      expected,
    });
  }
  return accounts;
}

/**
 * Account-level answers by analysis: a stored scan's aggregate never changes, and an analysis
 * evicted from the analysis cache takes its answer with it.
 */
const accountAnswers = new WeakMap<Analysis, { db: Store; body: GraphResponse }>();

/**
 * The account-level answer of scan `scanId` (whose analysis is `analysis`): the aggregate of
 * its access graph, with open findings per account and, when there is a previous scan, the
 * edges new since then. Computed once per loaded analysis and store.
 */
export function accountLevelAnswer(db: Store, scanId: number, analysis: Analysis): GraphResponse {
  const cached = accountAnswers.get(analysis);
  if (cached?.db === db && cached.body.scanId === scanId) return cached.body;
  const byAccount = new Map<string, number>();
  for (const f of readFindings(db, scanId, { suppressed: false }).findings)
    if (f.accountId !== undefined)
      byAccount.set(f.accountId, (byAccount.get(f.accountId) ?? 0) + 1);
  // The first scan has nothing new to mark: no need to read and compare its whole edge list.
  const previous = previousScanId(db, scanId);
  const diff = previous === undefined ? undefined : diffScans(db, previous, scanId);
  const body: GraphResponse = {
    level: 'account',
    scanId,
    graph: aggregateAccounts(analysis.graph, {
      findingsByAccount: byAccount,
      ...(diff === undefined ? {} : { isNewEdge: newEdgePredicate(diff.newEdges) }),
    }),
    truncated: false,
  };
  accountAnswers.set(analysis, { db, body });
  return body;
}

/**
 * Edge attributes a graph answer leaves out: what the side panel shows once an edge is opened
 * (`GET /api/edge`, `GET /api/node`), never needed to draw it. Evidence was most of a large view's
 * answer (DESIGN.md: "graph answers carry no evidence").
 */
const DETAIL_ATTRIBUTES: ReadonlySet<string> = new Set(['evidence', 'notes', 'actions', 'claims']);

/** `attributes` without the detail attributes (the side panel asks `GET /api/edge` for them). */
function drawingAttributes(attributes: EdgeAttributes): EdgeAttributes {
  const out: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(attributes))
    if (!DETAIL_ATTRIBUTES.has(name)) out[name] = value;
  return out as unknown as EdgeAttributes;
}

/**
 * The subgraph induced by `keys` as graphology export JSON. Edges carry what drawing needs; their
 * evidence, notes, S3 action lists and OIDC claims come with `GET /api/edge` when one is opened.
 */
export function exportSubgraph(
  graph: AccessGraph,
  keys: ReadonlySet<string>,
): SerializedGraph<NodeAttributes, EdgeAttributes> {
  const nodes: SerializedGraph<NodeAttributes, EdgeAttributes>['nodes'] = [];
  const edges: SerializedGraph<NodeAttributes, EdgeAttributes>['edges'] = [];
  for (const key of keys) {
    nodes.push({ key, attributes: graph.getNodeAttributes(key) });
    graph.forEachOutEdge(key, (edge, attributes, source, target) => {
      if (keys.has(target))
        edges.push({ key: edge, source, target, attributes: drawingAttributes(attributes) });
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

/** `answer` with its graph in the compact wire form (`format=compact`). */
export function compactAnswer(answer: GraphResponse): CompactGraphResponse {
  return answer.level === 'account'
    ? { ...answer, format: 'compact', graph: compactGraphOf(answer.graph) }
    : { ...answer, format: 'compact', graph: compactGraphOf(answer.graph) };
}

/**
 * `answers`: principal-level answers kept per scan (answer-cache.ts), serialized — a second viewer
 * of the same accounts (or a reload) skips the subgraph, its compact form and JSON; a new scan is
 * a new scan id. An answer larger than a quarter of the cache (the export JSON of a large view)
 * is not kept.
 */
export function graphRoutes(ctx: AppContext, answers = new AnswerCache()): Router {
  const router = Router();
  router.get('/graph', async (req, res) => {
    const level = optionalEnum(req, 'level', ['account', 'principal'] as const) ?? 'account';
    const scan = optionalScanId(req);
    const accounts = optionalAccounts(req, maxOpenAccounts(ctx.limits.maxGraphNodes));
    const node = optionalString(req, 'node');
    const depth = optionalInt(req, 'depth', 1, 3) ?? 1;
    const format = optionalEnum(req, 'format', ['json', 'compact'] as const) ?? 'json';
    if (level === 'principal' && (accounts === undefined) === (node === undefined))
      throw new ApiError(
        'bad-request',
        'level=principal: give exactly one of accounts=A,B or node=KEY',
        {
          param: 'accounts',
          expected: 'accounts=<12-digit ids, comma-separated> or node=<node key>',
        },
      );
    const { scanId, analysis } = await ctx.cache.get(scan);
    const graph = analysis.graph;
    const cap = ctx.limits.maxGraphNodes;
    if (level === 'account') {
      const answer = accountLevelAnswer(ctx.db, scanId, analysis);
      res.json(format === 'compact' ? compactAnswer(answer) : answer);
      return;
    }
    const kept = AnswerCache.keyOf(scanId, req);
    const json = answers.get(kept);
    if (json !== undefined) {
      res.type('application/json').send(json);
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
    const sent = format === 'compact' ? compactAnswer(body) : body;
    const text = JSON.stringify(sent);
    answers.set(kept, text, sent);
    res.type('application/json').send(text);
  });
  return router;
}

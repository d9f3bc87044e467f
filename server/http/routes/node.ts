/**
 * GET /api/node?key=…: a node with its policies (full documents), findings and edges (and a
 * Lambda function's URLs and aliases);
 * GET /api/search?q=…: autocomplete over node keys and labels (prefix matches first).
 */
import { Router } from 'express';
import type {
  EdgeView,
  NodeDetailResponse,
  NodeRef,
  SearchResponse,
} from '../../../shared/api/types.js';
import type { AccessGraph, EdgeAttributes } from '../../../shared/graph/types.js';
import { resolveNodeKey } from '../../../shared/query/index.js';
import { readFindings } from '../../store/read-findings.js';
import type { AppContext } from '../app-context.js';
import { endLabels } from '../end-labels.js';
import { functionDetail } from '../function-detail.js';
import { nodePolicies } from '../node-policies.js';
import { optionalInt, optionalScanId, requiredString } from '../params.js';

const MAX_EDGES_PER_SIDE = 500;

function nodeRef(graph: AccessGraph, key: string): NodeRef {
  const a = graph.getNodeAttributes(key);
  const ref: NodeRef = { key, label: a.label, kind: a.kind };
  if (a.accountId !== undefined) ref.accountId = a.accountId;
  if (a.kind === 'anyone') ref.scope = 'public';
  else if (a.scope !== undefined) ref.scope = a.scope;
  if (a.vendor !== undefined) ref.vendor = a.vendor;
  return ref;
}

export function nodeRoutes(ctx: AppContext): Router {
  const router = Router();
  router.get('/node', async (req, res) => {
    const input = requiredString(req, 'key', 'the node key (an ARN, service:<name> or *)');
    const { scanId, analysis } = await ctx.cache.get(optionalScanId(req));
    const graph = analysis.graph;
    const key = resolveNodeKey(graph, input);
    const attributes = graph.getNodeAttributes(key);
    const inbound: EdgeView[] = [];
    const outbound: EdgeView[] = [];
    const all: EdgeAttributes[] = [];
    let truncated = false;
    graph.forEachInEdge(key, (edge, a, source, target) => {
      all.push(a);
      if (inbound.length < MAX_EDGES_PER_SIDE)
        inbound.push({ key: edge, source, target, attributes: a });
      else truncated = true;
    });
    graph.forEachOutEdge(key, (edge, a, source, target) => {
      all.push(a);
      if (outbound.length < MAX_EDGES_PER_SIDE)
        outbound.push({ key: edge, source, target, attributes: a });
      else truncated = true;
    });
    const findings = readFindings(ctx.db, scanId, { status: ['new', 'open'] }).findings.filter(
      (f) => f.subject === key,
    );
    const body: NodeDetailResponse = {
      key,
      attributes,
      policies: nodePolicies(analysis.snapshot, key, attributes, all),
      findings,
      inbound,
      outbound,
      truncated,
    };
    const lambda = functionDetail(analysis.model, key);
    if (lambda !== undefined) body.lambda = lambda;
    const labels = endLabels(graph, [...inbound, ...outbound]);
    if (labels !== undefined) body.labels = labels;
    res.json(body);
  });

  router.get('/search', async (req, res) => {
    const q = requiredString(req, 'q', 'text to look for in node keys and labels');
    const limit = optionalInt(req, 'limit', 1, 100) ?? 20;
    const { analysis } = await ctx.cache.get(optionalScanId(req));
    const graph = analysis.graph;
    const needle = q.toLowerCase();
    const prefix: string[] = [];
    const contains: string[] = [];
    graph.forEachNode((key, a) => {
      const label = a.label.toLowerCase();
      const k = key.toLowerCase();
      if (label.startsWith(needle) || k.startsWith(needle)) prefix.push(key);
      else if (
        label.includes(needle) ||
        k.includes(needle) ||
        (a.vendor?.toLowerCase().includes(needle) ?? false)
      )
        contains.push(key);
    });
    const sort = (xs: string[]): string[] =>
      xs.sort((x, y) => x.length - y.length || (x < y ? -1 : 1));
    const hits = [...sort(prefix), ...sort(contains)];
    const body: SearchResponse = {
      query: q,
      items: hits.slice(0, limit).map((k) => nodeRef(graph, k)),
      truncated: hits.length > limit,
    };
    res.json(body);
  });
  return router;
}

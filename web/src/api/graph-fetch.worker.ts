/**
 * Web worker: fetches one `/api/graph` answer and parses it off the page's main thread, then
 * hands it over. A compact answer (`format: 'compact'`, shared/api/compact-graph.ts) is checked
 * and handed over in one message, its index columns as typed arrays that move without a copy.
 * An answer as graphology export JSON (over 100 MB for a 50,000-node view: a second or more of
 * parsing that would freeze the page) is handed over in chunks of `CHUNK` nodes or edges, one
 * message each, so that the page never spends long on one message either.
 *
 * Messages out (`GraphWorkerMessage`): `meta` (counts, level, scan, truncated), then either one
 * `compact` message or `nodes` and `edges` chunks in order, then `done`; or a single `error`
 * (HTTP status and the server's error body, or a description of what was wrong with the answer).
 */
import { checkCompactGraph, type CompactGraph } from '../../../shared/api/compact-graph.js';
import type { GraphWorkerMessage, GraphWorkerRequest } from './graph-worker-protocol.js';

const CHUNK = 4000;

function post(message: GraphWorkerMessage, transfer: Transferable[] = []): void {
  self.postMessage(message, { transfer });
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function notAGraph(status: number, why: string): void {
  post({
    type: 'error',
    status,
    body: undefined,
    message: `/api/graph: the answer is not a graph (${why})`,
  });
}

/** Hands a checked compact graph over, its number columns as transferred typed arrays. */
function postCompact(body: Record<string, unknown>, graph: CompactGraph<unknown, unknown>): void {
  const edgeSources = Int32Array.from(graph.edgeSources);
  const edgeTargets = Int32Array.from(graph.edgeTargets);
  const edgeAttributes = Int32Array.from(graph.edgeAttributes);
  const edgeVariants = Int32Array.from(graph.edgeVariants);
  post({
    type: 'meta',
    level: body.level,
    scanId: body.scanId,
    truncated: body.truncated === true,
    nodes: graph.nodeKeys.length,
    edges: edgeSources.length,
  });
  post(
    {
      type: 'compact',
      graph: { ...graph, edgeSources, edgeTargets, edgeAttributes, edgeVariants },
    },
    [edgeSources.buffer, edgeTargets.buffer, edgeAttributes.buffer, edgeVariants.buffer],
  );
  post({ type: 'done' });
}

async function load(request: GraphWorkerRequest): Promise<void> {
  const response = await fetch(request.url, { headers: request.headers });
  const text = await response.text();
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    body = undefined;
  }
  if (!response.ok) {
    post({ type: 'error', status: response.status, body });
    return;
  }
  const graph = isRecord(body) ? body.graph : undefined;
  if (isRecord(body) && body.format === 'compact') {
    const problem = checkCompactGraph(graph);
    if (problem !== undefined) notAGraph(response.status, `compact form: ${problem}`);
    else postCompact(body, graph as CompactGraph<unknown, unknown>);
    return;
  }
  if (
    !isRecord(body) ||
    !isRecord(graph) ||
    !Array.isArray(graph.nodes) ||
    !Array.isArray(graph.edges)
  ) {
    notAGraph(response.status, 'expected { graph: { nodes: [], edges: [] } }');
    return;
  }
  const nodes: unknown[] = graph.nodes;
  const edges: unknown[] = graph.edges;
  post({
    type: 'meta',
    level: body.level,
    scanId: body.scanId,
    truncated: body.truncated === true,
    nodes: nodes.length,
    edges: edges.length,
  });
  for (let i = 0; i < nodes.length; i += CHUNK)
    post({ type: 'nodes', items: nodes.slice(i, i + CHUNK) });
  for (let i = 0; i < edges.length; i += CHUNK)
    post({ type: 'edges', items: edges.slice(i, i + CHUNK) });
  post({ type: 'done' });
}

self.onmessage = (event: MessageEvent<GraphWorkerRequest>) => {
  load(event.data).catch((err: unknown) => {
    post({
      type: 'error',
      status: 0,
      body: undefined,
      message: `/api/graph: ${err instanceof Error ? err.message : String(err)}`,
    });
  });
};

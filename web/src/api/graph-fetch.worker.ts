/**
 * Web worker: fetches one `/api/graph` answer and parses it off the page's main thread (the
 * principal-level answer of a 50,000-node view is over 100 MB of JSON: a second or more of
 * parsing that would freeze the page), then hands it over in chunks of `CHUNK` nodes or edges,
 * one message each, so that the page never spends long on one message either.
 *
 * Messages out (`GraphWorkerMessage`): `meta` (counts, level, scan, truncated), then `nodes` and
 * `edges` chunks in order, then `done`; or a single `error` (HTTP status and the server's error
 * body, or a description of what was wrong with the answer).
 */
import type { GraphWorkerMessage, GraphWorkerRequest } from './graph-worker-protocol.js';

const CHUNK = 4000;

function post(message: GraphWorkerMessage): void {
  self.postMessage(message);
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
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
  if (
    !isRecord(body) ||
    !isRecord(graph) ||
    !Array.isArray(graph.nodes) ||
    !Array.isArray(graph.edges)
  ) {
    post({
      type: 'error',
      status: response.status,
      body: undefined,
      message:
        '/api/graph: the answer is not a graph (expected { graph: { nodes: [], edges: [] } })',
    });
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

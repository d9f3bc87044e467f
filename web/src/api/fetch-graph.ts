/**
 * `fetchGraph`: the `/api/graph` answer, fetched and parsed in a web worker (graph-fetch.worker.ts)
 * and received whole (the compact form, `format=compact`) or in chunks (export JSON), so that a
 * 50,000-node answer never blocks the page for long; progress is reported as chunks arrive.
 * Falls back to a plain fetch where workers are not available. Errors are `ApiError`s, as from
 * `getJson`.
 */
import { checkCompactGraph, type CompactGraphColumns } from '../../../shared/api/compact-graph.js';
import type { SerializedGraph } from '../graph/display-graph.js';
import { ApiError, buildUrl, getJson, readError, requestHeaders, type Query } from './client.js';
import type { GraphWorkerMessage, GraphWorkerRequest } from './graph-worker-protocol.js';

export interface GraphProgress {
  /** Nodes and edges received so far, and how many the answer holds. */
  received: number;
  total: number;
}

/** A graph answer as received: its graph as export JSON or in the compact form. */
export interface ReceivedGraph {
  level: unknown;
  scanId: unknown;
  truncated: boolean;
  graph: SerializedGraph | CompactGraphColumns<unknown, unknown>;
}

/** Without a worker: fetched and parsed on the page (a compact answer is checked first). */
async function fetchOnPage(query: Query, signal: AbortSignal): Promise<ReceivedGraph> {
  const body = await getJson<ReceivedGraph & { format?: unknown }>('graph', query, signal);
  if (body.format === 'compact') {
    const problem = checkCompactGraph(body.graph);
    if (problem !== undefined)
      throw new ApiError(
        200,
        'bad-response',
        `/api/graph: the answer is not a graph (compact form: ${problem})`,
      );
  }
  return body;
}

export async function fetchGraph(
  query: Query,
  signal: AbortSignal,
  onProgress?: (progress: GraphProgress) => void,
): Promise<ReceivedGraph> {
  if (typeof Worker === 'undefined') return fetchOnPage(query, signal);
  signal.throwIfAborted();
  const worker = new Worker(new URL('./graph-fetch.worker.ts', import.meta.url), {
    type: 'module',
  });
  return new Promise<ReceivedGraph>((resolve, reject) => {
    const nodes: unknown[] = [];
    const edges: unknown[] = [];
    let compact: CompactGraphColumns<unknown, unknown> | undefined;
    let meta: Extract<GraphWorkerMessage, { type: 'meta' }> | undefined;
    const finish = (): void => {
      worker.terminate();
      signal.removeEventListener('abort', onAbort);
    };
    const onAbort = (): void => {
      finish();
      reject(signal.reason instanceof Error ? signal.reason : new Error('aborted'));
    };
    signal.addEventListener('abort', onAbort);
    worker.onerror = (event) => {
      finish();
      reject(
        new ApiError(0, 'worker-error', `/api/graph: ${event.message || 'the worker failed'}`),
      );
    };
    worker.onmessage = (event: MessageEvent<GraphWorkerMessage>) => {
      const message = event.data;
      switch (message.type) {
        case 'meta':
          meta = message;
          onProgress?.({ received: 0, total: message.nodes + message.edges });
          return;
        case 'nodes':
        case 'edges':
          for (const item of message.items) (message.type === 'nodes' ? nodes : edges).push(item);
          if (meta !== undefined)
            onProgress?.({ received: nodes.length + edges.length, total: meta.nodes + meta.edges });
          return;
        case 'compact':
          compact = message.graph;
          if (meta !== undefined)
            onProgress?.({ received: meta.nodes + meta.edges, total: meta.nodes + meta.edges });
          return;
        case 'done':
          finish();
          resolve({
            level: meta?.level,
            scanId: meta?.scanId,
            truncated: meta?.truncated ?? false,
            graph: compact ?? ({ nodes, edges } as SerializedGraph),
          });
          return;
        case 'error':
          finish();
          reject(
            message.message !== undefined
              ? new ApiError(message.status, 'bad-response', message.message)
              : readError(message.status, message.body),
          );
          return;
      }
    };
    const request: GraphWorkerRequest = {
      url: new URL(buildUrl('graph', query), document.baseURI).href,
      headers: requestHeaders(),
    };
    worker.postMessage(request);
  });
}

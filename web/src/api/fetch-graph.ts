/**
 * `fetchGraph`: the `/api/graph` answer, fetched and parsed in a web worker (graph-fetch.worker.ts)
 * and received in chunks, so that a 50,000-node answer never blocks the page for long; progress
 * is reported as chunks arrive. Falls back to a plain fetch where workers are not available.
 * Errors are `ApiError`s, as from `getJson`.
 */
import type { GraphResponse } from './types.js';
import { ApiError, buildUrl, getJson, readError, requestHeaders, type Query } from './client.js';
import type { GraphWorkerMessage, GraphWorkerRequest } from './graph-worker-protocol.js';

export interface GraphProgress {
  /** Nodes and edges received so far, and how many the answer holds. */
  received: number;
  total: number;
}

export async function fetchGraph(
  query: Query,
  signal: AbortSignal,
  onProgress?: (progress: GraphProgress) => void,
): Promise<GraphResponse> {
  if (typeof Worker === 'undefined') return getJson<GraphResponse>('graph', query, signal);
  signal.throwIfAborted();
  const worker = new Worker(new URL('./graph-fetch.worker.ts', import.meta.url), {
    type: 'module',
  });
  return new Promise<GraphResponse>((resolve, reject) => {
    const nodes: unknown[] = [];
    const edges: unknown[] = [];
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
        case 'done':
          finish();
          resolve({
            level: meta?.level,
            scanId: meta?.scanId,
            truncated: meta?.truncated ?? false,
            graph: { nodes, edges },
          } as unknown as GraphResponse);
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

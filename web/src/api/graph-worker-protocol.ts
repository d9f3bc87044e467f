/** The messages between the page and graph-fetch.worker.ts. */
import type { CompactGraphColumns } from '../../../shared/api/compact-graph.js';

export interface GraphWorkerRequest {
  /** Absolute URL of the `/api/graph` request (a worker resolves relative URLs against itself). */
  url: string;
  headers: Record<string, string>;
}

export type GraphWorkerMessage =
  | {
      type: 'meta';
      level: unknown;
      scanId: unknown;
      truncated: boolean;
      nodes: number;
      edges: number;
    }
  | { type: 'nodes'; items: unknown[] }
  | { type: 'edges'; items: unknown[] }
  /**
   * A compact answer (`format: 'compact'`, checked by the worker), whole: its index columns are
   * typed arrays handed over without a copy.
   */
  | { type: 'compact'; graph: CompactGraphColumns<unknown, unknown> }
  | { type: 'done' }
  | { type: 'error'; status: number; body: unknown; message?: string };

/**
 * Query answers kept per scan: the serialized JSON of a graph query (who-can-reach, paths,
 * can-assume, reachable-from) under the scan it was computed on and the request's path and
 * canonical parameters. A stored scan never changes, so an answer stays right for that scan; a
 * new scan is a new scan id, so requests for the latest scan never see an older scan's answers
 * (they age out of the cache). Least recently used answers go first once `maxBytes` is reached.
 *
 * Contract: answers cut short by the time budget (`kind: 'truncated'`) are never kept — under
 * load they would outlive the load; an answer larger than a quarter of the cache is not kept.
 */
import type { Request } from 'express';

export const DEFAULT_ANSWER_CACHE_BYTES = 64 * 1024 * 1024;

export class AnswerCache {
  private readonly entries = new Map<string, string>();
  private bytes = 0;

  constructor(private readonly maxBytes = DEFAULT_ANSWER_CACHE_BYTES) {}

  /** The cache key of `req` on scan `scanId`: path and parameters sorted by name. */
  static keyOf(scanId: number, req: Request): string {
    const query = req.query as Record<string, unknown>;
    const params = Object.keys(query)
      .filter((k) => k !== 'scan')
      .sort()
      .map((k) => `${encodeURIComponent(k)}=${encodeURIComponent(String(query[k]))}`)
      .join('&');
    return `${String(scanId)} ${req.path}?${params}`;
  }

  get(key: string): string | undefined {
    const hit = this.entries.get(key);
    if (hit === undefined) return undefined;
    this.entries.delete(key);
    this.entries.set(key, hit);
    return hit;
  }

  /** Keeps `json` unless the answer was cut short by the time budget or is too large. */
  set(key: string, json: string, body: unknown): void {
    if (typeof body === 'object' && body !== null && 'kind' in body && body.kind === 'truncated')
      return;
    const size = key.length + json.length;
    if (size * 4 > this.maxBytes) return;
    const previous = this.entries.get(key);
    if (previous !== undefined) {
      this.entries.delete(key);
      this.bytes -= key.length + previous.length;
    }
    this.entries.set(key, json);
    this.bytes += size;
    for (const [k, v] of this.entries) {
      if (this.bytes <= this.maxBytes) break;
      this.entries.delete(k);
      this.bytes -= k.length + v.length;
    }
  }

  get size(): number {
    return this.entries.size;
  }
}

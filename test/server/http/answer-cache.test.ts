/**
 * Query answers kept per scan (server/http/answer-cache.ts): the same question on the same scan
 * is answered from the cache (shown by changing the in-memory graph behind the server's back),
 * a new scan is never answered from an older scan's answers, answers cut short by the time
 * budget are not kept, parameter order does not matter, and the cache stays within its bytes.
 */
import type { Request } from 'express';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AnswerCache } from '../../../server/http/answer-cache.js';
import { runScan } from '../../../server/scan/run-scan.js';
import { resolveAnalysisConfig } from '../../../shared/config/analysis-config.js';
import { TEST_PIPELINE, V2 } from '../scan/test-pipeline.js';
import { buildFixture, type Fixture } from './api-fixture.js';

const BUCKET = 'arn:aws:s3:::acme-data';
const EXTERNAL = 'arn:aws:iam::999999999999:root';
const q = encodeURIComponent;

let f: Fixture;
beforeAll(async () => {
  f = await buildFixture();
});

interface WhoCanReach {
  principals: { principal: string }[];
}

describe('query answers kept per scan', () => {
  it('answers the same question on the same scan from the cache, and a new scan afresh', async () => {
    const url = `/api/who-can-reach?resource=${q(BUCKET)}&action=read`;
    const first = await request(f.app).get(url);
    expect(first.status).toBe(200);
    const starts = (first.body as WhoCanReach).principals.map((p) => p.principal);
    expect(starts).toContain(EXTERNAL);

    // Behind the server's back: the loaded scan's graph loses the outside account's edges.
    const { scanId, analysis } = await f.context.cache.get();
    const graph = analysis.graph;
    const dropped = graph.outboundEdges(EXTERNAL).map((e) => ({
      key: e,
      source: graph.source(e),
      target: graph.target(e),
      attributes: graph.getEdgeAttributes(e),
    }));
    for (const e of dropped) graph.dropEdge(e.key);
    try {
      // Same scan, same question (parameters in another order): the kept answer.
      const again = await request(f.app).get(
        `/api/who-can-reach?action=read&resource=${q(BUCKET)}`,
      );
      expect(again.body).toEqual(first.body);
      // A new scan is answered afresh: store one, and let its analysis be the changed graph.
      const next = await runScan(
        f.db,
        { dir: V2, source: 'from-dir', config: resolveAnalysisConfig() },
        TEST_PIPELINE,
      );
      expect(next.scanId).toBeGreaterThan(scanId);
      f.context.cache.put(next.scanId, analysis);
      const fresh = await request(f.app).get(url);
      expect(fresh.status).toBe(200);
      expect(fresh.body).not.toEqual(first.body);
      // The older scan asked for by id keeps its own (kept) answer.
      const older = await request(f.app).get(`${url}&scan=${String(scanId)}`);
      expect(older.body).toEqual(first.body);
    } finally {
      for (const e of dropped) graph.addEdgeWithKey(e.key, e.source, e.target, e.attributes);
    }
  });

  it('does not keep answers cut short by the time budget', () => {
    const cache = new AnswerCache(1024 * 1024);
    cache.set('k1', '{"kind":"truncated"}', { kind: 'truncated', reason: 'time-budget' });
    expect(cache.get('k1')).toBeUndefined();
    cache.set('k2', '{"kind":"found"}', { kind: 'found' });
    expect(cache.get('k2')).toBe('{"kind":"found"}');
  });

  it('drops the least recently used answers beyond its size, and refuses oversized ones', () => {
    const cache = new AnswerCache(100);
    cache.set('a', 'x'.repeat(20), {});
    cache.set('b', 'x'.repeat(20), {});
    cache.get('a');
    for (const k of ['c', 'd', 'e']) cache.set(k, 'x'.repeat(20), {});
    expect(cache.get('b')).toBeUndefined();
    expect(cache.get('a')).toBeDefined();
    expect(cache.size).toBe(4);
    cache.set('huge', 'x'.repeat(60), {});
    expect(cache.get('huge')).toBeUndefined();
  });

  it('keys by scan, path and sorted parameters, never by the scan parameter itself', () => {
    const req = (path: string, query: Record<string, string>): Request =>
      ({ path, query }) as unknown as Request;
    expect(AnswerCache.keyOf(3, req('/paths', { to: 'b', from: 'a', scan: '3' }))).toBe(
      AnswerCache.keyOf(3, req('/paths', { from: 'a', to: 'b' })),
    );
    expect(AnswerCache.keyOf(3, req('/paths', { from: 'a', to: 'b' }))).not.toBe(
      AnswerCache.keyOf(4, req('/paths', { from: 'a', to: 'b' })),
    );
    expect(AnswerCache.keyOf(3, req('/paths', { from: 'a&to=b' }))).not.toBe(
      AnswerCache.keyOf(3, req('/paths', { from: 'a', to: 'b' })),
    );
  });
});

afterAll(() => {
  f.db.close();
});

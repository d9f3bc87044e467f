// Graph answers carry no evidence (DESIGN.md "The access graph"): a principal-level answer's
// edges have what drawing needs, never their evidence, notes, S3 action lists or OIDC claims;
// the same edge's detail comes on demand with GET /api/node. Answers are gzipped for clients
// that accept it.
import { rmSync } from 'node:fs';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildFixture, type Fixture } from './api-fixture.js';

let f: Fixture;
beforeAll(async () => {
  f = await buildFixture();
});
afterAll(() => {
  f.db.close();
  rmSync(f.dir, { recursive: true, force: true });
});

interface Edge {
  key: string;
  source: string;
  target: string;
  attributes: Record<string, unknown>;
}

describe('GET /api/graph?level=principal', () => {
  it('sends edges without their detail, which GET /api/node gives on demand', async () => {
    const r = await request(f.app)
      .get('/api/graph?level=principal&accounts=222222222222')
      .set('Accept-Encoding', 'gzip');
    expect(r.status).toBe(200);
    expect(r.headers['content-encoding']).toBe('gzip');
    const edges = (r.body as { graph: { edges: Edge[] } }).graph.edges;
    expect(edges.length).toBeGreaterThan(0);
    for (const e of edges) {
      for (const name of ['evidence', 'notes', 'actions', 'claims'])
        expect(Object.hasOwn(e.attributes, name)).toBe(false);
      expect(typeof e.attributes.kind).toBe('string');
      expect(typeof e.attributes.decision).toBe('string');
    }
    const access = edges.find((e) => e.attributes.kind === 'can-access');
    expect(access).toBeDefined();
    const node = await request(f.app).get(
      `/api/node?key=${encodeURIComponent(access?.target ?? '')}`,
    );
    expect(node.status).toBe(200);
    const full = (node.body as { inbound: Edge[] }).inbound.find((e) => e.key === access?.key);
    expect(Array.isArray(full?.attributes.evidence)).toBe(true);
    expect((full?.attributes.evidence as unknown[]).length).toBeGreaterThan(0);
    expect(Array.isArray(full?.attributes.actions)).toBe(true);
  });
});

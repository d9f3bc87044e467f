// GET /api/graph: the accounts parameter takes the 200 accounts the route promises (longer than
// the generic 2,048-character bound), and the account-level answer is computed once per loaded
// scan — also on a store with a single scan, where nothing is new.
import { rmSync } from 'node:fs';
import request from 'supertest';
import { afterEach, describe, expect, it } from 'vitest';
import { accountLevelAnswer } from '../../../server/http/routes/graph.js';
import {
  checkCompactGraph,
  expandCompactGraph,
  type CompactGraph,
} from '../../../shared/api/compact-graph.js';
import { buildFixture, type Fixture } from './api-fixture.js';

const fixtures: Fixture[] = [];
afterEach(() => {
  for (const f of fixtures.splice(0)) {
    f.db.close();
    rmSync(f.dir, { recursive: true, force: true });
  }
});
async function fixture(scans?: number): Promise<Fixture> {
  const f = await buildFixture(scans === undefined ? {} : { scans });
  fixtures.push(f);
  return f;
}

function accountIds(n: number): string[] {
  return Array.from({ length: n }, (_, i) => String(500000000000 + i));
}

describe('GET /api/graph?level=principal&accounts=…', () => {
  it('accepts 200 accounts (2,599 characters) and answers with their nodes', async () => {
    const f = await fixture();
    const ids = ['111111111111', ...accountIds(199)];
    expect(ids.join(',').length).toBe(2599);
    const r = await request(f.app).get(`/api/graph?level=principal&accounts=${ids.join(',')}`);
    expect(r.status).toBe(200);
    const nodes = (r.body as { graph: { nodes: { attributes: { accountId?: string } }[] } }).graph
      .nodes;
    expect(nodes.some((n) => n.attributes.accountId === '111111111111')).toBe(true);
  });

  const bad: readonly { name: string; query: string }[] = [
    { name: '201 accounts', query: accountIds(201).join(',') },
    { name: 'an id of 11 digits', query: '111111111111,22222222222' },
    { name: 'a repeated parameter', query: '111111111111&accounts=222222222222' },
    { name: 'an overlong value', query: '1'.repeat(2601) },
  ];
  it.each(bad)('refuses $name with bad-request naming accounts', async ({ query }) => {
    const f = await fixture();
    const r = await request(f.app).get(`/api/graph?level=principal&accounts=${query}`);
    expect(r.status).toBe(400);
    expect(r.body).toEqual({
      error: {
        code: 'bad-request',
        message: 'accounts: expected at most 200 comma-separated 12-digit account ids',
        details: {
          param: 'accounts',
          expected: 'at most 200 comma-separated 12-digit account ids',
        },
      },
    });
  });
});

describe('accountLevelAnswer', () => {
  it('is computed once per loaded analysis and is what the route answers', async () => {
    const f = await fixture();
    const { scanId, analysis } = await f.context.cache.get();
    const first = accountLevelAnswer(f.db, scanId, analysis);
    expect(accountLevelAnswer(f.db, scanId, analysis)).toBe(first);
    const r = await request(f.app).get('/api/graph?level=account');
    expect(r.status).toBe(200);
    expect(r.body).toEqual(JSON.parse(JSON.stringify(first)));
  });

  it('on a store with one scan marks no edge new', async () => {
    const f = await fixture(1);
    const r = await request(f.app).get('/api/graph?level=account');
    expect(r.status).toBe(200);
    const edges = (r.body as { graph: { edges: { attributes: { isNew?: boolean } }[] } }).graph
      .edges;
    expect(edges.length).toBeGreaterThan(0);
    expect(edges.filter((e) => e.attributes.isNew === true)).toEqual([]);
  });
});

describe('GET /api/graph?…&format=compact', () => {
  const queries: readonly { name: string; query: string }[] = [
    { name: 'the organization view', query: 'level=account' },
    { name: 'the principal level of every account', query: 'level=principal&accounts=ALL' },
    {
      name: 'a neighbourhood',
      query: `level=principal&node=${encodeURIComponent('arn:aws:iam::111111111111:root')}&depth=2`,
    },
  ];
  it.each(queries)('is $name as export JSON, written compactly', async ({ query }) => {
    const f = await fixture();
    const { analysis } = await f.context.cache.get();
    const accounts = new Set<string>();
    analysis.graph.forEachNode((_k, a) => {
      if (a.kind === 'account' && a.accountId !== undefined) accounts.add(a.accountId);
    });
    const q = query.replace('ALL', [...accounts].slice(0, 200).join(','));
    const json = await request(f.app).get(`/api/graph?${q}`);
    const compact = await request(f.app).get(`/api/graph?${q}&format=compact`);
    expect(json.status).toBe(200);
    expect(compact.status).toBe(200);
    const { graph, format, ...rest } = compact.body as {
      graph: CompactGraph<unknown, unknown>;
      format: string;
    };
    expect(format).toBe('compact');
    expect(checkCompactGraph(graph)).toBeUndefined();
    const { graph: exported, ...jsonRest } = json.body as { graph: { edges: unknown[] } };
    expect(rest).toEqual(jsonRest);
    expect(exported.edges.length).toBeGreaterThan(0);
    expect(JSON.stringify(expandCompactGraph(graph))).toBe(JSON.stringify(exported));
    // Smaller: no edge key is sent when edgeKey gives it back from the parts.
    expect(JSON.stringify(compact.body).length).toBeLessThan(JSON.stringify(json.body).length);
  });

  it('refuses another format with bad-request naming format', async () => {
    const f = await fixture();
    const r = await request(f.app).get('/api/graph?level=account&format=xml');
    expect(r.status).toBe(400);
    expect((r.body as { error: { code: string; details: { param: string } } }).error).toMatchObject(
      { code: 'bad-request', details: { param: 'format' } },
    );
  });
});

describe('principal-level graph answers kept per scan', () => {
  /** Drops every edge of the graph behind the server's back; returns how many it dropped. */
  async function dropAllEdges(f: Fixture): Promise<number> {
    const { analysis } = await f.context.cache.get();
    const edges = analysis.graph.edges();
    for (const e of edges) analysis.graph.dropEdge(e);
    return edges.length;
  }
  const URL = '/api/graph?level=principal&accounts=111111111111&format=compact';
  const edgeCount = (body: unknown): number =>
    (body as { graph: CompactGraph<unknown, unknown> }).graph.edgeSources.length;

  it('answers the same view on the same scan from the cache, another view afresh', async () => {
    const f = await fixture();
    const first = await request(f.app).get(URL);
    expect(edgeCount(first.body)).toBeGreaterThan(0);
    expect(await dropAllEdges(f)).toBeGreaterThan(0);
    const again = await request(f.app).get(URL);
    expect(again.body).toEqual(first.body);
    // Another question (the export JSON of the same view): computed on the changed graph.
    const other = await request(f.app).get(URL.replace('&format=compact', ''));
    expect((other.body as { graph: { edges: unknown[] } }).graph.edges).toEqual([]);
  });

  it('keeps nothing larger than a quarter of its bytes', async () => {
    const f = await buildFixture({ app: { answerCacheBytes: 1000 } });
    fixtures.push(f);
    const first = await request(f.app).get(URL);
    expect(edgeCount(first.body)).toBeGreaterThan(0);
    await dropAllEdges(f);
    const again = await request(f.app).get(URL);
    expect(edgeCount(again.body)).toBe(0);
  });
});

// The routes behind the dashboard's proof: GET /api/edge (the role-level edges an aggregate stands
// for), GET /api/finding (a finding with its rule and path) and POST /api/suppressions (the
// config's suppressions written when the server may, one error body otherwise).
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../../server/http/create-app.js';
import { createSuppressionWriter } from '../../../server/config/suppression-writer.js';
import { readSuppressionRequest } from '../../../server/http/routes/suppressions.js';
import type { AccountEdgeAttributes, EdgeMembersResponse } from '../../../shared/api/types.js';
import { MultiDirectedGraph } from 'graphology';
import { aggregateAccounts } from '../../../shared/graph/aggregate-accounts.js';
import { aggregateMembers } from '../../../shared/graph/aggregate-members.js';
import type { AccessGraph } from '../../../shared/graph/types.js';
import { resolveAnalysisConfig } from '../../../shared/config/analysis-config.js';
import { buildFixture, type Fixture } from './api-fixture.js';

const q = encodeURIComponent;
let f: Fixture;
beforeAll(async () => {
  f = await buildFixture();
});
afterAll(() => {
  f.db.close();
  rmSync(f.dir, { recursive: true, force: true });
});

describe('GET /api/edge', () => {
  it('lists, for every account-level edge, as many role-level edges as its count, each with evidence', async () => {
    const graph = (await f.context.cache.get()).analysis.graph;
    const aggregate = aggregateAccounts(graph);
    expect(aggregate.edges.length).toBeGreaterThan(0);
    for (const e of aggregate.edges) {
      const r = await request(f.app).get(`/api/edge?source=${q(e.source)}&target=${q(e.target)}`);
      expect(r.status).toBe(200);
      const body = r.body as EdgeMembersResponse;
      const attributes = e.attributes as AccountEdgeAttributes;
      expect(body.total).toBe(attributes.count);
      expect(body.edges.length).toBe(attributes.count);
      expect(body.truncated).toBe(false);
      expect(new Set(body.edges.map((m) => m.attributes.kind))).toEqual(new Set(attributes.kinds));
      for (const m of body.edges) {
        expect(m.attributes.evidence.length).toBeGreaterThan(0);
        const sourceAccount = graph.getNodeAttribute(m.source, 'accountId');
        if (e.source.endsWith(':root'))
          expect(sourceAccount).toBe(graph.getNodeAttribute(e.source, 'accountId'));
        else expect(m.source).toBe(e.source);
      }
    }
  });

  it('caps the list at limit and says so (aggregateMembers on two accounts)', () => {
    const graph: AccessGraph = new MultiDirectedGraph();
    const A = 'arn:aws:iam::111111111111:root';
    const B = 'arn:aws:iam::222222222222:root';
    graph.addNode(A, { kind: 'account', label: 'a', accountId: '111111111111', scope: 'org' });
    graph.addNode(B, { kind: 'account', label: 'b', accountId: '222222222222', scope: 'org' });
    for (const name of ['r1', 'r2'])
      graph.addNode(`arn:aws:iam::222222222222:role/${name}`, {
        kind: 'role',
        label: name,
        accountId: '222222222222',
      });
    const edge = {
      kind: 'can-assume',
      decision: 'allow',
      conditionKeys: [],
      evidence: [],
    } as const;
    graph.addEdge(A, 'arn:aws:iam::222222222222:role/r1', edge);
    graph.addEdge(A, 'arn:aws:iam::222222222222:role/r2', edge);
    graph.addEdge(A, 'arn:aws:iam::222222222222:role/r2', { ...edge, kind: 'member-of' });
    expect(aggregateMembers(graph, A, B, 1)).toMatchObject({ total: 2, edges: [{ source: A }] });
    expect(aggregateMembers(graph, A, B, 10).edges.map((e) => e.target)).toEqual([
      'arn:aws:iam::222222222222:role/r1',
      'arn:aws:iam::222222222222:role/r2',
    ]);
    expect(aggregateMembers(graph, B, A, 10).total).toBe(0);
  });

  it('answers 400 without target and 404 unknown-node for a key not in the graph', async () => {
    const r1 = await request(f.app).get(`/api/edge?source=${q('*')}`);
    expect(r1.status).toBe(400);
    expect(r1.body).toEqual({
      error: {
        code: 'bad-request',
        message: 'target: required (the target node key)',
        details: { param: 'target', expected: 'the target node key' },
      },
    });
    const r2 = await request(f.app).get(
      `/api/edge?source=${q('arn:aws:iam::123456789012:role/Nope')}&target=${q('*')}`,
    );
    expect(r2.status).toBe(404);
    expect((r2.body as { error: { code: string } }).error.code).toBe('unknown-node');
  });
});

describe('GET /api/finding', () => {
  it('answers a stored finding as the list has it; a rule outside RULES has no help', async () => {
    const list = await request(f.app).get('/api/findings?limit=1');
    const first = (list.body as { findings: { id: string; rule: string }[] }).findings[0];
    expect(first).toBeDefined();
    if (first === undefined) return;
    const r = await request(f.app).get(`/api/finding?id=${q(first.id)}`);
    expect(r.status).toBe(200);
    // The test pipeline's rules are its own (test/server/scan/test-pipeline.ts): no RULES entry.
    expect(r.body).toEqual({ scanId: 2, finding: first });
  });

  it('answers 400 without an id and 404 for an unknown one', async () => {
    const r1 = await request(f.app).get('/api/finding');
    expect(r1.status).toBe(400);
    expect((r1.body as { error: { details: unknown } }).error.details).toEqual({
      param: 'id',
      expected: 'the finding id',
    });
    const r2 = await request(f.app).get('/api/finding?id=0000000000000000');
    expect(r2.status).toBe(404);
    expect((r2.body as { error: { code: string } }).error.code).toBe('not-found');
  });
});

describe('POST /api/suppressions', () => {
  const body = {
    rule: 'public-trust',
    subject: 'arn:aws:iam::111111111111:role/X',
    reason: 'accepted risk',
    expires: '2999-01-31',
  };

  it('answers 403 config-read-only when the server may not write its config', async () => {
    const r = await request(f.app).post('/api/suppressions').send(body);
    expect(r.status).toBe(403);
    expect((r.body as { error: { code: string } }).error.code).toBe('config-read-only');
  });

  it('writes the suppression into the config file, keeping its other keys, and answers 201', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'trustmap-config-'));
    try {
      const file = join(dir, 'trustmap.json');
      writeFileSync(file, JSON.stringify({ crownJewels: ['arn:aws:s3:::vault'] }));
      const config = resolveAnalysisConfig();
      const app = createApp({
        context: { ...f.context, suppressions: createSuppressionWriter(file, config) },
      });
      const health = await request(app).get('/api/health');
      expect((health.body as { configWritable?: boolean }).configWritable).toBe(true);
      const r = await request(app).post('/api/suppressions').send(body);
      expect(r.status).toBe(201);
      expect(r.body).toEqual({
        suppression: body,
        file: 'trustmap.json',
        appliesFrom: 'next-scan',
      });
      expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual({
        crownJewels: ['arn:aws:s3:::vault'],
        suppressions: [body],
      });
      expect(config.suppressions).toEqual([body]);
      // JSON from this same origin only (security.ts requireSameOriginJson), nothing written.
      const text = await request(app)
        .post('/api/suppressions')
        .set('Content-Type', 'text/plain')
        .send(JSON.stringify(body));
      expect(text.status).toBe(415);
      expect((text.body as { error: { code: string } }).error.code).toBe('unsupported-media-type');
      const crossSite = await request(app)
        .post('/api/suppressions')
        .set('Origin', 'https://evil.example')
        .send(body);
      expect(crossSite.status).toBe(403);
      expect((crossSite.body as { error: { code: string } }).error.code).toBe('forbidden-origin');
      expect(JSON.parse(readFileSync(file, 'utf8')).suppressions).toHaveLength(1);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it.each([
    [{ ...body, rule: 'no-such-rule' }, 'rule'],
    [{ ...body, reason: '' }, 'reason'],
    [{ ...body, reason: 'x'.repeat(501) }, 'reason'],
    [{ ...body, expires: '2001-01-01' }, 'expires'],
    [{ ...body, expires: 'soon' }, 'expires'],
    [{ rule: 'public-trust', reason: 'r' }, 'body'],
    [{ ...body, accountId: '12' }, 'accountId'],
    [{ ...body, extra: 1 }, 'extra'],
  ])('refuses %j naming the field %s', (input, field) => {
    try {
      readSuppressionRequest(input, new Date('2026-12-07T00:00:00Z'));
      expect.unreachable('accepted a bad body');
    } catch (err: unknown) {
      expect((err as { code: string }).code).toBe('bad-request');
      expect((err as { details: { field: string } }).details.field).toBe(field);
    }
  });
});

import { rmSync } from 'node:fs';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ScanRunningError } from '../../../server/serve/scan-controller.js';
import {
  findPaths,
  findReachableFrom,
  findWhoCanAssume,
  findWhoCanReach,
} from '../../../shared/query/index.js';
import { buildFixture, type Fixture } from './api-fixture.js';

const VENDOR_ROLE = 'arn:aws:iam::222222222222:role/VendorAccess';
const EXTERNAL = 'arn:aws:iam::999999999999:root';
const BUCKET = 'arn:aws:s3:::acme-data';
const q = encodeURIComponent;

let f: Fixture;
beforeAll(async () => {
  f = await buildFixture();
});
afterAll(() => {
  f.db.close();
  rmSync(f.dir, { recursive: true, force: true });
});

const json = (x: unknown): unknown => JSON.parse(JSON.stringify(x));
const graph = async () => (await f.context.cache.get()).analysis.graph;

describe('GET /api/health', () => {
  it('answers status, version, latest scan, scan state and limits', async () => {
    const r = await request(f.app).get('/api/health');
    expect(r.status).toBe(200);
    expect(r.body).toEqual({
      status: 'ok',
      version: '0.1.0',
      latestScan: 2,
      scanRunning: false,
      liveCollection: true,
      limits: {
        maxDepth: 10,
        maxPaths: 50,
        maxResults: 5000,
        maxGraphNodes: 3000,
        pageLimit: 500,
        queryTimeBudgetMs: 2000,
        bodyBytes: 16384,
      },
    });
    expect(r.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
    expect(r.headers['content-security-policy']).toContain("script-src 'self'");
    expect(r.headers['content-security-policy']).not.toContain("'unsafe-inline' 'unsafe-eval'");
    expect(r.headers['x-powered-by']).toBeUndefined();
  });

  it('echoes a safe caller request id and replaces an unsafe one', async () => {
    expect(
      (await request(f.app).get('/api/health').set('X-Request-Id', 'ci-run.42')).headers[
        'x-request-id'
      ],
    ).toBe('ci-run.42');
    expect(
      (await request(f.app).get('/api/health').set('X-Request-Id', 'bad id<script>')).headers[
        'x-request-id'
      ],
    ).toMatch(/^[0-9a-f-]{36}$/);
  });
});

describe('scans', () => {
  it('GET /api/scans lists newest first with counts, paginated', async () => {
    const r = await request(f.app).get('/api/scans?limit=1');
    expect(r.status).toBe(200);
    expect(r.body).toEqual({
      total: 2,
      items: [
        {
          id: 2,
          startedAt: '2026-11-02T03:00:00.000Z',
          finishedAt: '2026-11-02T03:00:00.000Z',
          source: 'from-dir',
          sourceDetail: 'fixture',
          status: 'succeeded',
          counts: {
            accounts: 2,
            nodes: 7,
            // 8 trust and access edges, 3 from the accounts' administrators to their principals,
            // and 4 from the bucket account's administrators to its bucket (read, write, list, admin).
            edges: 15,
            findings: 4,
            bySeverity: { critical: 0, high: 1, medium: 0, low: 0, info: 3 },
            newFindings: 2,
            resolvedFindings: 2,
          },
        },
      ],
    });
  });

  it('GET /api/scans/:id gives coverage, issues and the diff summary', async () => {
    const r = await request(f.app).get('/api/scans/2');
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({
      id: 2,
      coverage: [
        { accountId: '111111111111', status: 'ok' },
        { accountId: '222222222222', status: 'ok' },
      ],
      issues: [],
      diffSummary: {
        newFindings: 2,
        resolvedFindings: 2,
        newEdges: 3,
        removedEdges: 1,
        newOutsideEdges: 1,
      },
    });
  });

  it('404 unknown-scan and 400 for a malformed id', async () => {
    const r = await request(f.app).get('/api/scans/99');
    expect(r.status).toBe(404);
    expect(r.body).toEqual({
      error: { code: 'unknown-scan', message: 'scan 99 does not exist', details: { scan: '99' } },
    });
    const bad = await request(f.app).get('/api/scans/abc');
    expect(bad.status).toBe(400);
    expect(bad.body).toEqual({
      error: {
        code: 'bad-request',
        message: 'id: expected a scan id (a positive integer), got "abc"',
        details: { param: 'id', expected: 'a scan id (a positive integer)' },
      },
    });
  });

  it('POST /api/scans starts a scan (202), refuses a second one while it runs (409), and the result appears', async () => {
    const own = await buildFixture();
    try {
      const r = await request(own.app).post('/api/scans').send({});
      expect(r.status).toBe(202);
      expect(r.body.started).toBe(true);
      expect(['collecting', 'analyzing', 'storing']).toContain(r.body.progress.state);
      const again = await request(own.app).post('/api/scans').send({});
      expect(again.status).toBe(409);
      expect(again.body.error.code).toBe('scan-running');
      expect(() => own.context.scans?.start()).toThrow(ScanRunningError);
      while (own.context.scans?.isRunning() === true)
        await new Promise((res) => setTimeout(res, 20));
      const list = await request(own.app).get('/api/scans');
      expect(list.body.items[0]).toMatchObject({ id: 3, source: 'live', status: 'succeeded' });
      const current = await request(own.app).get('/api/scans/current');
      expect(current.body).toMatchObject({ scanId: 3, state: 'done' });
      expect((await request(own.app).get('/api/health')).body.latestScan).toBe(3);
    } finally {
      own.db.close();
      rmSync(own.dir, { recursive: true, force: true });
    }
  });

  it('POST /api/scans without live collection answers 503', async () => {
    const own = await buildFixture({ live: false });
    try {
      const r = await request(own.app).post('/api/scans').send({});
      expect(r.status).toBe(503);
      expect(r.body).toEqual({
        error: {
          code: 'live-collection-not-configured',
          message:
            'this server cannot start scans: run `trustmap serve` with live collection (without --from-dir or --demo) or run `trustmap scan`',
        },
      });
    } finally {
      own.db.close();
      rmSync(own.dir, { recursive: true, force: true });
    }
  });

  it('413 when the body is too large, 400 when it is not JSON', async () => {
    const big = await request(f.app)
      .post('/api/scans')
      .set('content-type', 'application/json')
      .send(JSON.stringify({ x: 'a'.repeat(20_000) }));
    expect(big.status).toBe(413);
    expect(big.body).toEqual({
      error: { code: 'body-too-large', message: 'the request body is too large' },
    });
    const bad = await request(f.app)
      .post('/api/scans')
      .set('content-type', 'application/json')
      .send('{nope');
    expect(bad.status).toBe(400);
    expect(bad.body).toEqual({
      error: { code: 'bad-request', message: 'the request body is not valid JSON' },
    });
  });
});

describe('GET /api/graph', () => {
  it('level=account: account nodes, aggregated edges with count, worst, flags, and new edges marked', async () => {
    const r = await request(f.app).get('/api/graph?level=account');
    expect(r.status).toBe(200);
    expect(r.body.level).toBe('account');
    expect(r.body.scanId).toBe(2);
    expect(r.body.truncated).toBe(false);
    expect(r.body.graph.options).toEqual({ type: 'directed', multi: false, allowSelfLoops: false });
    expect(
      r.body.graph.nodes.map(
        (n: { key: string; attributes: { scope: string; principals: number } }) => [
          n.key,
          n.attributes.scope,
          n.attributes.principals,
        ],
      ),
    ).toEqual([
      ['arn:aws:iam::111111111111:root', 'org', 1],
      ['arn:aws:iam::222222222222:root', 'org', 2],
      [EXTERNAL, 'external', 0],
    ]);
    expect(
      r.body.graph.edges.map((e: { source: string; target: string; attributes: unknown }) => [
        e.source,
        e.target,
        e.attributes,
      ]),
    ).toEqual([
      [
        'arn:aws:iam::111111111111:root',
        'arn:aws:iam::222222222222:root',
        { count: 1, worst: 'internal', vendor: false, external: false, kinds: ['can-assume'] },
      ],
      [
        EXTERNAL,
        'arn:aws:iam::222222222222:root',
        {
          count: 1,
          worst: 'external-no-external-id',
          vendor: false,
          external: true,
          kinds: ['can-assume'],
          isNew: true,
        },
      ],
    ]);
  });

  it("level=principal&accounts=…: the accounts' nodes and their neighbours, as graphology export JSON", async () => {
    const r = await request(f.app).get('/api/graph?level=principal&accounts=111111111111');
    expect(r.status).toBe(200);
    const keys = (r.body.graph.nodes as { key: string }[]).map((n) => n.key).sort();
    expect(keys).toEqual([
      'arn:aws:iam::111111111111:role/OrgAdmin',
      'arn:aws:iam::111111111111:root',
      'arn:aws:iam::222222222222:role/DataReader',
    ]);
    expect(r.body.graph.options).toEqual({ type: 'directed', multi: true, allowSelfLoops: true });
    expect(r.body.truncated).toBe(false);
    // 3 trust and access edges; 1 from the account's administrators to OrgAdmin.
    expect((r.body.graph.edges as unknown[]).length).toBe(4);
  });

  it('level=principal&node=…&depth=…: a neighbourhood, capped with truncated', async () => {
    const r = await request(f.app).get(`/api/graph?level=principal&node=${q(VENDOR_ROLE)}&depth=1`);
    expect((r.body.graph.nodes as { key: string }[]).map((n) => n.key).sort()).toEqual(
      // The role's own account node: its administrators can act as the role.
      [EXTERNAL, VENDOR_ROLE, BUCKET, 'arn:aws:iam::222222222222:root'].sort(),
    );
    const own = await buildFixture({ limits: { maxGraphNodes: 2 } });
    try {
      const capped = await request(own.app).get(
        `/api/graph?level=principal&node=${q(VENDOR_ROLE)}&depth=2`,
      );
      expect(capped.body.truncated).toBe(true);
      expect(capped.body.graph.nodes).toHaveLength(2);
    } finally {
      own.db.close();
      rmSync(own.dir, { recursive: true, force: true });
    }
  });

  it('400 for a bad level, depth or account list; 404 for an unknown node', async () => {
    expect((await request(f.app).get('/api/graph?level=galaxy')).body).toEqual({
      error: {
        code: 'bad-request',
        message: 'level: expected one of account, principal, got "galaxy"',
        details: { param: 'level', expected: 'one of account, principal' },
      },
    });
    expect((await request(f.app).get('/api/graph?level=principal')).body.error.code).toBe(
      'bad-request',
    );
    expect((await request(f.app).get('/api/graph?level=principal&accounts=12')).body).toEqual({
      error: {
        code: 'bad-request',
        message: 'accounts: expected at most 200 comma-separated 12-digit account ids',
        details: {
          param: 'accounts',
          expected: 'at most 200 comma-separated 12-digit account ids',
        },
      },
    });
    expect(
      (await request(f.app).get(`/api/graph?level=principal&node=${q(VENDOR_ROLE)}&depth=9`))
        .status,
    ).toBe(400);
    const r = await request(f.app).get(
      '/api/graph?level=principal&node=arn:aws:iam::222222222222:role/Nope',
    );
    expect(r.status).toBe(404);
    expect(r.body.error.code).toBe('unknown-node');
  });
});

describe('GET /api/node and /api/search', () => {
  it('node detail: attributes, policies with full documents and granting statements, findings, edges', async () => {
    const r = await request(f.app).get(`/api/node?key=${q(VENDOR_ROLE)}`);
    expect(r.status).toBe(200);
    const g = await graph();
    expect(r.body.key).toBe(VENDOR_ROLE);
    expect(r.body.attributes).toEqual(json(g.getNodeAttributes(VENDOR_ROLE)));
    expect(r.body.policies).toEqual([
      {
        ref: { kind: 'trust', name: 'trust policy', arn: VENDOR_ROLE, attachedTo: VENDOR_ROLE },
        document: {
          Version: '2012-10-17',
          Statement: [{ Effect: 'Allow', Principal: { AWS: EXTERNAL }, Action: 'sts:AssumeRole' }],
        },
        statementsGranting: [0],
      },
      {
        ref: { kind: 'identity', name: 'read', attachedTo: VENDOR_ROLE },
        document: {
          Version: '2012-10-17',
          Statement: [
            {
              Effect: 'Allow',
              Action: ['s3:GetObject', 's3:ListBucket'],
              Resource: ['arn:aws:s3:::acme-data', 'arn:aws:s3:::acme-data/*'],
            },
          ],
        },
        statementsGranting: [0],
      },
    ]);
    expect(
      r.body.findings.map((x: { rule: string; status: string }) => [x.rule, x.status]),
    ).toEqual([
      ['test-external-trust', 'new'],
      ['test-role', 'new'],
    ]);
    const inbound: unknown[] = [];
    g.forEachInEdge(VENDOR_ROLE, (key, attributes, source, target) =>
      inbound.push({ key, source, target, attributes }),
    );
    const outbound: unknown[] = [];
    g.forEachOutEdge(VENDOR_ROLE, (key, attributes, source, target) =>
      outbound.push({ key, source, target, attributes }),
    );
    expect(r.body.inbound).toEqual(json(inbound));
    expect(r.body.outbound).toEqual(json(outbound));
    expect(r.body.truncated).toBe(false);
  });

  it('node detail of the previous scan with scan=1', async () => {
    const r = await request(f.app).get(
      `/api/node?key=${q('arn:aws:iam::222222222222:role/LegacyPartner')}&scan=1`,
    );
    expect(r.status).toBe(200);
    expect(r.body.attributes.label).toBe('LegacyPartner');
    const gone = await request(f.app).get(
      `/api/node?key=${q('arn:aws:iam::222222222222:role/LegacyPartner')}`,
    );
    expect(gone.status).toBe(404);
    expect(gone.body.error.code).toBe('unknown-node');
  });

  it('400 without key; 404 unknown-scan for scan=99', async () => {
    expect((await request(f.app).get('/api/node')).body).toEqual({
      error: {
        code: 'bad-request',
        message: 'key: required (the node key (an ARN, service:<name> or *))',
        details: { param: 'key', expected: 'the node key (an ARN, service:<name> or *)' },
      },
    });
    const r = await request(f.app).get(`/api/node?key=${q(VENDOR_ROLE)}&scan=99`);
    expect(r.status).toBe(404);
    expect(r.body).toEqual({
      error: { code: 'unknown-scan', message: 'scan 99 does not exist', details: { scan: '99' } },
    });
  });

  it('search: prefix matches first, by label and key', async () => {
    const r = await request(f.app).get('/api/search?q=data');
    expect(r.status).toBe(200);
    expect(r.body).toEqual({
      query: 'data',
      items: [
        {
          key: 'arn:aws:iam::222222222222:role/DataReader',
          label: 'DataReader',
          kind: 'role',
          accountId: '222222222222',
          scope: 'org',
        },
        {
          key: BUCKET,
          label: 'acme-data',
          kind: 'bucket',
          accountId: '222222222222',
          scope: 'org',
        },
      ],
      truncated: false,
    });
    expect((await request(f.app).get('/api/search?q=a&limit=1')).body.truncated).toBe(true);
    expect((await request(f.app).get('/api/search?q=a&limit=500')).status).toBe(400);
  });
});

describe('queries', () => {
  it("can-assume: the query engine's value", async () => {
    const r = await request(f.app).get(`/api/can-assume?role=${q(VENDOR_ROLE)}`);
    expect(r.status).toBe(200);
    expect(r.body).toEqual(json(findWhoCanAssume(await graph(), VENDOR_ROLE)));
    expect(
      r.body.principals.map((p: { principal: string; scope: string; decision: string }) => [
        p.principal,
        p.scope,
        p.decision,
      ]),
    ).toEqual([[EXTERNAL, 'external', 'allow']]);
  });

  it('can-assume on a bucket: 400 (wrong kind)', async () => {
    const r = await request(f.app).get(`/api/can-assume?role=${q(BUCKET)}`);
    expect(r.status).toBe(400);
    expect(r.body).toEqual({
      error: {
        code: 'bad-request',
        message: `${BUCKET} is a bucket; expected a role`,
        details: { key: BUCKET, kind: 'bucket', expected: ['role'] },
      },
    });
  });

  it('paths: from the external account to the bucket through VendorAccess', async () => {
    const r = await request(f.app).get(`/api/paths?from=${q(EXTERNAL)}&to=${q(BUCKET)}&maxPaths=5`);
    expect(r.status).toBe(200);
    expect(r.body).toEqual(
      json({
        from: EXTERNAL,
        to: BUCKET,
        ...findPaths(await graph(), EXTERNAL, BUCKET, { maxPaths: 5 }),
      }),
    );
    expect(r.body.kind).toBe('found');
    expect(r.body.paths[0].hops.map((h: { from: string; to: string }) => [h.from, h.to])).toEqual([
      [EXTERNAL, VENDOR_ROLE],
      [VENDOR_ROLE, BUCKET],
    ]);
  });

  it('paths: caps on depth and paths answer 400; missing parameters 400', async () => {
    const deep = await request(f.app).get(
      `/api/paths?from=${q(EXTERNAL)}&to=${q(BUCKET)}&maxDepth=11`,
    );
    expect(deep.status).toBe(400);
    expect(deep.body).toEqual({
      error: {
        code: 'bad-request',
        message: 'maxDepth: expected an integer from 1 to 10, got "11"',
        details: { param: 'maxDepth', expected: 'an integer from 1 to 10' },
      },
    });
    expect(
      (await request(f.app).get(`/api/paths?from=${q(EXTERNAL)}&to=${q(BUCKET)}&maxPaths=51`))
        .status,
    ).toBe(400);
    expect(
      (
        await request(f.app).get(
          `/api/paths?from=${q(EXTERNAL)}&to=${q(BUCKET)}&includeConditional=maybe`,
        )
      ).body.error.message,
    ).toBe('includeConditional: expected true or false, got "maybe"');
    expect((await request(f.app).get(`/api/paths?from=${q(EXTERNAL)}`)).body.error.message).toBe(
      'to: required (the target node key)',
    );
    expect(
      (await request(f.app).get(`/api/paths?from=${q(EXTERNAL)}&from=x&to=${q(BUCKET)}`)).body.error
        .message,
    ).toBe('from: expected a single value');
  });

  it('who-can-reach: every starting point with its path', async () => {
    const r = await request(f.app).get(`/api/who-can-reach?resource=${q(BUCKET)}&action=read`);
    expect(r.status).toBe(200);
    expect(r.body).toEqual(
      json(findWhoCanReach(await graph(), BUCKET, { action: 'read', timeBudgetMs: 2000 })),
    );
    expect(r.body.principals.map((p: { principal: string }) => p.principal)).toContain(EXTERNAL);
    expect(
      (await request(f.app).get(`/api/who-can-reach?resource=${q(BUCKET)}&action=steal`)).status,
    ).toBe(400);
  });

  it('who-can-reach: 400 bad-request for an action group the target does not have', async () => {
    const r = await request(f.app).get(`/api/who-can-reach?resource=${q(BUCKET)}&action=publish`);
    expect(r.status).toBe(400);
    expect(r.body.error).toEqual({
      code: 'bad-request',
      message: `action group publish does not apply to the bucket ${BUCKET}; expected one of read, write, list, admin`,
      details: { key: BUCKET, action: 'publish', expected: ['read', 'write', 'list', 'admin'] },
    });
  });

  it('reachable-from: the blast radius of the external account', async () => {
    const r = await request(f.app).get(`/api/reachable-from?principal=${q(EXTERNAL)}`);
    expect(r.status).toBe(200);
    expect(r.body).toEqual(
      json(findReachableFrom(await graph(), EXTERNAL, { timeBudgetMs: 2000 })),
    );
    expect(r.body.roles.map((x: { role: string }) => x.role)).toEqual([VENDOR_ROLE]);
  });

  it('404 unknown-node with suggestions', async () => {
    const r = await request(f.app).get(`/api/who-can-reach?resource=${q('arn:aws:s3:::acme-dat')}`);
    expect(r.status).toBe(404);
    expect(r.body.error.code).toBe('unknown-node');
    expect(r.body.error.details.key).toBe('arn:aws:s3:::acme-dat');
    expect(Array.isArray(r.body.error.details.suggestions)).toBe(true);
  });
});

describe('GET /api/findings', () => {
  it("filters and pages the latest scan's findings", async () => {
    const r = await request(f.app).get('/api/findings?severity=high');
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ scanId: 2, total: 1, offset: 0, limit: 100 });
    expect(r.body.findings).toHaveLength(1);
    expect(r.body.findings[0]).toMatchObject({
      id: `test-external-trust:${EXTERNAL}->${VENDOR_ROLE}`,
      rule: 'test-external-trust',
      severity: 'high',
      subject: VENDOR_ROLE,
      accountId: '222222222222',
      status: 'new',
      firstSeen: '2026-11-02T03:00:00.000Z',
      lastSeen: '2026-11-02T03:00:00.000Z',
    });
    const resolved = await request(f.app).get('/api/findings?status=resolved');
    expect(
      resolved.body.findings.map((x: { subject: string; status: string; resolvedIn: number }) => [
        x.subject,
        x.status,
        x.resolvedIn,
      ]),
    ).toEqual([
      ['arn:aws:iam::222222222222:role/LegacyPartner', 'resolved', 2],
      ['arn:aws:iam::222222222222:role/LegacyPartner', 'resolved', 2],
    ]);
    const page = await request(f.app).get(
      '/api/findings?status=new,open&offset=1&limit=2&account=222222222222',
    );
    expect(page.body).toMatchObject({ total: 3, offset: 1, limit: 2 });
    expect((await request(f.app).get('/api/findings?q=orgadmin')).body.total).toBe(1);
    expect((await request(f.app).get('/api/findings?rule=test-role&scan=1')).body).toMatchObject({
      scanId: 1,
      total: 3,
    });
  });

  it("names each subject as the scan's graph labels it; a subject no longer in it keeps none", async () => {
    const r = await request(f.app).get('/api/findings?status=new,open,resolved&limit=500');
    const rows = r.body.findings as {
      id: string;
      subject: string;
      status: string;
      subjectLabel?: string;
    }[];
    const role = rows.find((x) => x.subject === VENDOR_ROLE);
    expect(role?.subjectLabel).toBe(VENDOR_ROLE.slice(VENDOR_ROLE.lastIndexOf('/') + 1));
    const gone = rows.filter((x) => x.subject === 'arn:aws:iam::222222222222:role/LegacyPartner');
    expect(gone.length).toBeGreaterThan(0);
    for (const x of gone) expect(x).not.toHaveProperty('subjectLabel');
    const one = await request(f.app).get(`/api/finding?id=${encodeURIComponent(role?.id ?? '')}`);
    expect(one.body.finding.subjectLabel).toBe(role?.subjectLabel);
  });

  it('severityOnly lists exactly that severity, where severity alone is a minimum', async () => {
    const all = await request(f.app).get('/api/findings');
    const bySeverity = new Map<string, number>();
    for (const x of all.body.findings as { severity: string }[])
      bySeverity.set(x.severity, (bySeverity.get(x.severity) ?? 0) + 1);
    // The fixture has findings of the severity asked for and of a higher one.
    const level = ['info', 'low', 'medium', 'high'].find(
      (s) => (bySeverity.get(s) ?? 0) > 0 && (bySeverity.get(s) ?? 0) < all.body.total,
    );
    expect(level).toBeDefined();
    const atLeast = await request(f.app).get(`/api/findings?severity=${String(level)}`);
    const only = await request(f.app).get(
      `/api/findings?severity=${String(level)}&severityOnly=true`,
    );
    expect(only.status).toBe(200);
    expect(only.body.total).toBe(bySeverity.get(String(level)));
    expect(only.body.total).toBeLessThan(atLeast.body.total);
    expect(new Set(only.body.findings.map((x: { severity: string }) => x.severity))).toEqual(
      new Set([level]),
    );
    expect((await request(f.app).get('/api/findings?severityOnly=true')).body.error).toMatchObject({
      code: 'bad-request',
      details: { param: 'severityOnly' },
    });
    expect((await request(f.app).get('/api/findings?severity=high&severityOnly=1')).status).toBe(
      400,
    );
  });

  it('400 for bad filters', async () => {
    expect((await request(f.app).get('/api/findings?status=gone')).body.error).toEqual({
      code: 'bad-request',
      message: 'status: expected a comma-separated list of new, open, resolved; got "gone"',
      details: { param: 'status', expected: 'new, open, resolved (comma-separated)' },
    });
    expect((await request(f.app).get('/api/findings?severity=urgent')).status).toBe(400);
    expect((await request(f.app).get('/api/findings?account=abc')).status).toBe(400);
    expect((await request(f.app).get('/api/findings?limit=501')).status).toBe(400);
  });
});

describe('GET /api/diff', () => {
  it('the latest scan against the one before, outside edges first', async () => {
    const r = await request(f.app).get('/api/diff');
    expect(r.status).toBe(200);
    expect(r.body.from).toBe(1);
    expect(r.body.to).toBe(2);
    expect(r.body.summary).toEqual({
      newFindings: 2,
      resolvedFindings: 2,
      worsenedFindings: 0,
      improvedFindings: 0,
      changedEdges: 0,
      newEdges: 3,
      removedEdges: 1,
      newOutsideEdges: 1,
    });
    expect([r.body.worsenedFindings, r.body.improvedFindings]).toEqual([[], []]);
    expect(r.body.newEdges[0]).toEqual({
      source: EXTERNAL,
      target: VENDOR_ROLE,
      kind: 'can-assume',
      decision: 'allow',
      sourceScope: 'external',
      conditionKeys: [],
    });
    const reverse = await request(f.app).get('/api/diff?from=2&to=1');
    expect(reverse.body.summary.removedEdges).toBe(3);
  });

  it('404 for an unknown scan, 400 for a malformed id', async () => {
    expect((await request(f.app).get('/api/diff?from=7')).status).toBe(404);
    expect((await request(f.app).get('/api/diff?to=0')).body.error.code).toBe('bad-request');
  });
});

describe('no scan yet, unknown endpoints, internal errors', () => {
  it('503 no-scan when the store is empty', async () => {
    const own = await buildFixture({ scans: 0 });
    try {
      const r = await request(own.app).get('/api/graph');
      expect(r.status).toBe(503);
      expect(r.body).toEqual({
        error: {
          code: 'no-scan',
          message: 'the store holds no successful scan yet; run `trustmap scan` first',
        },
      });
      expect((await request(own.app).get('/api/findings')).status).toBe(503);
    } finally {
      own.db.close();
      rmSync(own.dir, { recursive: true, force: true });
    }
  });

  it('404 not-found for an unknown endpoint', async () => {
    const r = await request(f.app).get('/api/nothing');
    expect(r.status).toBe(404);
    expect(r.body).toEqual({
      error: { code: 'not-found', message: 'no such endpoint: GET /nothing' },
    });
  });

  it('500 internal without a stack trace or the internal message', async () => {
    const seen: unknown[] = [];
    const own = await buildFixture({ app: { onError: (err) => seen.push(err) } });
    try {
      own.context.cache.get = () => Promise.reject(new Error('secret internal detail'));
      const r = await request(own.app).get('/api/search?q=x');
      expect(r.status).toBe(500);
      expect(r.body).toEqual({
        error: {
          code: 'internal',
          message: `internal error (request id ${String(r.headers['x-request-id'])})`,
        },
      });
      expect(JSON.stringify(r.body)).not.toContain('secret');
      expect(seen).toHaveLength(1);
    } finally {
      own.db.close();
      rmSync(own.dir, { recursive: true, force: true });
    }
  });
});

describe('the web app at /', () => {
  it('explains in plain text when the dashboard has not been built', async () => {
    const r = await request(f.app).get('/');
    expect(r.status).toBe(200);
    expect(r.headers['content-type']).toMatch(/^text\/plain/);
    expect(r.text).toContain('npm run build:web');
  });
});

/**
 * GET /api/node on a Lambda function of the demo: its function URLs (address, AuthType, alias)
 * aliases (version, own policy) and published versions (own policy) as workloads.json holds them,
 * unknown sent as `null` (never
 * as "none"), and no `lambda` field on other nodes; the labels of edge ends whose keys do not
 * name them (a KMS key's alias) in GET /api/node and GET /api/edge.
 */
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeDemoSnapshot } from '../../../server/demo/write-demo-snapshot.js';
import { buildFixture, type Fixture } from './api-fixture.js';

const DATA_PROD = '500000000005';
const q = encodeURIComponent;

interface FunctionJson {
  Arn: string;
  Name: string;
  FunctionUrls?: { FunctionUrl: string }[];
  Aliases?: unknown[];
  Versions?: unknown[];
}

let work: string;
let f: Fixture;
let functions: Map<string, FunctionJson>;
beforeAll(async () => {
  work = await mkdtemp(join(tmpdir(), 'trustmap-node-function-'));
  const demo = join(work, 'demo');
  await writeDemoSnapshot(demo, { accounts: 12, seed: 'trustmap-demo' });
  // One function as an older snapshot has it: URLs, aliases and versions not collected.
  const file = join(demo, DATA_PROD, 'workloads.json');
  const workloads = JSON.parse(await readFile(file, 'utf8')) as { Workloads: FunctionJson[] };
  const unknown = workloads.Workloads.find((w) => w.Name === 'vendor-report-export');
  if (unknown === undefined) throw new Error('the demo has no vendor-report-export');
  delete unknown.FunctionUrls;
  delete unknown.Aliases;
  delete unknown.Versions;
  // Published versions as a collector writes them: partner-settlement's 6 and 7, 7 shared with
  // its partner by its own policy; public-status-page has none.
  for (const w of workloads.Workloads) {
    if (w.Name === 'public-status-page') w.Versions = [];
    if (w.Name === 'partner-settlement')
      w.Versions = [
        { Version: '6', FunctionArn: `${w.Arn}:6` },
        {
          Version: '7',
          FunctionArn: `${w.Arn}:7`,
          ResourcePolicy: JSON.stringify({
            Version: '2012-10-17',
            Statement: [
              {
                Effect: 'Allow',
                Principal: { AWS: 'arn:aws:iam::999988887777:root' },
                Action: 'lambda:InvokeFunction',
                Resource: `${w.Arn}:7`,
              },
            ],
          }),
        },
      ];
  }
  await writeFile(file, JSON.stringify(workloads));
  functions = new Map(workloads.Workloads.map((w) => [w.Name, w]));
  f = await buildFixture({ dirs: [demo] });
}, 120_000);
afterAll(async () => {
  f.db.close();
  await rm(work, { recursive: true, force: true });
  await rm(f.dir, { recursive: true, force: true });
});

function arnOf(name: string): string {
  const fn = functions.get(name);
  if (fn === undefined) throw new Error(`the demo has no function ${name}`);
  return fn.Arn;
}

describe('GET /api/node on a Lambda function', () => {
  it('public-status-page: one NONE URL serving the function itself, no alias', async () => {
    const arn = arnOf('public-status-page');
    const url = functions.get('public-status-page')?.FunctionUrls?.[0]?.FunctionUrl;
    expect(url).toMatch(/^https:\/\/[a-z0-9]{32}\.lambda-url\.[a-z0-9-]+\.on\.aws\/$/);
    const r = await request(f.app).get(`/api/node?key=${q(arn)}`);
    expect(r.status).toBe(200);
    expect(r.body.attributes).toMatchObject({ kind: 'resource', service: 'lambda' });
    expect(r.body.lambda).toEqual({
      urls: [{ url, authType: 'NONE' }],
      aliases: [],
      versions: [],
    });
  });

  it('partner-settlement: no URL; alias live on version 7 with its own policy; versions 6 and 7, 7 with its own policy', async () => {
    const arn = arnOf('partner-settlement');
    const r = await request(f.app).get(`/api/node?key=${q(arn)}`);
    expect(r.status).toBe(200);
    expect(r.body.lambda).toEqual({
      urls: [],
      aliases: [{ name: 'live', arn: `${arn}:live`, functionVersion: '7', hasPolicy: true }],
      versions: [
        { version: '6', arn: `${arn}:6`, hasPolicy: false },
        { version: '7', arn: `${arn}:7`, hasPolicy: true },
      ],
    });
  });

  it('a function whose URLs, aliases and versions were not collected: all null, not empty', async () => {
    const r = await request(f.app).get(`/api/node?key=${q(arnOf('vendor-report-export'))}`);
    expect(r.status).toBe(200);
    expect(r.body.lambda).toEqual({ urls: null, aliases: null, versions: null });
  });

  it('other nodes have no lambda field', async () => {
    const role = `arn:aws:iam::${DATA_PROD}:role/service-role/LambdaExecutionRole`;
    const r = await request(f.app).get(`/api/node?key=${q(role)}`);
    expect(r.status).toBe(200);
    expect(r.body.attributes.kind).toBe('role');
    expect(r.body).not.toHaveProperty('lambda');
  });
});

describe('labels of edge ends their keys do not name', () => {
  const PUBLIC_KEY = `arn:aws:kms:us-east-1:${DATA_PROD}:key/00000005-0000-4000-8000-000000000005`;
  const PARTNER_SECRET = `arn:aws:secretsmanager:us-east-1:${DATA_PROD}:secret:partner/shared-report-Pt7rN2`;

  it('GET /api/node of Anyone: each KMS key by its alias, each resource by its label; roles by their key', async () => {
    const r = await request(f.app).get(`/api/node?key=${q('*')}`);
    expect(r.status).toBe(200);
    expect(r.body.labels[PUBLIC_KEY]).toBe('alias/public-shared');
    expect(r.body.labels[PARTNER_SECRET]).toBe('partner/shared-report-Pt7rN2');
    expect(r.body.labels).not.toHaveProperty('arn:aws:iam::500000000003:role/LegacyPublicRole');
  });

  it('GET /api/edge from Anyone into the account: the same labels for its role-level edges', async () => {
    const r = await request(f.app).get(
      `/api/edge?source=${q('*')}&target=${q(`arn:aws:iam::${DATA_PROD}:root`)}`,
    );
    expect(r.status).toBe(200);
    expect(r.body.labels[PUBLIC_KEY]).toBe('alias/public-shared');
  });

  it('no labels field when no end needs one (an identity provider, an account, buckets)', async () => {
    const role = 'arn:aws:iam::444444444444:role/github/GitHubActionsWildcardRole';
    const r = await request(f.app).get(`/api/node?key=${q(role)}`);
    expect(r.status).toBe(200);
    const body = r.body as { inbound: unknown[]; outbound: unknown[] };
    expect(body.inbound.length + body.outbound.length).toBeGreaterThan(0);
    expect(r.body).not.toHaveProperty('labels');
  });
});

describe('GET /api/node: the policy of a key, secret, queue or function, with the statements its edges use', () => {
  interface PolicyBody {
    ref: { kind: string; name: string; arn?: string };
    document: unknown;
    statementsGranting?: number[];
  }
  const policiesOf = async (key: string): Promise<PolicyBody[]> => {
    const r = await request(f.app).get(`/api/node?key=${q(key)}`);
    expect(r.status).toBe(200);
    return (r.body as { policies: PolicyBody[] }).policies;
  };

  it('a public KMS key: its key policy, the statement that lets anyone in marked', async () => {
    const key = `arn:aws:kms:us-east-1:${DATA_PROD}:key/00000005-0000-4000-8000-000000000005`;
    const [policy, ...rest] = await policiesOf(key);
    expect(rest).toEqual([]);
    expect(policy?.ref).toEqual({ kind: 'resource', name: 'key policy', arn: key });
    expect(JSON.stringify(policy?.document)).toContain('kms:Decrypt');
    expect(policy?.statementsGranting?.length).toBeGreaterThan(0);
  });

  it("partner-settlement: no function policy, its alias live's policy and its version 7's (each named by its ARN)", async () => {
    const arn = arnOf('partner-settlement');
    const policies = await policiesOf(arn);
    expect(policies.map((p) => p.ref.arn)).toEqual([`${arn}:live`, `${arn}:7`]);
    expect(policies[0]?.statementsGranting).toEqual([0]);
  });

  it('a role gets no resource policy', async () => {
    const role = `arn:aws:iam::${DATA_PROD}:role/service-role/LambdaExecutionRole`;
    expect((await policiesOf(role)).filter((p) => p.ref.kind === 'resource')).toEqual([]);
  });
});

/**
 * The access graph builder, end to end from snapshot directories in the AWS CLI's format:
 * aggregation and expansion of account trust, same-account rules, SCP and RCP effects,
 * conditional edges, unresolved principals, public trust, federated and service principals, S3.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { analyzeSnapshotDir } from '../../../server/analyze/analyze-snapshot-dir.js';
import { resolveAnalysisConfig } from '../../../shared/config/analysis-config.js';
import type { AccessGraph, EdgeAttributes } from '../../../shared/graph/types.js';
import {
  ADMIN_POLICY_ARN,
  FULL_AWS_ACCESS,
  RCP_FULL_AWS_ACCESS,
  allow,
  trust,
  writeScenario,
  type Scenario,
} from '../../helpers/write-scenario.js';

const dirs: string[] = [];
afterAll(async () => {
  await Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true })));
});

async function build(s: Scenario, config = resolveAnalysisConfig()): Promise<AccessGraph> {
  const dir = await mkdtemp(join(tmpdir(), 'trustmap-graph-'));
  dirs.push(dir);
  await writeScenario(dir, s);
  return (await analyzeSnapshotDir(dir, config)).graph;
}

/** The attributes of the edges of `kind` from `source` to `target`. */
function edgesOf(
  g: AccessGraph,
  source: string,
  target: string,
  kind = 'can-assume',
): EdgeAttributes[] {
  if (!g.hasNode(source) || !g.hasNode(target)) return [];
  return g
    .edges(source, target)
    .map((e) => g.getEdgeAttributes(e))
    .filter((a) => a.kind === kind);
}
const decisionOf = (
  g: AccessGraph,
  s: string,
  t: string,
  kind = 'can-assume',
): string | undefined => edgesOf(g, s, t, kind)[0]?.decision;

const A = '111111111111';
const B = '222222222222';
const EXT = '999988887777';
const DATADOG = '464622532012';
const role = (acct: string, name: string): string => `arn:aws:iam::${acct}:role/${name}`;
const user = (acct: string, name: string): string => `arn:aws:iam::${acct}:user/${name}`;
const root = (acct: string): string => `arn:aws:iam::${acct}:root`;

const ORG = (extra: Partial<NonNullable<Scenario['org']>> = {}): NonNullable<Scenario['org']> => ({
  id: 'o-abc1234567',
  managementAccountId: A,
  accounts: [
    { id: A, name: 'management', parent: 'r-root' },
    { id: B, name: 'workload', parent: 'ou-work' },
  ],
  ous: [{ id: 'ou-work', name: 'Workloads', parent: 'r-root' }],
  scps: [
    { name: 'FullAWSAccess', targets: ['r-root', 'ou-work', A, B], document: FULL_AWS_ACCESS },
  ],
  ...extra,
});

describe('account trust: the aggregate and the expansion', () => {
  it('gives an aggregate edge from the account and one edge per principal whose identity policy allows the call', async () => {
    const g = await build({
      org: ORG(),
      accounts: {
        [A]: {
          users: [
            { name: 'alice', policies: [allow('sts:AssumeRole', role(B, 'Deploy'))] },
            { name: 'bob' },
            { name: 'carol', policies: [allow('sts:AssumeRole', `arn:aws:iam::${B}:role/*`)] },
          ],
        },
        [B]: { roles: [{ name: 'Deploy', trust: trust({ AWS: root(A) }) }] },
      },
    });
    const aggregate = edgesOf(g, root(A), role(B, 'Deploy'));
    expect(aggregate).toHaveLength(1);
    expect(aggregate[0]?.aggregate).toBe(true);
    expect(decisionOf(g, user(A, 'alice'), role(B, 'Deploy'))).toBe('allow');
    expect(decisionOf(g, user(A, 'carol'), role(B, 'Deploy'))).toBe('allow');
    expect(edgesOf(g, user(A, 'bob'), role(B, 'Deploy'))).toHaveLength(0);
    const evidence = edgesOf(g, user(A, 'alice'), role(B, 'Deploy'))[0]?.evidence ?? [];
    expect(evidence.some((e) => e.policy.kind === 'trust' && e.role === 'grants')).toBe(true);
    expect(evidence.some((e) => e.policy.kind === 'identity' && e.role === 'grants')).toBe(true);
  });

  it('in the same account, naming the principal needs no identity permission but naming the account does', async () => {
    const g = await build({
      org: ORG(),
      accounts: {
        [B]: {
          users: [
            { name: 'dana' },
            { name: 'erin', policies: [allow('sts:AssumeRole', '*')] },
            { name: 'frank' },
          ],
          roles: [
            { name: 'ByAccount', trust: trust({ AWS: B }) },
            { name: 'ByUser', trust: trust({ AWS: user(B, 'dana') }) },
          ],
        },
      },
    });
    expect(edgesOf(g, user(B, 'dana'), role(B, 'ByAccount'))).toHaveLength(0);
    expect(decisionOf(g, user(B, 'erin'), role(B, 'ByAccount'))).toBe('allow');
    expect(decisionOf(g, user(B, 'dana'), role(B, 'ByUser'))).toBe('allow');
    expect(edgesOf(g, user(B, 'frank'), role(B, 'ByUser'))).toHaveLength(0);
  });
});

describe('SCPs and RCPs', () => {
  it("an SCP denying sts:AssumeRole in the caller's OU removes the caller's edges; the management account is exempt", async () => {
    const denyAssume = {
      Version: '2012-10-17',
      Statement: [{ Effect: 'Deny', Action: 'sts:AssumeRole', Resource: '*' }],
    };
    const g = await build({
      org: ORG({
        scps: [
          {
            name: 'FullAWSAccess',
            targets: ['r-root', 'ou-work', A, B],
            document: FULL_AWS_ACCESS,
          },
          { name: 'DenyAssume', targets: ['r-root'], document: denyAssume },
        ],
      }),
      accounts: {
        [A]: {
          users: [{ name: 'admin', managed: [ADMIN_POLICY_ARN] }],
          roles: [{ name: 'Target', trust: trust({ AWS: [root(A), root(B)] }) }],
        },
        [B]: {
          users: [{ name: 'worker', managed: [ADMIN_POLICY_ARN] }],
          roles: [{ name: 'Local', trust: trust({ AWS: root(A) }) }],
        },
      },
    });
    expect(edgesOf(g, user(B, 'worker'), role(A, 'Target'))).toHaveLength(0);
    expect(decisionOf(g, user(A, 'admin'), role(A, 'Target'))).toBe('allow');
    // The SCPs of the role's account (B) do not stop the management account's principals.
    expect(decisionOf(g, user(A, 'admin'), role(B, 'Local'))).toBe('allow');
  });

  it("an RCP requiring the organization removes outsiders' edges to member-account roles", async () => {
    const rcp = {
      Version: '2012-10-17',
      Statement: [
        {
          Effect: 'Deny',
          Principal: '*',
          Action: 'sts:AssumeRole',
          Resource: '*',
          Condition: {
            StringNotEqualsIfExists: { 'aws:PrincipalOrgID': 'o-abc1234567' },
            BoolIfExists: { 'aws:PrincipalIsAWSService': 'false' },
          },
        },
      ],
    };
    const g = await build({
      org: ORG({
        rcps: [
          {
            name: 'RCPFullAWSAccess',
            targets: ['r-root', 'ou-work', A, B],
            document: RCP_FULL_AWS_ACCESS,
          },
          { name: 'OrgOnly', targets: ['ou-work'], document: rcp },
        ],
      }),
      accounts: {
        [A]: { users: [{ name: 'admin', managed: [ADMIN_POLICY_ARN] }] },
        [B]: { roles: [{ name: 'Shared', trust: trust({ AWS: [root(EXT), root(A)] }) }] },
      },
    });
    expect(edgesOf(g, root(EXT), role(B, 'Shared'))).toHaveLength(0);
    expect(decisionOf(g, user(A, 'admin'), role(B, 'Shared'))).toBe('allow');
  });
});

describe('conditional edges and vendors', () => {
  it('a vendor trust with an ExternalId is conditional on sts:ExternalId; one without is allow', async () => {
    const g = await build({
      org: ORG(),
      accounts: {
        [B]: {
          roles: [
            {
              name: 'DatadogIntegration',
              trust: trust(
                { AWS: root(DATADOG) },
                { StringEquals: { 'sts:ExternalId': 'abc123' } },
              ),
            },
            { name: 'DatadogLegacy', trust: trust({ AWS: `arn:aws:iam::${DATADOG}:root` }) },
          ],
        },
      },
    });
    const withId = edgesOf(g, root(DATADOG), role(B, 'DatadogIntegration'))[0];
    expect(withId?.decision).toBe('conditional');
    expect(withId?.conditionKeys).toContain('sts:ExternalId');
    expect(decisionOf(g, root(DATADOG), role(B, 'DatadogLegacy'))).toBe('allow');
    expect(g.getNodeAttributes(root(DATADOG))).toMatchObject({
      kind: 'account',
      scope: 'vendor',
      vendor: 'Datadog',
    });
    expect(g.getNodeAttributes(root(B))).toMatchObject({ scope: 'org' });
  });

  it('an MFA condition makes a same-account edge conditional on aws:MultiFactorAuthPresent', async () => {
    const g = await build({
      org: ORG(),
      accounts: {
        [B]: {
          users: [{ name: 'ops', policies: [allow('sts:AssumeRole', '*')] }],
          roles: [
            {
              name: 'BreakGlass',
              trust: trust({ AWS: root(B) }, { Bool: { 'aws:MultiFactorAuthPresent': 'true' } }),
            },
          ],
        },
      },
    });
    const e = edgesOf(g, user(B, 'ops'), role(B, 'BreakGlass'))[0];
    expect(e?.decision).toBe('conditional');
    expect(e?.conditionKeys).toEqual(['aws:MultiFactorAuthPresent']);
  });
});

describe("the caller's own facts are known", () => {
  it('a principal-tag condition admits the tagged principal and no one else; an org-id condition admits org principals only', async () => {
    const g = await build({
      org: ORG(),
      accounts: {
        [A]: {
          users: [
            { name: 'tagged', tags: { team: 'ops' }, policies: [allow('sts:AssumeRole', '*')] },
          ],
        },
        [B]: {
          users: [
            { name: 'ops', tags: { team: 'ops' }, policies: [allow('sts:AssumeRole', '*')] },
            { name: 'dev', tags: { team: 'dev' }, policies: [allow('sts:AssumeRole', '*')] },
            { name: 'untagged', policies: [allow('sts:AssumeRole', '*')] },
          ],
          roles: [
            {
              name: 'OpsOnly',
              trust: trust({ AWS: root(B) }, { StringEquals: { 'aws:PrincipalTag/team': 'ops' } }),
            },
            {
              name: 'OrgOnly',
              trust: trust(
                { AWS: [root(A), root(EXT)] },
                { StringEquals: { 'aws:PrincipalOrgID': 'o-abc1234567' } },
              ),
            },
          ],
        },
      },
    });
    expect(decisionOf(g, user(B, 'ops'), role(B, 'OpsOnly'))).toBe('allow');
    expect(edgesOf(g, user(B, 'dev'), role(B, 'OpsOnly'))).toHaveLength(0);
    expect(edgesOf(g, user(B, 'untagged'), role(B, 'OpsOnly'))).toHaveLength(0);
    expect(decisionOf(g, user(A, 'tagged'), role(B, 'OrgOnly'))).toBe('allow');
    expect(decisionOf(g, root(A), role(B, 'OrgOnly'))).toBe('allow');
    expect(edgesOf(g, root(EXT), role(B, 'OrgOnly'))).toHaveLength(0);
    expect(edgesOf(g, user(EXT, 'outsider'), role(B, 'OrgOnly'))).toHaveLength(0);
  });
});

describe('unresolved principals', () => {
  it('a unique id in a trust policy is a dangling grant, never a can-assume edge', async () => {
    const g = await build({
      org: ORG(),
      accounts: {
        [B]: { roles: [{ name: 'Old', trust: trust({ AWS: 'AROAEXAMPLEDELETED1234' }) }] },
      },
    });
    expect(g.getNodeAttributes('AROAEXAMPLEDELETED1234')).toMatchObject({ unresolved: true });
    expect(edgesOf(g, 'AROAEXAMPLEDELETED1234', role(B, 'Old'))).toHaveLength(0);
    expect(edgesOf(g, 'AROAEXAMPLEDELETED1234', role(B, 'Old'), 'dangling-trust')).toHaveLength(1);
  });

  it('an ARN missing from a scanned account becomes an unresolved node', async () => {
    const g = await build({
      org: ORG(),
      accounts: {
        [A]: {},
        [B]: { roles: [{ name: 'R', trust: trust({ AWS: role(A, 'Gone') }) }] },
      },
    });
    expect(g.getNodeAttributes(role(A, 'Gone'))).toMatchObject({ kind: 'role', unresolved: true });
  });
});

describe('public trust', () => {
  it('"AWS": "*" without conditions gives an edge from anyone', async () => {
    const g = await build({
      org: ORG(),
      accounts: { [B]: { roles: [{ name: 'Open', trust: trust({ AWS: '*' }) }] } },
    });
    expect(decisionOf(g, '*', role(B, 'Open'))).toBe('allow');
  });

  it('"AWS": "*" limited to the organization: no edge from anyone or outsiders, edges from org principals with permission', async () => {
    const g = await build({
      org: ORG(),
      accounts: {
        [A]: { users: [{ name: 'admin', managed: [ADMIN_POLICY_ARN] }, { name: 'nobody' }] },
        [B]: {
          roles: [
            {
              name: 'OrgWide',
              trust: trust(
                { AWS: '*' },
                { StringEquals: { 'aws:PrincipalOrgID': 'o-abc1234567' } },
              ),
            },
          ],
        },
      },
    });
    expect(edgesOf(g, '*', role(B, 'OrgWide'))).toHaveLength(0);
    expect(decisionOf(g, user(A, 'admin'), role(B, 'OrgWide'))).toBe('allow');
    expect(edgesOf(g, user(A, 'nobody'), role(B, 'OrgWide'))).toHaveLength(0);
  });
});

describe('federated and service principals', () => {
  it('a GitHub OIDC trust is an edge from the provider with its claims; a service trust is an edge from the service', async () => {
    const gh = `arn:aws:iam::${B}:oidc-provider/token.actions.githubusercontent.com`;
    const g = await build({
      org: ORG(),
      accounts: {
        [B]: {
          oidcProviders: ['token.actions.githubusercontent.com'],
          roles: [
            {
              name: 'GitHubDeploy',
              trust: trust(
                { Federated: gh },
                {
                  StringEquals: { 'token.actions.githubusercontent.com:aud': 'sts.amazonaws.com' },
                  StringLike: { 'token.actions.githubusercontent.com:sub': 'repo:acme/app:*' },
                },
                'sts:AssumeRoleWithWebIdentity',
              ),
            },
            { name: 'LambdaExec', trust: trust({ Service: 'lambda.amazonaws.com' }) },
          ],
        },
      },
    });
    const e = edgesOf(g, gh, role(B, 'GitHubDeploy'))[0];
    expect(e?.decision).toBe('conditional');
    expect(e?.action).toBe('sts:AssumeRoleWithWebIdentity');
    expect(e?.claims?.['token.actions.githubusercontent.com:sub']).toEqual(['repo:acme/app:*']);
    expect(g.getNodeAttributes(gh)).toMatchObject({ kind: 'idp', idpType: 'oidc' });
    expect(decisionOf(g, 'service:lambda.amazonaws.com', role(B, 'LambdaExec'))).toBe('allow');
  });
});

describe('S3 can-access edges', () => {
  const readPolicy = (principal: unknown): Record<string, unknown> => ({
    Version: '2012-10-17',
    Statement: [
      {
        Effect: 'Allow',
        Principal: principal,
        Action: ['s3:GetObject', 's3:ListBucket'],
        Resource: ['arn:aws:s3:::data', 'arn:aws:s3:::data/*'],
      },
    ],
  });

  it('a bucket policy granting another account gives an aggregate read edge; the owner account needs only identity permission', async () => {
    const g = await build({
      org: ORG(),
      accounts: {
        [B]: {
          users: [
            { name: 'reader', policies: [allow('s3:GetObject', 'arn:aws:s3:::data/*')] },
            { name: 'none' },
          ],
          buckets: [{ name: 'data', policy: readPolicy({ AWS: root(EXT) }) }],
        },
      },
    });
    const ext = edgesOf(g, root(EXT), 'arn:aws:s3:::data', 'can-access');
    expect(ext.map((e) => e.actionGroup).sort()).toEqual(['list', 'read']);
    expect(decisionOf(g, user(B, 'reader'), 'arn:aws:s3:::data', 'can-access')).toBe('allow');
    expect(edgesOf(g, user(B, 'none'), 'arn:aws:s3:::data', 'can-access')).toHaveLength(0);
  });

  it('an identity policy granting only a prefix gives a read edge noted with that prefix', async () => {
    const g = await build({
      org: ORG(),
      accounts: {
        [B]: {
          users: [
            { name: 'cfg', policies: [allow('s3:GetObject', 'arn:aws:s3:::data/config/*')] },
            { name: 'other', policies: [allow('s3:GetObject', 'arn:aws:s3:::elsewhere/*')] },
          ],
          buckets: [{ name: 'data' }],
        },
      },
    });
    const e = edgesOf(g, user(B, 'cfg'), 'arn:aws:s3:::data', 'can-access')[0];
    expect(e?.decision).toBe('allow');
    expect(e?.actionGroup).toBe('read');
    expect(e?.notes).toContain('objects-only:config/*');
    expect(edgesOf(g, user(B, 'other'), 'arn:aws:s3:::data', 'can-access')).toHaveLength(0);
  });

  it('a public bucket policy reaches anyone unless RestrictPublicBuckets is on', async () => {
    const g = await build({
      org: ORG(),
      accounts: {
        [B]: {
          buckets: [
            {
              name: 'open',
              policy: {
                ...readPolicy('*'),
                Statement: [
                  {
                    Effect: 'Allow',
                    Principal: '*',
                    Action: 's3:GetObject',
                    Resource: 'arn:aws:s3:::open/*',
                  },
                ],
              },
            },
            {
              name: 'blocked',
              publicAccessBlock: { RestrictPublicBuckets: true },
              policy: {
                Version: '2012-10-17',
                Statement: [
                  {
                    Effect: 'Allow',
                    Principal: '*',
                    Action: 's3:GetObject',
                    Resource: 'arn:aws:s3:::blocked/*',
                  },
                ],
              },
            },
          ],
        },
      },
    });
    expect(decisionOf(g, '*', 'arn:aws:s3:::open', 'can-access')).toBe('allow');
    expect(edgesOf(g, '*', 'arn:aws:s3:::blocked', 'can-access')).toHaveLength(0);
  });
});

describe('admin marking', () => {
  it('marks principals with AdministratorAccess, not those with read-only policies', async () => {
    const g = await build({
      org: ORG(),
      accounts: {
        [B]: {
          roles: [
            {
              name: 'Admin',
              trust: trust({ Service: 'ec2.amazonaws.com' }),
              managed: [ADMIN_POLICY_ARN],
            },
            {
              name: 'Reader',
              trust: trust({ Service: 'ec2.amazonaws.com' }),
              policies: [allow('s3:Get*', '*')],
            },
          ],
        },
      },
    });
    expect(g.getNodeAttribute(role(B, 'Admin'), 'admin')).toBe(true);
    expect(g.getNodeAttribute(role(B, 'Reader'), 'admin')).toBeUndefined();
  });
});

/**
 * IAM Identity Center in the access graph and the queries, end to end from a snapshot directory:
 * permission-set roles recognised by path and name (with and without the region segment),
 * `can-sign-in` decided by the role's trust policy, `member-of` traversed, people as starting
 * points of who-can-reach, path and reachable-from.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { analyzeSnapshotDir, type Analysis } from '../../../server/analyze/analyze-snapshot-dir.js';
import { pathLine } from '../../../server/cli/format/query-output.js';
import { resolveAnalysisConfig } from '../../../shared/config/analysis-config.js';
import { aggregateAccounts } from '../../../shared/graph/aggregate-accounts.js';
import { IDENTITY_CENTER_KEY } from '../../../shared/graph/sso/add-identity-center.js';
import { matchAssignments } from '../../../shared/graph/sso/match-assignments.js';
import type { EdgeAttributes } from '../../../shared/graph/types.js';
import { findPaths, findReachableFrom, findWhoCanReach } from '../../../shared/query/index.js';
import { GraphBuilder } from '../query/graph-fixtures.js';
import {
  ADMIN_POLICY_ARN,
  allow,
  trust,
  writeScenario,
  type Scenario,
} from '../../helpers/write-scenario.js';

const PROD = '111111111111';
const DEV = '222222222222';
const STORE = 'd-1234567890';
const PS = (id: string): string => `arn:aws:sso:::permissionSet/ssoins-1111111111111111/ps-${id}`;
const SSO_PROVIDER = 'AWSSSO_0123456789abcdef_DO_NOT_DELETE';
const saml = (acct: string, name = SSO_PROVIDER): string =>
  `arn:aws:iam::${acct}:saml-provider/${name}`;
const AUD = { StringEquals: { 'SAML:aud': 'https://signin.aws.amazon.com/saml' } };
const ssoTrust = (acct: string, extra: Record<string, unknown> = {}): Record<string, unknown> =>
  trust({ Federated: saml(acct) }, { ...AUD, ...extra }, 'sts:AssumeRoleWithSAML');
const role = (acct: string, path: string, name: string): string =>
  `arn:aws:iam::${acct}:role${path}${name}`;
const SSO_PATH = '/aws-reserved/sso.amazonaws.com/';
const ADMIN = role(PROD, SSO_PATH, 'AWSReservedSSO_AdministratorAccess_1a2b3c4d5e6f7081');
const READONLY = role(PROD, `${SSO_PATH}eu-west-2/`, 'AWSReservedSSO_ReadOnly_0f1e2d3c4b5a6978');
const LOCKED = role(PROD, SSO_PATH, 'AWSReservedSSO_Locked_aaaabbbbccccdddd');
const IP_ONLY = role(PROD, SSO_PATH, 'AWSReservedSSO_IpOnly_1111222233334444');
const BUCKET = 'arn:aws:s3:::prod-data';
const user = (id: string): string => `sso:${STORE}:user/${id}`;
const group = (id: string): string => `sso:${STORE}:group/${id}`;

const scenario: Scenario = {
  org: {
    id: 'o-test000001',
    managementAccountId: PROD,
    accounts: [
      { id: PROD, name: 'prod', parent: 'r-root' },
      { id: DEV, name: 'dev', parent: 'r-root' },
    ],
  },
  accounts: {
    [PROD]: {
      samlProviders: [SSO_PROVIDER, 'Okta'],
      roles: [
        {
          name: 'AWSReservedSSO_AdministratorAccess_1a2b3c4d5e6f7081',
          path: SSO_PATH,
          trust: ssoTrust(PROD),
          managed: [ADMIN_POLICY_ARN],
        },
        {
          name: 'AWSReservedSSO_ReadOnly_0f1e2d3c4b5a6978',
          path: `${SSO_PATH}eu-west-2/`,
          trust: ssoTrust(PROD),
          policies: [allow('s3:GetObject', `${BUCKET}/*`)],
        },
        {
          // The trust was edited to admit only another provider: Identity Center cannot sign in.
          name: 'AWSReservedSSO_Locked_aaaabbbbccccdddd',
          path: SSO_PATH,
          trust: trust({ Federated: saml(PROD, 'Okta') }, AUD, 'sts:AssumeRoleWithSAML'),
          managed: [ADMIN_POLICY_ARN],
        },
        {
          name: 'AWSReservedSSO_IpOnly_1111222233334444',
          path: SSO_PATH,
          trust: ssoTrust(PROD, { IpAddress: { 'aws:SourceIp': '203.0.113.0/24' } }),
          managed: [ADMIN_POLICY_ARN],
        },
      ],
      buckets: [{ name: 'prod-data' }],
    },
    [DEV]: { roles: [] },
  },
  identityCenter: {
    InstanceArn: 'arn:aws:sso:::instance/ssoins-1111111111111111',
    IdentityStoreId: STORE,
    Users: [
      { UserId: 'u-alice', UserName: 'alice@example.com', DisplayName: 'Alice' },
      { UserId: 'u-bob', UserName: 'bob@example.com' },
      { UserId: 'u-carol', UserName: 'carol@example.com' },
    ],
    Groups: [{ GroupId: 'g-admins', DisplayName: 'Admins' }],
    GroupMemberships: [
      { GroupId: 'g-admins', UserId: 'u-alice' },
      { GroupId: 'g-admins', MemberId: { UserId: 'u-bob' } },
    ],
    PermissionSets: [
      { PermissionSetArn: PS('admin'), Name: 'AdministratorAccess' },
      { PermissionSetArn: PS('ro'), Name: 'ReadOnly' },
      { PermissionSetArn: PS('locked'), Name: 'Locked' },
      { PermissionSetArn: PS('ip'), Name: 'IpOnly' },
    ],
    AccountAssignments: [
      {
        AccountId: PROD,
        PermissionSetArn: PS('admin'),
        PrincipalType: 'GROUP',
        PrincipalId: 'g-admins',
      },
      {
        AccountId: PROD,
        PermissionSetArn: PS('ro'),
        PrincipalType: 'USER',
        PrincipalId: 'u-carol',
      },
      {
        AccountId: PROD,
        PermissionSetArn: PS('locked'),
        PrincipalType: 'GROUP',
        PrincipalId: 'g-admins',
      },
      {
        AccountId: PROD,
        PermissionSetArn: PS('ip'),
        PrincipalType: 'USER',
        PrincipalId: 'u-carol',
      },
      {
        AccountId: DEV,
        PermissionSetArn: PS('admin'),
        PrincipalType: 'GROUP',
        PrincipalId: 'g-admins',
      },
      {
        AccountId: PROD,
        PermissionSetArn: PS('admin'),
        PrincipalType: 'USER',
        PrincipalId: 'u-deleted',
      },
    ],
  },
};

let dir = '';
let analysis: Analysis;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'trustmap-sso-'));
  await writeScenario(dir, scenario);
  analysis = await analyzeSnapshotDir(dir, resolveAnalysisConfig());
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

function signIn(source: string, target: string): EdgeAttributes | undefined {
  const g = analysis.graph;
  if (!g.hasNode(source) || !g.hasNode(target)) return undefined;
  return g
    .edges(source, target)
    .map((e) => g.getEdgeAttributes(e))
    .find((a) => a.kind === 'can-sign-in');
}

describe('Identity Center in the access graph', () => {
  it('loads identity-center.json without issues', () => {
    expect(analysis.snapshot.issues.filter((i) => i.file === 'identity-center.json')).toEqual([]);
    expect(analysis.snapshot.identityCenter?.users.map((u) => u.userName)).toEqual([
      'alice@example.com',
      'bob@example.com',
      'carol@example.com',
    ]);
  });

  it('adds users and groups, with members counted, and member-of edges', () => {
    const g = analysis.graph;
    expect(g.getNodeAttributes(user('u-alice'))).toMatchObject({
      kind: 'sso-user',
      label: 'alice@example.com',
      displayName: 'Alice',
      scope: 'org',
    });
    expect(g.getNodeAttributes(group('g-admins'))).toMatchObject({
      kind: 'sso-group',
      label: 'Admins',
      members: 2,
    });
    const kinds = g
      .edges(user('u-bob'), group('g-admins'))
      .map((e) => g.getEdgeAttribute(e, 'kind'));
    expect(kinds).toEqual(['member-of']);
  });

  it.each([
    // The trust admits the AWSSSO provider with the audience Identity Center sends: allow.
    {
      name: 'group to its permission set role',
      source: group('g-admins'),
      target: ADMIN,
      decision: 'allow',
      keys: [],
    },
    // A region segment after sso.amazonaws.com/ when the instance is not in us-east-1 (AWS docs, referencingpermissionsets).
    {
      name: 'direct user assignment, role path with a region',
      source: user('u-carol'),
      target: READONLY,
      decision: 'allow',
      keys: [],
    },
    // A condition Identity Center does not satisfy by itself stays a gate.
    {
      name: 'trust with a source-IP condition',
      source: user('u-carol'),
      target: IP_ONLY,
      decision: 'conditional',
      keys: ['aws:SourceIp'],
    },
  ])('can-sign-in: $name', ({ source, target, decision, keys }) => {
    const e = signIn(source, target);
    expect(e?.decision).toBe(decision);
    expect(e?.conditionKeys).toEqual(keys);
    expect(e?.evidence[0]?.role).toBe('note');
  });

  it('draws no edge to a permission-set role whose trust refuses Identity Center', () => {
    expect(signIn(group('g-admins'), LOCKED)).toBeUndefined();
  });

  it('reports the assignments without an edge instead of dropping them', () => {
    const outcomes = matchAssignments(analysis.snapshot)?.outcomes ?? [];
    const summary = outcomes.map((o) => [o.kind, o.assignment.accountId, o.permissionSet]);
    expect(summary).toContainEqual(['role-missing', DEV, 'AdministratorAccess']);
    expect(summary).toContainEqual(['principal-missing', PROD, 'AdministratorAccess']);
  });

  it('the AWSSSO provider edge is not conditional on SAML:aud: Identity Center always sends the sign-in audience', () => {
    const g = analysis.graph;
    const edge = g.edges(saml(PROD), ADMIN).map((k) => g.getEdgeAttributes(k))[0];
    expect(edge?.decision).toBe('allow');
    expect(edge?.conditionKeys).toEqual([]);
    // A real gate stays one.
    const ip = g.edges(saml(PROD), IP_ONLY).map((k) => g.getEdgeAttributes(k))[0];
    expect(ip?.conditionKeys).toEqual(['aws:SourceIp']);
    // Another SAML provider's assertions may carry any audience its IdP sets: still conditional.
    const okta = g.edges(saml(PROD, 'Okta'), LOCKED).map((k) => g.getEdgeAttributes(k))[0];
    expect(okta?.decision).toBe('conditional');
    expect(okta?.conditionKeys).toEqual(['SAML:aud']);
  });

  it('marks the AWSSSO provider as Identity Center and keeps its trust edge as evidence', () => {
    const g = analysis.graph;
    expect(g.getNodeAttribute(saml(PROD), 'identityCenter')).toBe(true);
    expect(g.getNodeAttribute(saml(PROD, 'Okta'), 'identityCenter')).toBeUndefined();
    expect(g.edges(saml(PROD), ADMIN).length).toBeGreaterThan(0);
  });
});

describe('the organization view', () => {
  it("folds every account's AWSSSO provider into one IAM Identity Center node; other providers stay", () => {
    const level = aggregateAccounts(analysis.graph);
    const keys = level.nodes.map((n) => n.key);
    expect(keys).toContain(IDENTITY_CENTER_KEY);
    expect(keys).not.toContain(saml(PROD));
    expect(keys).toContain(saml(PROD, 'Okta'));
    const hub = level.nodes.find((n) => n.key === IDENTITY_CENTER_KEY)?.attributes;
    expect(hub).toMatchObject({ kind: 'idp', label: 'IAM Identity Center', providers: 1 });
    const edge = level.edges.find(
      (e) => e.source === IDENTITY_CENTER_KEY && e.target === `arn:aws:iam::${PROD}:root`,
    );
    // Three permission-set roles admit the AWSSSO provider (Locked admits only Okta); the
    // source-IP one is the worst of them: conditional, not external.
    expect(edge?.attributes?.count).toBe(3);
    expect(edge?.attributes?.worst).toBe('conditional');
    expect(level.edges.some((e) => e.source === saml(PROD))).toBe(false);
  });

  it('has no edges of its own in the access graph (queries use the providers and the people)', () => {
    expect(analysis.graph.degree(IDENTITY_CENTER_KEY)).toBe(0);
  });
});

describe('queries with people as starting points', () => {
  it('who-can-reach groups the answer by person and group, without the AWSSSO provider', () => {
    const r = findWhoCanReach(analysis.graph, BUCKET, { action: 'read' });
    expect(r.kind).toBe('found');
    if (r.kind !== 'found') return;
    expect(r.principals.map((p) => p.principal)).not.toContain(saml(PROD));
    expect(r.principals.some((p) => p.kind === 'sso-user' || p.kind === 'sso-group')).toBe(false);
    expect(r.people?.groups.map((g) => [g.name, g.members, g.decision])).toEqual([
      ['Admins', 2, 'allow'],
    ]);
    const people = r.people?.users.map((u) => [u.userName, u.groups, u.direct, u.decision]);
    // Shorter paths first: carol's direct assignment is one hop shorter than the group's.
    expect(people).toEqual([
      ['carol@example.com', [], true, 'allow'],
      ['alice@example.com', [group('g-admins')], false, 'allow'],
      ['bob@example.com', [group('g-admins')], false, 'allow'],
    ]);
    expect(r.people?.totalUsers).toBe(3);
  });

  it('path explains a person through the group and the permission set', () => {
    const r = findPaths(analysis.graph, user('u-alice'), BUCKET);
    expect(r.kind).toBe('found');
    if (r.kind !== 'found') return;
    const first = r.paths[0];
    expect(first?.hops.map((h) => h.kind)).toEqual(['member-of', 'can-sign-in', 'can-access']);
    expect(pathLine(analysis.graph, first?.hops ?? [])).toBe(
      'alice@example.com → (group Admins) → AdministratorAccess in prod → prod-data',
    );
  });

  it('reachable-from a person lists the roles of their groups and assignments', () => {
    const r = findReachableFrom(analysis.graph, user('u-alice'));
    expect(r.kind).toBe('found');
    if (r.kind !== 'found') return;
    // Without escalation: the roles of her groups and assignments only. Through escalation the
    // AdministratorAccess role owns its account, so every role of prod follows from it.
    const direct = r.roles
      .filter((x) => x.path.every((h) => h.kind !== 'can-escalate'))
      .map((x) => x.role);
    expect(direct).toContain(ADMIN);
    expect(direct).not.toContain(LOCKED);
    expect(direct).not.toContain(READONLY);
    expect(r.admin.map((a) => a.accountId)).toContain(PROD);
  });
});

describe('reachable-from a person: the best decision over all paths', () => {
  it('finds the unconditional path through a group when a shorter one is conditional', () => {
    // DESIGN.md "Queries": best decision over all paths (allow beats conditional); the
    // unconditional search must follow the people's member-of and can-sign-in edges too.
    const u = user('u-x');
    const g = group('g-x');
    const r1 = `arn:aws:iam::${PROD}:role/R1`;
    const r2 = `arn:aws:iam::${PROD}:role/R2`;
    const r3 = `arn:aws:iam::${PROD}:role/R3`;
    const b = new GraphBuilder()
      .edge(u, g, { kind: 'member-of' })
      .edge(g, r1, { kind: 'can-sign-in', permissionSet: 'A' })
      .edge(r1, r3)
      .edge(u, r2, { kind: 'can-sign-in', permissionSet: 'B', decision: 'conditional' })
      .edge(r2, r3);
    const r = findReachableFrom(b.graph, u);
    expect(r.kind).toBe('found');
    if (r.kind !== 'found') return;
    const target = r.roles.find((x) => x.role === r3);
    expect(target?.decision).toBe('allow');
    expect(target?.path.map((h) => h.kind)).toEqual(['member-of', 'can-sign-in', 'can-assume']);
  });
});

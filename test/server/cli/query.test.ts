/**
 * `trustmap query …` through `main()` with a captured CliIo, on the demo organization
 * (docs/demo-organization.md, written once to a temporary directory): the --json shapes, answers
 * checked against the documented facts, the readable output, and usage errors (exit 2, the
 * argument named on stderr with the closest nodes, nothing on stdout).
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeDemoSnapshot } from '../../../server/demo/write-demo-snapshot.js';
import { runCli, type CliRun } from '../../helpers/run-cli.js';

let work: string;
let demo: string;
beforeAll(async () => {
  work = await mkdtemp(join(tmpdir(), 'trustmap-query-'));
  demo = join(work, 'demo');
  await writeDemoSnapshot(demo, { accounts: 12, seed: 'trustmap-demo' });
}, 120_000);
afterAll(async () => {
  await rm(work, { recursive: true, force: true });
});

function run(args: string[]): Promise<CliRun> {
  return runCli(args, work, { TRUSTMAP_DATA_DIR: work });
}

async function json<T>(args: string[]): Promise<T> {
  const r = await run([...args, '--from-dir', demo, '--json']);
  expect(r.stderr).toBe('');
  expect(r.code).toBe(0);
  return JSON.parse(r.stdout) as T;
}

const role = (a: string, n: string): string => `arn:aws:iam::${a}:role/${n}`;
const root = (a: string): string => `arn:aws:iam::${a}:root`;
const bucket = (n: string): string => `arn:aws:s3:::${n}`;
const SSO_ADMIN =
  'aws-reserved/sso.amazonaws.com/AWSReservedSSO_AdministratorAccess_a1b2c3d4e5f60718';
const SSO_READ = 'aws-reserved/sso.amazonaws.com/AWSReservedSSO_ReadOnlyAccess_0f1e2d3c4b5a6978';
const HOP_KEYS = ['conditionKeys', 'decision', 'evidence', 'from', 'kind', 'to'];

interface HopJson {
  from: string;
  to: string;
  kind: string;
  decision: string;
  conditionKeys: string[];
  evidence: { policy: { kind: string }; statementIndex?: number; role: string; reason: string }[];
}
interface CanAssumeJson {
  role: string;
  principals: {
    principal: string;
    kind: string;
    accountId: string | null;
    scope: string;
    vendor: string | null;
    decision: string;
    conditionKeys: string[];
    evidence: HopJson['evidence'];
  }[];
}
interface PathJson {
  from: string;
  to: string;
  paths: { hops: HopJson[] }[];
  truncated: boolean;
}
interface ReachJson {
  resource: string;
  action: string | null;
  principals: {
    principal: string;
    kind: string;
    scope: string;
    vendor: string | null;
    decision: string;
    path: HopJson[];
  }[];
  truncated: boolean;
}

describe('query can-assume', () => {
  it('prints exactly role and principals with the documented fields (PartnerAuditRole: account 999988887777, allow)', async () => {
    const r = await json<CanAssumeJson>([
      'query',
      'can-assume',
      role('500000000002', 'PartnerAuditRole'),
    ]);
    expect(Object.keys(r).sort()).toEqual(['principals', 'role']);
    expect(r.role).toBe(role('500000000002', 'PartnerAuditRole'));
    expect(r.principals).toHaveLength(1);
    const p = r.principals[0]!;
    expect(Object.keys(p).sort()).toEqual([
      'accountId',
      'conditionKeys',
      'decision',
      'evidence',
      'kind',
      'principal',
      'scope',
      'vendor',
    ]);
    expect(p).toMatchObject({
      principal: root('999988887777'),
      kind: 'account',
      accountId: '999988887777',
      scope: 'external',
      vendor: null,
      decision: 'allow',
      conditionKeys: [],
    });
    expect(
      p.evidence.some(
        (e) => e.policy.kind === 'trust' && e.statementIndex === 0 && e.role === 'grants',
      ),
    ).toBe(true);
  });

  it('names the vendor and the ExternalId condition (DatadogIntegrationRole)', async () => {
    const r = await json<CanAssumeJson>([
      'query',
      'can-assume',
      role('500000000001', 'DatadogIntegrationRole'),
    ]);
    expect(
      r.principals.map((p) => [p.principal, p.scope, p.vendor, p.decision, p.conditionKeys]),
    ).toEqual([[root('464622532012'), 'vendor', 'Datadog', 'conditional', ['sts:ExternalId']]]);
  });

  it('lists the expansion next to the aggregate: not bob, not carol for SecurityAuditRole (boundary)', async () => {
    const r = await json<CanAssumeJson>([
      'query',
      'can-assume',
      role('500000000003', 'SecurityAuditRole'),
    ]);
    const who = r.principals.map((p) => p.principal);
    expect(who).toContain(root('222222222222'));
    expect(who).toContain('arn:aws:iam::222222222222:user/people/alice');
    expect(who).toContain('arn:aws:iam::222222222222:user/people/bob');
    expect(who).not.toContain('arn:aws:iam::222222222222:user/people/carol');
  });

  it('caps the principals with --max-results', async () => {
    const r = await json<CanAssumeJson>([
      'query',
      'can-assume',
      role('500000000003', 'SecurityAuditRole'),
      '--max-results',
      '2',
    ]);
    expect(r.principals).toHaveLength(2);
  });

  it('prints "none" and exits 0 for a role nobody can assume, noting the deleted principal', async () => {
    const r = await run([
      'query',
      'can-assume',
      role('500000000002', 'LegacyCrossAccountRole'),
      '--from-dir',
      demo,
    ]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('none');
    expect(r.stdout).toContain('AROAZ7DEMOXDELETEDQ42');
  });

  it('accepts a unique role name and prints a table', async () => {
    const r = await run(['query', 'can-assume', 'PartnerAuditRole', '--from-dir', demo]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^PRINCIPAL\s+KIND\s+SCOPE\s+VENDOR\s+DECISION\s+EVIDENCE$/m);
    expect(r.stdout).toMatch(
      /arn:aws:iam::999988887777:root \(account\)\s+account\s+external\s+allow/,
    );
  });
});

describe('query path', () => {
  it('prints the external chain with each hop, its decision and evidence', async () => {
    const r = await json<PathJson>([
      'query',
      'path',
      '999988887777',
      role('500000000001', 'DeploymentAdminRole'),
    ]);
    expect(Object.keys(r).sort()).toEqual(['from', 'paths', 'to', 'truncated']);
    expect(r.from).toBe(root('999988887777'));
    expect(r.truncated).toBe(false);
    expect(r.paths).toHaveLength(1);
    const hops = r.paths[0]!.hops;
    for (const h of hops) expect(Object.keys(h).sort()).toEqual(HOP_KEYS);
    expect(hops.map((h) => [h.from, h.to, h.kind, h.decision, h.conditionKeys])).toEqual([
      [
        root('999988887777'),
        role('444444444444', 'ci/ExternalDeployRole'),
        'can-assume',
        'conditional',
        ['sts:ExternalId'],
      ],
      [
        role('444444444444', 'ci/ExternalDeployRole'),
        role('500000000001', 'DeploymentAdminRole'),
        'can-assume',
        'allow',
        [],
      ],
    ]);
    expect(hops[1]!.evidence.some((e) => e.reason.includes('AssumeDeploymentAdmin'))).toBe(true);
  });

  it('leaves the conditional first hop out with --no-conditional', async () => {
    const r = await json<PathJson>([
      'query',
      'path',
      '999988887777',
      role('500000000001', 'DeploymentAdminRole'),
      '--no-conditional',
    ]);
    expect(r.paths).toEqual([]);
  });

  it('prints "none" and exits 0 when there is no path (LegacyPublicRole cannot call sts:AssumeRole)', async () => {
    const r = await run([
      'query',
      'path',
      role('500000000003', 'LegacyPublicRole'),
      role('500000000001', 'DeploymentAdminRole'),
      '--from-dir',
      demo,
    ]);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe('none\n');
  });

  it('prints readable hops with their evidence', async () => {
    const r = await run([
      'query',
      'path',
      '999988887777',
      'DeploymentAdminRole',
      '--from-dir',
      demo,
    ]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Path 1: 999988887777 → ExternalDeployRole → DeploymentAdminRole');
    expect(r.stdout).toContain('conditional [sts:ExternalId]');
    expect(r.stdout).toMatch(/grants\s+Statement 0 \(Sid AssumeDeploymentAdmin\)/);
  });

  it('follows a cycle of roles without repeating a node', async () => {
    const r = await json<PathJson>([
      'query',
      'path',
      role('500000000003', 'CycleRoleA'),
      role('500000000003', 'CycleRoleB'),
    ]);
    expect(r.paths.map((p) => p.hops.length)).toEqual([1]);
  });
});

describe('query who-can-reach', () => {
  it('lists the readers of the partner exchange bucket, the outside account first', async () => {
    const r = await json<ReachJson>([
      'query',
      'who-can-reach',
      bucket('acme-partner-exchange-500000000002'),
    ]);
    expect(Object.keys(r).sort()).toEqual([
      'action',
      'people',
      'principals',
      'resource',
      'truncated',
    ]);
    expect(r.action).toBe('read');
    for (const p of r.principals)
      expect(Object.keys(p).sort()).toEqual([
        'decision',
        'kind',
        'path',
        'principal',
        'scope',
        'vendor',
      ]);
    expect(r.principals[0]).toMatchObject({
      principal: root('999988887777'),
      scope: 'external',
      decision: 'allow',
    });
    const direct = r.principals
      .filter((p) => p.path.length === 1)
      .map((p) => p.principal)
      .sort();
    expect(direct).toEqual(
      [
        root('999988887777'),
        // The account's administrators (its account node) read its buckets themselves.
        root('500000000002'),
        role('500000000002', SSO_ADMIN),
        role('500000000002', SSO_READ),
        role('500000000002', 'OrganizationAccountAccessRole'),
        role('500000000002', 'PartnerAuditRole'),
        role('500000000002', 'LegacyCrossAccountRole'),
      ].sort(),
    );
  });

  it('does not list the outside account where an RCP denies it (data lake)', async () => {
    const r = await json<ReachJson>([
      'query',
      'who-can-reach',
      bucket('acme-data-lake-prod-500000000005'),
    ]);
    const who = r.principals.map((p) => p.principal);
    expect(who).not.toContain(root('999988887777'));
    expect(who).toContain(role('500000000005', 'SnowflakeStorageIntegration'));
  });

  it('shows the GitHub provider as public where a trust leaves the subject open (CI cache)', async () => {
    const r = await json<ReachJson>([
      'query',
      'who-can-reach',
      bucket('acme-ci-cache-444444444444'),
    ]);
    const gh = r.principals.find(
      (p) => p.kind === 'idp' && p.principal.endsWith('token.actions.githubusercontent.com'),
    );
    expect(gh?.scope).toBe('public');
    expect(r.principals[0]?.scope).toBe('public');
  });

  it('answers for a role as the resource, with action null', async () => {
    const r = await json<ReachJson>([
      'query',
      'who-can-reach',
      role('500000000001', 'DeploymentAdminRole'),
    ]);
    expect(r.action).toBeNull();
    expect(r.principals.map((p) => p.principal)).toContain(root('999988887777'));
  });

  it('caps the answer with --max-results and says so', async () => {
    const r = await json<ReachJson>([
      'query',
      'who-can-reach',
      bucket('acme-shared-artifacts-444444444444'),
      '--max-results',
      '3',
    ]);
    expect(r.principals).toHaveLength(3);
    expect(r.truncated).toBe(true);
  });
});

describe('query reachable-from', () => {
  it('gives the blast radius of the unknown external account', async () => {
    const r = await json<{
      roles: { role: string; admin: boolean }[];
      buckets: { bucket: string; action: string }[];
    }>(['query', 'reachable-from', '999988887777']);
    const roles = r.roles.map((x) => x.role);
    expect(roles).toEqual(
      expect.arrayContaining([
        role('444444444444', 'ci/ExternalDeployRole'),
        role('500000000002', 'PartnerAuditRole'),
        role('500000000001', 'DeploymentAdminRole'),
      ]),
    );
    expect(r.roles.find((x) => x.role === role('500000000001', 'DeploymentAdminRole'))?.admin).toBe(
      true,
    );
    expect(r.buckets).toContainEqual(
      expect.objectContaining({
        bucket: bucket('acme-partner-exchange-500000000002'),
        action: 'read',
      }),
    );
    expect(r.buckets.map((x) => x.bucket)).not.toContain(
      bucket('acme-data-lake-prod-500000000005'),
    );
  });
});

describe('query: a stored scan', () => {
  it('answers from --db the same as from --from-dir', async () => {
    const db = join(work, 'store.db');
    const scan = await run([
      'scan',
      '--from-dir',
      demo,
      '--db',
      db,
      '--fail-on',
      'none',
      // The demo's 500000000008 is truncated: coverage partial.
      '--allow-partial',
      '--quiet',
    ]);
    expect(scan.code).toBe(0);
    const args = [
      'query',
      'path',
      '999988887777',
      role('500000000001', 'DeploymentAdminRole'),
      '--json',
    ];
    const fromDb = await run([...args, '--db', db]);
    const fromDir = await run([...args, '--from-dir', demo]);
    expect(fromDb.code).toBe(0);
    expect(JSON.parse(fromDb.stdout)).toEqual(JSON.parse(fromDir.stdout));
  });
});

describe('query: usage errors (exit 2, nothing on stdout)', () => {
  const cases: [string, string[], RegExp][] = [
    [
      'an ARN not in the graph, with the closest names',
      ['query', 'can-assume', 'arn:aws:iam::500000000002:role/PartnerAuditRol'],
      /ROLE_ARN: "arn:aws:iam::500000000002:role\/PartnerAuditRol" is not in the access graph of .*; closest: arn:aws:iam::500000000002:role\/PartnerAuditRole/,
    ],
    [
      'an account not in the graph',
      ['query', 'reachable-from', '123456789012'],
      /ARN: "123456789012" is not in the access graph/,
    ],
    [
      'a name shared by several roles',
      ['query', 'can-assume', 'OrganizationAccountAccessRole'],
      /names several nodes; give the full ARN/,
    ],
    [
      'an action group the target does not have',
      ['query', 'who-can-reach', 'acme-web-public-500000000002', '--action', 'decrypt'],
      /--action: action group decrypt does not apply to the bucket arn:aws:s3:::acme-web-public-500000000002; expected one of read, write, list, admin/,
    ],
    [
      'a node of the wrong kind',
      ['query', 'who-can-reach', '999988887777'],
      /ARN: arn:aws:iam::999988887777:root is an account; expected bucket or resource or role/,
    ],
    [
      'a bad --max-depth',
      ['query', 'path', '999988887777', 'DeploymentAdminRole', '--max-depth', '0'],
      /--max-depth: expected a whole number from 1 to 20/,
    ],
    [
      'a bad --max-results',
      ['query', 'who-can-reach', 'acme-web-public-500000000002', '--max-results', 'many'],
      /--max-results: expected a whole number/,
    ],
    [
      'a bad --action',
      ['query', 'who-can-reach', 'acme-web-public-500000000002', '--action', 'delete'],
      /--action: expected one of read, write, list, admin/,
    ],
    [
      'both conditional flags',
      ['query', 'can-assume', 'PartnerAuditRole', '--include-conditional', '--no-conditional'],
      /choose one/,
    ],
    [
      'the same node twice',
      ['query', 'path', 'PartnerAuditRole', 'PartnerAuditRole'],
      /the same node/,
    ],
  ];
  for (const [name, args, message] of cases)
    it(name, async () => {
      const r = await run([...args, '--from-dir', demo]);
      expect(r.code).toBe(2);
      expect(r.stdout).toBe('');
      expect(r.stderr).toMatch(message);
    });

  it('a directory that is not a snapshot', async () => {
    const r = await run(['query', 'can-assume', 'x', '--from-dir', join(work, 'nowhere')]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/--from-dir: .* is not a directory/);
  });

  it('no --from-dir and no stored scan', async () => {
    const r = await run(['query', 'can-assume', 'PartnerAuditRole']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/expected --from-dir DIR .* or --db FILE/);
  });
});

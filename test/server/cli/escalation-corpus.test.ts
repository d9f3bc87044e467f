/**
 * The escalation corpus (issue "Reach through privilege escalation", correctness bar): every
 * technique of test/fixtures/escalation/techniques.json is written as a snapshot directory and
 * asked through `trustmap query` (path, who-can-reach, reachable-from's `admin` array), then each
 * of its negative twins: every needed action removed in turn, an explicit Deny, a permissions
 * boundary, an SCP, `iam:PassRole` limited by `iam:PassedToService` to another service, and a
 * role whose trust does not admit the service, plus the twins a case lists itself (another trust
 * policy, the actions granted on other resources). The positive case must be found (with the
 * case's `decision` when it names one); no twin may be.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import techniques from '../../fixtures/escalation/techniques.json' with { type: 'json' };
import { runCli } from '../../helpers/run-cli.js';
import {
  ADMIN_POLICY_ARN,
  FULL_AWS_ACCESS,
  writeScenario,
  type Doc,
  type Scenario,
  type ScenarioAccount,
} from '../../helpers/write-scenario.js';

const A = '111122223333';
const MGMT = '999900000000';

interface Technique {
  name: string;
  reason: string;
  target: {
    type: string;
    trustService?: string;
    /** The target role's trust policy, when it is not `Principal: {Service: trustService}`. */
    trust?: Doc;
    instanceProfile?: boolean;
    workloadType?: string;
    arn?: string;
    /** Fields of the target workload's workloads.json entry beyond Type, Arn, Name, Region, RoleArn. */
    workloadFields?: Record<string, unknown>;
    /** Other entries of the account's workloads.json (an AWS Batch job queue). */
    otherWorkloads?: Record<string, unknown>[];
  };
  actions: string[];
  attacker?: 'user' | 'role';
  passedToService?: string;
  noTrustTwin?: boolean;
  /** A technique without iam:PassRole that still needs the role to trust the service. */
  trustTwin?: boolean;
  /** Twins that change the workloads only (every action granted): none may be reported. */
  workloadTwins?: {
    name: string;
    workloadFields?: Record<string, unknown>;
    otherWorkloads?: Record<string, unknown>[];
  }[];
  /** The positive case's decision on the technique's hop (checked through who-can-reach). */
  decision?: 'allow' | 'conditional';
  /** The actions granted on these resources instead of `*` (`{A}`: the account). */
  grantedOn?: Record<string, string>;
  /** workloads.json entries of the account (`{A}` in an ARN: the account). */
  workloads?: Doc[];
  /** More twins: the target's trust, the actions' resources or the account's workloads replaced. */
  twins?: { name: string; trust?: Doc; grantedOn?: Record<string, string>; workloads?: Doc[] }[];
}

/** How one scenario departs from the technique's positive case. */
interface Variant {
  name: string;
  /** The actions granted. */
  actions: string[];
  denyAction?: string;
  boundary?: string[];
  scpDeny?: string;
  passedToServiceOther?: boolean;
  trustOtherService?: boolean;
  /** The policy's stored older version is no broader than its default one. */
  olderNotBroader?: boolean;
  /** In place of the technique's (workloadTwins). */
  workloadFields?: Record<string, unknown>;
  otherWorkloads?: Record<string, unknown>[];
  /** The target's trust policy instead of the technique's. */
  trust?: Doc;
  /** Where the actions are granted (the technique's `grantedOn` otherwise). */
  grantedOn?: Record<string, string>;
  /** The account's workloads.json entries (the technique's otherwise). */
  workloads?: Doc[];
}

const CASES = (techniques as { cases: Technique[] }).cases;

const doc = (...Statement: Doc[]): Doc => ({ Version: '2012-10-17', Statement });
const SELF_TYPES = new Set([
  'self',
  'self-group',
  'self-add-to-group',
  'self-managed-policy',
  'self-policy-version',
  'self-boundary',
  'self-boundary-version',
  'self-boundary-policy',
  'other-role',
]);
/** Techniques granted by the attacker's boundary (its identity policy is AdministratorAccess). */
const BOUNDARY_TYPES = new Set(['self-boundary', 'self-boundary-version', 'self-boundary-policy']);
/** Techniques whose twins include an older version that is no broader. */
const VERSION_TYPES = new Set(['self-policy-version', 'self-boundary-version']);

function attackerArn(t: Technique): string {
  return t.attacker === 'role'
    ? `arn:aws:iam::${A}:role/attacker`
    : `arn:aws:iam::${A}:user/attacker`;
}

function targetArn(t: Technique): string {
  return t.target.type === 'user'
    ? `arn:aws:iam::${A}:user/victim`
    : `arn:aws:iam::${A}:role/target`;
}

function scenarioOf(t: Technique, v: Variant): Scenario {
  const grantIn = BOUNDARY_TYPES.has(t.target.type) ? 'boundary' : 'identity';
  const statements: Doc[] = [];
  const pass = v.actions.filter((a) => a === 'iam:PassRole');
  const rest = v.actions.filter((a) => a !== 'iam:PassRole');
  // A policy-version technique is granted on the attached policy only: with Resource "*" the
  // attacker could also rewrite the boundary of the boundary twin (a real, different path).
  const grantedOn =
    t.target.type === 'self-managed-policy' || t.target.type === 'self-policy-version'
      ? `arn:aws:iam::${A}:policy/app-policy`
      : '*';
  if (grantIn === 'identity') {
    const on = v.grantedOn ?? t.grantedOn ?? {};
    const anywhere = rest.filter((a) => on[a] === undefined);
    if (anywhere.length > 0)
      statements.push({ Effect: 'Allow', Action: anywhere, Resource: grantedOn });
    for (const a of rest.filter((x) => on[x] !== undefined))
      statements.push({ Effect: 'Allow', Action: a, Resource: (on[a] ?? '').replace('{A}', A) });
    if (pass.length > 0)
      statements.push({
        Effect: 'Allow',
        Action: 'iam:PassRole',
        Resource: '*',
        ...(v.passedToServiceOther
          ? { Condition: { StringEquals: { 'iam:PassedToService': 'not-this-one.amazonaws.com' } } }
          : {}),
      });
  }
  if (v.denyAction !== undefined)
    statements.push({ Effect: 'Deny', Action: v.denyAction, Resource: '*' });
  const managedPolicies: NonNullable<ScenarioAccount['managedPolicies']> = [];
  let boundaryArn: string | undefined;
  if (grantIn === 'boundary') {
    boundaryArn = `arn:aws:iam::${A}:policy/boundary`;
    const document = doc({
      Effect: 'Allow',
      Action: [...v.actions, 's3:ListAllMyBuckets'],
      Resource: '*',
    });
    const older = v.olderNotBroader
      ? doc({ Effect: 'Allow', Action: 's3:ListAllMyBuckets', Resource: '*' })
      : doc({ Effect: 'Allow', Action: '*', Resource: '*' });
    managedPolicies.push({
      name: 'boundary',
      document,
      ...(t.target.type === 'self-boundary-version' ? { otherVersions: [older] } : {}),
    });
  } else if (v.boundary !== undefined) {
    boundaryArn = `arn:aws:iam::${A}:policy/limit`;
    managedPolicies.push({
      name: 'limit',
      document: doc({
        Effect: 'Allow',
        Action: [...v.boundary, 's3:ListAllMyBuckets'],
        Resource: '*',
      }),
    });
  }
  const identity = statements.length > 0 ? [doc(...statements)] : [];
  const managed = grantIn === 'boundary' ? [ADMIN_POLICY_ARN] : [];
  const account: ScenarioAccount = { users: [], roles: [], groups: [], managedPolicies };
  const attacker = {
    name: 'attacker',
    policies: identity,
    managed,
    ...(boundaryArn !== undefined ? { boundary: boundaryArn } : {}),
  };
  if (t.attacker === 'role')
    account.roles?.push({
      ...attacker,
      trust: doc({
        Effect: 'Allow',
        Principal: { AWS: `arn:aws:iam::${A}:root` },
        Action: 'sts:AssumeRole',
      }),
    });
  else account.users?.push({ ...attacker });
  const harmless = [doc({ Effect: 'Allow', Action: 's3:ListAllMyBuckets', Resource: '*' })];
  const service = v.trustOtherService
    ? t.target.trustService === 'ec2.amazonaws.com'
      ? 'lambda.amazonaws.com'
      : 'ec2.amazonaws.com'
    : t.target.trustService;
  switch (t.target.type) {
    case 'user':
      account.users?.push({ name: 'victim', policies: harmless });
      break;
    case 'role':
    case 'workload':
      account.roles?.push({
        name: 'target',
        trust:
          v.trust ??
          (t.target.trust !== undefined && !v.trustOtherService
            ? t.target.trust
            : doc({ Effect: 'Allow', Principal: { Service: service }, Action: 'sts:AssumeRole' })),
        policies: harmless,
        instanceProfile: t.target.instanceProfile === true,
      });
      if (t.target.type === 'workload')
        account.workloads = [
          {
            Type: t.target.workloadType,
            Arn: (t.target.arn ?? '').replace('{A}', A),
            Name: 'workload',
            Region: 'us-east-1',
            RoleArn: targetArn(t),
            ...(v.workloadFields ?? t.target.workloadFields ?? {}),
          },
        ];
      {
        const others = v.otherWorkloads ?? t.target.otherWorkloads;
        if (others !== undefined)
          account.workloads = [
            ...(account.workloads ?? []),
            ...others.map((w) => JSON.parse(JSON.stringify(w).replaceAll('{A}', A)) as unknown),
          ];
      }
      break;
    case 'self-group':
      account.groups?.push({ name: 'team' });
      account.users?.forEach((u) => (u.groups = ['team']));
      break;
    case 'self-add-to-group':
      account.groups?.push({ name: 'admins', managed: [ADMIN_POLICY_ARN] });
      break;
    case 'self-managed-policy':
      managedPolicies.push({ name: 'app-policy', document: harmless[0] ?? {} });
      account.users?.forEach(
        (u) => (u.managed = [...(u.managed ?? []), `arn:aws:iam::${A}:policy/app-policy`]),
      );
      break;
    case 'self-policy-version': {
      // v1 (no longer the default) allowed everything, or only a read when it is no broader.
      const older = v.olderNotBroader
        ? doc({ Effect: 'Allow', Action: ['s3:ListAllMyBuckets', 's3:GetObject'], Resource: '*' })
        : doc({ Effect: 'Allow', Action: '*', Resource: '*' });
      managedPolicies.push({
        name: 'app-policy',
        document: harmless[0] ?? {},
        otherVersions: [older],
      });
      const attach = `arn:aws:iam::${A}:policy/app-policy`;
      for (const p of [...(account.users ?? []), ...(account.roles ?? [])])
        if (p.name === 'attacker') p.managed = [...(p.managed ?? []), attach];
      break;
    }
    case 'other-role':
      account.roles?.push({
        name: 'target',
        trust: doc({
          Effect: 'Allow',
          Principal: { AWS: attackerArn(t) },
          Action: 'sts:AssumeRole',
        }),
        policies: harmless,
      });
      break;
  }
  const extraWorkloads = v.workloads ?? t.workloads;
  if (extraWorkloads !== undefined)
    account.workloads = [
      ...(account.workloads ?? []),
      ...(JSON.parse(JSON.stringify(extraWorkloads).replaceAll('{A}', A)) as Doc[]),
    ];
  if (
    t.target.type === 'self-add-to-group' &&
    managedPolicies.every((m) => m.name !== 'AdministratorAccess')
  )
    managedPolicies.push({
      name: 'AdministratorAccess',
      arn: ADMIN_POLICY_ARN,
      document: doc({ Effect: 'Allow', Action: '*', Resource: '*' }),
    });
  return {
    org: {
      id: 'o-escalation1',
      managementAccountId: MGMT,
      accounts: [{ id: A, name: 'workload', parent: 'r-root' }],
      scps: [
        { name: 'FullAWSAccess', targets: ['r-root', A], document: FULL_AWS_ACCESS },
        ...(v.scpDeny !== undefined
          ? [
              {
                name: 'deny-technique',
                targets: [A],
                document: doc({ Effect: 'Deny', Action: v.scpDeny, Resource: '*' }),
              },
            ]
          : []),
      ],
    },
    accounts: { [A]: account },
  };
}

function variantsOf(t: Technique): { positive: Variant; twins: Variant[] } {
  const positive: Variant = { name: 'positive', actions: t.actions };
  const twins: Variant[] = t.actions.map((a) => ({
    name: `without ${a}`,
    actions: t.actions.filter((x) => x !== a),
  }));
  const first = t.actions[0] ?? '';
  const last = t.actions[t.actions.length - 1] ?? '';
  twins.push({ name: `explicit Deny of ${last}`, actions: t.actions, denyAction: last });
  if (!BOUNDARY_TYPES.has(t.target.type))
    twins.push(
      SELF_TYPES.has(t.target.type) && t.target.type !== 'other-role'
        ? {
            name: 'a boundary that allows the technique but caps the result',
            actions: t.actions,
            boundary: t.actions,
          }
        : {
            name: `a boundary without ${first}`,
            actions: t.actions,
            boundary: t.actions.filter((a) => a !== first),
          },
    );
  twins.push({ name: `an SCP that denies ${first}`, actions: t.actions, scpDeny: first });
  if (VERSION_TYPES.has(t.target.type))
    twins.push({
      name: 'the stored older version is no broader',
      actions: t.actions,
      olderNotBroader: true,
    });
  if (t.passedToService !== undefined) {
    twins.push({
      name: 'iam:PassRole only to another service',
      actions: t.actions,
      passedToServiceOther: true,
    });
    if (t.noTrustTwin !== true)
      twins.push({
        name: 'a role whose trust does not admit the service',
        actions: t.actions,
        trustOtherService: true,
      });
  } else if (t.trustTwin === true)
    twins.push({
      name: 'a role whose trust does not admit the service',
      actions: t.actions,
      trustOtherService: true,
    });
  for (const w of t.workloadTwins ?? [])
    twins.push({
      name: w.name,
      actions: t.actions,
      ...(w.workloadFields !== undefined ? { workloadFields: w.workloadFields } : {}),
      ...(w.otherWorkloads !== undefined ? { otherWorkloads: w.otherWorkloads } : {}),
    });
  for (const extra of t.twins ?? [])
    twins.push({
      name: extra.name,
      actions: t.actions,
      ...(extra.trust !== undefined ? { trust: extra.trust } : {}),
      ...(extra.grantedOn !== undefined ? { grantedOn: extra.grantedOn } : {}),
      ...(extra.workloads !== undefined ? { workloads: extra.workloads } : {}),
    });
  return { positive, twins };
}

let work: string;
beforeAll(async () => {
  work = await mkdtemp(join(tmpdir(), 'trustmap-escalation-'));
});
afterAll(async () => {
  await rm(work, { recursive: true, force: true });
});

let counter = 0;
async function query(s: Scenario, args: string[]): Promise<unknown> {
  const dir = join(work, String(counter++));
  await writeScenario(dir, s);
  const r = await runCli(['query', ...args, '--from-dir', dir, '--json'], work, {
    TRUSTMAP_DATA_DIR: work,
  });
  expect(r.stderr).toBe('');
  expect(r.code).toBe(0);
  return JSON.parse(r.stdout) as unknown;
}

/** Whether the attacker reaches the technique's target (or becomes an administrator of A). */
async function reaches(t: Technique, v: Variant): Promise<boolean> {
  const s = scenarioOf(t, v);
  if (SELF_TYPES.has(t.target.type)) {
    const r = (await query(s, ['reachable-from', attackerArn(t)])) as {
      admin: { accountId: string; path: { technique?: string }[] }[];
    };
    return r.admin.some((x) => x.accountId === A && x.path.length > 0);
  }
  const r = (await query(s, ['path', attackerArn(t), targetArn(t)])) as {
    paths: { hops: { kind: string; technique?: string }[] }[];
  };
  return r.paths.length > 0;
}

describe.each(CASES.map((c) => [c.name, c] as const))('%s', (_name, t) => {
  const { positive, twins } = variantsOf(t);
  it(`is found (${t.reason})`, async () => {
    expect(await reaches(t, positive)).toBe(true);
  });
  // who-can-reach answers for buckets and roles: user targets are checked through `path`.
  if (!SELF_TYPES.has(t.target.type) && t.target.type !== 'user')
    it('names the attacker in who-can-reach and the technique on the hop', async () => {
      const r = (await query(scenarioOf(t, positive), ['who-can-reach', targetArn(t)])) as {
        principals: {
          principal: string;
          path: { kind: string; technique?: string; decision?: string }[];
        }[];
      };
      const entry = r.principals.find((p) => p.principal === attackerArn(t));
      expect(entry).toBeDefined();
      const first = entry?.path[0];
      expect(first?.kind).toBe('can-escalate');
      if (t.decision !== undefined) expect(first?.decision).toBe(t.decision);
      for (const a of t.actions.filter((x) => x !== 'iam:PassRole'))
        expect(first?.technique ?? '').toContain(a);
    });
  it.each(twins.map((v) => [v.name, v] as const))('twin: %s is not reported', async (_n, v) => {
    expect(await reaches(t, v)).toBe(false);
  });
});

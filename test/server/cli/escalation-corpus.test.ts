/**
 * The escalation corpus (issue "Reach through privilege escalation", correctness bar): every
 * technique of test/fixtures/escalation/techniques.json is written as a snapshot directory and
 * asked through `trustmap query` (path, who-can-reach, reachable-from's `admin` array), then each
 * of its negative twins: every needed action removed in turn, an explicit Deny, a permissions
 * boundary, an SCP, `iam:PassRole` limited by `iam:PassedToService` to another service, and a
 * role whose trust does not admit the service, plus the twins a case lists itself (another trust
 * policy, the actions granted on other resources); a stack set's also: an execution role that
 * does not trust the administration role, an administration role without `sts:AssumeRole` on it
 * (or denied it by an SCP of its account), an existing stack set without an instance in the
 * execution role's account, and a service-managed one. The positive case must be found (with the
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
/** Another account of the organization (a stack set's target account). */
const B = '444455556666';
const MGMT = '999900000000';
const STACK_SET_ARN = `arn:aws:cloudformation:us-east-1:${A}:stackset/shared:0a1b2c3d`;
/** StackSets' service-linked role in the management account (service-managed stack sets). */
const ORG_ADMIN_PATH = '/aws-service-role/stacksets.cloudformation.amazonaws.com/';
const ORG_ADMIN_ARN = `arn:aws:iam::${A}:role${ORG_ADMIN_PATH}AWSServiceRoleForCloudFormationStackSetsOrgAdmin`;
const ORG_ADMIN_POLICY_ARN =
  'arn:aws:iam::aws:policy/aws-service-role/CloudFormationStackSetsOrgAdminServiceRolePolicy';
const EXECUTION_NAME = 'stacksets-exec-0a1b2c3d4e5f60718293a4b5c6d7e8f9';

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
    /** The target role's identity policies (a harmless read otherwise). */
    policies?: Doc[];
    /**
     * type `stack-set`: the administration role of an existing self-managed stack set
     * (`custom`, or the account's `default` AWSCloudFormationStackSetAdministrationRole) or
     * `none` (no stack set: the attacker creates one and may use either); the execution role
     * (`target`, trusting the administration role) in the attacker's account or another one.
     */
    stackSet?: {
      administrationRole: 'custom' | 'default';
      existing: boolean;
      executionAccount: 'same' | 'other';
    };
    /**
     * type `org-stack-set` (service-managed): A is the management account, with StackSets'
     * service-linked role; B's `stacksets-exec-…` role trusts it; `existing`: a service-managed
     * stack set of A with an instance in B.
     */
    orgStackSet?: { existing: boolean };
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
    /** The account's workloads are those of account B instead (their ARNs moved there). */
    workloadsInOtherAccount?: boolean;
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
  workloadsInOtherAccount?: boolean;
  /** The target's trust policy instead of the technique's. */
  trust?: Doc;
  /** Where the actions are granted (the technique's `grantedOn` otherwise). */
  grantedOn?: Record<string, string>;
  /** The account's workloads.json entries (the technique's otherwise). */
  workloads?: Doc[];
  /** Stack set: the execution role trusts another role than the administration role. */
  executionTrustsOther?: boolean;
  /** Stack set: the administration role may not sts:AssumeRole the execution role. */
  adminCannotAssume?: boolean;
  /** Stack set: the administration role's boundary does not allow sts:AssumeRole. */
  adminBounded?: boolean;
  /** Stack set: the administration role's own policy denies sts:AssumeRole. */
  adminDenied?: boolean;
  /** Stack set: an SCP of the administrator account denies sts:AssumeRole. */
  scpDenyAssume?: boolean;
  /** Stack set: its only instance is in a third account. */
  instanceElsewhere?: boolean;
  /** Stack set: service-managed. */
  serviceManaged?: boolean;
  /** Service-managed: A is a member account (not a delegated administrator), MGMT manages. */
  attackerInMember?: boolean;
  /** Service-managed: no AWSServiceRoleForCloudFormationStackSetsOrgAdmin in A. */
  noOrgAdminRole?: boolean;
  /** Service-managed: the execution role is in the management account (A) itself. */
  executionInManagement?: boolean;
  /** Service-managed: an SCP on B denies everything (the service-linked role is not subject to it). */
  scpDenyMember?: boolean;
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

function targetArn(t: Technique, v?: Variant): string {
  if (t.target.type === 'user') return `arn:aws:iam::${A}:user/victim`;
  if (t.target.type === 'org-stack-set')
    return `arn:aws:iam::${v?.executionInManagement === true ? A : B}:role/${EXECUTION_NAME}`;
  const account = t.target.stackSet?.executionAccount === 'other' ? B : A;
  return `arn:aws:iam::${account}:role/target`;
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
  const accounts: Record<string, ScenarioAccount> = { [A]: account };
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
        policies: t.target.policies ?? harmless,
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
      if (v.workloadsInOtherAccount === true) {
        // Same workloads, in B's workloads.json with B's ARNs (their roles stay A's).
        accounts[B] = {
          users: [],
          groups: [],
          roles: [],
          workloads: (account.workloads ?? []).map((w) => {
            const entry = w as Doc;
            return { ...entry, Arn: String(entry['Arn']).replace(`:${A}:`, `:${B}:`) };
          }),
        };
        account.workloads = [];
      }
      break;
    case 'stack-set':
      stackSetAccounts(t, v, account, accounts, service ?? 'cloudformation.amazonaws.com');
      break;
    case 'org-stack-set':
      orgStackSetAccounts(t, v, account, accounts);
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
      managementAccountId:
        t.target.type === 'org-stack-set' && v.attackerInMember !== true ? A : MGMT,
      accounts: [
        { id: A, name: 'workload', parent: 'r-root' },
        { id: B, name: 'target', parent: 'r-root' },
      ],
      scps: [
        { name: 'FullAWSAccess', targets: ['r-root', A, B], document: FULL_AWS_ACCESS },
        ...(v.scpDenyAssume === true
          ? [
              {
                name: 'deny-assume',
                targets: [A],
                document: doc({ Effect: 'Deny', Action: 'sts:AssumeRole', Resource: '*' }),
              },
            ]
          : []),
        ...(v.scpDenyMember === true
          ? [
              {
                name: 'deny-all',
                targets: [B],
                document: doc({ Effect: 'Deny', Action: '*', Resource: '*' }),
              },
            ]
          : []),
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
    accounts,
  };
}

/**
 * A stack set's roles: the administration role in A (trusted by `service`, allowed
 * sts:AssumeRole on every account's `target`), the execution role `target` (in A or B, trusting
 * the administration role), and the existing stack set in A's workloads.json.
 */
function stackSetAccounts(
  t: Technique,
  v: Variant,
  account: ScenarioAccount,
  accounts: Record<string, ScenarioAccount>,
  service: string,
): void {
  const ss = t.target.stackSet;
  if (ss === undefined) throw new Error(`${t.name}: a stack-set target needs stackSet`);
  const adminName =
    ss.administrationRole === 'default' ? 'AWSCloudFormationStackSetAdministrationRole' : 'admin';
  const adminArn = `arn:aws:iam::${A}:role/${adminName}`;
  const harmless = doc({ Effect: 'Allow', Action: 's3:ListAllMyBuckets', Resource: '*' });
  if (v.adminBounded === true)
    account.managedPolicies?.push({ name: 'admin-limit', document: harmless });
  account.roles?.push({
    name: adminName,
    trust: doc({ Effect: 'Allow', Principal: { Service: service }, Action: 'sts:AssumeRole' }),
    policies: [
      v.adminCannotAssume === true
        ? harmless
        : doc(
            { Effect: 'Allow', Action: 'sts:AssumeRole', Resource: 'arn:aws:iam::*:role/target' },
            ...(v.adminDenied === true
              ? [{ Effect: 'Deny', Action: 'sts:AssumeRole', Resource: '*' }]
              : []),
          ),
    ],
    ...(v.adminBounded === true ? { boundary: `arn:aws:iam::${A}:policy/admin-limit` } : {}),
  });
  const executionAccount = ss.executionAccount === 'other' ? B : A;
  const execution = {
    name: 'target',
    trust: doc({
      Effect: 'Allow',
      Principal: {
        AWS: v.executionTrustsOther === true ? `arn:aws:iam::${A}:role/other` : adminArn,
      },
      Action: 'sts:AssumeRole',
    }),
    policies: [harmless],
  };
  if (executionAccount === A) account.roles?.push(execution);
  else accounts[B] = { users: [], groups: [], roles: [execution] };
  if (v.executionTrustsOther === true)
    account.roles?.push({
      name: 'other',
      trust: doc({
        Effect: 'Allow',
        Principal: { AWS: `arn:aws:iam::${A}:root` },
        Action: 'sts:AssumeRole',
      }),
      policies: [harmless],
    });
  if (ss.existing)
    account.workloads = [
      {
        Type: 'cloudformation-stack-set',
        Arn: STACK_SET_ARN,
        Name: 'shared',
        Region: 'us-east-1',
        PermissionModel: v.serviceManaged === true ? 'SERVICE_MANAGED' : 'SELF_MANAGED',
        AdministrationRoleArn: adminArn,
        ExecutionRoleName: 'target',
        StackInstances: [
          {
            Account: v.instanceElsewhere === true ? '777788889999' : executionAccount,
            Region: 'us-east-1',
          },
        ],
      },
    ];
}

/**
 * Service-managed: StackSets' service-linked role in A (the management account, unless the
 * variant says otherwise) with its AWS managed policy, and the `stacksets-exec-…` role of B (or
 * of A) trusting it, with AdministratorAccess.
 */
function orgStackSetAccounts(
  t: Technique,
  v: Variant,
  account: ScenarioAccount,
  accounts: Record<string, ScenarioAccount>,
): void {
  const admin = {
    name: 'AdministratorAccess',
    arn: ADMIN_POLICY_ARN,
    document: doc({ Effect: 'Allow', Action: '*', Resource: '*' }),
  };
  if (v.noOrgAdminRole !== true) {
    account.managedPolicies?.push({
      name: 'CloudFormationStackSetsOrgAdminServiceRolePolicy',
      arn: ORG_ADMIN_POLICY_ARN,
      document: doc(
        {
          Effect: 'Allow',
          Action: ['organizations:List*', 'organizations:Describe*'],
          Resource: '*',
        },
        {
          Effect: 'Allow',
          Action: 'sts:AssumeRole',
          Resource: 'arn:aws:iam::*:role/stacksets-exec-*',
        },
      ),
    });
    account.roles?.push({
      name: 'AWSServiceRoleForCloudFormationStackSetsOrgAdmin',
      path: ORG_ADMIN_PATH,
      trust: doc({
        Effect: 'Allow',
        Principal: { Service: 'stacksets.cloudformation.amazonaws.com' },
        Action: 'sts:AssumeRole',
      }),
      managed: [ORG_ADMIN_POLICY_ARN],
    });
  }
  const execution = {
    name: EXECUTION_NAME,
    trust:
      v.trust ??
      doc({ Effect: 'Allow', Principal: { AWS: ORG_ADMIN_ARN }, Action: 'sts:AssumeRole' }),
    managed: [ADMIN_POLICY_ARN],
  };
  if (v.executionInManagement === true) {
    account.roles?.push(execution);
    account.managedPolicies?.push(admin);
  } else accounts[B] = { users: [], groups: [], roles: [execution], managedPolicies: [admin] };
  if (t.target.orgStackSet?.existing === true)
    account.workloads = [
      {
        Type: 'cloudformation-stack-set',
        Arn: STACK_SET_ARN,
        Name: 'shared',
        Region: 'us-east-1',
        PermissionModel: 'SERVICE_MANAGED',
        StackInstances: [
          { Account: v.instanceElsewhere === true ? '777788889999' : B, Region: 'us-east-1' },
        ],
      },
    ];
}

function variantsOf(t: Technique): {
  positive: Variant;
  twins: Variant[];
  /** Variants that must still be found. */
  alsoFound: Variant[];
} {
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
  const alsoFound: Variant[] = [];
  // SCPs do not apply to the management account's principals.
  if (t.target.type === 'org-stack-set')
    alsoFound.push({
      name: `an SCP that denies ${first} (attached to the management account: not in effect)`,
      actions: t.actions,
      scpDeny: first,
    });
  else twins.push({ name: `an SCP that denies ${first}`, actions: t.actions, scpDeny: first });
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
      ...(w.workloadsInOtherAccount === true ? { workloadsInOtherAccount: true } : {}),
    });
  for (const extra of t.twins ?? [])
    twins.push({
      name: extra.name,
      actions: t.actions,
      ...(extra.trust !== undefined ? { trust: extra.trust } : {}),
      ...(extra.grantedOn !== undefined ? { grantedOn: extra.grantedOn } : {}),
      ...(extra.workloads !== undefined ? { workloads: extra.workloads } : {}),
    });
  if (t.target.type === 'stack-set') {
    const ss = t.target.stackSet;
    const all = t.actions;
    twins.push(
      {
        name: 'the execution role trusts another role than the administration role',
        actions: all,
        executionTrustsOther: true,
      },
      {
        name: 'an SCP of the administrator account denies sts:AssumeRole',
        actions: all,
        scpDenyAssume: true,
      },
    );
    // In its own account a trust that names the administration role is enough (no identity
    // permission needed); across accounts both must allow.
    if (ss?.executionAccount === 'other')
      twins.push(
        {
          name: 'the administration role may not sts:AssumeRole the execution role',
          actions: all,
          adminCannotAssume: true,
        },
        {
          name: "the administration role's boundary does not allow sts:AssumeRole",
          actions: all,
          adminBounded: true,
        },
      );
    twins.push({
      name: "the administration role's own policy denies sts:AssumeRole",
      actions: all,
      adminDenied: true,
    });
    if (t.passedToService === undefined)
      twins.push({
        name: 'an administration role whose trust does not admit CloudFormation',
        actions: all,
        trustOtherService: true,
      });
    if (ss?.existing === true)
      twins.push(
        {
          name: "no stack instance in the execution role's account",
          actions: all,
          instanceElsewhere: true,
        },
        { name: 'a service-managed stack set', actions: all, serviceManaged: true },
      );
  }
  if (t.target.type === 'org-stack-set') {
    const all = t.actions;
    twins.push(
      {
        name: 'the attacker in a member account that is not a delegated administrator',
        actions: all,
        attackerInMember: true,
      },
      {
        name: 'no AWSServiceRoleForCloudFormationStackSetsOrgAdmin (trusted access never activated)',
        actions: all,
        noOrgAdminRole: true,
      },
      {
        name: 'the stacksets-exec role trusts another role than the service-linked role',
        actions: all,
        trust: doc({
          Effect: 'Allow',
          Principal: { AWS: `arn:aws:iam::${A}:role/attacker-not-this` },
          Action: 'sts:AssumeRole',
        }),
      },
      {
        name: 'the stacksets-exec role is in the management account (never a target)',
        actions: all,
        executionInManagement: true,
      },
    );
    if (t.target.orgStackSet?.existing === true)
      twins.push({
        name: "no stack instance in the execution role's account",
        actions: all,
        instanceElsewhere: true,
      });
    alsoFound.push({
      name: 'an SCP of the member account that denies everything (not applied to the service-linked role)',
      actions: all,
      scpDenyMember: true,
    });
  }
  return { positive, twins, alsoFound };
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
  const r = (await query(s, ['path', attackerArn(t), targetArn(t, v)])) as {
    paths: { hops: { kind: string; technique?: string }[] }[];
  };
  return r.paths.length > 0;
}

describe.each(CASES.map((c) => [c.name, c] as const))('%s', (_name, t) => {
  const { positive, twins, alsoFound } = variantsOf(t);
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
  if (alsoFound.length > 0)
    it.each(alsoFound.map((v) => [v.name, v] as const))('still found: %s', async (_n, v) => {
      expect(await reaches(t, v)).toBe(true);
    });
});

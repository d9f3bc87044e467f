/**
 * CloudFormation StackSets with service-managed permissions (IAM-SEMANTICS.md E.3): with trusted
 * access, StackSets' service-linked role in the management account assumes the `stacksets-exec-*`
 * role it created in each target member account
 * (https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/stacksets-orgs-activate-trusted-access.html,
 * https://docs.aws.amazon.com/aws-managed-policy/latest/reference/CloudFormationStackSetsOrgAdminServiceRolePolicy.html);
 * stack sets never deploy to the management account nor outside the organization
 * (https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/stacksets-orgs-associate-stackset-with-org.html).
 */
import { escalationEdges } from '../../helpers/escalation-edges.js';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { analyzeSnapshotDir, type Analysis } from '../../../server/analyze/analyze-snapshot-dir.js';
import { resolveAnalysisConfig } from '../../../shared/config/analysis-config.js';
import { TRUSTED_ACCESS_UNKNOWN } from '../../../shared/graph/edges/can-escalate/org-stack-sets.js';
import { trust, writeScenario, type Doc } from '../../helpers/write-scenario.js';

const M = '111111111111';
const B = '222222222222';
const C = '333333333333';
/** Scanned, but not an account of the organization. */
const D = '444444444444';
const ROLE = (account: string, name: string, path = '/'): string =>
  `arn:aws:iam::${account}:role${path}${name}`;
const SLR_PATH = '/aws-service-role/stacksets.cloudformation.amazonaws.com/';
const SLR = ROLE(M, 'AWSServiceRoleForCloudFormationStackSetsOrgAdmin', SLR_PATH);
const SLR_POLICY =
  'arn:aws:iam::aws:policy/aws-service-role/CloudFormationStackSetsOrgAdminServiceRolePolicy';
const EXEC = 'stacksets-exec-5f1c2a9b7e3d4c6a8b0e1f2a3b4c5d6e';
const STACK_SET = `arn:aws:cloudformation:us-east-1:${M}:stackset/baseline:0a1b2c3d`;
const CREATE = 'cloudformation:CreateStackSet+cloudformation:CreateStackInstances';
const UPDATE = 'cloudformation:UpdateStackSet';

const allow = (action: string | string[], resource: string): Doc => ({
  Effect: 'Allow',
  Action: action,
  Resource: resource,
});
const policy = (...Statement: Doc[]): Doc => ({ Version: '2012-10-17', Statement });
const attacker = (name: string, ...statements: Doc[]) => ({
  name,
  trust: trust({ AWS: `arn:aws:iam::${M}:root` }),
  policies: [policy(...statements)],
});
const execution = (name = EXEC, principal: string = SLR) => ({
  name,
  trust: trust({ AWS: principal }),
  policies: [policy(allow('s3:ListAllMyBuckets', '*'))],
});

let work: string;
let analysis: Analysis;
beforeAll(async () => {
  work = await mkdtemp(join(tmpdir(), 'trustmap-org-stack-sets-'));
  await writeScenario(work, {
    org: {
      id: 'o-orgstacksets',
      managementAccountId: M,
      accounts: [
        { id: M, name: 'management', parent: 'r-root' },
        { id: B, name: 'member-b', parent: 'r-root' },
        { id: C, name: 'member-c', parent: 'r-root' },
      ],
    },
    accounts: {
      [M]: {
        managedPolicies: [
          {
            name: 'CloudFormationStackSetsOrgAdminServiceRolePolicy',
            arn: SLR_POLICY,
            document: policy(
              allow(['organizations:List*', 'organizations:Describe*'], '*'),
              allow('sts:AssumeRole', 'arn:aws:iam::*:role/stacksets-exec-*'),
            ),
          },
        ],
        roles: [
          {
            name: 'AWSServiceRoleForCloudFormationStackSetsOrgAdmin',
            path: SLR_PATH,
            trust: trust({ Service: 'stacksets.cloudformation.amazonaws.com' }),
            managed: [SLR_POLICY],
          },
          attacker(
            'creator',
            allow(['cloudformation:CreateStackSet', 'cloudformation:CreateStackInstances'], '*'),
          ),
          attacker('updater', allow('cloudformation:UpdateStackSet', '*')),
          attacker('lister', allow('cloudformation:CreateStackSet', '*')),
          // The management account is never a target, whatever its roles trust.
          execution(),
        ],
        workloads: [
          {
            Type: 'cloudformation-stack-set',
            Arn: STACK_SET,
            Name: 'baseline',
            Region: 'us-east-1',
            PermissionModel: 'SERVICE_MANAGED',
            StackInstances: [{ Account: B, Region: 'us-east-1' }],
          },
        ],
      },
      [B]: {
        roles: [
          execution(),
          // Trusts the service-linked role but is beyond its sts:AssumeRole (stacksets-exec-*).
          execution('deployer'),
          // A stacksets-exec name trusting something else.
          execution('stacksets-exec-other', ROLE(B, 'deployer')),
        ],
      },
      [C]: { roles: [execution()] },
      [D]: { roles: [execution()] },
    },
  });
  analysis = await analyzeSnapshotDir(work, resolveAnalysisConfig());
});
afterAll(async () => {
  await rm(work, { recursive: true, force: true });
});

function escalations(
  from: string,
  to: string,
): {
  technique: string;
  decision: string;
  workload?: string;
  actions: string[];
  notes: string[];
}[] {
  return escalationEdges(analysis.graph, from, to).map((a) => ({
    technique: String(a.technique),
    decision: a.decision,
    ...(a.workload !== undefined ? { workload: a.workload } : {}),
    actions: [...new Set(a.evidence.map((e) => e.action ?? ''))].sort(),
    notes: [...(a.notes ?? [])],
  }));
}

describe('StackSets (service-managed)', () => {
  it('a new stack set reaches every member account’s stacksets-exec role, conditional on trusted access', () => {
    for (const account of [B, C]) {
      const [edge, ...more] = escalations(ROLE(M, 'creator'), ROLE(account, EXEC));
      expect(more).toEqual([]);
      expect(edge?.technique).toBe(CREATE);
      expect(edge?.decision).toBe('conditional');
      expect(edge?.notes).toContain(TRUSTED_ACCESS_UNKNOWN);
      // No role is passed; the service-linked role's assumption is decided.
      expect(edge?.actions).toEqual(
        expect.arrayContaining([
          'cloudformation:CreateStackInstances',
          'cloudformation:CreateStackSet',
          'sts:AssumeRole',
        ]),
      );
      expect(edge?.actions).not.toContain('iam:PassRole');
    }
  });

  it('never the management account, an account outside the organization, or a role the service-linked role may not assume', () => {
    expect(escalations(ROLE(M, 'creator'), ROLE(M, EXEC))).toEqual([]);
    expect(escalations(ROLE(M, 'creator'), ROLE(D, EXEC))).toEqual([]);
    expect(escalations(ROLE(M, 'creator'), ROLE(B, 'deployer'))).toEqual([]);
    expect(escalations(ROLE(M, 'creator'), ROLE(B, 'stacksets-exec-other'))).toEqual([]);
  });

  it('CreateStackSet alone deploys nothing', () => {
    expect(escalations(ROLE(M, 'lister'), ROLE(B, EXEC))).toEqual([]);
  });

  it('UpdateStackSet reaches the accounts where the stack set has an instance, through it', () => {
    const [edge] = escalations(ROLE(M, 'updater'), ROLE(B, EXEC));
    expect(edge?.technique).toBe(UPDATE);
    expect(edge?.workload).toBe(STACK_SET);
    expect(edge?.decision).toBe('conditional');
    expect(escalations(ROLE(M, 'updater'), ROLE(C, EXEC))).toEqual([]);
  });
});

/**
 * CloudFormation StackSets with self-managed permissions (IAM-SEMANTICS.md E.3): the
 * administration role assumes the execution role in each target account and the template runs
 * with the execution role's permissions
 * (https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/stacksets-prereqs-self-managed.html).
 * UpdateStackSet names the administration role (passed) and any execution role name, and deploys
 * to the stack set's existing instances only
 * (https://docs.aws.amazon.com/AWSCloudFormation/latest/APIReference/API_UpdateStackSet.html);
 * a new stack set may deploy anywhere. The role passed to CreateStackSet is never the role the
 * stack runs as.
 */
import { escalationEdges } from '../../helpers/escalation-edges.js';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { analyzeSnapshotDir, type Analysis } from '../../../server/analyze/analyze-snapshot-dir.js';
import { resolveAnalysisConfig } from '../../../shared/config/analysis-config.js';
import { trust, writeScenario, type Doc } from '../../helpers/write-scenario.js';

const A = '111111111111';
const B = '222222222222';
const C = '333333333333';
const ROLE = (account: string, name: string, path = '/'): string =>
  `arn:aws:iam::${account}:role${path}${name}`;
const STACK_SET = `arn:aws:cloudformation:us-east-1:${A}:stackset/shared:0a1b2c3d`;
const UNLISTED = `arn:aws:cloudformation:us-east-1:${A}:stackset/unlisted:9f8e7d6c`;
const EXEC = 'AWSCloudFormationStackSetExecutionRole';
const ADMIN = ROLE(A, 'deployer-admin');
const UPDATE = 'iam:PassRole+cloudformation:UpdateStackSet';
const CREATE = 'iam:PassRole+cloudformation:CreateStackSet+cloudformation:CreateStackInstances';

const allow = (action: string | string[], resource: string, condition?: Doc): Doc => ({
  Effect: 'Allow',
  Action: action,
  Resource: resource,
  ...(condition ? { Condition: condition } : {}),
});
const policy = (...Statement: Doc[]): Doc => ({ Version: '2012-10-17', Statement });
const toCloudFormation = {
  StringEquals: { 'iam:PassedToService': 'cloudformation.amazonaws.com' },
};
const attacker = (name: string, ...statements: Doc[]) => ({
  name,
  trust: trust({ AWS: `arn:aws:iam::${A}:root` }),
  policies: [policy(...statements)],
});
const trustsAdmin = (name: string, extra: { path?: string; condition?: Doc } = {}) => ({
  name,
  ...(extra.path !== undefined ? { path: extra.path } : {}),
  trust: trust({ AWS: ADMIN }, extra.condition),
  policies: [policy(allow('s3:ListAllMyBuckets', '*'))],
});

let work: string;
let analysis: Analysis;
beforeAll(async () => {
  work = await mkdtemp(join(tmpdir(), 'trustmap-stack-sets-'));
  const stackSet = (arn: string, name: string, instances?: string[]) => ({
    Type: 'cloudformation-stack-set',
    Arn: arn,
    Name: name,
    Region: 'us-east-1',
    PermissionModel: 'SELF_MANAGED',
    AdministrationRoleArn: ADMIN,
    ExecutionRoleName: EXEC,
    ...(instances !== undefined
      ? { StackInstances: instances.map((Account) => ({ Account, Region: 'us-east-1' })) }
      : {}),
  });
  await writeScenario(work, {
    org: {
      id: 'o-stacksets1',
      managementAccountId: A,
      accounts: [
        { id: A, name: 'admin', parent: 'r-root' },
        { id: B, name: 'target', parent: 'r-root' },
        { id: C, name: 'other', parent: 'r-root' },
      ],
    },
    accounts: {
      [A]: {
        roles: [
          {
            name: 'deployer-admin',
            trust: trust({ Service: 'cloudformation.amazonaws.com' }),
            policies: [policy(allow('sts:AssumeRole', 'arn:aws:iam::*:role/*'))],
          },
          // A CloudFormation service role: passed to CreateStackSet it would only be an
          // administration role, never the role the stack runs as.
          { name: 'cfn-service', trust: trust({ Service: 'cloudformation.amazonaws.com' }) },
          attacker(
            'updater',
            allow('iam:PassRole', ADMIN, toCloudFormation),
            allow('cloudformation:UpdateStackSet', `arn:aws:cloudformation:*:${A}:stackset/*`),
          ),
          attacker(
            'creator',
            allow('iam:PassRole', ROLE(A, '*'), toCloudFormation),
            allow(['cloudformation:CreateStackSet', 'cloudformation:CreateStackInstances'], '*'),
          ),
          attacker(
            'service-role-creator',
            allow('iam:PassRole', ROLE(A, 'cfn-service'), toCloudFormation),
            allow(['cloudformation:CreateStackSet', 'cloudformation:CreateStackInstances'], '*'),
          ),
        ],
        workloads: [stackSet(STACK_SET, 'shared', [B]), stackSet(UNLISTED, 'unlisted')],
      },
      [B]: {
        roles: [
          trustsAdmin(EXEC),
          // The caller of UpdateStackSet names the execution role: any role the admin may assume.
          trustsAdmin('ops'),
          trustsAdmin('pathed', { path: '/team/' }),
          trustsAdmin('vendor-like', {
            condition: { StringEquals: { 'sts:ExternalId': 'only-for-them' } },
          }),
        ],
      },
      [C]: { roles: [trustsAdmin(EXEC)] },
    },
  });
  analysis = await analyzeSnapshotDir(work, resolveAnalysisConfig());
});
afterAll(async () => {
  await rm(work, { recursive: true, force: true });
});

function escalations(from: string, to: string): { technique: string; workload?: string }[] {
  return escalationEdges(analysis.graph, from, to).map((a) => ({
    technique: String(a.technique),
    ...(a.workload !== undefined ? { workload: a.workload } : {}),
  }));
}

describe('StackSets (self-managed)', () => {
  it('UpdateStackSet reaches the execution role of an account with a stack instance, through the stack set', () => {
    expect(escalations(ROLE(A, 'updater'), ROLE(B, EXEC))).toEqual([
      { technique: UPDATE, workload: STACK_SET },
    ]);
    const g = analysis.graph;
    expect(g.getNodeAttribute(STACK_SET, 'workloadType')).toBe('cloudformation-stack-set');
    const key = g.edges(ROLE(A, 'updater'), ROLE(B, EXEC))[0] ?? '';
    const actions = g.getEdgeAttribute(key, 'evidence').map((e) => e.action);
    expect(actions).toEqual(
      expect.arrayContaining(['iam:PassRole', 'cloudformation:UpdateStackSet', 'sts:AssumeRole']),
    );
  });

  it('the caller names the execution role: any role at path / the administration role may assume', () => {
    expect(escalations(ROLE(A, 'updater'), ROLE(B, 'ops'))).toEqual([
      { technique: UPDATE, workload: STACK_SET },
    ]);
    // ExecutionRoleName has no path; StackSets sends no sts:ExternalId.
    expect(escalations(ROLE(A, 'updater'), ROLE(B, 'pathed', '/team/'))).toEqual([]);
    expect(escalations(ROLE(A, 'updater'), ROLE(B, 'vendor-like'))).toEqual([]);
  });

  it('an update deploys to existing instances only; unknown instances reach nothing', () => {
    expect(escalations(ROLE(A, 'updater'), ROLE(C, EXEC))).toEqual([]);
    expect(escalations(ROLE(A, 'updater'), ROLE(B, 'ops')).map((e) => e.workload)).not.toContain(
      UNLISTED,
    );
  });

  it('a new stack set deploys into any account whose execution role trusts the passed administration role', () => {
    expect(escalations(ROLE(A, 'creator'), ROLE(C, EXEC))).toEqual([{ technique: CREATE }]);
    expect(escalations(ROLE(A, 'creator'), ROLE(B, EXEC))).toEqual([{ technique: CREATE }]);
  });

  it('the role passed to CreateStackSet is an administration role, not the role the stack runs as', () => {
    expect(escalations(ROLE(A, 'service-role-creator'), ROLE(A, 'cfn-service'))).toEqual([]);
    expect(escalations(ROLE(A, 'creator'), ROLE(A, 'cfn-service'))).toEqual([]);
    expect(escalations(ROLE(A, 'creator'), ADMIN)).toEqual([]);
    // cfn-service may assume no execution role: nothing is reached through it.
    expect(escalations(ROLE(A, 'service-role-creator'), ROLE(B, EXEC))).toEqual([]);
  });
});

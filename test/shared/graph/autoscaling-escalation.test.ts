/**
 * New compute through EC2 Auto Scaling (IAM-SEMANTICS.md E.3): a launch configuration names the
 * role's instance profile and Auto Scaling launches the instances with its service-linked role
 * (https://docs.aws.amazon.com/autoscaling/ec2/userguide/autoscaling-service-linked-role.html),
 * so `iam:PassRole` + `autoscaling:CreateLaunchConfiguration` + `CreateAutoScalingGroup` reach
 * the role without `ec2:RunInstances`. Where the account lacks that role the caller must be able
 * to create it. Negative twins: no service-linked role and no iam:CreateServiceLinkedRole; a role
 * in no instance profile.
 */
import { escalationEdges } from '../../helpers/escalation-edges.js';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { analyzeSnapshotDir, type Analysis } from '../../../server/analyze/analyze-snapshot-dir.js';
import { resolveAnalysisConfig } from '../../../shared/config/analysis-config.js';
import { trust, writeScenario, type Doc } from '../../helpers/write-scenario.js';

const WITH_SLR = '111111111111';
const WITHOUT_SLR = '222222222222';
const LC_ACTIONS = [
  'iam:PassRole',
  'autoscaling:CreateLaunchConfiguration',
  'autoscaling:CreateAutoScalingGroup',
];
const TECHNIQUE = LC_ACTIONS.join('+');

const allow = (actions: string[]): Doc => ({
  Version: '2012-10-17',
  Statement: [{ Effect: 'Allow', Action: actions, Resource: '*' }],
});

function account(withSlr: boolean) {
  return {
    roles: [
      {
        name: 'fleet-admin',
        trust: trust({ Service: 'ec2.amazonaws.com' }),
        managed: [],
        instanceProfile: true,
      },
      { name: 'loose-admin', trust: trust({ Service: 'ec2.amazonaws.com' }) },
      ...(withSlr
        ? [
            {
              name: 'AWSServiceRoleForAutoScaling',
              path: '/aws-service-role/autoscaling.amazonaws.com/',
              trust: trust({ Service: 'autoscaling.amazonaws.com' }),
            },
          ]
        : []),
    ],
    users: [{ name: 'scaler', policies: [allow(LC_ACTIONS)] }],
  };
}

let work: string;
let analysis: Analysis;
beforeAll(async () => {
  work = await mkdtemp(join(tmpdir(), 'trustmap-autoscaling-'));
  await writeScenario(work, {
    accounts: { [WITH_SLR]: account(true), [WITHOUT_SLR]: account(false) },
  });
  analysis = await analyzeSnapshotDir(work, resolveAnalysisConfig());
});
afterAll(async () => {
  await rm(work, { recursive: true, force: true });
});

function techniques(accountId: string, role: string): string[] {
  const from = `arn:aws:iam::${accountId}:user/scaler`;
  const to = `arn:aws:iam::${accountId}:role/${role}`;
  return escalationEdges(analysis.graph, from, to).map((a) => String(a.technique));
}

describe('EC2 Auto Scaling with a launch configuration', () => {
  it('reaches a role in an instance profile when the account has the service-linked role', () => {
    expect(techniques(WITH_SLR, 'fleet-admin')).toEqual([TECHNIQUE]);
  });

  it('negative twin: without the service-linked role and the right to create it, no path', () => {
    expect(techniques(WITHOUT_SLR, 'fleet-admin')).toEqual([]);
  });

  it('negative twin: a role in no instance profile is not reached this way', () => {
    expect(techniques(WITH_SLR, 'loose-admin')).toEqual([]);
  });
});

/**
 * A new launch template version for an existing Auto Scaling group (IAM-SEMANTICS.md E.3,
 * pathfinding.cloud ec2-005): CreateLaunchTemplateVersion (+ ModifyLaunchTemplate for a group on
 * `$Default`) reaches any role of the account in an instance profile that trusts EC2, without
 * iam:PassRole — Auto Scaling launches with its service-linked role
 * (https://docs.aws.amazon.com/autoscaling/ec2/userguide/ec2-auto-scaling-launch-template-permissions.html).
 * `allow` when the attacker can make the group launch (SetDesiredCapacity with room to move,
 * TerminateInstanceInAutoScalingGroup with an instance), else `conditional`. Negative twins: no
 * ModifyLaunchTemplate for `$Default`, a pinned version, a role in no instance profile, a role
 * that does not trust EC2, an explicit Deny, template tags the policy's condition rejects, an
 * attacker of another account.
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
const CREATE = 'ec2:CreateLaunchTemplateVersion';
const MODIFY = 'ec2:ModifyLaunchTemplate';
const SET = 'autoscaling:SetDesiredCapacity';
const TERMINATE = 'autoscaling:TerminateInstanceInAutoScalingGroup';

const lt = (id: string): string => `arn:aws:ec2:us-east-1:${A}:launch-template/${id}`;
const groupArn = (name: string): string =>
  `arn:aws:autoscaling:us-east-1:${A}:autoScalingGroup:0a1b-${name}:autoScalingGroupName/${name}`;

function group(
  name: string,
  id: string,
  version: string | undefined,
  sizes: [number, number, number],
  tags?: Record<string, string>,
): Doc {
  return {
    Type: 'autoscaling-group',
    Arn: groupArn(name),
    Name: name,
    Region: 'us-east-1',
    InstanceProfileArn: `arn:aws:iam::${A}:instance-profile/lowpriv`,
    LaunchTemplate: {
      LaunchTemplateId: id,
      LaunchTemplateName: name,
      ...(version !== undefined ? { Version: version } : {}),
      ...(tags !== undefined
        ? { Tags: Object.entries(tags).map(([Key, Value]) => ({ Key, Value })) }
        : {}),
    },
    MinSize: sizes[0],
    MaxSize: sizes[1],
    DesiredCapacity: sizes[2],
  };
}

const allowOn = (actions: string[], resource: string | string[], extra: Doc[] = []): Doc => ({
  Version: '2012-10-17',
  Statement: [{ Effect: 'Allow', Action: actions, Resource: resource }, ...extra],
});

const ec2Trust = trust({ Service: 'ec2.amazonaws.com' });

let work: string;
let analysis: Analysis;
beforeAll(async () => {
  work = await mkdtemp(join(tmpdir(), 'trustmap-launch-template-'));
  await writeScenario(work, {
    accounts: {
      [A]: {
        roles: [
          { name: 'admin', trust: ec2Trust, instanceProfile: true },
          { name: 'lowpriv', trust: ec2Trust, instanceProfile: true },
          { name: 'loose-admin', trust: ec2Trust },
          {
            name: 'lambda-admin',
            trust: trust({ Service: 'lambda.amazonaws.com' }),
            instanceProfile: true,
          },
          {
            name: 'AWSServiceRoleForAutoScaling',
            path: '/aws-service-role/autoscaling.amazonaws.com/',
            trust: trust({ Service: 'autoscaling.amazonaws.com' }),
          },
        ],
        users: [
          // The catalog scenario: Create + Modify on a `$Default` group, nothing to make it launch.
          { name: 'catalog', policies: [allowOn([CREATE, MODIFY], '*')] },
          { name: 'scaler', policies: [allowOn([CREATE, MODIFY, SET], '*')] },
          { name: 'no-modify', policies: [allowOn([CREATE, SET], lt('lt-default'))] },
          { name: 'latest', policies: [allowOn([CREATE], lt('lt-latest'))] },
          { name: 'pinned', policies: [allowOn([CREATE, MODIFY, SET], lt('lt-pinned'))] },
          {
            name: 'full-terminator',
            policies: [allowOn([CREATE, TERMINATE], [lt('lt-full'), groupArn('full')])],
          },
          {
            name: 'full-setter',
            policies: [allowOn([CREATE, SET], [lt('lt-full'), groupArn('full')])],
          },
          {
            name: 'denied',
            policies: [
              allowOn([CREATE, MODIFY, SET], '*', [
                { Effect: 'Deny', Action: MODIFY, Resource: '*' },
              ]),
            ],
          },
          {
            name: 'other-team',
            policies: [
              {
                Version: '2012-10-17',
                Statement: [
                  {
                    Effect: 'Allow',
                    Action: [CREATE, MODIFY],
                    Resource: lt('lt-tagged'),
                    Condition: { StringEquals: { 'aws:ResourceTag/team': 'ops' } },
                  },
                ],
              },
            ],
          },
        ],
        workloads: [
          group('default', 'lt-default', '$Default', [0, 2, 0]),
          group('latest', 'lt-latest', '$Latest', [0, 2, 0]),
          group('pinned', 'lt-pinned', '3', [0, 2, 0]),
          group('full', 'lt-full', '$Latest', [2, 2, 2]),
          group('tagged', 'lt-tagged', undefined, [0, 2, 0], { team: 'web' }),
        ],
      },
      [B]: {
        users: [{ name: 'outsider', policies: [allowOn([CREATE, MODIFY, SET], '*')] }],
      },
    },
  });
  analysis = await analyzeSnapshotDir(work, resolveAnalysisConfig());
});
afterAll(async () => {
  await rm(work, { recursive: true, force: true });
});

interface Found {
  technique: string;
  decision: string;
  workload: string;
}

function edges(user: string, role: string, account = A): Found[] {
  const from = `arn:aws:iam::${account}:user/${user}`;
  const to = `arn:aws:iam::${A}:role/${role}`;
  return escalationEdges(analysis.graph, from, to)
    .map((a) => ({
      technique: String(a.technique),
      decision: a.decision,
      workload: String(a.workload),
    }))
    .sort((x, y) => x.workload.localeCompare(y.workload));
}

describe('a new launch template version for an Auto Scaling group', () => {
  it('the catalog scenario ($Default, Create + Modify): conditional on the group launching by itself', () => {
    const found = edges('catalog', 'admin');
    expect(found).toContainEqual({
      technique: `${CREATE}+${MODIFY}`,
      decision: 'conditional',
      workload: groupArn('default'),
    });
    // Every group on $Default or $Latest works; the pinned one never does.
    expect(found.map((f) => f.workload)).not.toContain(groupArn('pinned'));
  });

  it('with SetDesiredCapacity on a group with room to scale: allow', () => {
    expect(edges('scaler', 'admin')).toContainEqual({
      technique: `${CREATE}+${MODIFY}+${SET}`,
      decision: 'allow',
      workload: groupArn('default'),
    });
  });

  it('reaches the group’s current role too (the attacker’s user data runs there)', () => {
    expect(edges('scaler', 'lowpriv').map((f) => f.decision)).toContain('allow');
  });

  it('a group on $Latest needs no ModifyLaunchTemplate', () => {
    expect(edges('latest', 'admin')).toEqual([
      { technique: CREATE, decision: 'conditional', workload: groupArn('latest') },
    ]);
  });

  it('a full group: TerminateInstanceInAutoScalingGroup makes it launch a replacement', () => {
    expect(edges('full-terminator', 'admin')).toEqual([
      { technique: `${CREATE}+${TERMINATE}`, decision: 'allow', workload: groupArn('full') },
    ]);
  });

  it('a full group (MinSize = MaxSize): SetDesiredCapacity has no capacity to move to', () => {
    expect(edges('full-setter', 'admin')).toEqual([
      { technique: CREATE, decision: 'conditional', workload: groupArn('full') },
    ]);
  });

  it('negative twin: a $Default group without ModifyLaunchTemplate', () => {
    expect(edges('no-modify', 'admin')).toEqual([]);
  });

  it('negative twin: a group pinned to a version number', () => {
    expect(edges('pinned', 'admin')).toEqual([]);
  });

  it('negative twin: a role in no instance profile', () => {
    expect(edges('scaler', 'loose-admin')).toEqual([]);
  });

  it('negative twin: a role whose trust does not admit EC2', () => {
    expect(edges('scaler', 'lambda-admin')).toEqual([]);
  });

  it('negative twin: an explicit Deny of ModifyLaunchTemplate leaves only the $Latest groups', () => {
    const found = edges('denied', 'admin');
    expect(found.length).toBeGreaterThan(0);
    for (const f of found) expect(f.technique).not.toContain(MODIFY);
    expect(found.map((f) => f.workload)).not.toContain(groupArn('default'));
  });

  it('negative twin: the template’s tags fail the policy’s aws:ResourceTag condition', () => {
    expect(edges('other-team', 'admin')).toEqual([]);
  });

  it('negative twin: a principal of another account (launch templates have no resource policy)', () => {
    expect(edges('outsider', 'admin', B)).toEqual([]);
  });

  it('never needs or names iam:PassRole', () => {
    for (const f of edges('scaler', 'admin')) expect(f.technique).not.toContain('iam:PassRole');
  });
});

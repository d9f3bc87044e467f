/**
 * Running an existing ECS task definition needs somewhere to run it. RunTask on Fargate needs no
 * container instance, but a definition that cannot run on Fargate (its `compatibilities`, from
 * DescribeTaskDefinition, lack FARGATE: https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_TaskDefinition.html)
 * is placed on a registered container instance, which the snapshot does not list: the takeover
 * (RunTask + iam:PassRole of its task role) is then `conditional`, note
 * `ecs-container-instance-unknown`. Unknown launch types keep the takeover `allow`. With the
 * account's clusters in workloads.json (`ecs-cluster`, ListContainerInstances), a cluster with an
 * ACTIVE container instance makes it `allow`, and every cluster without one makes it impossible.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { analyzeSnapshotDir, type Analysis } from '../../../server/analyze/analyze-snapshot-dir.js';
import { resolveAnalysisConfig } from '../../../shared/config/analysis-config.js';
import { escalationEdges } from '../../helpers/escalation-edges.js';
import { trust, writeScenario, type Doc } from '../../helpers/write-scenario.js';

const A = '111111111111';
const B = '222222222222';
const C = '333333333333';
const ROLE = (name: string, account = A): string => `arn:aws:iam::${account}:role/${name}`;
const TD = (name: string, account = A): string =>
  `arn:aws:ecs:us-east-1:${account}:task-definition/${name}:1`;
const RUN = 'iam:PassRole+ecs:RunTask';

const definition = (name: string, compatibilities?: string[], account = A): Doc => ({
  Type: 'ecs-task-definition',
  Arn: TD(name, account),
  Name: `${name}:1`,
  Region: 'us-east-1',
  RoleArn: ROLE('task-role', account),
  ...(compatibilities === undefined ? {} : { Compatibilities: compatibilities }),
});
const cluster = (account: string, instances: number): Doc => ({
  Type: 'ecs-cluster',
  Arn: `arn:aws:ecs:us-east-1:${account}:cluster/main`,
  Name: 'main',
  Region: 'us-east-1',
  ContainerInstances: instances,
});
/** The task role and a principal that may pass it and run any task, in `account`. */
const roles = (account: string) => [
  { name: 'task-role', trust: trust({ Service: 'ecs-tasks.amazonaws.com' }) },
  {
    name: 'runner',
    trust: trust({ AWS: `arn:aws:iam::${account}:root` }),
    policies: [
      {
        Version: '2012-10-17',
        Statement: [
          { Effect: 'Allow', Action: 'iam:PassRole', Resource: ROLE('task-role', account) },
          { Effect: 'Allow', Action: 'ecs:RunTask', Resource: '*' },
        ],
      },
    ],
  },
];

let work: string;
let analysis: Analysis;
beforeAll(async () => {
  work = await mkdtemp(join(tmpdir(), 'trustmap-ecs-launch-'));
  await writeScenario(work, {
    accounts: {
      [A]: {
        roles: roles(A),
        workloads: [
          definition('ec2-only', ['EC2']),
          definition('fargate', ['EC2', 'FARGATE']),
          definition('unknown'),
        ],
      },
      [B]: { roles: roles(B), workloads: [definition('ec2-only', ['EC2'], B), cluster(B, 1)] },
      [C]: { roles: roles(C), workloads: [definition('ec2-only', ['EC2'], C), cluster(C, 0)] },
    },
  });
  analysis = await analyzeSnapshotDir(work, resolveAnalysisConfig());
});
afterAll(async () => {
  await rm(work, { recursive: true, force: true });
});

const run = (name: string, account = A) =>
  escalationEdges(analysis.graph, ROLE('runner', account), TD(name, account)).find(
    (a) => a.technique === RUN,
  );

describe('RunTask of an existing task definition', () => {
  it('is conditional on a container instance when the definition cannot run on Fargate', () => {
    const edge = run('ec2-only');
    expect(edge?.decision).toBe('conditional');
    expect(edge?.notes).toContain('ecs-container-instance-unknown');
    expect(edge?.evidence.some((e) => e.role === 'note' && e.reason.includes('FARGATE'))).toBe(
      true,
    );
  });

  it('is allowed when it can run on Fargate', () => {
    expect(run('fargate')?.decision).toBe('allow');
  });

  it('stays allowed when its launch types are unknown', () => {
    expect(run('unknown')?.decision).toBe('allow');
  });

  it('is allowed when a cluster of its account and region has a container instance', () => {
    expect(run('ec2-only', B)?.decision).toBe('allow');
  });

  it('is no edge when every cluster of its account and region has none', () => {
    expect(run('ec2-only', C)).toBeUndefined();
  });
});

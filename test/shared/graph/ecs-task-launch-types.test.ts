/**
 * Running an existing ECS task definition needs somewhere to run it. RunTask on Fargate needs no
 * container instance, but a definition that cannot run on Fargate (its `compatibilities`, from
 * DescribeTaskDefinition, lack FARGATE: https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_TaskDefinition.html)
 * is placed on a registered container instance, which the snapshot does not list: the takeover
 * (RunTask + iam:PassRole of its task role) is then `conditional`, note
 * `ecs-container-instance-unknown`. Unknown launch types keep the takeover `allow`.
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
const ROLE = (name: string): string => `arn:aws:iam::${A}:role/${name}`;
const TD = (name: string): string => `arn:aws:ecs:us-east-1:${A}:task-definition/${name}:1`;
const RUN = 'iam:PassRole+ecs:RunTask';

const definition = (name: string, compatibilities?: string[]): Doc => ({
  Type: 'ecs-task-definition',
  Arn: TD(name),
  Name: `${name}:1`,
  Region: 'us-east-1',
  RoleArn: ROLE('task-role'),
  ...(compatibilities === undefined ? {} : { Compatibilities: compatibilities }),
});

let work: string;
let analysis: Analysis;
beforeAll(async () => {
  work = await mkdtemp(join(tmpdir(), 'trustmap-ecs-launch-'));
  await writeScenario(work, {
    accounts: {
      [A]: {
        roles: [
          { name: 'task-role', trust: trust({ Service: 'ecs-tasks.amazonaws.com' }) },
          {
            name: 'runner',
            trust: trust({ AWS: `arn:aws:iam::${A}:root` }),
            policies: [
              {
                Version: '2012-10-17',
                Statement: [
                  { Effect: 'Allow', Action: 'iam:PassRole', Resource: ROLE('task-role') },
                  { Effect: 'Allow', Action: 'ecs:RunTask', Resource: '*' },
                ],
              },
            ],
          },
        ],
        workloads: [
          definition('ec2-only', ['EC2']),
          definition('fargate', ['EC2', 'FARGATE']),
          definition('unknown'),
        ],
      },
    },
  });
  analysis = await analyzeSnapshotDir(work, resolveAnalysisConfig());
});
afterAll(async () => {
  await rm(work, { recursive: true, force: true });
});

const run = (name: string) =>
  escalationEdges(analysis.graph, ROLE('runner'), TD(name)).find((a) => a.technique === RUN);

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
});

/**
 * A deployment to an existing CodeDeploy deployment group (IAM-SEMANTICS.md E.3, pathfinding-labs
 * codedeploy-001): the edge's technique, workload and evidence, and the two ways it stays
 * conditional — the instance role may read no object of a bucket the attacker owns (the CodeDeploy
 * agent downloads the revision with the instance's credentials:
 * https://docs.aws.amazon.com/aws-managed-policy/latest/reference/AmazonEC2RoleforAWSCodeDeploy.html),
 * or the instance's tags are unknown. An instance the group's tags do not select gets no edge.
 */
import { escalationEdges } from '../../helpers/escalation-edges.js';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { analyzeSnapshotDir, type Analysis } from '../../../server/analyze/analyze-snapshot-dir.js';
import { resolveAnalysisConfig } from '../../../shared/config/analysis-config.js';
import { trust, writeScenario, type Doc, type ScenarioRole } from '../../helpers/write-scenario.js';

const A = '111111111111';
const ROLE = (name: string): string => `arn:aws:iam::${A}:role/${name}`;
const GROUP = `arn:aws:codedeploy:us-east-1:${A}:deploymentgroup:web/prod`;
const TECHNIQUE =
  'codedeploy:CreateDeployment+codedeploy:GetDeploymentConfig+codedeploy:RegisterApplicationRevision';
const doc = (Statement: Doc[]): Doc => ({ Version: '2012-10-17', Statement });

const instance = (id: string, role: string, tags?: Record<string, string>): Doc => ({
  Type: 'ec2-instance',
  Arn: `arn:aws:ec2:us-east-1:${A}:instance/${id}`,
  Name: id,
  Region: 'us-east-1',
  RoleArn: ROLE(role),
  ...(tags === undefined ? {} : { Tags: tags }),
});

let work: string;
let analysis: Analysis;
beforeAll(async () => {
  work = await mkdtemp(join(tmpdir(), 'trustmap-codedeploy-'));
  const ec2Role = (name: string, policy: Doc): ScenarioRole => ({
    name,
    trust: trust({ Service: 'ec2.amazonaws.com' }),
    policies: [policy],
    instanceProfile: true,
  });
  const reads = doc([{ Effect: 'Allow', Action: 's3:GetObject', Resource: '*' }]);
  const noS3 = doc([{ Effect: 'Allow', Action: 'sqs:SendMessage', Resource: '*' }]);
  await writeScenario(work, {
    accounts: {
      [A]: {
        roles: [
          {
            name: 'deployer',
            trust: trust({ AWS: `arn:aws:iam::${A}:root` }),
            policies: [
              doc([
                {
                  Effect: 'Allow',
                  Action: [
                    'codedeploy:CreateDeployment',
                    'codedeploy:RegisterApplicationRevision',
                    'codedeploy:GetApplicationRevision',
                    'codedeploy:GetDeploymentConfig',
                  ],
                  Resource: '*',
                },
              ]),
            ],
          },
          ec2Role('web-reads', reads),
          ec2Role('web-no-s3', noS3),
          ec2Role('untagged', reads),
          ec2Role('other-app', reads),
        ],
        workloads: [
          {
            Type: 'codedeploy-deployment-group',
            Arn: GROUP,
            Name: 'web/prod',
            Region: 'us-east-1',
            ApplicationName: 'web',
            DeploymentGroupName: 'prod',
            ComputePlatform: 'Server',
            Ec2TagFilters: [{ Key: 'App', Value: 'web', Type: 'KEY_AND_VALUE' }],
          },
          instance('i-reads', 'web-reads', { App: 'web' }),
          instance('i-no-s3', 'web-no-s3', { App: 'web' }),
          instance('i-untagged', 'untagged'),
          instance('i-other', 'other-app', { App: 'billing' }),
        ],
      },
    },
  });
  analysis = await analyzeSnapshotDir(work, resolveAnalysisConfig());
});
afterAll(async () => {
  await rm(work, { recursive: true, force: true });
});

function deployment(target: string) {
  const g = analysis.graph;
  return escalationEdges(g, ROLE('deployer'), ROLE(target)).find((a) => a.technique === TECHNIQUE);
}

describe('CreateDeployment to an existing Server deployment group', () => {
  it("reaches the role of an instance it selects, the group as the edge's workload", () => {
    const edge = deployment('web-reads');
    expect(edge?.decision).toBe('allow');
    expect(edge?.workload).toBe(GROUP);
    const actions = new Set(edge?.evidence.map((e) => e.action));
    for (const a of TECHNIQUE.split('+')) expect(actions).toContain(a);
    expect(actions).toContain('sts:AssumeRole');
    expect(actions).toContain('s3:GetObject');
  });

  it('is conditional when the instance role may read no object of a bucket the attacker owns', () => {
    const edge = deployment('web-no-s3');
    expect(edge?.decision).toBe('conditional');
    expect(edge?.notes).toContain('revision-source-unknown');
  });

  it("is conditional when the instance's tags are unknown", () => {
    const edge = deployment('untagged');
    expect(edge?.decision).toBe('conditional');
    expect(edge?.notes).toContain('instance-tags-unknown');
  });

  it('gives no edge to the role of an instance the tag filters do not select', () => {
    expect(deployment('other-app')).toBeUndefined();
  });
});

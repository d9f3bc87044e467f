/**
 * `aws:RequestedRegion` of a call on a regional resource is the resource's Region
 * (IAM-SEMANTICS.md "Keys the caller chooses"): a KMS key, secret, queue, topic, repository or
 * Lambda function is used by calling the endpoint of its Region
 * (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-keys.html#condition-keys-requestedregion;
 * a KMS key never leaves its Region,
 * https://docs.aws.amazon.com/kms/latest/developerguide/multi-region-keys-overview.html). So the
 * common "deny outside approved Regions" SCP
 * (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_examples_aws_deny-requested-region.html)
 * neither gates a resource of an approved Region (allow, not conditional) nor lets anyone use one
 * of another Region (no edge). An entry without `Region` has the Region of its ARN.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { analyzeSnapshotDir, type Analysis } from '../../../server/analyze/analyze-snapshot-dir.js';
import { resolveAnalysisConfig } from '../../../shared/config/analysis-config.js';
import { trust, writeScenario, type Doc } from '../../helpers/write-scenario.js';

const MGMT = '100000000000';
const A = '111111111111';
const DEV = `arn:aws:iam::${A}:role/dev`;
const doc = (...Statement: Doc[]): Doc => ({ Version: '2012-10-17', Statement });
const FULL_AWS_ACCESS = doc({ Effect: 'Allow', Action: '*', Resource: '*' });
const REGION_DENY = doc({
  Effect: 'Deny',
  NotAction: ['iam:*', 'sts:*', 'organizations:*'],
  Resource: '*',
  Condition: { StringNotEquals: { 'aws:RequestedRegion': ['us-east-1', 'eu-west-1'] } },
});

const secret = (region: string | undefined, name: string): Doc => ({
  Type: 'secretsmanager-secret',
  Arn: `arn:aws:secretsmanager:${region ?? 'us-east-1'}:${A}:secret:${name}-AbCdEf`,
  Name: name,
  ...(region !== undefined ? { Region: region } : {}),
});
const SECRET = (region: string, name: string): string =>
  `arn:aws:secretsmanager:${region}:${A}:secret:${name}-AbCdEf`;
const FN = (region: string, name: string): string =>
  `arn:aws:lambda:${region}:${A}:function:${name}`;

let work: string;
let analysis: Analysis;
beforeAll(async () => {
  work = await mkdtemp(join(tmpdir(), 'trustmap-requested-region-'));
  await writeScenario(work, {
    org: {
      id: 'o-region00001',
      managementAccountId: MGMT,
      accounts: [{ id: A, name: 'a', parent: 'r-root' }],
      scps: [
        { name: 'FullAWSAccess', targets: ['r-root', A], document: FULL_AWS_ACCESS },
        { name: 'RegionRestriction', targets: [A], document: REGION_DENY },
      ],
    },
    accounts: {
      [A]: {
        roles: [
          {
            name: 'dev',
            trust: trust({ AWS: `arn:aws:iam::${A}:root` }),
            policies: [
              doc({
                Effect: 'Allow',
                Action: ['secretsmanager:GetSecretValue', 'lambda:InvokeFunction'],
                Resource: '*',
              }),
            ],
          },
          { name: 'runner', trust: trust({ Service: 'lambda.amazonaws.com' }) },
        ],
        resources: [
          secret('us-east-1', 'approved'),
          secret('ap-southeast-2', 'elsewhere'),
          secret(undefined, 'no-region-field'),
        ],
        workloads: [
          {
            Type: 'lambda-function',
            Arn: FN('eu-west-1', 'approved-fn'),
            Name: 'approved-fn',
            Region: 'eu-west-1',
            RoleArn: `arn:aws:iam::${A}:role/runner`,
          },
          {
            Type: 'lambda-function',
            Arn: FN('sa-east-1', 'elsewhere-fn'),
            Name: 'elsewhere-fn',
            Region: 'sa-east-1',
            RoleArn: `arn:aws:iam::${A}:role/runner`,
          },
        ],
      },
    },
  });
  analysis = await analyzeSnapshotDir(work, resolveAnalysisConfig());
});
afterAll(async () => {
  await rm(work, { recursive: true, force: true });
});

function access(target: string, group: string) {
  const g = analysis.graph;
  return g.hasNode(target)
    ? g
        .outEdges(DEV, target)
        .map((e) => g.getEdgeAttributes(e))
        .find((a) => a.kind === 'can-access' && a.actionGroup === group)
    : undefined;
}

describe('aws:RequestedRegion of a call on a regional resource is its Region', () => {
  it('a secret of an approved Region: allowed, not conditional on the Region', () => {
    const edge = access(SECRET('us-east-1', 'approved'), 'read');
    expect(edge?.decision).toBe('allow');
    expect(edge?.conditionKeys).toEqual([]);
  });

  it('a function of an approved Region: allowed', () => {
    expect(access(FN('eu-west-1', 'approved-fn'), 'invoke')?.decision).toBe('allow');
  });

  it('a secret of another Region: the SCP denies every call on it — no edge', () => {
    expect(access(SECRET('ap-southeast-2', 'elsewhere'), 'read')).toBeUndefined();
  });

  it('a function of another Region: no edge', () => {
    expect(access(FN('sa-east-1', 'elsewhere-fn'), 'invoke')).toBeUndefined();
  });

  it('an entry without a Region field: the Region of its ARN is the fact', () => {
    const edge = access(SECRET('us-east-1', 'no-region-field'), 'read');
    expect(edge?.decision).toBe('allow');
    expect(edge?.conditionKeys).toEqual([]);
  });
});

/**
 * Calls on an EC2 instance are decided with the instance's tags when workloads.json holds them
 * (IAM-SEMANTICS.md E.3): `aws:ResourceTag/…`, `ec2:ResourceTag/…` and `ssm:resourceTag/…` are
 * known, a tag the instance lacks is known absent, and an instance whose tags are unknown leaves
 * the key unknown (conditional). The case is CloudFoxable's double_tap
 * (BishopFox/cloudfoxable aws/challenges/double_tap/double_tap.tf): SendCommand allowed only on
 * instances tagged double_tap2=true, user data (ec2:*) only on instances tagged double_tap1=true.
 * Tags a principal of the account may change (ec2:CreateTags / ec2:DeleteTags on the instance)
 * are not final: a call they deny stays conditional (instance-tags.ts).
 * AWS: https://docs.aws.amazon.com/IAM/latest/UserGuide/access_tags.html (aws:ResourceTag
 * "compares the tag key-value pair that you specify with the key-value pair that is attached to
 * the resource"), https://docs.aws.amazon.com/systems-manager/latest/userguide/run-command.html.
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
const ROLE = (name: string): string => `arn:aws:iam::${A}:role/${name}`;
const INSTANCE = (id: string): string => `arn:aws:ec2:us-east-1:${A}:instance/${id}`;
const policy = (...Statement: Doc[]): Doc => ({ Version: '2012-10-17', Statement });
const tagged = (key: string): Doc => ({ StringEquals: { [`aws:ResourceTag/${key}`]: 'true' } });

const instance = (id: string, role: string, tags?: Record<string, string>): Doc => ({
  Type: 'ec2-instance',
  Arn: INSTANCE(id),
  Name: id,
  Region: 'us-east-1',
  InstanceProfileArn: `arn:aws:iam::${A}:instance-profile/${role}`,
  RoleArn: ROLE(role),
  ...(tags !== undefined
    ? { Tags: Object.entries(tags).map(([Key, Value]) => ({ Key, Value })) }
    : {}),
});

let work: string;
let analysis: Analysis;
beforeAll(async () => {
  work = await mkdtemp(join(tmpdir(), 'trustmap-instance-tags-'));
  await writeScenario(work, {
    accounts: {
      [A]: {
        roles: [
          {
            name: 'operator',
            trust: trust({ AWS: `arn:aws:iam::${A}:root` }),
            policies: [
              policy(
                {
                  Effect: 'Allow',
                  Action: 'ssm:SendCommand',
                  Resource: 'arn:aws:ec2:*:*:instance/*',
                  Condition: tagged('double_tap2'),
                },
                { Effect: 'Allow', Action: 'ssm:*', Resource: 'arn:aws:ssm:*:*:*' },
              ),
            ],
          },
          {
            name: 'userdata-editor',
            trust: trust({ AWS: `arn:aws:iam::${A}:root` }),
            policies: [
              policy({
                Effect: 'Allow',
                Action: 'ec2:*',
                Resource: '*',
                Condition: { StringEquals: { 'ec2:ResourceTag/double_tap1': 'true' } },
              }),
            ],
          },
          ...['flag', 'untagged', 'unknown', 'first'].map((name) => ({
            name,
            trust: trust({ Service: 'ec2.amazonaws.com' }),
            instanceProfile: true,
            policies: [
              policy({ Effect: 'Allow', Action: 'secretsmanager:GetSecretValue', Resource: '*' }),
            ],
          })),
        ],
        workloads: [
          instance('i-flag', 'flag', { double_tap2: 'true', Name: 'double_tap' }),
          instance('i-untagged', 'untagged', { double_tap2: 'false', Name: 'double_tap' }),
          instance('i-unknown', 'unknown'),
          instance('i-first', 'first', { double_tap1: 'true' }),
        ],
      },
    },
  });
  analysis = await analyzeSnapshotDir(work, resolveAnalysisConfig());
});
afterAll(async () => {
  await rm(work, { recursive: true, force: true });
});

const decisions = (from: string, to: string): string[] =>
  escalationEdges(analysis.graph, ROLE(from), to).map(
    (a) => `${String(a.technique)} ${a.decision}`,
  );

describe('tag conditions on calls to an EC2 instance', () => {
  it('a tag the instance has satisfies aws:ResourceTag: SendCommand is allowed outright', () => {
    expect(decisions('operator', INSTANCE('i-flag'))).toContain('ssm:SendCommand allow');
  });

  it('a tag with another value denies when nobody may retag the instance: no edge', () => {
    expect(decisions('operator', INSTANCE('i-untagged'))).toEqual([]);
  });

  it('a missing tag another principal may add (ec2:CreateTags on i-first) leaves the call conditional', () => {
    expect(decisions('operator', INSTANCE('i-first'))).toEqual(['ssm:SendCommand conditional']);
  });

  it('an instance whose tags are unknown keeps the key unknown: conditional', () => {
    expect(decisions('operator', INSTANCE('i-unknown'))).toContain('ssm:SendCommand conditional');
  });

  it('ec2:ResourceTag decides user data (ModifyInstanceAttribute + Stop + Start) on the tagged instance only', () => {
    const userData = 'ec2:ModifyInstanceAttribute+ec2:StopInstances+ec2:StartInstances allow';
    expect(decisions('userdata-editor', INSTANCE('i-first'))).toContain(userData);
    expect(decisions('userdata-editor', INSTANCE('i-flag'))).toEqual([]);
  });
});

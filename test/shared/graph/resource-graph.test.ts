/**
 * KMS keys and resource-policy resources in the access graph, the account-level view and
 * `reachable-from` (IAM-SEMANTICS.md §7a), on a snapshot directory in the AWS CLI's formats; and
 * resources.json entries the loader must refuse, each named by file and JSON path.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { analyzeSnapshotDir, type Analysis } from '../../../server/analyze/analyze-snapshot-dir.js';
import { resolveAnalysisConfig } from '../../../shared/config/analysis-config.js';
import { aggregateAccounts } from '../../../shared/graph/aggregate-accounts.js';
import { findReachableFrom } from '../../../shared/query/index.js';
import { allow, trust, writeScenario } from '../../helpers/write-scenario.js';

const A = '111111111111';
const X = '999988887777';
const KEY = `arn:aws:kms:us-east-1:${A}:key/1111aaaa-0000-4000-8000-000000000001`;
const QUEUE = `arn:aws:sqs:us-east-1:${A}:orders`;
const TOPIC = `arn:aws:sns:us-east-1:${A}:alerts`;
const FUNCTION = `arn:aws:lambda:us-east-1:${A}:function:export`;
const REPO = `arn:aws:ecr:us-east-1:${A}:repository/app`;
const APP = `arn:aws:iam::${A}:role/app`;
const doc = (...Statement: unknown[]): string =>
  JSON.stringify({ Version: '2012-10-17', Statement });

let work: string;
let analysis: Analysis;
beforeAll(async () => {
  work = await mkdtemp(join(tmpdir(), 'trustmap-resource-graph-'));
  await writeScenario(work, {
    accounts: {
      [A]: {
        roles: [
          {
            name: 'app',
            trust: trust({ Service: 'lambda.amazonaws.com' }),
            policies: [allow('kms:Decrypt', KEY)],
          },
        ],
        resources: [
          {
            Type: 'kms-key',
            Arn: KEY,
            Region: 'us-east-1',
            KeyManager: 'CUSTOMER',
            Aliases: ['alias/orders'],
            Grants: [],
            Policy: doc(
              {
                Effect: 'Allow',
                Principal: { AWS: `arn:aws:iam::${A}:root` },
                Action: 'kms:*',
                Resource: '*',
              },
              {
                Effect: 'Allow',
                Principal: { AWS: `arn:aws:iam::${X}:root` },
                Action: 'kms:Decrypt',
                Resource: '*',
              },
            ),
          },
          {
            Type: 'sqs-queue',
            Arn: QUEUE,
            Region: 'us-east-1',
            Policy: {
              Policy: doc({
                Effect: 'Allow',
                Principal: { AWS: X },
                Action: 'sqs:SendMessage',
                Resource: QUEUE,
              }),
            },
          },
          { Type: 'sns-topic', Arn: `arn:aws:sns:us-east-1:${X}:elsewhere`, Region: 'us-east-1' },
          { Type: 'sqs-queue', Arn: `arn:aws:sns:us-east-1:${A}:wrong-type`, Region: 'us-east-1' },
          { Type: 'sns-topic', Arn: TOPIC, Region: 'us-east-1', Policy: '{"Statement": [' },
          { Type: 'lambda-layer', Arn: 'arn:aws:lambda:us-east-1:111111111111:layer:x' },
          {
            // Written as ECR documents it: no Resource, the statement applies to the repository.
            Type: 'ecr-repository',
            Arn: REPO,
            Region: 'us-east-1',
            Policy: doc({
              Sid: 'CrossAccountPull',
              Effect: 'Allow',
              Principal: { AWS: `arn:aws:iam::${X}:root` },
              Action: ['ecr:BatchGetImage', 'ecr:GetDownloadUrlForLayer'],
            }),
          },
        ],
        workloads: [
          {
            Type: 'lambda-function',
            Arn: FUNCTION,
            Name: 'export',
            Region: 'us-east-1',
            RoleArn: APP,
            ResourcePolicy: doc({
              Effect: 'Allow',
              Principal: { AWS: `arn:aws:iam::${X}:root` },
              Action: ['lambda:InvokeFunction', 'lambda:GetFunction'],
              Resource: FUNCTION,
            }),
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

describe('resources in the access graph', () => {
  it('adds one resource node per loaded resource, with its service, label and account', () => {
    const key = analysis.graph.getNodeAttributes(KEY);
    expect(key).toMatchObject({
      kind: 'resource',
      service: 'kms',
      label: 'alias/orders',
      accountId: A,
    });
    expect(analysis.graph.getNodeAttribute(QUEUE, 'service')).toBe('sqs');
    expect(analysis.graph.getNodeAttribute(TOPIC, 'service')).toBe('sns');
  });

  it('gives a Lambda function one node: a lambda resource that is also the workload running as its role', () => {
    expect(analysis.graph.getNodeAttributes(FUNCTION)).toEqual({
      kind: 'resource',
      label: 'export',
      accountId: A,
      scope: 'org',
      scanned: true,
      service: 'lambda',
      region: 'us-east-1',
      workloadType: 'lambda-function',
      roleArn: APP,
    });
    const out = analysis.graph
      .outEdges(FUNCTION)
      .map((k) => [analysis.graph.target(k), analysis.graph.getEdgeAttribute(k, 'technique')]);
    expect(out).toEqual([[APP, 'runs-as']]);
  });

  it('counts in the organization view the resources an outside account reaches', () => {
    const level = aggregateAccounts(analysis.graph);
    const edge = level.edges.find(
      (e) => e.source === `arn:aws:iam::${X}:root` && e.target === `arn:aws:iam::${A}:root`,
    );
    expect(edge?.attributes?.resources).toBe(4);
    expect(edge?.attributes?.external).toBe(true);
  });

  it('lists the resources in reachable-from, with their service', () => {
    const r = findReachableFrom(analysis.graph, `arn:aws:iam::${X}:root`);
    expect(r.kind).toBe('found');
    if (r.kind !== 'found') return;
    expect(r.buckets.map((b) => [b.bucket, b.service, b.action]).sort()).toEqual([
      [REPO, 'ecr', 'pull'],
      [KEY, 'kms', 'decrypt'],
      [FUNCTION, 'lambda', 'invoke'],
      [FUNCTION, 'lambda', 'read'],
      [QUEUE, 'sqs', 'write'],
    ]);
    // Invoking a function does not give its role: reachable-from lists no role through it.
    expect(r.roles.map((x) => x.role)).not.toContain(APP);
  });
});

describe('resources.json entries the loader refuses', () => {
  const issue = (path: string): { severity: string; message: string } | undefined =>
    analysis.snapshot.issues.find((i) => i.file === `${A}/resources.json` && i.path === path);

  it('skips a resource of another account, naming the file and JSON path', () => {
    expect(issue('$.Resources[2].Arn')?.message).toMatch(
      /names account "999988887777", not 111111111111/,
    );
  });
  it('skips an ARN that is not of its Type', () => {
    expect(issue('$.Resources[3].Arn')?.message).toMatch(/is not the ARN of a sqs-queue/);
  });
  it('loads a resource whose policy cannot be decoded with the stand-in of an unread policy', () => {
    expect(issue('$.Resources[4].Policy')?.severity).toBe('error');
    const policy = analysis.model.resources?.get(TOPIC)?.policy;
    expect(policy?.ref.notRead).toMatch(/could not be decoded/);
    expect(policy?.statements.map((s) => [s.effect, s.sid])).toEqual([
      ['Allow', 'NotReadMayAllowItsAccount'],
      ['Deny', 'NotReadMayDeny'],
    ]);
  });
  it('skips an unknown Type with a warning', () => {
    expect(issue('$.Resources[5].Type')?.severity).toBe('warning');
    // Four of resources.json and the Lambda function of workloads.json.
    expect(analysis.model.resources?.size).toBe(5);
  });
});

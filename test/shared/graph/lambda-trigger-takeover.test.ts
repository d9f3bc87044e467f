/**
 * Taking over a Lambda function that an existing trigger invokes (IAM-SEMANTICS.md E.3,
 * workload takeover: "UpdateFunctionCode (+ Invoke or a trigger)"): a push trigger — S3, SNS,
 * EventBridge, API Gateway … — needs a function-policy statement that lets the service invoke the
 * function (https://docs.aws.amazon.com/lambda/latest/dg/access-control-resource-based.html), and
 * the service then runs the function's current code at each event; UpdateFunctionCode changes
 * that code (`$LATEST`, https://docs.aws.amazon.com/lambda/latest/api/API_UpdateFunctionCode.html).
 * So `lambda:UpdateFunctionCode` alone makes the attacker act as the function's role.
 * An Enabled event source mapping (SQS, Kinesis, DynamoDB streams …) needs no function policy:
 * Lambda polls the source and invokes the function with each batch
 * (https://docs.aws.amazon.com/lambda/latest/dg/invocation-eventsourcemapping.html).
 * Negative twins: no policy, a policy naming only an account, a trigger or a mapping on an alias
 * of a published version (it runs that version), a Disabled mapping, and an attacker without
 * UpdateFunctionCode.
 */
import { escalationEdges } from '../../helpers/escalation-edges.js';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { analyzeSnapshotDir, type Analysis } from '../../../server/analyze/analyze-snapshot-dir.js';
import { resolveAnalysisConfig } from '../../../shared/config/analysis-config.js';
import { findReachableFrom } from '../../../shared/query/index.js';
import { trust, writeScenario, type Doc } from '../../helpers/write-scenario.js';

const A = '111111111111';
const B = '222222222222';
const FN = (name: string): string => `arn:aws:lambda:us-east-1:${A}:function:${name}`;
const DEV = `arn:aws:iam::${A}:role/dev`;
const VIEWER = `arn:aws:iam::${A}:role/viewer`;
const RUNNER = `arn:aws:iam::${A}:role/runner`;
const ONLY_CODE = 'lambda:UpdateFunctionCode';

const invokeBy = (principal: Doc, sid = 'trigger'): string =>
  JSON.stringify({
    Version: '2012-10-17',
    Statement: [
      {
        Sid: sid,
        Effect: 'Allow',
        Principal: principal,
        Action: 'lambda:InvokeFunction',
        Resource: '*',
      },
    ],
  });

const fn = (name: string, extra: Doc = {}): Doc => ({
  Type: 'lambda-function',
  Arn: FN(name),
  Name: name,
  Region: 'us-east-1',
  RoleArn: RUNNER,
  ...extra,
});

const QUEUE = `arn:aws:sqs:us-east-1:${A}:jobs`;
/** An entry of ListEventSourceMappings for the function (or its alias or version `qualifier`). */
const mapping = (name: string, state: string, qualifier?: string): Doc => ({
  UUID: `esm-${name}`,
  FunctionArn: qualifier === undefined ? FN(name) : `${FN(name)}:${qualifier}`,
  EventSourceArn: QUEUE,
  State: state,
});

let work: string;
let analysis: Analysis;
beforeAll(async () => {
  work = await mkdtemp(join(tmpdir(), 'trustmap-trigger-takeover-'));
  const code = (action: string): Doc => ({
    Version: '2012-10-17',
    Statement: [{ Effect: 'Allow', Action: action, Resource: `arn:aws:lambda:*:${A}:function:*` }],
  });
  await writeScenario(work, {
    accounts: {
      [A]: {
        roles: [
          { name: 'runner', trust: trust({ Service: 'lambda.amazonaws.com' }) },
          {
            name: 'dev',
            trust: trust({ AWS: `arn:aws:iam::${A}:root` }),
            policies: [code(ONLY_CODE)],
          },
          {
            name: 'viewer',
            trust: trust({ AWS: `arn:aws:iam::${A}:root` }),
            policies: [code('lambda:GetFunction')],
          },
        ],
        workloads: [
          fn('on-upload', {
            ResourcePolicy: invokeBy({ Service: 's3.amazonaws.com' }, 's3-trigger'),
          }),
          fn('no-trigger'),
          fn('shared-with-b', { ResourcePolicy: invokeBy({ AWS: `arn:aws:iam::${B}:root` }) }),
          fn('on-topic-latest', {
            Aliases: [
              {
                AliasArn: `${FN('on-topic-latest')}:live`,
                Name: 'live',
                FunctionVersion: '$LATEST',
                ResourcePolicy: invokeBy({ Service: 'sns.amazonaws.com' }),
              },
            ],
          }),
          fn('on-topic-pinned', {
            Aliases: [
              {
                AliasArn: `${FN('on-topic-pinned')}:live`,
                Name: 'live',
                FunctionVersion: '4',
                ResourcePolicy: invokeBy({ Service: 'sns.amazonaws.com' }),
              },
            ],
          }),
          fn('on-queue', { EventSourceMappings: [mapping('on-queue', 'Enabled')] }),
          fn('on-queue-disabled', {
            EventSourceMappings: [mapping('on-queue-disabled', 'Disabled')],
          }),
          fn('on-queue-latest', {
            Aliases: [
              {
                AliasArn: `${FN('on-queue-latest')}:live`,
                Name: 'live',
                FunctionVersion: '$LATEST',
              },
            ],
            EventSourceMappings: [mapping('on-queue-latest', 'Enabled', 'live')],
          }),
          fn('on-queue-pinned', {
            Aliases: [
              { AliasArn: `${FN('on-queue-pinned')}:live`, Name: 'live', FunctionVersion: '4' },
            ],
            EventSourceMappings: [mapping('on-queue-pinned', 'Enabled', 'live')],
          }),
          fn('on-queue-version', {
            EventSourceMappings: [mapping('on-queue-version', 'Enabled', '4')],
          }),
        ],
      },
    },
  });
  analysis = await analyzeSnapshotDir(work, resolveAnalysisConfig());
});
afterAll(async () => {
  await rm(work, { recursive: true, force: true });
});

function takeover(from: string, name: string) {
  const g = analysis.graph;
  return escalationEdges(g, from, FN(name)).find((a) => a.technique === ONLY_CODE);
}

describe('UpdateFunctionCode on a function an existing trigger invokes', () => {
  it('is a takeover: the edge cites the trigger statement and notes it', () => {
    const edge = takeover(DEV, 'on-upload');
    expect(edge?.decision).toBe('allow');
    expect(edge?.notes).toContain('runs-at-existing-trigger');
    const note = edge?.evidence.find((e) => e.role === 'note' && e.sid === 's3-trigger');
    expect(note?.reason).toContain('lets s3.amazonaws.com invoke it');
    expect(note?.reason).toContain(RUNNER);
  });

  it('reaches the function role through it', () => {
    const found = findReachableFrom(analysis.graph, DEV, {});
    expect(found.kind).toBe('found');
    if (found.kind !== 'found') return;
    expect(JSON.stringify(found)).toContain(RUNNER);
  });

  it('counts a trigger on an alias of $LATEST', () => {
    expect(takeover(DEV, 'on-topic-latest')?.decision).toBe('allow');
  });

  it('counts an Enabled event source mapping: the edge cites it', () => {
    const edge = takeover(DEV, 'on-queue');
    expect(edge?.decision).toBe('allow');
    expect(edge?.notes).toContain('runs-at-existing-trigger');
    const note = edge?.evidence.find((e) => e.role === 'note');
    expect(note?.reason).toContain('event source mapping esm-on-queue (Enabled)');
    expect(note?.reason).toContain(QUEUE);
    expect(note?.reason).toContain(RUNNER);
  });

  it('counts an Enabled event source mapping of an alias of $LATEST', () => {
    expect(takeover(DEV, 'on-queue-latest')?.decision).toBe('allow');
  });

  it.each([
    ['no function policy: nothing is known to invoke it', 'no-trigger'],
    ['a policy that names an account, not a service', 'shared-with-b'],
    ['a trigger on an alias of published version 4: it runs that version', 'on-topic-pinned'],
    ['a Disabled event source mapping: Lambda does not poll its source', 'on-queue-disabled'],
    ['an event source mapping of an alias of version 4: it runs that version', 'on-queue-pinned'],
    ['an event source mapping of published version 4', 'on-queue-version'],
  ])('negative twin — %s', (_, name) => {
    expect(takeover(DEV, name)).toBeUndefined();
  });

  it('negative twin — a principal that cannot change the code', () => {
    expect(takeover(VIEWER, 'on-upload')).toBeUndefined();
  });
});

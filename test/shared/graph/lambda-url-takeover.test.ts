/**
 * A Lambda takeover's invoke step through a function URL (IAM-SEMANTICS.md §7a.6, E.3): the
 * Invoke API carries neither `lambda:FunctionUrlAuthType` nor `lambda:InvokedViaFunctionUrl`, so
 * a grant bound to `lambda:InvokedViaFunctionUrl` (the statement AWS adds for a URL) never serves
 * it; a URL call does — signed by the attacker at an `AWS_IAM` URL, or unsigned at a `NONE` URL
 * whose policy lets anyone call both halves
 * (https://docs.aws.amazon.com/lambda/latest/dg/urls-auth.html). The URLs are workloads.json's
 * (ListFunctionUrlConfigs); when they were not collected the policies decide, with a note.
 * Negative twins: the same public statements with no URL, an `AWS_IAM` URL whose policy does not
 * let the attacker call it.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { analyzeSnapshotDir, type Analysis } from '../../../server/analyze/analyze-snapshot-dir.js';
import { resolveAnalysisConfig } from '../../../shared/config/analysis-config.js';
import { escalationEdges } from '../../helpers/escalation-edges.js';
import { allow, trust, writeScenario, type Doc } from '../../helpers/write-scenario.js';

const A = '111111111111';
const E = '999988887777';
const FN = (name: string): string => `arn:aws:lambda:us-east-1:${A}:function:${name}`;
const DEV = `arn:aws:iam::${A}:role/dev`;
const RUNNER = `arn:aws:iam::${A}:role/runner`;
const BOTH = 'lambda:UpdateFunctionCode+lambda:InvokeFunction';

/** The two statements AWS adds for a URL of AuthType `authType` granted to `principal`. */
const urlStatements = (principal: Doc | '*', authType: string): Doc[] => [
  {
    Effect: 'Allow',
    Principal: principal,
    Action: 'lambda:InvokeFunctionUrl',
    Resource: '*',
    Condition: { StringEquals: { 'lambda:FunctionUrlAuthType': authType } },
  },
  {
    Effect: 'Allow',
    Principal: principal,
    Action: 'lambda:InvokeFunction',
    Resource: '*',
    Condition: { Bool: { 'lambda:InvokedViaFunctionUrl': 'true' } },
  },
];
const policy = (statements: Doc[]): string =>
  JSON.stringify({ Version: '2012-10-17', Statement: statements });
const url = (name: string, authType: string): Doc => ({
  FunctionUrl: `https://${name}.lambda-url.us-east-1.on.aws/`,
  FunctionArn: FN(name),
  AuthType: authType,
});
const fn = (name: string, statements: Doc[], urls: Doc[] | undefined): Doc => ({
  Type: 'lambda-function',
  Arn: FN(name),
  Name: name,
  Region: 'us-east-1',
  RoleArn: RUNNER,
  ResourcePolicy: policy(statements),
  ...(urls !== undefined ? { FunctionUrls: urls } : {}),
});

let work: string;
let analysis: Analysis;
beforeAll(async () => {
  work = await mkdtemp(join(tmpdir(), 'trustmap-url-takeover-'));
  const updateCode = {
    Effect: 'Allow',
    Principal: { AWS: `arn:aws:iam::${E}:root` },
    Action: 'lambda:UpdateFunctionCode',
    Resource: '*',
  };
  await writeScenario(work, {
    accounts: {
      [A]: {
        roles: [
          { name: 'runner', trust: trust({ Service: 'lambda.amazonaws.com' }) },
          {
            name: 'dev',
            trust: trust({ AWS: `arn:aws:iam::${A}:root` }),
            policies: [allow('lambda:UpdateFunctionCode', '*')],
          },
        ],
        workloads: [
          fn('public-url', urlStatements('*', 'NONE'), [url('public-url', 'NONE')]),
          fn('no-url', urlStatements('*', 'NONE'), []),
          fn('url-unknown', urlStatements('*', 'NONE'), undefined),
          fn('iam-url', urlStatements({ AWS: DEV }, 'AWS_IAM'), [url('iam-url', 'AWS_IAM')]),
          fn('iam-url-other', urlStatements({ AWS: `arn:aws:iam::${A}:role/other` }, 'AWS_IAM'), [
            url('iam-url-other', 'AWS_IAM'),
          ]),
          fn(
            'shared-public-url',
            [updateCode, ...urlStatements('*', 'NONE')],
            [url('shared-public-url', 'NONE')],
          ),
        ],
      },
    },
  });
  analysis = await analyzeSnapshotDir(work, resolveAnalysisConfig());
});
afterAll(async () => {
  await rm(work, { recursive: true, force: true });
});

const takeover = (from: string, name: string) =>
  escalationEdges(analysis.graph, from, FN(name)).find((a) => a.technique === BOTH);

describe('the invoke step of a Lambda takeover through a function URL', () => {
  it('a public NONE URL: the attacker changes the code and calls the URL unsigned', () => {
    const edge = takeover(DEV, 'public-url');
    expect(edge?.decision).toBe('allow');
    expect(edge?.evidence.some((e) => e.reason.includes('lambda:InvokeFunctionUrl'))).toBe(true);
  });

  it('an AWS_IAM URL whose policy names the attacker: a signed URL call', () => {
    expect(takeover(DEV, 'iam-url')?.decision).toBe('allow');
  });

  it('URLs not collected: the policies decide, and the edge says the URL configuration is unknown', () => {
    const edge = takeover(DEV, 'url-unknown');
    expect(edge?.decision).toBe('allow');
    expect(edge?.notes).toContain('function-url-config-not-in-snapshot');
  });

  it('an account outside the snapshot that may change the code, with a public URL', () => {
    expect(takeover(`arn:aws:iam::${E}:root`, 'shared-public-url')?.decision).toBe('allow');
  });

  it.each([
    ['the public URL statements with no URL: the Invoke API does not carry the URL keys', 'no-url'],
    ['an AWS_IAM URL whose policy names another role', 'iam-url-other'],
  ])('negative twin — %s: no takeover', (_, name) => {
    expect(takeover(DEV, name)).toBeUndefined();
  });
});

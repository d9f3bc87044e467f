/**
 * The Lambda code takeover (UpdateFunctionCode + InvokeFunction) through an alias
 * (IAM-SEMANTICS.md §7a.6): an alias points to one function version
 * (https://docs.aws.amazon.com/lambda/latest/dg/using-aliases.html), a published version is "a
 * snapshot of your function code and configuration that doesn't change"
 * (https://docs.aws.amazon.com/lambda/latest/api/API_PublishVersion.html) and UpdateFunctionCode
 * updates $LATEST, so only an alias of $LATEST runs the attacker's code; the invoke names the
 * alias ARN. A published version (workloads.json `Versions`) is never $LATEST: invoking it is an
 * access to the function, never the takeover's invoke step.
 */
import { escalationEdges } from '../../helpers/escalation-edges.js';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { analyzeSnapshotDir, type Analysis } from '../../../server/analyze/analyze-snapshot-dir.js';
import { resolveAnalysisConfig } from '../../../shared/config/analysis-config.js';
import { trust, writeScenario } from '../../helpers/write-scenario.js';

const A = '111111111111';
const FN = (name: string): string => `arn:aws:lambda:us-east-1:${A}:function:${name}`;
const DEV = `arn:aws:iam::${A}:role/dev`;
const RUNNER = `arn:aws:iam::${A}:role/runner`;

const workload = (name: string, version: string): Record<string, unknown> => ({
  Type: 'lambda-function',
  Arn: FN(name),
  Name: name,
  Region: 'us-east-1',
  RoleArn: RUNNER,
  Aliases: [{ AliasArn: `${FN(name)}:live`, Name: 'live', FunctionVersion: version }],
});

let work: string;
let analysis: Analysis;
beforeAll(async () => {
  work = await mkdtemp(join(tmpdir(), 'trustmap-alias-takeover-'));
  await writeScenario(work, {
    accounts: {
      [A]: {
        roles: [
          { name: 'runner', trust: trust({ Service: 'lambda.amazonaws.com' }) },
          {
            name: 'dev',
            trust: trust({ AWS: `arn:aws:iam::${A}:root` }),
            policies: [
              {
                Version: '2012-10-17',
                Statement: [
                  {
                    Effect: 'Allow',
                    Action: 'lambda:UpdateFunctionCode',
                    Resource: [FN('latest'), FN('pinned'), FN('versioned')],
                  },
                  {
                    Effect: 'Allow',
                    Action: 'lambda:InvokeFunction',
                    Resource: [
                      `${FN('latest')}:live`,
                      `${FN('pinned')}:live`,
                      `${FN('versioned')}:3`,
                    ],
                  },
                ],
              },
            ],
          },
        ],
        workloads: [
          workload('latest', '$LATEST'),
          workload('pinned', '3'),
          {
            Type: 'lambda-function',
            Arn: FN('versioned'),
            Name: 'versioned',
            Region: 'us-east-1',
            RoleArn: RUNNER,
            Aliases: [],
            Versions: [{ Version: '3', FunctionArn: `${FN('versioned')}:3` }],
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

function takeovers(fn: string): { technique: unknown; text: string }[] {
  return escalationEdges(analysis.graph, DEV, fn).map((a) => ({
    technique: a.technique,
    text: JSON.stringify(a),
  }));
}

describe('Lambda code takeover through an alias', () => {
  it('counts an alias of $LATEST for the invoke step, naming the alias ARN', () => {
    const found = takeovers(FN('latest'));
    expect(found.map((e) => e.technique)).toContain(
      'lambda:UpdateFunctionCode+lambda:InvokeFunction',
    );
    expect(
      found.find((e) => e.technique === 'lambda:UpdateFunctionCode+lambda:InvokeFunction')?.text,
    ).toContain(`${FN('latest')}:live`);
  });

  it('does not count a published version: invoking it is an access, never the takeover', () => {
    const g = analysis.graph;
    const access = g
      .edges(DEV, FN('versioned'))
      .filter((k) => g.getEdgeAttribute(k, 'kind') === 'can-access')
      .map((k) => JSON.stringify(g.getEdgeAttributes(k)));
    expect(access.join('\n')).toContain('through its published version 3');
    expect(takeovers(FN('versioned')).map((e) => e.technique)).not.toContain(
      'lambda:UpdateFunctionCode+lambda:InvokeFunction',
    );
  });

  it('does not count an alias of a published version: it runs none of the new code', () => {
    expect(takeovers(FN('pinned')).map((e) => e.technique)).not.toContain(
      'lambda:UpdateFunctionCode+lambda:InvokeFunction',
    );
  });
});

/**
 * What-if's new paths (docs/what-if.md): paths to an administrator and paths to a crown jewel are
 * searched apart, so a principal that reached a crown jewel before and now reaches an
 * administrator is a new `to-admin` path; and a `can-access` edge is never a step of a path —
 * invoking a Lambda function does not give its role (IAM-SEMANTICS.md §7a.6), so a change that
 * lets a principal invoke a function running as an administrator opens no path to it.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { analyzeSnapshotDir, type Analysis } from '../../../server/analyze/analyze-snapshot-dir.js';
import { resolveAnalysisConfig } from '../../../shared/config/analysis-config.js';
import { findNewPaths, pathsBefore, type NewPath } from '../../../shared/what-if/new-paths.js';
import { trust, writeScenario, type Doc, type Scenario } from '../../helpers/write-scenario.js';

const A = '111111111111';
const role = (name: string): string => `arn:aws:iam::${A}:role/${name}`;
const FN = `arn:aws:lambda:us-east-1:${A}:function:hook`;
const allow = (action: string | string[], resource: string): Doc => ({
  Version: '2012-10-17',
  Statement: [{ Effect: 'Allow', Action: action, Resource: resource }],
});
const config = resolveAnalysisConfig({ crownJewels: ['arn:aws:s3:::jewel-*'] });

/** The organization before (`after` false) or after the change. */
function scenario(after: boolean): Scenario {
  return {
    accounts: {
      [A]: {
        roles: [
          {
            name: 'admin',
            trust: trust({ AWS: after ? role('dev') : `arn:aws:iam::${A}:root` }),
            managed: ['arn:aws:iam::aws:policy/AdministratorAccess'],
          },
          { name: 'runner', trust: trust({ Service: 'lambda.amazonaws.com' }) },
          {
            name: 'dev',
            trust: trust({ AWS: `arn:aws:iam::${A}:root` }),
            policies: [
              allow('s3:GetObject', 'arn:aws:s3:::jewel-data/*'),
              ...(after ? [allow('sts:AssumeRole', role('admin'))] : []),
            ],
          },
          {
            name: 'invoker',
            trust: trust({ AWS: `arn:aws:iam::${A}:root` }),
            policies: after ? [allow(['lambda:InvokeFunction', 'lambda:GetFunction'], FN)] : [],
          },
        ],
        buckets: [{ name: 'jewel-data' }],
        workloads: [
          {
            Type: 'lambda-function',
            Arn: FN,
            Name: 'hook',
            Region: 'us-east-1',
            RoleArn: role('admin'),
          },
        ],
      },
    },
  };
}

let work: string;
let before: Analysis;
let after: Analysis;
let paths: NewPath[];
beforeAll(async () => {
  work = await mkdtemp(join(tmpdir(), 'trustmap-new-paths-'));
  await writeScenario(join(work, 'before'), scenario(false));
  await writeScenario(join(work, 'after'), scenario(true));
  before = await analyzeSnapshotDir(join(work, 'before'), config);
  after = await analyzeSnapshotDir(join(work, 'after'), config);
  paths = findNewPaths(pathsBefore(before), after).paths;
});
afterAll(async () => {
  await rm(work, { recursive: true, force: true });
});

describe('what-if new paths', () => {
  it('the crown jewel is one (the scenario holds)', () => {
    expect(before.graph.getNodeAttribute('arn:aws:s3:::jewel-data', 'crownJewel')).toBe(true);
  });

  it('a principal that reached a crown jewel and now reaches an administrator: a new to-admin path', () => {
    const dev = paths.filter((p) => p.start === role('dev'));
    expect(dev.map((p) => [p.category, p.target])).toEqual([['to-admin', role('admin')]]);
    expect(dev[0]?.hops.map((h) => h.kind)).toEqual(['can-assume']);
  });

  it('invoking or reading a function that runs as an administrator is no path to it', () => {
    expect(after.graph.hasNode(FN)).toBe(true);
    expect(paths.filter((p) => p.start === role('invoker'))).toEqual([]);
    expect(
      paths.every((p) => p.hops.every((h) => h.kind !== 'can-access' || h.to === p.target)),
    ).toBe(true);
  });
});

/**
 * AWS Data Pipeline (IAM-SEMANTICS.md E.3, new compute; Rhino Security Labs privesc 21,
 * BishopFox/iam-vulnerable privesc21-PassExistingRoleToNewDataPipeline): CreatePipeline,
 * PutPipelineDefinition and ActivatePipeline, with iam:PassRole of the definition's resourceRole
 * (an EC2 role in an instance profile, whose credentials the ShellCommandActivity runs with) and
 * of a pipeline role trusted by datapipeline.amazonaws.com. Always `conditional`: the service is
 * closed to new customers. Twins: no ActivatePipeline, no pipeline role, a pipeline role the
 * attacker may not pass, a resource role in no instance profile.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { analyzeSnapshotDir } from '../../../server/analyze/analyze-snapshot-dir.js';
import { resolveAnalysisConfig } from '../../../shared/config/analysis-config.js';
import { DATAPIPELINE_AVAILABILITY_UNKNOWN } from '../../../shared/graph/edges/can-escalate/pass-role.js';
import {
  allow,
  trust,
  writeScenario,
  type Doc,
  type Scenario,
} from '../../helpers/write-scenario.js';

const A = '111111111111';
const role = (name: string): string => `arn:aws:iam::${A}:role/${name}`;
const user = (name: string): string => `arn:aws:iam::${A}:user/${name}`;
const PIPELINE = [
  'datapipeline:CreatePipeline',
  'datapipeline:PutPipelineDefinition',
  'datapipeline:ActivatePipeline',
];
const TECHNIQUE = ['iam:PassRole', ...PIPELINE].join('+');
const both = (...docs: Doc[]): Doc => ({
  Version: '2012-10-17',
  Statement: docs.flatMap((d) => d.Statement as Doc[]),
});

let work: string;
beforeAll(async () => {
  work = await mkdtemp(join(tmpdir(), 'trustmap-datapipeline-'));
});
afterAll(async () => {
  await rm(work, { recursive: true, force: true });
});

let n = 0;
async function edgesTo(s: Scenario, from: string, to: string) {
  const dir = join(work, String(n++));
  await writeScenario(dir, s);
  const g = (await analyzeSnapshotDir(dir, resolveAnalysisConfig())).graph;
  if (!g.hasNode(from) || !g.hasNode(to)) return [];
  return g
    .outEdges(from, to)
    .map((k) => g.getEdgeAttributes(k))
    .filter((a) => a.kind === 'can-escalate' && a.technique === TECHNIQUE);
}

const account = (policy: Doc, roles: Scenario['accounts'][string]['roles']): Scenario => ({
  accounts: {
    [A]: {
      users: [{ name: 'attacker', policies: [policy] }],
      roles,
      managedPolicies: [],
    },
  },
});
const resourceRole = (instanceProfile = true) => ({
  name: 'resource',
  trust: trust({ Service: 'ec2.amazonaws.com' }),
  policies: [allow('*', '*')],
  instanceProfile,
});
const pipelineRole = { name: 'pipeline', trust: trust({ Service: 'datapipeline.amazonaws.com' }) };
const full = both(allow('iam:PassRole', '*'), allow(PIPELINE, '*'));

describe('AWS Data Pipeline with a passed resource role', () => {
  it('is a conditional edge to the resource role, noting the unknown availability', async () => {
    const edges = await edgesTo(
      account(full, [resourceRole(), pipelineRole]),
      user('attacker'),
      role('resource'),
    );
    expect(edges.map((e) => e.decision)).toEqual(['conditional']);
    expect(edges[0]?.notes).toContain(DATAPIPELINE_AVAILABILITY_UNKNOWN);
  });

  it.each([
    [
      'no ActivatePipeline',
      both(allow('iam:PassRole', '*'), allow(PIPELINE.slice(0, 2), '*')),
      [resourceRole(), pipelineRole],
    ],
    ['no role Data Pipeline may assume', full, [resourceRole()]],
    [
      'the pipeline role may not be passed',
      both(allow('iam:PassRole', role('resource')), allow(PIPELINE, '*')),
      [resourceRole(), pipelineRole],
    ],
    ['the resource role in no instance profile', full, [resourceRole(false), pipelineRole]],
  ] as const)('negative twin — %s', async (_name, policy, roles) => {
    expect(await edgesTo(account(policy, [...roles]), user('attacker'), role('resource'))).toEqual(
      [],
    );
  });
});

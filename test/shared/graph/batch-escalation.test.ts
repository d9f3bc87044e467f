/**
 * AWS Batch on existing resources (IAM-SEMANTICS.md E.3): a job of an existing job definition,
 * its command overridden at SubmitJob, runs as the definition's job role (pathfinding.cloud
 * batch-002), and a job definition of the attacker's with a role it may pass goes to an existing
 * queue (batch-001). SubmitJob is authorized on the job queue AND the job definition
 * (https://docs.aws.amazon.com/batch/latest/userguide/iam-example-restrict-job-queue.html), the
 * queue must be in the definition's account and region and run it. Negative twins beyond the
 * corpus's: a policy that names only one of the two resources, a queue of another account, an
 * attacker of another account, an SCP on the queue's region.
 */
import { escalationEdges } from '../../helpers/escalation-edges.js';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { analyzeSnapshotDir, type Analysis } from '../../../server/analyze/analyze-snapshot-dir.js';
import { resolveAnalysisConfig } from '../../../shared/config/analysis-config.js';
import {
  FULL_AWS_ACCESS,
  trust,
  writeScenario,
  type Doc,
  type ScenarioAccount,
} from '../../helpers/write-scenario.js';

const A = '111111111111';
/** Holds a queue only: A's definitions cannot be submitted to it. */
const B = '222222222222';
/** Its SCP denies us-east-1. */
const C = '333333333333';
const MGMT = '999999999999';

const doc = (...Statement: Doc[]): Doc => ({ Version: '2012-10-17', Statement });
const allow = (Action: string | string[], Resource: string | string[] = '*'): Doc =>
  doc({ Effect: 'Allow', Action, Resource });

const jd = (account: string, name = 'maintenance', region = 'us-east-1') =>
  `arn:aws:batch:${region}:${account}:job-definition/${name}:1`;
const jq = (account: string, name = 'jobs', region = 'us-east-1') =>
  `arn:aws:batch:${region}:${account}:job-queue/${name}`;

const queue = (account: string, name = 'jobs') => ({
  Type: 'batch-job-queue',
  Arn: jq(account, name),
  Name: name,
  Region: 'us-east-1',
  State: 'ENABLED',
  Status: 'VALID',
  ComputeEnvironments: [
    {
      Arn: `arn:aws:batch:us-east-1:${account}:compute-environment/ec2`,
      State: 'ENABLED',
      Status: 'VALID',
      Type: 'MANAGED',
      ComputeResourcesType: 'EC2',
      ContainerOrchestrationType: 'ECS',
    },
  ],
});

const definition = (account: string) => ({
  Type: 'batch-job-definition',
  Arn: jd(account),
  Name: 'maintenance:1',
  Region: 'us-east-1',
  RoleArn: `arn:aws:iam::${account}:role/job-admin`,
});

const jobRole = {
  name: 'job-admin',
  trust: trust({ Service: 'ecs-tasks.amazonaws.com' }),
  policies: [allow('*')],
};

function accountA(): ScenarioAccount {
  return {
    roles: [jobRole],
    users: [
      { name: 'submitter', policies: [allow('batch:SubmitJob')] },
      // The AWS example: the queue and any job definition.
      {
        name: 'scoped',
        policies: [
          allow('batch:SubmitJob', [jq(A), `arn:aws:batch:us-east-1:${A}:job-definition/*`]),
        ],
      },
      // A name without a revision does not match the request's ARN (it carries one).
      {
        name: 'no-revision',
        policies: [
          allow('batch:SubmitJob', [
            jq(A),
            `arn:aws:batch:us-east-1:${A}:job-definition/maintenance`,
          ]),
        ],
      },
      { name: 'queue-only', policies: [allow('batch:SubmitJob', jq(A))] },
      { name: 'definition-only', policies: [allow('batch:SubmitJob', jd(A))] },
      // Pinned to the share identifier it sends: the key is the caller's to choose but stays
      // unknown to trustmap, so the edge is conditional.
      {
        name: 'share',
        policies: [
          doc({
            Effect: 'Allow',
            Action: 'batch:SubmitJob',
            Resource: '*',
            Condition: { StringEquals: { 'batch:ShareIdentifier': 'low' } },
          }),
        ],
      },
      {
        name: 'registrar',
        policies: [
          allow(['batch:RegisterJobDefinition', 'batch:SubmitJob']),
          allow('iam:PassRole', `arn:aws:iam::${A}:role/job-admin`),
        ],
      },
    ],
    workloads: [definition(A), queue(A)],
  };
}

let work: string;
let analysis: Analysis;
beforeAll(async () => {
  work = await mkdtemp(join(tmpdir(), 'trustmap-batch-'));
  await writeScenario(work, {
    org: {
      id: 'o-batch00001',
      managementAccountId: MGMT,
      accounts: [A, B, C].map((id) => ({ id, name: id, parent: 'r-root' })),
      scps: [
        { name: 'FullAWSAccess', targets: ['r-root', A, B, C], document: FULL_AWS_ACCESS },
        {
          name: 'no-us-east-1',
          targets: [C],
          document: doc({
            Effect: 'Deny',
            Action: '*',
            Resource: '*',
            Condition: { StringEquals: { 'aws:RequestedRegion': 'us-east-1' } },
          }),
        },
      ],
    },
    accounts: {
      [A]: accountA(),
      [B]: {
        roles: [jobRole],
        // A principal of B that may submit anything: A's definitions are not B's to submit.
        users: [{ name: 'outsider', policies: [allow('batch:SubmitJob')] }],
        workloads: [queue(B)],
      },
      [C]: {
        roles: [jobRole],
        users: [{ name: 'submitter', policies: [allow('batch:SubmitJob')] }],
        workloads: [definition(C), queue(C)],
      },
    },
  });
  analysis = await analyzeSnapshotDir(work, resolveAnalysisConfig());
});
afterAll(async () => {
  await rm(work, { recursive: true, force: true });
});

interface Found {
  technique: string;
  decision: string;
  workload?: string;
  conditionKeys: readonly string[];
}

function escalations(from: string, to: string): Found[] {
  return escalationEdges(analysis.graph, from, to).map((a) => ({
    technique: String(a.technique),
    decision: a.decision,
    ...(a.workload !== undefined ? { workload: a.workload } : {}),
    conditionKeys: a.conditionKeys,
  }));
}

const user = (account: string, name: string) => `arn:aws:iam::${account}:user/${name}`;

describe('AWS Batch job definitions and queues of workloads.json', () => {
  it('SubmitJob on an existing definition reaches it (then its job role), decided on queue and definition', () => {
    expect(escalations(user(A, 'submitter'), jd(A))).toEqual([
      { technique: 'batch:SubmitJob', decision: 'allow', workload: jd(A), conditionKeys: [] },
    ]);
    const g = analysis.graph;
    const runsAs = g
      .edges(jd(A), `arn:aws:iam::${A}:role/job-admin`)
      .map((k) => g.getEdgeAttribute(k, 'technique'));
    expect(runsAs).toEqual(['runs-as']);
    // The queue is named in the evidence: the SubmitJob step on it, and a note.
    const key = g.edges(user(A, 'submitter'), jd(A))[0] ?? '';
    const evidence = g.getEdgeAttribute(key, 'evidence');
    expect(evidence.some((e) => e.policy.arn === jq(A))).toBe(true);
  });

  it('a policy naming the queue and job-definition/* (the AWS example) suffices', () => {
    expect(escalations(user(A, 'scoped'), jd(A)).map((e) => e.decision)).toEqual(['allow']);
  });

  it('negative twins: a policy that names only the queue, only the definition, or the definition without its revision', () => {
    expect(escalations(user(A, 'queue-only'), jd(A))).toEqual([]);
    expect(escalations(user(A, 'definition-only'), jd(A))).toEqual([]);
    expect(escalations(user(A, 'no-revision'), jd(A))).toEqual([]);
  });

  it('a condition on batch:ShareIdentifier leaves the edge conditional on it', () => {
    expect(escalations(user(A, 'share'), jd(A))).toEqual([
      {
        technique: 'batch:SubmitJob',
        decision: 'conditional',
        workload: jd(A),
        conditionKeys: ['batch:ShareIdentifier'],
      },
    ]);
  });

  it('negative twin: a principal of another account (Batch has no resource policies)', () => {
    expect(escalations(user(B, 'outsider'), jd(A))).toEqual([]);
  });

  it("negative twin: an SCP denying the queue's region", () => {
    expect(escalations(user(C, 'submitter'), jd(C))).toEqual([]);
  });

  it('iam:PassRole + RegisterJobDefinition + SubmitJob to the existing queue reaches the role', () => {
    expect(escalations(user(A, 'registrar'), `arn:aws:iam::${A}:role/job-admin`)).toContainEqual({
      technique: 'iam:PassRole+batch:RegisterJobDefinition+batch:SubmitJob',
      decision: 'allow',
      workload: jq(A),
      conditionKeys: [],
    });
  });
});

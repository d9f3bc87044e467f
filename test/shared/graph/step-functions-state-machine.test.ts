/**
 * Existing Step Functions state machines (workloads.json `stepfunctions-state-machine`,
 * IAM-SEMANTICS.md E.3). A machine runs its definition as its role; UpdateStateMachine replaces
 * the definition (and, with iam:PassRole on the new role, the role:
 * https://docs.aws.amazon.com/step-functions/latest/apireference/API_UpdateStateMachine.html) and
 * StartExecution runs it (https://docs.aws.amazon.com/step-functions/latest/apireference/API_StartExecution.html).
 * Takeover (pathfinding.cloud stepfunctions-002): UpdateStateMachine + StartExecution, no
 * iam:PassRole, to the machine's role. Role swap: iam:PassRole (to states.amazonaws.com) +
 * UpdateStateMachine + StartExecution, to any role that trusts Step Functions.
 * Negative twins: each action missing, PassRole to another service, a role that does not trust
 * Step Functions, the actions on another machine.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { analyzeSnapshotDir, type Analysis } from '../../../server/analyze/analyze-snapshot-dir.js';
import { resolveAnalysisConfig } from '../../../shared/config/analysis-config.js';
import { escalationEdges } from '../../helpers/escalation-edges.js';
import { trust, writeScenario, type Doc } from '../../helpers/write-scenario.js';

const A = '111111111111';
const ROLE = (name: string): string => `arn:aws:iam::${A}:role/${name}`;
const MACHINE = (name: string): string => `arn:aws:states:us-east-1:${A}:stateMachine:${name}`;
const TAKEOVER = 'states:UpdateStateMachine+states:StartExecution';
const SWAP = 'iam:PassRole+states:UpdateStateMachine+states:StartExecution';

const allow = (action: string | string[], resource: string, condition?: Doc): Doc => ({
  Effect: 'Allow',
  Action: action,
  Resource: resource,
  ...(condition ? { Condition: condition } : {}),
});
const attacker = (name: string, ...Statement: Doc[]) => ({
  name,
  trust: trust({ AWS: `arn:aws:iam::${A}:root` }),
  policies: [{ Version: '2012-10-17', Statement }],
});
const machine = (name: string, role: string): Doc => ({
  Type: 'stepfunctions-state-machine',
  Arn: MACHINE(name),
  Name: name,
  Region: 'us-east-1',
  RoleArn: ROLE(role),
});
const BOTH = ['states:UpdateStateMachine', 'states:StartExecution'];

let work: string;
let analysis: Analysis;
beforeAll(async () => {
  work = await mkdtemp(join(tmpdir(), 'trustmap-state-machine-'));
  await writeScenario(work, {
    accounts: {
      [A]: {
        roles: [
          { name: 'etl-runner', trust: trust({ Service: 'states.amazonaws.com' }) },
          { name: 'ec2-runner', trust: trust({ Service: 'ec2.amazonaws.com' }) },
          { name: 'admin-states', trust: trust({ Service: 'states.amazonaws.com' }) },
          { name: 'admin-lambda', trust: trust({ Service: 'lambda.amazonaws.com' }) },
          attacker('editor', allow(BOTH, MACHINE('etl'))),
          attacker('update-only', allow('states:UpdateStateMachine', MACHINE('etl'))),
          attacker('start-only', allow('states:StartExecution', MACHINE('etl'))),
          attacker('other-machine', allow(BOTH, MACHINE('other'))),
          attacker('editor-of-odd', allow(BOTH, MACHINE('odd'))),
          attacker(
            'swapper',
            allow('iam:PassRole', ROLE('admin-*'), {
              StringEquals: { 'iam:PassedToService': 'states.amazonaws.com' },
            }),
            allow(BOTH, MACHINE('etl')),
          ),
          attacker(
            'swapper-to-lambda',
            allow('iam:PassRole', ROLE('admin-*'), {
              StringEquals: { 'iam:PassedToService': 'lambda.amazonaws.com' },
            }),
            allow(BOTH, MACHINE('etl')),
          ),
        ],
        workloads: [machine('etl', 'etl-runner'), machine('odd', 'ec2-runner')],
      },
    },
  });
  analysis = await analyzeSnapshotDir(work, resolveAnalysisConfig());
});
afterAll(async () => {
  await rm(work, { recursive: true, force: true });
});

const takeover = (from: string, name: string) =>
  escalationEdges(analysis.graph, ROLE(from), MACHINE(name)).find((a) => a.technique === TAKEOVER);
const swap = (from: string, to: string) =>
  escalationEdges(analysis.graph, ROLE(from), ROLE(to)).find((a) => a.technique === SWAP);

describe('an existing state machine', () => {
  it('is taken over with UpdateStateMachine + StartExecution, and runs as its role', () => {
    expect(takeover('editor', 'etl')?.decision).toBe('allow');
    const runsAs = analysis.graph
      .outEdges(MACHINE('etl'), ROLE('etl-runner'))
      .map((k) => analysis.graph.getEdgeAttributes(k));
    expect(runsAs.length).toBeGreaterThan(0);
  });

  it.each([
    ['UpdateStateMachine alone: the old definition runs', 'update-only', 'etl'],
    ['StartExecution alone: the definition is not the attacker', 'start-only', 'etl'],
    ['the actions on another machine', 'other-machine', 'etl'],
  ])('negative twin — %s', (_, from, name) => {
    expect(takeover(from, name)).toBeUndefined();
  });

  it('negative twin — a machine whose role does not trust Step Functions gives no role', () => {
    expect(takeover('editor-of-odd', 'odd')).toBeUndefined();
  });

  it('gets a passed role: PassRole to states.amazonaws.com + UpdateStateMachine + StartExecution', () => {
    const edge = swap('swapper', 'admin-states');
    expect(edge?.decision).toBe('allow');
    expect(edge?.workload).toBe(MACHINE('etl'));
  });

  it.each([
    ['PassRole only to lambda.amazonaws.com', 'swapper-to-lambda', 'admin-states'],
    ['a role that trusts Lambda, not Step Functions', 'swapper', 'admin-lambda'],
    ['no iam:PassRole at all', 'editor', 'admin-states'],
  ])('negative twin of the swap — %s', (_, from, to) => {
    expect(swap(from, to)).toBeUndefined();
  });
});

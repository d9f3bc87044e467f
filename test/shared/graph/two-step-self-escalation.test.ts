/**
 * A self-escalation in two changes (IAM-SEMANTICS.md E.3, policy changes): a first change that
 * grants other permissions than AdministratorAccess — joining a group (`iam:AddUserToGroup`),
 * making another version of an attached policy the default — may grant a second change of the
 * principal's own permissions (a group allowing `iam:*` lets its new member `iam:PutUserPolicy`
 * on itself: BishopFox/iam-vulnerable privesc13 into privesc-sre-group). The second change is
 * decided with the policies the first one gave. Twins: a group without IAM writes, a group whose
 * IAM write names another user, an explicit Deny of the second change.
 */
import { escalationEdges } from '../../helpers/escalation-edges.js';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { analyzeSnapshotDir, type Analysis } from '../../../server/analyze/analyze-snapshot-dir.js';
import { resolveAnalysisConfig } from '../../../shared/config/analysis-config.js';
import { allow, writeScenario, type Doc } from '../../helpers/write-scenario.js';

const A = '111111111111';
const user = (name: string): string => `arn:aws:iam::${A}:user/${name}`;
const ACCOUNT = `arn:aws:iam::${A}:root`;

const both = (...docs: Doc[]): Doc => ({
  Version: '2012-10-17',
  Statement: docs.flatMap((d) => d.Statement as Doc[]),
});

let work: string;
let analysis: Analysis;
beforeAll(async () => {
  work = await mkdtemp(join(tmpdir(), 'trustmap-two-step-self-escalation-'));
  const joinGroup = (group: string): Doc =>
    allow('iam:AddUserToGroup', `arn:aws:iam::${A}:group/${group}`);
  await writeScenario(work, {
    accounts: {
      [A]: {
        groups: [
          { name: 'sre', policies: [allow(['iam:*', 'ec2:*', 's3:*'], '*')] },
          { name: 'ops', policies: [allow(['ec2:*', 's3:*'], '*')] },
          { name: 'helpdesk', policies: [allow('iam:PutUserPolicy', user('someone-else'))] },
        ],
        users: [
          { name: 'joins-sre', policies: [joinGroup('sre')] },
          { name: 'joins-ops', policies: [joinGroup('ops')] },
          { name: 'joins-helpdesk', policies: [joinGroup('helpdesk')] },
          {
            name: 'joins-sre-denied',
            policies: [
              both(joinGroup('sre'), {
                Statement: [
                  {
                    Effect: 'Deny',
                    Action: ['iam:Put*', 'iam:Attach*', 'iam:CreatePolicyVersion'],
                    Resource: '*',
                  },
                ],
              }),
            ],
          },
          { name: 'someone-else' },
          { name: 'sets-version', managed: [`arn:aws:iam::${A}:policy/versioned`] },
        ],
        managedPolicies: [
          {
            name: 'versioned',
            document: allow('iam:SetDefaultPolicyVersion', `arn:aws:iam::${A}:policy/versioned`),
            otherVersions: [allow('iam:PutUserPolicy', user('sets-version'))],
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

function techniques(from: string): string[] {
  return escalationEdges(analysis.graph, from, ACCOUNT)
    .map((a) => `${String(a.technique)}:${a.decision}`)
    .sort();
}

describe('self-escalation in two changes', () => {
  it('joining a group that allows iam:* then writing its own policy', () => {
    expect(techniques(user('joins-sre'))).toContain('iam:AddUserToGroup+iam:PutUserPolicy:allow');
    expect(techniques(user('joins-sre'))).toContain(
      'iam:AddUserToGroup+iam:AttachUserPolicy:allow',
    );
  });

  it('making the default a version that allows PutUserPolicy on itself, then using it', () => {
    expect(techniques(user('sets-version'))).toEqual([
      'iam:SetDefaultPolicyVersion+iam:PutUserPolicy:allow',
    ]);
  });

  it('twins: a group without IAM writes, an IAM write on another user, a Deny of the second change', () => {
    expect(techniques(user('joins-ops'))).toEqual([]);
    expect(techniques(user('joins-helpdesk'))).toEqual([]);
    expect(techniques(user('joins-sre-denied'))).toEqual([]);
  });
});

/**
 * A joined group (IAM-SEMANTICS.md E.3 "self-escalation"; WithSecureLabs/awspx CreateGroup, and
 * PutGroupPolicy on a group reached by AddUserToGroup): a user whose IAM permissions name only new
 * groups (`group/new-*`) creates one, gives it AdministratorAccess (PutGroupPolicy, or
 * AttachGroupPolicy of AdministratorAccess) and joins it; a user may do the same to an existing
 * group it is not in. Twins: no policy for the group, AttachGroupPolicy limited to ReadOnlyAccess,
 * a Deny of AddUserToGroup, the user's own boundary, an SCP, a role (roles join no group).
 */
import { describe, expect, it } from 'vitest';
import { accountEscalations } from '../../helpers/escalation-edges.js';
import { analyzeScenarioOnce } from '../../helpers/scenario-analysis.js';
import {
  allow,
  combine as both,
  denyAll as deny,
  trust,
  type Scenario,
  openAndGuardedOrg,
} from '../../helpers/write-scenario.js';

const A = '111111111111';
const B = '222222222222';
const NEW_GROUPS = `arn:aws:iam::${A}:group/new-*`;
const user = (name: string, account = A): string => `arn:aws:iam::${account}:user/${name}`;

const PUT = allow(['iam:CreateGroup', 'iam:PutGroupPolicy', 'iam:AddUserToGroup'], NEW_GROUPS);

const scenario: Scenario = {
  org: openAndGuardedOrg('o-newgroup', A, B, {
    name: 'DenyAddUserToGroup',
    document: deny('iam:AddUserToGroup'),
  }),
  accounts: {
    [A]: {
      users: [
        { name: 'puts', policies: [PUT] },
        {
          name: 'attaches',
          policies: [
            allow(['iam:CreateGroup', 'iam:AttachGroupPolicy', 'iam:AddUserToGroup'], NEW_GROUPS),
          ],
        },
        {
          name: 'no-policy',
          policies: [allow(['iam:CreateGroup', 'iam:AddUserToGroup'], NEW_GROUPS)],
        },
        {
          name: 'read-only',
          policies: [
            both(
              allow(['iam:CreateGroup', 'iam:AddUserToGroup'], NEW_GROUPS),
              allow('iam:AttachGroupPolicy', NEW_GROUPS, {
                ArnEquals: { 'iam:PolicyARN': 'arn:aws:iam::aws:policy/ReadOnlyAccess' },
              }),
            ),
          ],
        },
        { name: 'no-join', policies: [both(PUT, deny('iam:AddUserToGroup'))] },
        {
          name: 'bounded',
          policies: [PUT],
          boundary: `arn:aws:iam::${A}:policy/iam-s3-boundary`,
        },
        {
          name: 'joins-readers',
          policies: [
            allow(
              ['iam:CreateGroup', 'iam:PutGroupPolicy', 'iam:AddUserToGroup'],
              `arn:aws:iam::${A}:group/readers`,
            ),
          ],
        },
      ],
      groups: [{ name: 'readers' }],
      roles: [
        {
          name: 'builder',
          trust: trust({ Service: 'ec2.amazonaws.com' }),
          policies: [PUT],
        },
      ],
      managedPolicies: [
        {
          name: 'iam-s3-boundary',
          document: allow(
            ['iam:CreateGroup', 'iam:PutGroupPolicy', 'iam:AddUserToGroup', 's3:*'],
            '*',
          ),
        },
      ],
    },
    [B]: {
      users: [
        {
          name: 'puts',
          policies: [
            allow(
              ['iam:CreateGroup', 'iam:PutGroupPolicy', 'iam:AddUserToGroup'],
              `arn:aws:iam::${B}:group/new-*`,
            ),
          ],
        },
      ],
    },
  },
};

const analysis = analyzeScenarioOnce('trustmap-joined-group-', scenario);

function techniques(from: string, account = A): string[] {
  return accountEscalations(analysis().graph, from, account);
}

describe('joined group', () => {
  it('a new group given AdministratorAccess (put or attached), then joined', () => {
    expect(techniques(user('puts'))).toEqual([
      'iam:CreateGroup+iam:PutGroupPolicy+iam:AddUserToGroup:allow',
    ]);
    expect(techniques(user('attaches'))).toEqual([
      'iam:CreateGroup+iam:AttachGroupPolicy+iam:AddUserToGroup:allow',
    ]);
  });

  it('an existing group it is not in, given AdministratorAccess, then joined (not created: the name is in use)', () => {
    expect(techniques(user('joins-readers'))).toEqual([
      'iam:PutGroupPolicy+iam:AddUserToGroup:allow',
    ]);
  });

  it('twins: no policy, a read-only policy, no AddUserToGroup, a boundary, an SCP, a role', () => {
    expect(techniques(user('no-policy'))).toEqual([]);
    expect(techniques(user('read-only'))).toEqual([]);
    expect(techniques(user('no-join'))).toEqual([]);
    expect(techniques(user('bounded'))).toEqual([]);
    expect(techniques(user('puts', B), B)).toEqual([]);
    expect(techniques(`arn:aws:iam::${A}:role/builder`)).toEqual([]);
  });
});

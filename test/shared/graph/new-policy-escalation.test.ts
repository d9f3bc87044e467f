/**
 * A managed policy the attacker creates (IAM-SEMANTICS.md E.3 "self-escalation"; WithSecureLabs/
 * awspx CreatePolicy followed by Attach…Policy): an attach permission whose `iam:PolicyARN`
 * condition admits only new policies (`policy/new-*`) attaches one the attacker writes with
 * `iam:CreatePolicy`, allowing `*` on `*` — to itself, its group, its role, a user or role it
 * creates, or a role it can assume. Twins: no CreatePolicy, a CreatePolicy only on a name
 * in use, a boundary, an SCP denying CreatePolicy.
 */
import { describe, expect, it } from 'vitest';
import { accountEscalations } from '../../helpers/escalation-edges.js';
import { analyzeScenarioOnce } from '../../helpers/scenario-analysis.js';
import {
  allow,
  combine as both,
  denyAll as deny,
  trust,
  type Doc,
  type Scenario,
  openAndGuardedOrg,
} from '../../helpers/write-scenario.js';

const A = '111111111111';
const B = '222222222222';
const NEW_POLICIES = `arn:aws:iam::${A}:policy/new-*`;
const IN_USE = `arn:aws:iam::${A}:policy/new-in-use`;
const user = (name: string, account = A): string => `arn:aws:iam::${account}:user/${name}`;
const role = (name: string): string => `arn:aws:iam::${A}:role/${name}`;

const onlyNew = (action: string, resource: string, policies = NEW_POLICIES): Doc =>
  allow(action, resource, { ArnLike: { 'iam:PolicyARN': policies } });

const scenario: Scenario = {
  org: openAndGuardedOrg('o-newpolicy', A, B, {
    name: 'DenyCreatePolicy',
    document: deny('iam:CreatePolicy'),
  }),
  accounts: {
    [A]: {
      users: [
        {
          name: 'user-attacher',
          policies: [
            both(
              allow('iam:CreatePolicy', NEW_POLICIES),
              onlyNew('iam:AttachUserPolicy', user('user-attacher')),
            ),
          ],
        },
        {
          name: 'group-attacher',
          groups: ['devs'],
          policies: [
            both(
              allow('iam:CreatePolicy', NEW_POLICIES),
              onlyNew('iam:AttachGroupPolicy', `arn:aws:iam::${A}:group/devs`),
            ),
          ],
        },
        {
          name: 'creates-user-and-policy',
          policies: [
            both(
              allow('iam:CreatePolicy', NEW_POLICIES),
              allow(['iam:CreateUser', 'iam:CreateAccessKey'], `arn:aws:iam::${A}:user/new-*`),
              onlyNew('iam:AttachUserPolicy', `arn:aws:iam::${A}:user/new-*`),
            ),
          ],
        },
        {
          name: 'creates-role-and-policy',
          policies: [
            both(
              allow('iam:CreatePolicy', NEW_POLICIES),
              allow('iam:CreateRole', `arn:aws:iam::${A}:role/new-*`),
              onlyNew('iam:AttachRolePolicy', `arn:aws:iam::${A}:role/new-*`),
            ),
          ],
        },
        {
          name: 'creates-role-no-policy',
          policies: [
            both(
              allow('iam:CreateRole', `arn:aws:iam::${A}:role/new-*`),
              onlyNew('iam:AttachRolePolicy', `arn:aws:iam::${A}:role/new-*`),
            ),
          ],
        },
        {
          name: 'attaches-to-assumable',
          policies: [
            both(
              allow('iam:CreatePolicy', NEW_POLICIES),
              allow('sts:AssumeRole', role('app')),
              onlyNew('iam:AttachRolePolicy', role('app')),
            ),
          ],
        },
        {
          name: 'no-create',
          policies: [onlyNew('iam:AttachUserPolicy', user('no-create'))],
        },
        {
          name: 'name-in-use',
          policies: [
            both(
              allow('iam:CreatePolicy', IN_USE),
              onlyNew('iam:AttachUserPolicy', user('name-in-use'), IN_USE),
            ),
          ],
        },
        {
          name: 'bounded',
          policies: [
            both(
              allow('iam:CreatePolicy', NEW_POLICIES),
              onlyNew('iam:AttachUserPolicy', user('bounded')),
            ),
          ],
          boundary: `arn:aws:iam::${A}:policy/iam-boundary`,
        },
      ],
      groups: [{ name: 'devs' }],
      roles: [
        { name: 'app', trust: trust({ AWS: `arn:aws:iam::${A}:root` }) },
        {
          name: 'role-attacher',
          trust: trust({ Service: 'ec2.amazonaws.com' }),
          policies: [
            both(
              allow('iam:CreatePolicy', NEW_POLICIES),
              onlyNew('iam:AttachRolePolicy', role('role-attacher')),
            ),
          ],
        },
      ],
      managedPolicies: [
        { name: 'new-in-use', document: allow('s3:GetObject', '*') },
        { name: 'iam-boundary', document: allow('iam:*', '*') },
      ],
    },
    [B]: {
      users: [
        {
          name: 'user-attacher',
          policies: [
            both(
              allow('iam:CreatePolicy', `arn:aws:iam::${B}:policy/new-*`),
              allow('iam:AttachUserPolicy', user('user-attacher', B), {
                ArnLike: { 'iam:PolicyARN': `arn:aws:iam::${B}:policy/new-*` },
              }),
            ),
          ],
        },
      ],
    },
  },
};

const analysis = analyzeScenarioOnce('trustmap-new-policy-', scenario);

function techniques(from: string, account = A): string[] {
  return accountEscalations(analysis().graph, from, account);
}

describe('new policy', () => {
  it('a policy it creates, attached to itself, its group or its role', () => {
    expect(techniques(user('user-attacher'))).toEqual([
      'iam:CreatePolicy+iam:AttachUserPolicy:allow',
    ]);
    expect(techniques(user('group-attacher'))).toEqual([
      'iam:CreatePolicy+iam:AttachGroupPolicy:allow',
    ]);
    expect(techniques(role('role-attacher'))).toEqual([
      'iam:CreatePolicy+iam:AttachRolePolicy:allow',
    ]);
  });

  it('a policy it creates, attached to a user or role it creates', () => {
    expect(techniques(user('creates-user-and-policy'))).toEqual([
      'iam:CreateUser+iam:CreatePolicy+iam:AttachUserPolicy+iam:CreateAccessKey:allow',
    ]);
    expect(techniques(user('creates-role-and-policy'))).toEqual([
      'iam:CreateRole+iam:CreatePolicy+iam:AttachRolePolicy+sts:AssumeRole:allow',
    ]);
    expect(techniques(user('creates-role-no-policy'))).toEqual([]);
  });

  it('a policy it creates, attached to a role it can assume', () => {
    expect(techniques(user('attaches-to-assumable'))).toEqual([
      'iam:CreatePolicy+iam:AttachRolePolicy+sts:AssumeRole:allow',
    ]);
  });

  it('twins: no CreatePolicy, a name in use, a boundary, an SCP', () => {
    expect(techniques(user('no-create'))).toEqual([]);
    expect(techniques(user('name-in-use'))).toEqual([]);
    expect(techniques(user('bounded'))).toEqual([]);
    expect(techniques(user('user-attacher', B), B)).toEqual([]);
  });
});

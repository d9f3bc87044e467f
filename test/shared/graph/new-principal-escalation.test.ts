/**
 * A new principal (IAM-SEMANTICS.md E.3 "new principal"; DataDog/stratus-red-team
 * aws.persistence.iam-create-admin-user and iam-create-backdoor-role): a principal whose IAM
 * permissions name only new users or roles (`user/malicious-*`, `role/backdoor-*`) creates one,
 * gives it AdministratorAccess and uses it (its access key or password; assuming the role whose
 * trust names the attacker). Twins: a CreateUser that forces a permissions boundary, no way to
 * obtain credentials, an SCP that keeps the new principal from administering, a Deny of
 * sts:AssumeRole, AttachRolePolicy limited to a read-only policy.
 */
import { describe, expect, it } from 'vitest';
import { escalationEdges } from '../../helpers/escalation-edges.js';
import { analyzeScenarioOnce } from '../../helpers/scenario-analysis.js';
import {
  allow,
  trust,
  type Scenario,
  combine as both,
  denyAll as deny,
  openAndGuardedOrg,
} from '../../helpers/write-scenario.js';

const A = '111111111111';
const B = '222222222222';
const NEW_USERS = `arn:aws:iam::${A}:user/malicious-*`;
const NEW_ROLES = `arn:aws:iam::${A}:role/backdoor-*`;
const user = (name: string, account = A): string => `arn:aws:iam::${account}:user/${name}`;

const CREATE_ADMIN_USER = allow(
  ['iam:CreateUser', 'iam:AttachUserPolicy', 'iam:CreateAccessKey'],
  NEW_USERS,
);
const CREATE_ADMIN_ROLE = allow(['iam:CreateRole', 'iam:AttachRolePolicy'], NEW_ROLES);

const scenario: Scenario = {
  org: openAndGuardedOrg('o-newprincipal', A, B, { name: 'DenyIam', document: deny('iam:*') }),
  accounts: {
    [A]: {
      users: [
        { name: 'creates-user', policies: [CREATE_ADMIN_USER] },
        {
          name: 'creates-user-with-password',
          policies: [
            allow(['iam:CreateUser', 'iam:PutUserPolicy', 'iam:CreateLoginProfile'], NEW_USERS),
          ],
        },
        {
          name: 'creates-bounded-user',
          policies: [
            both(
              allow(['iam:AttachUserPolicy', 'iam:CreateAccessKey'], NEW_USERS),
              allow('iam:CreateUser', NEW_USERS, {
                StringEquals: { 'iam:PermissionsBoundary': `arn:aws:iam::${A}:policy/boundary` },
              }),
            ),
          ],
        },
        {
          name: 'creates-user-without-credentials',
          policies: [allow(['iam:CreateUser', 'iam:AttachUserPolicy'], NEW_USERS)],
        },
        { name: 'creates-role', policies: [CREATE_ADMIN_ROLE] },
        {
          name: 'creates-role-denied',
          policies: [both(CREATE_ADMIN_ROLE, deny('sts:AssumeRole'))],
        },
        {
          name: 'creates-read-only-role',
          policies: [
            both(
              allow('iam:CreateRole', NEW_ROLES),
              allow('iam:AttachRolePolicy', NEW_ROLES, {
                ArnEquals: { 'iam:PolicyARN': 'arn:aws:iam::aws:policy/ReadOnlyAccess' },
              }),
            ),
          ],
        },
      ],
      roles: [
        {
          name: 'existing',
          trust: trust({ Service: 'ec2.amazonaws.com' }),
        },
      ],
    },
    [B]: {
      users: [
        {
          name: 'creates-user',
          policies: [
            allow(
              ['iam:CreateUser', 'iam:AttachUserPolicy', 'iam:CreateAccessKey'],
              `arn:aws:iam::${B}:user/malicious-*`,
            ),
          ],
        },
      ],
    },
  },
};

const analysis = analyzeScenarioOnce('trustmap-new-principal-', scenario);

function techniques(from: string, account = A): string[] {
  return escalationEdges(analysis().graph, from, `arn:aws:iam::${account}:root`)
    .map((a) => `${String(a.technique)}:${a.decision}`)
    .sort();
}

describe('new principal', () => {
  it('a new user given AdministratorAccess, then its access key or its password', () => {
    expect(techniques(user('creates-user'))).toEqual([
      'iam:CreateUser+iam:AttachUserPolicy+iam:CreateAccessKey:allow',
    ]);
    expect(techniques(user('creates-user-with-password'))).toEqual([
      'iam:CreateUser+iam:PutUserPolicy+iam:CreateLoginProfile:allow',
    ]);
  });

  it('a new role whose trust names the attacker, given AdministratorAccess, then assumed', () => {
    expect(techniques(user('creates-role'))).toEqual([
      'iam:CreateRole+iam:AttachRolePolicy+sts:AssumeRole:allow',
    ]);
  });

  it('twins: a forced boundary, no credentials, an SCP on IAM, a Deny of AssumeRole, a read-only policy', () => {
    expect(techniques(user('creates-bounded-user'))).toEqual([]);
    expect(techniques(user('creates-user-without-credentials'))).toEqual([]);
    expect(techniques(user('creates-user', B), B)).toEqual([]);
    expect(techniques(user('creates-role-denied'))).toEqual([]);
    expect(techniques(user('creates-read-only-role'))).toEqual([]);
  });
});

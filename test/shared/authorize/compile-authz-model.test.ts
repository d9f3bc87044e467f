/**
 * compileAuthzModel: policies compiled once and shared, principals resolved with their groups,
 * boundaries, SCP chains and condition keys, roles and buckets with their RCP chains, Block
 * Public Access combined, missing policies reported and sound (IAM-SEMANTICS.md §4.1, §6.1, §7, §8).
 */
import { describe, expect, it } from 'vitest';
import { compileAuthzModel, isMissingPolicy } from '../../../shared/authorize/index.js';
import type {
  AccountData,
  Organization,
  PolicyJson,
  Snapshot,
} from '../../../shared/snapshot/types.js';

const A = '111111111111';
const B = '222222222222';
const M = '999999999999';
const X = '333333333333';
const ORG = 'o-exampleorg1';

const doc = (...Statement: Record<string, unknown>[]): PolicyJson => ({
  Version: '2012-10-17',
  Statement,
});
const ALLOW_ALL = doc({ Effect: 'Allow', Action: '*', Resource: '*' });
const READ_ONLY = 'arn:aws:iam::aws:policy/ReadOnlyAccess';

function account(id: string, extra: Partial<AccountData> = {}): AccountData {
  return {
    accountId: id,
    partition: 'aws',
    users: [],
    groups: [],
    roles: [],
    managedPolicies: [],
    ...extra,
  };
}

function user(
  acct: string,
  name: string,
  extra: Partial<AccountData['users'][number]> = {},
): AccountData['users'][number] {
  return {
    arn: `arn:aws:iam::${acct}:user/${name}`,
    name,
    path: '/',
    userId: `AIDA${name.toUpperCase()}0000000000`,
    accountId: acct,
    groups: [],
    inlinePolicies: [],
    attachedPolicyArns: [],
    tags: {},
    ...extra,
  };
}

function role(
  acct: string,
  name: string,
  extra: Partial<AccountData['roles'][number]> = {},
): AccountData['roles'][number] {
  return {
    arn: `arn:aws:iam::${acct}:role/${name}`,
    name,
    path: '/',
    roleId: `AROA${name.toUpperCase()}0000000000`,
    accountId: acct,
    trustPolicy: doc({ Effect: 'Allow', Principal: { AWS: acct }, Action: 'sts:AssumeRole' }),
    inlinePolicies: [],
    attachedPolicyArns: [],
    tags: {},
    serviceLinked: false,
    ...extra,
  };
}

const readOnly = {
  arn: READ_ONLY,
  name: 'ReadOnlyAccess',
  path: '/',
  document: ALLOW_ALL,
  awsManaged: true,
};

function organization(extra: Partial<Organization> = {}): Organization {
  return {
    id: ORG,
    managementAccountId: M,
    roots: [{ id: 'r-root' }],
    ous: [
      { id: 'ou-a', name: 'Workloads', parentId: 'r-root' },
      { id: 'ou-b', name: 'Prod', parentId: 'ou-a' },
    ],
    accounts: [{ id: A }, { id: B }, { id: M }],
    accountParents: { [A]: 'ou-b', [B]: 'r-root', [M]: 'r-root' },
    policies: [
      {
        id: 'p-full',
        name: 'FullAWSAccess',
        type: 'SERVICE_CONTROL_POLICY',
        document: ALLOW_ALL,
        targets: ['r-root', 'ou-a', A, B, M],
      },
      {
        id: 'p-deny',
        name: 'DenyLeave',
        type: 'SERVICE_CONTROL_POLICY',
        document: doc({ Effect: 'Deny', Action: 'organizations:LeaveOrganization', Resource: '*' }),
        targets: ['ou-b'],
      },
      {
        id: 'p-rcp',
        name: 'RCPFullAWSAccess',
        type: 'RESOURCE_CONTROL_POLICY',
        document: doc({ Effect: 'Allow', Principal: '*', Action: '*', Resource: '*' }),
        targets: ['r-root', 'ou-a', 'ou-b', A, B, M],
      },
    ],
    ...extra,
  };
}

function snapshot(accounts: AccountData[], org?: Organization): Snapshot {
  const s: Snapshot = { accounts: new Map(accounts.map((a) => [a.accountId, a])), issues: [] };
  if (org) s.organization = org;
  return s;
}

describe('compileAuthzModel', () => {
  it('compiles an AWS managed policy listed in several accounts once and shares it', () => {
    const model = compileAuthzModel(
      snapshot([
        account(A, {
          users: [user(A, 'alice', { attachedPolicyArns: [READ_ONLY] })],
          managedPolicies: [readOnly],
        }),
        account(B, {
          users: [user(B, 'bob', { attachedPolicyArns: [READ_ONLY] })],
          managedPolicies: [readOnly],
        }),
      ]),
    );
    const alice = model.principals.get(`arn:aws:iam::${A}:user/alice`)!;
    const bob = model.principals.get(`arn:aws:iam::${B}:user/bob`)!;
    expect(alice.identityPolicies).toHaveLength(1);
    expect(alice.identityPolicies[0]).toBe(bob.identityPolicies[0]);
    expect(alice.identityPolicies[0]!.ref).toEqual({
      kind: 'identity',
      name: 'ReadOnlyAccess',
      arn: READ_ONLY,
    });
  });

  it("resolves a user's inline, attached and group policies, without duplicates", () => {
    const groupArn = `arn:aws:iam::${A}:group/devs`;
    const model = compileAuthzModel(
      snapshot([
        account(A, {
          managedPolicies: [readOnly],
          groups: [
            {
              arn: groupArn,
              name: 'devs',
              path: '/',
              groupId: 'AGPADEVS',
              accountId: A,
              inlinePolicies: [{ name: 'group-inline', document: ALLOW_ALL }],
              attachedPolicyArns: [READ_ONLY],
            },
          ],
          users: [
            user(A, 'alice', {
              groups: ['devs'],
              inlinePolicies: [{ name: 'own', document: ALLOW_ALL }],
              attachedPolicyArns: [READ_ONLY],
            }),
          ],
        }),
      ]),
    );
    const alice = model.principals.get(`arn:aws:iam::${A}:user/alice`)!;
    expect(alice.identityPolicies.map((p) => p.ref.name)).toEqual([
      'own',
      'ReadOnlyAccess',
      'group-inline',
    ]);
    expect(alice.identityPolicies[2]!.ref.attachedTo).toBe(groupArn);
  });

  it('reports a managed policy that is attached but missing, once, and it grants nothing', () => {
    const gone = `arn:aws:iam::${A}:policy/Gone`;
    const model = compileAuthzModel(
      snapshot([
        account(A, {
          users: [
            user(A, 'alice', { attachedPolicyArns: [gone] }),
            user(A, 'bob', { attachedPolicyArns: [gone] }),
          ],
        }),
      ]),
    );
    const issues = model.policyIssues.filter((i) => i.issue.code === 'managed-policy-missing');
    expect(issues).toHaveLength(1);
    expect(issues[0]!.policy.arn).toBe(gone);
    const alice = model.principals.get(`arn:aws:iam::${A}:user/alice`)!;
    expect(alice.identityPolicies[0]!.statements).toHaveLength(0);
    expect(isMissingPolicy(alice.identityPolicies[0]!)).toBe(true);
  });

  it('a missing boundary is a stand-in that lets nothing through, reported as a boundary', () => {
    const gone = `arn:aws:iam::${A}:policy/GoneBoundary`;
    const model = compileAuthzModel(
      snapshot([account(A, { roles: [role(A, 'app', { permissionsBoundaryArn: gone })] })]),
    );
    const app = model.principals.get(`arn:aws:iam::${A}:role/app`)!;
    expect(app.permissionsBoundary?.ref.kind).toBe('boundary');
    expect(isMissingPolicy(app.permissionsBoundary!)).toBe(true);
    expect(app.caller).toMatchObject({ type: 'role-session', hasPermissionsBoundary: true });
    expect(
      model.policyIssues.some(
        (i) => i.issue.code === 'managed-policy-missing' && i.policy.kind === 'boundary',
      ),
    ).toBe(true);
  });

  it('compiles a managed policy used as identity policy and as boundary separately, by kind', () => {
    const model = compileAuthzModel(
      snapshot([
        account(A, {
          managedPolicies: [readOnly],
          users: [
            user(A, 'alice', {
              attachedPolicyArns: [READ_ONLY],
              permissionsBoundaryArn: READ_ONLY,
            }),
          ],
        }),
      ]),
    );
    const alice = model.principals.get(`arn:aws:iam::${A}:user/alice`)!;
    expect(alice.identityPolicies[0]!.ref.kind).toBe('identity');
    expect(alice.permissionsBoundary!.ref.kind).toBe('boundary');
  });

  it('builds SCP chains root → OUs → account, and leaves the management account and service-linked roles out', () => {
    const model = compileAuthzModel(
      snapshot(
        [
          account(A, {
            users: [user(A, 'alice')],
            roles: [
              role(A, 'AWSServiceRoleForX', {
                path: '/aws-service-role/x.amazonaws.com/',
                serviceLinked: true,
              }),
            ],
          }),
          account(M, { users: [user(M, 'admin')] }),
          account(X, { users: [user(X, 'carol')] }),
        ],
        organization(),
      ),
    );
    const alice = model.principals.get(`arn:aws:iam::${A}:user/alice`)!;
    expect(alice.scps!.levels.map((l) => l.targetId)).toEqual(['r-root', 'ou-a', 'ou-b', A]);
    expect(alice.scps!.levels.map((l) => l.policies.map((p) => p.ref.name))).toEqual([
      ['FullAWSAccess'],
      ['FullAWSAccess'],
      ['DenyLeave'],
      ['FullAWSAccess'],
    ]);
    expect(model.principals.get(`arn:aws:iam::${M}:user/admin`)!.scps).toBeUndefined();
    expect(model.principals.get(`arn:aws:iam::${A}:role/AWSServiceRoleForX`)!.scps).toBeUndefined();
    expect(model.principals.get(`arn:aws:iam::${X}:user/carol`)!.scps).toBeUndefined();
    // SCPs of an organization account that was not scanned are there for opaque callers.
    expect(model.scpsByAccount?.get(B)?.levels.map((l) => l.targetId)).toEqual(['r-root', B]);
  });

  it('a policy type with no policy at all is not in effect', () => {
    const org = organization({ policies: [] });
    const model = compileAuthzModel(
      snapshot([account(A, { users: [user(A, 'alice')], roles: [role(A, 'r')] })], org),
    );
    expect(model.principals.get(`arn:aws:iam::${A}:user/alice`)!.scps).toBeUndefined();
    expect(model.roles.get(`arn:aws:iam::${A}:role/r`)!.rcps).toBeUndefined();
  });

  it('RCP chains protect roles and buckets of members, not of the management account, not service-linked roles', () => {
    const bucketArn = 'arn:aws:s3:::acme-data';
    const model = compileAuthzModel(
      snapshot(
        [
          account(A, {
            roles: [
              role(A, 'r'),
              role(A, 'slr', { path: '/aws-service-role/x.amazonaws.com/', serviceLinked: true }),
            ],
            s3: { buckets: [{ name: 'acme-data', arn: bucketArn, accountId: A }] },
          }),
          account(M, { roles: [role(M, 'r')] }),
        ],
        organization(),
      ),
    );
    expect(
      model.roles.get(`arn:aws:iam::${A}:role/r`)!.rcps!.levels.map((l) => l.targetId),
    ).toEqual(['r-root', 'ou-a', 'ou-b', A]);
    expect(model.roles.get(`arn:aws:iam::${A}:role/slr`)!.rcps).toBeUndefined();
    expect(model.roles.get(`arn:aws:iam::${M}:role/r`)!.rcps).toBeUndefined();
    expect(model.buckets.get(bucketArn)!.rcps!.levels).toHaveLength(4);
  });

  it('gives principals their condition keys: ARN, account, organization, paths, type, tags, ids', () => {
    const model = compileAuthzModel(
      snapshot(
        [
          account(A, {
            users: [user(A, 'alice', { tags: { team: 'blue' } })],
            roles: [role(A, 'app', { tags: { env: 'prod' } })],
          }),
          account(B, { users: [user(B, 'bob')] }),
        ],
        organization(),
      ),
    );
    expect(model.principals.get(`arn:aws:iam::${A}:user/alice`)!.contextKeys).toEqual({
      'aws:PrincipalArn': `arn:aws:iam::${A}:user/alice`,
      'aws:PrincipalAccount': A,
      'aws:PrincipalOrgID': ORG,
      'aws:PrincipalOrgPaths': [`${ORG}/r-root/ou-a/ou-b/`],
      'aws:PrincipalType': 'User',
      'aws:PrincipalIsAWSService': 'false',
      'aws:username': 'alice',
      'aws:userid': 'AIDAALICE0000000000',
      'aws:PrincipalTag/team': 'blue',
    });
    const app = model.principals.get(`arn:aws:iam::${A}:role/app`)!;
    expect(app.contextKeys['aws:PrincipalArn']).toBe(`arn:aws:iam::${A}:role/app`);
    expect(app.contextKeys['aws:PrincipalType']).toBe('AssumedRole');
    expect(app.contextKeys['aws:PrincipalTag/env']).toBe('prod');
    expect(app.contextKeys['aws:username']).toBeUndefined();
    expect(app.unknownContextKeys).toEqual(['aws:userid']);
    expect(
      model.principals.get(`arn:aws:iam::${B}:user/bob`)!.contextKeys['aws:PrincipalOrgPaths'],
    ).toEqual([`${ORG}/r-root/`]);
    const r = model.roles.get(`arn:aws:iam::${A}:role/app`)!;
    expect(r.roleId).toBe('AROAAPP0000000000');
    expect(r.resourceContextKeys).toMatchObject({
      'aws:ResourceAccount': A,
      'aws:ResourceOrgID': ORG,
      'aws:ResourceTag/env': 'prod',
      'iam:ResourceTag/env': 'prod',
    });
  });

  it('without organization.json every account folder is an organization account, with no organization keys', () => {
    const model = compileAuthzModel(
      snapshot([account(A, { users: [user(A, 'alice')] }), account(B)]),
    );
    expect([...model.orgAccountIds].sort()).toEqual([A, B]);
    expect(model.organizationId).toBeUndefined();
    expect(
      model.principals.get(`arn:aws:iam::${A}:user/alice`)!.contextKeys['aws:PrincipalOrgID'],
    ).toBeUndefined();
  });

  it('combines account and bucket Block Public Access (the most restrictive wins) and maps canonical ids', () => {
    const bucketArn = 'arn:aws:s3:::acme-data';
    const model = compileAuthzModel(
      snapshot([
        account(A, {
          s3: {
            ownerCanonicalId: 'a'.repeat(64),
            accountPublicAccessBlock: {
              blockPublicAcls: true,
              ignorePublicAcls: false,
              blockPublicPolicy: false,
              restrictPublicBuckets: false,
            },
            buckets: [
              {
                name: 'acme-data',
                arn: bucketArn,
                accountId: A,
                publicAccessBlock: {
                  blockPublicAcls: false,
                  ignorePublicAcls: false,
                  blockPublicPolicy: false,
                  restrictPublicBuckets: true,
                },
                ownership: 'ObjectWriter',
                policy: doc({
                  Effect: 'Allow',
                  Principal: '*',
                  Action: 's3:GetObject',
                  Resource: `${bucketArn}/*`,
                }),
              },
            ],
          },
        }),
      ]),
    );
    const b = model.buckets.get(bucketArn)!;
    expect(b.publicAccessBlock).toEqual({
      blockPublicAcls: true,
      ignorePublicAcls: false,
      blockPublicPolicy: false,
      restrictPublicBuckets: true,
    });
    expect(b.ownership).toBe('ObjectWriter');
    expect(b.ownerCanonicalId).toBe('a'.repeat(64));
    expect(b.policy!.ref).toEqual({ kind: 'resource', name: 'bucket policy', arn: bucketArn });
    expect(b.resourceContextKeys).toEqual({ 'aws:ResourceAccount': A, 's3:ResourceAccount': A });
    expect(model.canonicalIds.get('a'.repeat(64))).toBe(A);
  });

  it('knows registered providers only when identity-providers.json exists', () => {
    const gh = `arn:aws:iam::${A}:oidc-provider/token.actions.githubusercontent.com`;
    const model = compileAuthzModel(
      snapshot([
        account(A, {
          roles: [role(A, 'ci')],
          identityProviders: {
            oidc: [{ arn: gh, url: 'token.actions.githubusercontent.com', clientIds: [] }],
            saml: [],
          },
        }),
        account(B, { roles: [role(B, 'ci')] }),
      ]),
    );
    expect([...model.roles.get(`arn:aws:iam::${A}:role/ci`)!.registeredProviders!]).toEqual([gh]);
    expect(model.roles.get(`arn:aws:iam::${B}:role/ci`)!.registeredProviders).toBeUndefined();
  });

  it('a role whose trust policy is missing gets a stand-in and an issue', () => {
    const r = role(A, 'broken');
    delete r.trustPolicy;
    const model = compileAuthzModel(snapshot([account(A, { roles: [r] })]));
    const profile = model.roles.get(r.arn)!;
    expect(profile.trustPolicy.statements).toHaveLength(0);
    expect(
      model.policyIssues.some(
        (i) => i.issue.code === 'trust-policy-missing' && i.policy.arn === r.arn,
      ),
    ).toBe(true);
  });

  it('reports what IAM would reject in a policy, with the policy it is in', () => {
    const model = compileAuthzModel(
      snapshot([
        account(A, {
          roles: [
            role(A, 'bad', {
              trustPolicy: doc({
                Effect: 'Allow',
                NotPrincipal: { AWS: A },
                Action: 'sts:AssumeRole',
              }),
            }),
          ],
        }),
      ]),
    );
    const issues = model.policyIssues.filter((i) => i.policy.kind === 'trust');
    expect(issues.length).toBeGreaterThan(0);
    expect(issues[0]!.policy.arn).toBe(`arn:aws:iam::${A}:role/bad`);
  });
});

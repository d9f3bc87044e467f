/**
 * The acme-org fixture (test/fixtures/snapshots/acme-org/README.md) loads clean into what its
 * README says: accounts, OUs and policies, principals with their groups, policies and boundary,
 * the vendor, OIDC, SAML/SSO and service-linked roles, and the buckets.
 */
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { readSnapshotDir } from '../../../server/snapshot/read-snapshot-dir.js';
import type { AccountData, Snapshot } from '../../../shared/snapshot/types.js';

const DIR = join(import.meta.dirname, '..', '..', 'fixtures', 'snapshots', 'acme-org');
let s: Snapshot;
const account = (id: string): AccountData => {
  const a = s.accounts.get(id);
  if (!a) throw new Error(`account ${id} not loaded`);
  return a;
};
const roleNamed = (id: string, name: string) => account(id).roles.find((r) => r.name === name);

beforeAll(async () => {
  s = await readSnapshotDir(DIR);
});

describe('acme-org', () => {
  it('loads without an issue, every account in partition aws', () => {
    expect(s.issues).toEqual([]);
    expect([...s.accounts.values()].map((a) => [a.accountId, a.partition])).toEqual([
      ['111111111111', 'aws'],
      ['222222222222', 'aws'],
      ['333333333333', 'aws'],
      ['444444444444', 'aws'],
    ]);
  });

  it('has the organization of the README: management account, two OUs, SCPs and RCPs with targets', () => {
    const org = s.organization;
    expect(org).toMatchObject({
      id: 'o-a1b2c3d4e5',
      managementAccountId: '111111111111',
      roots: [{ id: 'r-a1b2', name: 'Root' }],
    });
    expect(org?.ous.map((o) => [o.name, o.parentId])).toEqual([
      ['Security', 'r-a1b2'],
      ['Workloads', 'r-a1b2'],
    ]);
    expect(org?.accountParents).toEqual({
      '111111111111': 'r-a1b2',
      '222222222222': 'ou-a1b2-k3sd9x1p',
      '333333333333': 'ou-a1b2-w7rk10ad',
      '444444444444': 'ou-a1b2-w7rk10ad',
    });
    expect(org?.policies.map((p) => [p.name, p.type, p.targets.length])).toEqual([
      ['FullAWSAccess', 'SERVICE_CONTROL_POLICY', 7],
      ['DenyLeaveOrganization', 'SERVICE_CONTROL_POLICY', 1],
      ['RequireMFAForUserAssumeRole', 'SERVICE_CONTROL_POLICY', 1],
      ['RCPFullAWSAccess', 'RESOURCE_CONTROL_POLICY', 7],
      ['EnforceOrgIdentitiesOnS3', 'RESOURCE_CONTROL_POLICY', 1],
    ]);
    expect(org?.policies.every((p) => p.document !== undefined)).toBe(true);
    expect(org?.accounts.map((a) => [a.name, a.status])).toEqual([
      ['acme-management', 'ACTIVE'],
      ['acme-security', 'ACTIVE'],
      ['acme-production', 'ACTIVE'],
      ['acme-development', 'ACTIVE'],
    ]);
  });

  it('has users in groups with inline and managed policies, and a boundary whose default version is v2', () => {
    const sec = account('222222222222');
    expect(sec.users.map((u) => [u.name, u.path, u.groups])).toEqual([
      ['alice', '/people/', ['SecurityAuditors']],
      ['bob', '/people/', ['SecurityAuditors', 'ReadOnlyUsers']],
      ['ci-bot', '/automation/', []],
    ]);
    expect(sec.groups.find((g) => g.name === 'SecurityAuditors')).toMatchObject({
      attachedPolicyArns: ['arn:aws:iam::aws:policy/SecurityAudit'],
      inlinePolicies: [{ name: 'AssumeSecurityAuditRole' }],
    });
    const ciBot = sec.users.find((u) => u.name === 'ci-bot');
    expect(ciBot?.permissionsBoundaryArn).toBe(
      'arn:aws:iam::222222222222:policy/DeveloperBoundary',
    );
    const boundary = sec.managedPolicies.find((p) => p.name === 'DeveloperBoundary');
    expect(boundary).toMatchObject({ defaultVersionId: 'v2', awsManaged: false });
    expect(boundary?.document?.Statement).toEqual([
      {
        Sid: 'OnlyDevDeploy',
        Effect: 'Allow',
        Action: 'sts:AssumeRole',
        Resource: 'arn:aws:iam::444444444444:role/DevDeployRole',
      },
    ]);
  });

  it('has the cross-account, vendor, OIDC, SSO and service-linked roles', () => {
    expect(roleNamed('333333333333', 'SecurityAuditRole')?.trustPolicy?.Statement).toEqual([
      {
        Sid: 'SecurityAccount',
        Effect: 'Allow',
        Principal: { AWS: 'arn:aws:iam::222222222222:root' },
        Action: 'sts:AssumeRole',
      },
    ]);
    expect(roleNamed('333333333333', 'DatadogIntegrationRole')?.trustPolicy?.Statement).toEqual([
      {
        Effect: 'Allow',
        Principal: { AWS: 'arn:aws:iam::464622532012:root' },
        Action: 'sts:AssumeRole',
        Condition: { StringEquals: { 'sts:ExternalId': '7c1e4b9a2f3d4e5a8b6c0d1e2f3a4b5c' } },
      },
    ]);
    expect(roleNamed('333333333333', 'GitHubActionsDeployRole')).toMatchObject({
      path: '/ci/',
      arn: 'arn:aws:iam::333333333333:role/ci/GitHubActionsDeployRole',
    });
    expect(
      roleNamed('111111111111', 'AWSReservedSSO_AdministratorAccess_8f1c2d3e4a5b6c7d'),
    ).toMatchObject({
      path: '/aws-reserved/sso.amazonaws.com/',
      serviceLinked: false,
      lastUsed: { region: 'us-east-1' },
    });
    expect(roleNamed('111111111111', 'AWSServiceRoleForOrganizations')).toMatchObject({
      serviceLinked: true,
      attachedPolicyArns: [
        'arn:aws:iam::aws:policy/aws-service-role/AWSOrganizationsServiceTrustPolicy',
      ],
    });
    expect(roleNamed('444444444444', 'LegacyVendorAccessRole')?.trustPolicy?.Statement).toEqual([
      {
        Effect: 'Allow',
        Principal: { AWS: 'arn:aws:iam::999988887777:root' },
        Action: 'sts:AssumeRole',
      },
    ]);
    expect(account('333333333333').identityProviders).toEqual({
      oidc: [
        {
          arn: 'arn:aws:iam::333333333333:oidc-provider/token.actions.githubusercontent.com',
          url: 'token.actions.githubusercontent.com',
          clientIds: ['sts.amazonaws.com'],
        },
      ],
      saml: [
        { arn: 'arn:aws:iam::333333333333:saml-provider/AWSSSO_5b9e1c2d3a4f6e7b_DO_NOT_DELETE' },
      ],
    });
    expect(account('222222222222').identityProviders).toEqual({ oidc: [], saml: [] });
  });

  it('has the cross-account bucket policy, the public policy under account-level BPA, and the log-delivery ACL', () => {
    const exports = account('333333333333').s3?.buckets.find(
      (b) => b.name === 'acme-prod-data-exports',
    );
    expect(exports).toMatchObject({
      arn: 'arn:aws:s3:::acme-prod-data-exports',
      region: 'eu-west-1',
      ownership: 'BucketOwnerEnforced',
    });
    expect((exports?.policy?.Statement as { Sid: string }[]).map((st) => st.Sid)).toEqual([
      'DenyInsecureTransport',
      'DevAnalyticsRead',
    ]);
    const dev = account('444444444444').s3;
    expect(dev?.accountPublicAccessBlock).toEqual({
      blockPublicAcls: true,
      ignorePublicAcls: true,
      blockPublicPolicy: true,
      restrictPublicBuckets: true,
    });
    const website = dev?.buckets.find((b) => b.name === 'acme-dev-public-website');
    expect(website?.publicAccessBlock).toEqual({
      blockPublicAcls: false,
      ignorePublicAcls: false,
      blockPublicPolicy: false,
      restrictPublicBuckets: false,
    });
    expect(website?.policy?.Statement).toEqual([
      {
        Sid: 'PublicReadGetObject',
        Effect: 'Allow',
        Principal: '*',
        Action: 's3:GetObject',
        Resource: 'arn:aws:s3:::acme-dev-public-website/*',
      },
    ]);
    const logs = dev?.buckets.find((b) => b.name === 'acme-dev-access-logs');
    expect(logs?.ownership).toBe('BucketOwnerPreferred');
    expect(logs?.acl?.grants.map((g) => [g.grantee.type, g.permission])).toEqual([
      ['CanonicalUser', 'FULL_CONTROL'],
      ['Group', 'WRITE'],
      ['Group', 'READ_ACP'],
    ]);
    expect(dev?.ownerCanonicalId).toBe(
      '7e8f9012a3b4c5d6e7f8091a2b3c4d5e6f708192a3b4c5d6e7f8091a2b3c4d5e',
    );
  });
});

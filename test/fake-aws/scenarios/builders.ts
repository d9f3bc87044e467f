/**
 * Builders for scenario data in the exact shapes IAM, S3 and Organizations return (and the
 * snapshot keeps). Policy documents are URL-encoded the way IAM returns them.
 */
import type { BucketData, JsonObject, PublicAccessBlockData } from '../scenario.js';

export const T0 = '2021-03-04T05:06:07+00:00';

/** IAM returns policy documents URL-encoded (RFC 3986). */
export function urlEncoded(document: unknown): string {
  return encodeURIComponent(JSON.stringify(document));
}

export function trustPolicy(principal: unknown, extra: JsonObject = {}): unknown {
  return {
    Version: '2012-10-17',
    Statement: [{ Effect: 'Allow', Principal: principal, Action: 'sts:AssumeRole', ...extra }],
  };
}

export function allow(action: string | string[], resource: string | string[] = '*'): unknown {
  return {
    Version: '2012-10-17',
    Statement: [{ Effect: 'Allow', Action: action, Resource: resource }],
  };
}

export function roleDetail(
  partition: string,
  accountId: string,
  name: string,
  trustDocument: string,
  options: {
    path?: string;
    inline?: { PolicyName: string; PolicyDocument: string }[];
    attached?: { PolicyName: string; PolicyArn: string }[];
    tags?: { Key: string; Value: string }[];
    boundaryArn?: string;
    lastUsed?: { LastUsedDate: string; Region: string };
    /** Instance profiles holding the role (their names; path `/`). */
    instanceProfiles?: string[];
  } = {},
): JsonObject {
  const path = options.path ?? '/';
  const roleArn = `arn:${partition}:iam::${accountId}:role${path}${name}`;
  const role: JsonObject = {
    Path: path,
    RoleName: name,
    RoleId: `AROA${accountId}${name.length.toString().padStart(4, '0')}`,
    Arn: roleArn,
    CreateDate: T0,
    AssumeRolePolicyDocument: trustDocument,
    InstanceProfileList: (options.instanceProfiles ?? []).map((profile) => ({
      Path: '/',
      InstanceProfileName: profile,
      InstanceProfileId: `AIPA${accountId}${profile.length.toString().padStart(4, '0')}`,
      Arn: `arn:${partition}:iam::${accountId}:instance-profile/${profile}`,
      CreateDate: T0,
      Roles: [
        {
          Path: path,
          RoleName: name,
          RoleId: `AROA${accountId}${name.length.toString().padStart(4, '0')}`,
          Arn: roleArn,
          CreateDate: T0,
          AssumeRolePolicyDocument: trustDocument,
        },
      ],
    })),
    RolePolicyList: options.inline ?? [],
    AttachedManagedPolicies: options.attached ?? [],
    Tags: options.tags ?? [],
    RoleLastUsed: options.lastUsed ?? {},
  };
  if (options.boundaryArn !== undefined) {
    role['PermissionsBoundary'] = {
      PermissionsBoundaryType: 'Policy',
      PermissionsBoundaryArn: options.boundaryArn,
    };
  }
  return role;
}

export function userDetail(
  partition: string,
  accountId: string,
  name: string,
  options: {
    groups?: string[];
    inline?: { PolicyName: string; PolicyDocument: string }[];
    attached?: { PolicyName: string; PolicyArn: string }[];
  } = {},
): JsonObject {
  return {
    Path: '/',
    UserName: name,
    UserId: `AIDA${accountId}${name.length.toString().padStart(4, '0')}`,
    Arn: `arn:${partition}:iam::${accountId}:user/${name}`,
    CreateDate: T0,
    UserPolicyList: options.inline ?? [],
    GroupList: options.groups ?? [],
    AttachedManagedPolicies: options.attached ?? [],
    Tags: [],
  };
}

export function groupDetail(
  partition: string,
  accountId: string,
  name: string,
  options: {
    inline?: { PolicyName: string; PolicyDocument: string }[];
    attached?: { PolicyName: string; PolicyArn: string }[];
  } = {},
): JsonObject {
  return {
    Path: '/',
    GroupName: name,
    GroupId: `AGPA${accountId}${name.length.toString().padStart(4, '0')}`,
    Arn: `arn:${partition}:iam::${accountId}:group/${name}`,
    CreateDate: T0,
    GroupPolicyList: options.inline ?? [],
    AttachedManagedPolicies: options.attached ?? [],
  };
}

export function managedPolicyDetail(arn: string, name: string, document: string): JsonObject {
  return {
    PolicyName: name,
    PolicyId: `ANPA${name
      .toUpperCase()
      .replace(/[^A-Z0-9]/g, '')
      .padEnd(12, 'X')
      .slice(0, 12)}`,
    Arn: arn,
    Path: '/',
    DefaultVersionId: 'v2',
    AttachmentCount: 1,
    PermissionsBoundaryUsageCount: 0,
    IsAttachable: true,
    CreateDate: T0,
    UpdateDate: T0,
    PolicyVersionList: [
      { Document: document, VersionId: 'v2', IsDefaultVersion: true, CreateDate: T0 },
      {
        Document: urlEncoded(allow('s3:ListBucket')),
        VersionId: 'v1',
        IsDefaultVersion: false,
        CreateDate: T0,
      },
    ],
  };
}

export const ALL_BLOCKED: PublicAccessBlockData = {
  BlockPublicAcls: true,
  IgnorePublicAcls: true,
  BlockPublicPolicy: true,
  RestrictPublicBuckets: true,
};

export function bucket(
  name: string,
  region: string,
  ownerCanonicalId: string,
  options: Partial<Omit<BucketData, 'Name' | 'Region' | 'Acl'>> & {
    publicRead?: boolean;
    /** A bucket whose GetBucketEncryption answers "not configured" (as before January 2023). */
    noEncryption?: boolean;
  } = {},
): BucketData {
  const { publicRead, noEncryption, ...rest } = options;
  return {
    Name: name,
    Region: region,
    CreationDate: T0,
    listedWithRegion: true,
    Acl: {
      Owner: { ID: ownerCanonicalId },
      Grants: [
        { Grantee: { Type: 'CanonicalUser', ID: ownerCanonicalId }, Permission: 'FULL_CONTROL' },
        ...(publicRead === true
          ? [
              {
                Grantee: {
                  Type: 'Group' as const,
                  URI: 'http://acs.amazonaws.com/groups/global/AllUsers',
                },
                Permission: 'READ' as const,
              },
            ]
          : []),
      ],
    },
    // Every bucket has a default encryption since January 2023 (SSE-S3 unless set otherwise).
    ...(noEncryption === true
      ? {}
      : {
          Encryption: {
            Rules: [
              {
                ApplyServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256' },
                BucketKeyEnabled: false,
              },
            ],
          },
        }),
    ...rest,
  };
}

export function canonicalIdOf(accountId: string): string {
  return accountId
    .repeat(6)
    .slice(0, 64)
    .replace(/[0-9]/g, (d) => 'abcdef0123'[Number(d)] ?? '0');
}

/**
 * Writes a snapshot directory in the exact shape the AWS CLI prints, from a compact scenario
 * description, so that builder and query tests read real-format files through the real loader.
 * Policy documents are written URL-encoded, as `get-account-authorization-details` returns them.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

export type Doc = Record<string, unknown>;

export interface ScenarioUser {
  name: string;
  path?: string;
  groups?: string[];
  policies?: Doc[];
  managed?: string[];
  boundary?: string;
  tags?: Record<string, string>;
}
export interface ScenarioGroup {
  name: string;
  policies?: Doc[];
  managed?: string[];
}
export interface ScenarioRole {
  name: string;
  path?: string;
  trust: Doc;
  policies?: Doc[];
  managed?: string[];
  boundary?: string;
  tags?: Record<string, string>;
  /** The role is in an instance profile of the same name. */
  instanceProfile?: boolean;
}
export interface ScenarioBucket {
  name: string;
  region?: string;
  policy?: Doc;
  publicAccessBlock?: Partial<
    Record<
      'BlockPublicAcls' | 'IgnorePublicAcls' | 'BlockPublicPolicy' | 'RestrictPublicBuckets',
      boolean
    >
  >;
  /** Default `BucketOwnerEnforced`; `null`: no OwnershipControls written (not known). */
  ownership?: 'BucketOwnerEnforced' | 'BucketOwnerPreferred' | 'ObjectWriter' | null;
  acl?: unknown;
  /** Default encryption: SSE-KMS with this key (ARN, id, alias; `null` = the AWS managed aws/s3), or `AES256`. */
  encryption?: { kmsKeyId: string | null } | 'AES256';
}
export interface ScenarioAccount {
  users?: ScenarioUser[];
  groups?: ScenarioGroup[];
  roles?: ScenarioRole[];
  /** `otherVersions`: older, non-default versions (v1, v2 …; the default is the last). */
  managedPolicies?: { name: string; arn?: string; document: Doc; otherVersions?: Doc[] }[];
  buckets?: ScenarioBucket[];
  accountPublicAccessBlock?: ScenarioBucket['publicAccessBlock'];
  oidcProviders?: string[];
  samlProviders?: string[];
  /** Entries of resources.json as written (DESIGN.md: Type, Arn, Region, Policy …). */
  resources?: Doc[];
  /** Written as workloads.json `{ "Workloads": [...] }` when present (even empty). */
  workloads?: unknown[];
}
export interface ScenarioOrg {
  id: string;
  managementAccountId: string;
  accounts: { id: string; name: string; parent: string }[];
  ous?: { id: string; name: string; parent: string }[];
  rootId?: string;
  scps?: { name: string; targets: string[]; document: Doc }[];
  rcps?: { name: string; targets: string[]; document: Doc }[];
}
export interface Scenario {
  org?: ScenarioOrg;
  accounts: Record<string, ScenarioAccount>;
  collection?: unknown;
  /** Written as identity-center.json, as it is. */
  identityCenter?: unknown;
}

const enc = (d: Doc): string => encodeURIComponent(JSON.stringify(d));
const DATE = '2026-01-01T00:00:00Z';

function inline(list: Doc[] | undefined): { PolicyName: string; PolicyDocument: string }[] {
  return (list ?? []).map((d, i) => ({ PolicyName: `inline-${i}`, PolicyDocument: enc(d) }));
}
function attached(arns: string[] | undefined): { PolicyName: string; PolicyArn: string }[] {
  return (arns ?? []).map((arn) => ({
    PolicyName: arn.slice(arn.lastIndexOf('/') + 1),
    PolicyArn: arn,
  }));
}

export const ADMIN_POLICY_ARN = 'arn:aws:iam::aws:policy/AdministratorAccess';
const ADMIN_DOC: Doc = {
  Version: '2012-10-17',
  Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }],
};
export const FULL_AWS_ACCESS: Doc = {
  Version: '2012-10-17',
  Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }],
};
export const RCP_FULL_AWS_ACCESS: Doc = {
  Version: '2012-10-17',
  Statement: [{ Effect: 'Allow', Principal: '*', Action: '*', Resource: '*' }],
};

/** Writes the scenario as a snapshot directory under `dir`. */
export async function writeScenario(dir: string, s: Scenario): Promise<void> {
  await mkdir(dir, { recursive: true });
  if (s.org) {
    const o = s.org;
    const rootId = o.rootId ?? 'r-root';
    const policies = [
      ...(o.scps ?? []).map((p, i) => ({
        Id: `p-scp${i}`,
        Name: p.name,
        Type: 'SERVICE_CONTROL_POLICY',
        Content: JSON.stringify(p.document),
        Targets: p.targets,
      })),
      ...(o.rcps ?? []).map((p, i) => ({
        Id: `p-rcp${i}`,
        Name: p.name,
        Type: 'RESOURCE_CONTROL_POLICY',
        Content: JSON.stringify(p.document),
        Targets: p.targets,
      })),
    ];
    const org = {
      Organization: {
        Id: o.id,
        Arn: `arn:aws:organizations::${o.managementAccountId}:organization/${o.id}`,
        MasterAccountId: o.managementAccountId,
        FeatureSet: 'ALL',
      },
      Accounts: o.accounts.map((a) => ({
        Id: a.id,
        Name: a.name,
        Status: 'ACTIVE',
        Arn: `arn:aws:organizations::${o.managementAccountId}:account/${o.id}/${a.id}`,
      })),
      Roots: [{ Id: rootId, Name: 'Root' }],
      OrganizationalUnits: (o.ous ?? []).map((u) => ({
        Id: u.id,
        Name: u.name,
        ParentId: u.parent,
      })),
      AccountParents: Object.fromEntries(o.accounts.map((a) => [a.id, a.parent])),
      Policies: policies,
    };
    await writeFile(join(dir, 'organization.json'), JSON.stringify(org, null, 2));
  }
  if (s.collection !== undefined)
    await writeFile(join(dir, 'collection.json'), JSON.stringify(s.collection));
  if (s.identityCenter !== undefined)
    await writeFile(join(dir, 'identity-center.json'), JSON.stringify(s.identityCenter));
  for (const [id, a] of Object.entries(s.accounts)) {
    const accountDir = join(dir, id);
    await mkdir(accountDir, { recursive: true });
    const managed = new Map<string, Doc>();
    const olderVersions = new Map<string, Doc[]>();
    for (const m of a.managedPolicies ?? []) {
      const arn = m.arn ?? `arn:aws:iam::${id}:policy/${m.name}`;
      managed.set(arn, m.document);
      if (m.otherVersions) olderVersions.set(arn, m.otherVersions);
    }
    const usesAdmin = [...(a.users ?? []), ...(a.roles ?? []), ...(a.groups ?? [])].some((p) =>
      p.managed?.includes(ADMIN_POLICY_ARN),
    );
    if (usesAdmin) managed.set(ADMIN_POLICY_ARN, ADMIN_DOC);
    const iam = {
      UserDetailList: (a.users ?? []).map((u, i) => ({
        Path: u.path ?? '/',
        UserName: u.name,
        UserId: `AIDA${id}${String(i).padStart(6, '0')}`,
        Arn: `arn:aws:iam::${id}:user${u.path ?? '/'}${u.name}`,
        CreateDate: DATE,
        UserPolicyList: inline(u.policies),
        GroupList: u.groups ?? [],
        AttachedManagedPolicies: attached(u.managed),
        ...(u.boundary
          ? {
              PermissionsBoundary: {
                PermissionsBoundaryType: 'Policy',
                PermissionsBoundaryArn: u.boundary,
              },
            }
          : {}),
        Tags: Object.entries(u.tags ?? {}).map(([Key, Value]) => ({ Key, Value })),
      })),
      GroupDetailList: (a.groups ?? []).map((g, i) => ({
        Path: '/',
        GroupName: g.name,
        GroupId: `AGPA${id}${String(i).padStart(6, '0')}`,
        Arn: `arn:aws:iam::${id}:group/${g.name}`,
        CreateDate: DATE,
        GroupPolicyList: inline(g.policies),
        AttachedManagedPolicies: attached(g.managed),
      })),
      RoleDetailList: (a.roles ?? []).map((r, i) => ({
        Path: r.path ?? '/',
        RoleName: r.name,
        RoleId: `AROA${id}${String(i).padStart(6, '0')}`,
        Arn: `arn:aws:iam::${id}:role${r.path ?? '/'}${r.name}`,
        CreateDate: DATE,
        AssumeRolePolicyDocument: enc(r.trust),
        InstanceProfileList: r.instanceProfile
          ? [
              {
                InstanceProfileName: r.name,
                Arn: `arn:aws:iam::${id}:instance-profile/${r.name}`,
                Path: '/',
              },
            ]
          : [],
        RolePolicyList: inline(r.policies),
        AttachedManagedPolicies: attached(r.managed),
        ...(r.boundary
          ? {
              PermissionsBoundary: {
                PermissionsBoundaryType: 'Policy',
                PermissionsBoundaryArn: r.boundary,
              },
            }
          : {}),
        Tags: Object.entries(r.tags ?? {}).map(([Key, Value]) => ({ Key, Value })),
        RoleLastUsed: {},
      })),
      Policies: [...managed].map(([arn, doc]) => {
        const older = olderVersions.get(arn) ?? [];
        const defaultId = `v${older.length + 1}`;
        return {
          PolicyName: arn.slice(arn.lastIndexOf('/') + 1),
          PolicyId: `ANPA${arn.length}`,
          Arn: arn,
          Path: '/',
          DefaultVersionId: defaultId,
          AttachmentCount: 1,
          IsAttachable: true,
          CreateDate: DATE,
          UpdateDate: DATE,
          PolicyVersionList: [
            ...older.map((d, i) => ({
              Document: enc(d),
              VersionId: `v${i + 1}`,
              IsDefaultVersion: false,
              CreateDate: DATE,
            })),
            { Document: enc(doc), VersionId: defaultId, IsDefaultVersion: true, CreateDate: DATE },
          ],
        };
      }),
    };
    await writeFile(join(accountDir, 'iam.json'), JSON.stringify(iam, null, 2));
    if (a.buckets || a.accountPublicAccessBlock) {
      const s3 = {
        Owner: { ID: `canonical${id}`.padEnd(64, '0') },
        ...(a.accountPublicAccessBlock
          ? { AccountPublicAccessBlock: fullPab(a.accountPublicAccessBlock) }
          : {}),
        Buckets: (a.buckets ?? []).map((b) => ({
          Name: b.name,
          Region: b.region ?? 'us-east-1',
          ...(b.policy ? { Policy: JSON.stringify(b.policy) } : {}),
          ...(b.publicAccessBlock ? { PublicAccessBlock: fullPab(b.publicAccessBlock) } : {}),
          ...(b.ownership === null
            ? {}
            : {
                OwnershipControls: {
                  Rules: [{ ObjectOwnership: b.ownership ?? 'BucketOwnerEnforced' }],
                },
              }),
          ...(b.acl !== undefined ? { Acl: b.acl } : {}),
          ...(b.encryption !== undefined ? { Encryption: encryptionConfig(b.encryption) } : {}),
        })),
      };
      await writeFile(join(accountDir, 's3.json'), JSON.stringify(s3, null, 2));
    }
    if (a.resources)
      await writeFile(
        join(accountDir, 'resources.json'),
        JSON.stringify({ Resources: a.resources }, null, 2),
      );
    if (a.workloads !== undefined)
      await writeFile(
        join(accountDir, 'workloads.json'),
        JSON.stringify({ Workloads: a.workloads }),
      );
    if (a.oidcProviders || a.samlProviders) {
      await writeFile(
        join(accountDir, 'identity-providers.json'),
        JSON.stringify({
          OpenIDConnectProviders: (a.oidcProviders ?? []).map((url) => ({
            Arn: `arn:aws:iam::${id}:oidc-provider/${url}`,
            Url: url,
            ClientIDList: ['sts.amazonaws.com'],
          })),
          SAMLProviders: (a.samlProviders ?? []).map((name) => ({
            Arn: `arn:aws:iam::${id}:saml-provider/${name}`,
          })),
        }),
      );
    }
  }
}

function encryptionConfig(e: NonNullable<ScenarioBucket['encryption']>): Doc {
  const byDefault =
    e === 'AES256'
      ? { SSEAlgorithm: 'AES256' }
      : { SSEAlgorithm: 'aws:kms', ...(e.kmsKeyId !== null ? { KMSMasterKeyID: e.kmsKeyId } : {}) };
  return { Rules: [{ ApplyServerSideEncryptionByDefault: byDefault, BucketKeyEnabled: true }] };
}

function fullPab(p: NonNullable<ScenarioBucket['publicAccessBlock']>): Record<string, boolean> {
  return {
    BlockPublicAcls: p.BlockPublicAcls ?? false,
    IgnorePublicAcls: p.IgnorePublicAcls ?? false,
    BlockPublicPolicy: p.BlockPublicPolicy ?? false,
    RestrictPublicBuckets: p.RestrictPublicBuckets ?? false,
  };
}

/** A trust policy allowing `principal` to call `action` (default sts:AssumeRole). */
export function trust(
  principal: Record<string, unknown> | '*',
  condition?: Doc,
  action = 'sts:AssumeRole',
): Doc {
  return {
    Version: '2012-10-17',
    Statement: [
      {
        Effect: 'Allow',
        Principal: principal,
        Action: action,
        ...(condition ? { Condition: condition } : {}),
      },
    ],
  };
}

/** An identity policy allowing `action` on `resource`. */
export function allow(
  action: string | string[],
  resource: string | string[],
  condition?: Doc,
): Doc {
  return {
    Version: '2012-10-17',
    Statement: [
      {
        Effect: 'Allow',
        Action: action,
        Resource: resource,
        ...(condition ? { Condition: condition } : {}),
      },
    ],
  };
}

/** A policy denying `action` on every resource (an identity policy's or an SCP's). */
export function denyAll(action: string | string[]): Doc {
  return {
    Version: '2012-10-17',
    Statement: [{ Effect: 'Deny', Action: action, Resource: '*' }],
  };
}

/**
 * An organization of two accounts under its root, both with FullAWSAccess: `open` (`a`) and
 * `guarded` (`b`), whose extra SCP `guard` is what a negative twin in `b` runs into.
 */
export function openAndGuardedOrg(
  id: string,
  a: string,
  b: string,
  guard: { name: string; document: Doc },
): ScenarioOrg {
  return {
    id,
    managementAccountId: '999999999999',
    accounts: [
      { id: a, name: 'open', parent: 'r-root' },
      { id: b, name: 'guarded', parent: 'r-root' },
    ],
    scps: [
      { name: 'FullAWSAccess', targets: ['r-root', a, b], document: FULL_AWS_ACCESS },
      { name: guard.name, targets: [b], document: guard.document },
    ],
  };
}

/** One policy holding the statements of `docs`, in order. */
export function combine(...docs: Doc[]): Doc {
  return { Version: '2012-10-17', Statement: docs.flatMap((d) => d.Statement as Doc[]) };
}

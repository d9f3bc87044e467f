/**
 * Collects one demo account's IAM principals, managed policies, identity providers and buckets,
 * and renders them in the exact shapes of the AWS APIs (iam-types.ts). Ids and dates come from
 * the account's own seeded generator, so one account's files do not depend on any other's and
 * accounts can be generated and written one at a time.
 */
import { awsManagedPolicyArn, type AwsManagedPolicy } from './aws-managed-policies.js';
import type {
  AttachedPolicyJson,
  BucketJson,
  DocumentEncoding,
  EncodedDocument,
  GroupDetailJson,
  IamJson,
  IdentityProvidersJson,
  InlinePolicyJson,
  ManagedPolicyDetailJson,
  PolicyDocument,
  PublicAccessBlockJson,
  RoleDetailJson,
  S3Json,
  UserDetailJson,
} from './iam-types.js';
import { createPrng, type Prng } from './prng.js';

export interface InlinePolicy {
  name: string;
  document: PolicyDocument;
}

/** An AWS managed policy, or the ARN of a customer managed policy of this account. */
export type ManagedAttachment = AwsManagedPolicy | string;

export interface RoleSpec {
  name: string;
  path?: string;
  trust: PolicyDocument;
  inline?: InlinePolicy[];
  managed?: ManagedAttachment[];
  boundary?: string;
  tags?: Record<string, string>;
  /** Also create an instance profile of the same name (EC2 roles). */
  instanceProfile?: boolean;
}

export interface UserSpec {
  name: string;
  path?: string;
  groups?: string[];
  inline?: InlinePolicy[];
  managed?: ManagedAttachment[];
  boundary?: string;
  tags?: Record<string, string>;
}

export interface GroupSpec {
  name: string;
  path?: string;
  inline?: InlinePolicy[];
  managed?: ManagedAttachment[];
}

export interface CustomerPolicySpec {
  name: string;
  path?: string;
  /** Versions in order (v1, v2, …); the last one is the default version. */
  versions: PolicyDocument[];
}

export interface BucketSpec {
  name: string;
  policy?: PolicyDocument;
  publicAccessBlock?: PublicAccessBlockJson;
  /** Default encryption SSE-KMS with this key (docs/demo-organization.md). */
  encryption?: { kmsKeyId: string };
}

export const ALL_BLOCKED: PublicAccessBlockJson = {
  BlockPublicAcls: true,
  IgnorePublicAcls: true,
  BlockPublicPolicy: true,
  RestrictPublicBuckets: true,
};

export const NONE_BLOCKED: PublicAccessBlockJson = {
  BlockPublicAcls: false,
  IgnorePublicAcls: false,
  BlockPublicPolicy: false,
  RestrictPublicBuckets: false,
};

/** Characters of IAM unique ids after the 4-letter prefix. */
const ID_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
const HEX = '0123456789abcdef';
const DAY_MS = 86_400_000;
const CREATED_FROM = Date.UTC(2021, 4, 1);
const CREATED_DAYS = 1_650;
const LAST_USED_FROM = Date.UTC(2025, 11, 1);
const LAST_USED_DAYS = 44;

/** `2023-03-14T09:26:53+00:00`, as the AWS CLI prints IAM dates. */
function isoSeconds(ms: number): string {
  return `${new Date(ms).toISOString().slice(0, 19)}+00:00`;
}

interface CustomerPolicy {
  arn: string;
  name: string;
  path: string;
  versions: PolicyDocument[];
}

export class AccountBuilder {
  readonly prng: Prng;
  private readonly roles: RoleDetailJson[] = [];
  private readonly users: UserDetailJson[] = [];
  private readonly groups: GroupDetailJson[] = [];
  private readonly customerPolicies = new Map<string, CustomerPolicy>();
  private readonly awsPolicies = new Map<string, AwsManagedPolicy>();
  private readonly attachmentCounts = new Map<string, number>();
  private readonly boundaryCounts = new Map<string, number>();
  private readonly buckets: BucketJson[] = [];
  private readonly oidc: IdentityProvidersJson['OpenIDConnectProviders'] = [];
  private readonly saml: IdentityProvidersJson['SAMLProviders'] = [];
  private accountBpa: PublicAccessBlockJson | undefined;

  constructor(
    readonly accountId: string,
    readonly accountName: string,
    readonly partition: string,
    readonly region: string,
    seed: string,
    readonly encoding: DocumentEncoding,
  ) {
    this.prng = createPrng(`${seed}|${accountId}`);
  }

  /** The ARN of an IAM entity of this account: `arn:aws:iam::ACCOUNT:role/path/Name`. */
  iamArn(type: 'role' | 'user' | 'group' | 'policy', name: string, path = '/'): string {
    return `arn:${this.partition}:iam::${this.accountId}:${type}${path}${name}`;
  }

  get principalCount(): number {
    return this.roles.length + this.users.length + this.groups.length;
  }

  get roleCount(): number {
    return this.roles.length;
  }

  hasRole(name: string): boolean {
    return this.roles.some((r) => r.RoleName === name);
  }

  get bucketCount(): number {
    return this.buckets.length;
  }

  private uniqueId(prefix: string): string {
    return prefix + this.prng.chars(ID_ALPHABET, 17);
  }

  private createDate(): string {
    return isoSeconds(CREATED_FROM + this.prng.int(CREATED_DAYS) * DAY_MS + this.prng.int(DAY_MS));
  }

  private encode(doc: PolicyDocument): EncodedDocument {
    switch (this.encoding) {
      case 'object':
        return doc;
      case 'json-string':
        return JSON.stringify(doc);
      case 'url-encoded':
        return encodeURIComponent(JSON.stringify(doc));
    }
  }

  private inlineJson(policies: InlinePolicy[] | undefined): InlinePolicyJson[] {
    return (policies ?? []).map((p) => ({
      PolicyName: p.name,
      PolicyDocument: this.encode(p.document),
    }));
  }

  private attach(managed: ManagedAttachment[] | undefined): AttachedPolicyJson[] {
    return (managed ?? []).map((m) => {
      let arn: string;
      let name: string;
      if (typeof m === 'string') {
        const policy = this.customerPolicies.get(m);
        if (policy === undefined)
          throw new Error(`demo: ${m} is not a policy of ${this.accountId}`);
        arn = policy.arn;
        name = policy.name;
      } else {
        arn = awsManagedPolicyArn(this.partition, m);
        name = m.name;
        this.awsPolicies.set(arn, m);
      }
      this.attachmentCounts.set(arn, (this.attachmentCounts.get(arn) ?? 0) + 1);
      return { PolicyName: name, PolicyArn: arn };
    });
  }

  private boundary(
    arn: string | undefined,
  ): { PermissionsBoundaryType: 'Policy'; PermissionsBoundaryArn: string } | undefined {
    if (arn === undefined) return undefined;
    if (!this.customerPolicies.has(arn))
      throw new Error(`demo: boundary ${arn} is not a policy of ${this.accountId}`);
    this.boundaryCounts.set(arn, (this.boundaryCounts.get(arn) ?? 0) + 1);
    return { PermissionsBoundaryType: 'Policy', PermissionsBoundaryArn: arn };
  }

  private static tags(tags: Record<string, string> | undefined): { Key: string; Value: string }[] {
    return Object.entries(tags ?? {}).map(([Key, Value]) => ({ Key, Value }));
  }

  /** Adds a customer managed policy and returns its ARN. */
  customerPolicy(spec: CustomerPolicySpec): string {
    const path = spec.path ?? '/';
    const arn = this.iamArn('policy', spec.name, path);
    this.customerPolicies.set(arn, { arn, name: spec.name, path, versions: spec.versions });
    return arn;
  }

  /** Adds a role and returns its ARN. */
  role(spec: RoleSpec): string {
    const path = spec.path ?? '/';
    const arn = this.iamArn('role', spec.name, path);
    const createDate = this.createDate();
    const role: RoleDetailJson = {
      Path: path,
      RoleName: spec.name,
      RoleId: this.uniqueId('AROA'),
      Arn: arn,
      CreateDate: createDate,
      AssumeRolePolicyDocument: this.encode(spec.trust),
      InstanceProfileList: spec.instanceProfile
        ? [
            {
              Path: path,
              InstanceProfileName: spec.name,
              InstanceProfileId: this.uniqueId('AIPA'),
              Arn: `arn:${this.partition}:iam::${this.accountId}:instance-profile${path}${spec.name}`,
              CreateDate: createDate,
              Roles: [],
            },
          ]
        : [],
      RolePolicyList: this.inlineJson(spec.inline),
      AttachedManagedPolicies: this.attach(spec.managed),
      Tags: AccountBuilder.tags(spec.tags),
      RoleLastUsed: this.prng.chance(0.7)
        ? {
            LastUsedDate: isoSeconds(LAST_USED_FROM + this.prng.int(LAST_USED_DAYS * DAY_MS)),
            Region: this.region,
          }
        : {},
    };
    const pb = this.boundary(spec.boundary);
    if (pb !== undefined) role.PermissionsBoundary = pb;
    this.roles.push(role);
    return arn;
  }

  /**
   * Removes a role added earlier (its managed policies' attachment counts go down with it);
   * false when the account has no role of that name.
   */
  removeRole(name: string): boolean {
    const index = this.roles.findIndex((r) => r.RoleName === name);
    const role = this.roles[index];
    if (role === undefined) return false;
    for (const attached of role.AttachedManagedPolicies) {
      const count = this.attachmentCounts.get(attached.PolicyArn) ?? 0;
      this.attachmentCounts.set(attached.PolicyArn, Math.max(0, count - 1));
    }
    this.roles.splice(index, 1);
    return true;
  }

  /** Adds a user and returns its ARN. */
  user(spec: UserSpec): string {
    const path = spec.path ?? '/';
    const arn = this.iamArn('user', spec.name, path);
    const user: UserDetailJson = {
      Path: path,
      UserName: spec.name,
      UserId: this.uniqueId('AIDA'),
      Arn: arn,
      CreateDate: this.createDate(),
      UserPolicyList: this.inlineJson(spec.inline),
      GroupList: spec.groups ?? [],
      AttachedManagedPolicies: this.attach(spec.managed),
      Tags: AccountBuilder.tags(spec.tags),
    };
    const pb = this.boundary(spec.boundary);
    if (pb !== undefined) user.PermissionsBoundary = pb;
    this.users.push(user);
    return arn;
  }

  /** Adds a group and returns its ARN. */
  group(spec: GroupSpec): string {
    const path = spec.path ?? '/';
    const arn = this.iamArn('group', spec.name, path);
    this.groups.push({
      Path: path,
      GroupName: spec.name,
      GroupId: this.uniqueId('AGPA'),
      Arn: arn,
      CreateDate: this.createDate(),
      GroupPolicyList: this.inlineJson(spec.inline),
      AttachedManagedPolicies: this.attach(spec.managed),
    });
    return arn;
  }

  /** Registers a SAML provider and returns its ARN. */
  samlProvider(name: string): string {
    const arn = `arn:${this.partition}:iam::${this.accountId}:saml-provider/${name}`;
    this.saml.push({
      Arn: arn,
      ValidUntil: '2121-04-12T08:15:00+00:00',
      CreateDate: this.createDate(),
    });
    return arn;
  }

  /** Registers an OIDC provider (`host` without `https://`) and returns its ARN. */
  oidcProvider(host: string, clientIds: string[]): string {
    const arn = `arn:${this.partition}:iam::${this.accountId}:oidc-provider/${host}`;
    this.oidc.push({
      Arn: arn,
      Url: host,
      ClientIDList: clientIds,
      ThumbprintList: [this.prng.chars(HEX, 40)],
    });
    return arn;
  }

  setAccountPublicAccessBlock(bpa: PublicAccessBlockJson): void {
    this.accountBpa = bpa;
  }

  /** Adds a bucket (Object Ownership: bucket owner enforced, as for every bucket since 2023). */
  bucket(spec: BucketSpec): string {
    const bucket: BucketJson = {
      Name: spec.name,
      Region: this.region,
      CreationDate: `${new Date(CREATED_FROM + this.prng.int(CREATED_DAYS) * DAY_MS).toISOString().slice(0, 19)}.000Z`,
    };
    if (spec.policy !== undefined)
      // get-bucket-policy returns the policy as a JSON string; CLI-decoded dumps as an object.
      bucket.Policy = this.encoding === 'object' ? spec.policy : JSON.stringify(spec.policy);
    if (spec.publicAccessBlock !== undefined) bucket.PublicAccessBlock = spec.publicAccessBlock;
    bucket.OwnershipControls = { Rules: [{ ObjectOwnership: 'BucketOwnerEnforced' }] };
    if (spec.encryption !== undefined)
      bucket.Encryption = {
        Rules: [
          {
            ApplyServerSideEncryptionByDefault: {
              SSEAlgorithm: 'aws:kms',
              KMSMasterKeyID: spec.encryption.kmsKeyId,
            },
            BucketKeyEnabled: true,
          },
        ],
      };
    this.buckets.push(bucket);
    return `arn:${this.partition}:s3:::${spec.name}`;
  }

  /**
   * Replaces the policy of a bucket added before (previous generations of the demo). Returns
   * whether the bucket exists.
   */
  setBucketPolicy(name: string, policy: PolicyDocument): boolean {
    const bucket = this.buckets.find((x) => x.Name === name);
    if (bucket === undefined) return false;
    bucket.Policy = this.encoding === 'object' ? policy : JSON.stringify(policy);
    return true;
  }

  /** iam.json: the `get-account-authorization-details` output of the account. */
  buildIam(): IamJson {
    const policies: ManagedPolicyDetailJson[] = [];
    const base = (arn: string, name: string, path: string, defaultVersionId: string) => ({
      PolicyName: name,
      PolicyId: this.uniqueId('ANPA'),
      Arn: arn,
      Path: path,
      DefaultVersionId: defaultVersionId,
      AttachmentCount: this.attachmentCounts.get(arn) ?? 0,
      PermissionsBoundaryUsageCount: this.boundaryCounts.get(arn) ?? 0,
      IsAttachable: true,
    });
    for (const p of this.customerPolicies.values()) {
      const created = this.createDate();
      const versions = p.versions.map((doc, i) => ({
        Document: this.encode(doc),
        VersionId: `v${i + 1}`,
        IsDefaultVersion: i === p.versions.length - 1,
        CreateDate: created,
      }));
      policies.push({
        ...base(p.arn, p.name, p.path, `v${p.versions.length}`),
        CreateDate: created,
        UpdateDate: created,
        PolicyVersionList: versions,
      });
    }
    // AWS managed policies in a stable order (by ARN), default version only.
    for (const [arn, p] of [...this.awsPolicies.entries()].sort(([a], [b]) => a.localeCompare(b))) {
      policies.push({
        ...base(arn, p.name, p.path, p.defaultVersionId),
        CreateDate: '2015-02-06T18:39:46+00:00',
        UpdateDate: '2024-06-24T17:05:26+00:00',
        PolicyVersionList: [
          {
            Document: this.encode(p.document),
            VersionId: p.defaultVersionId,
            IsDefaultVersion: true,
            CreateDate: '2024-06-24T17:05:26+00:00',
          },
        ],
      });
    }
    return {
      UserDetailList: this.users,
      GroupDetailList: this.groups,
      RoleDetailList: this.roles,
      Policies: policies,
    };
  }

  /** s3.json, or undefined when the account has no bucket and no account-level BPA. */
  buildS3(): S3Json | undefined {
    if (this.buckets.length === 0 && this.accountBpa === undefined) return undefined;
    const canonical = createPrng(`canonical-user|${this.accountId}`).chars(HEX, 64);
    const s3: S3Json = {
      Owner: { DisplayName: this.accountName, ID: canonical },
      Buckets: this.buckets,
    };
    if (this.accountBpa !== undefined) s3.AccountPublicAccessBlock = this.accountBpa;
    return s3;
  }

  buildIdentityProviders(): IdentityProvidersJson {
    return { OpenIDConnectProviders: this.oidc, SAMLProviders: this.saml };
  }
}

/**
 * A scenario for the fake AWS endpoint: the ground truth (what AWS holds, in the snapshot's own
 * JSON shapes, so the expected snapshot files are read straight off it) and the faults to inject.
 * Timestamps are written as the AWS CLI prints them (`2020-01-02T03:04:05+00:00`); policy
 * documents in IAM data are the URL-encoded strings IAM returns.
 */

export type Json = string | number | boolean | null | Json[] | { [key: string]: Json };
export type JsonObject = { [key: string]: Json };

/** `iam.json`: what `aws iam get-account-authorization-details` prints. */
export interface IamData {
  UserDetailList: JsonObject[];
  GroupDetailList: JsonObject[];
  RoleDetailList: JsonObject[];
  Policies: JsonObject[];
}

export interface OidcProviderData {
  Arn: string;
  Url: string;
  ClientIDList: string[];
  ThumbprintList: string[];
  CreateDate: string;
}

export interface SamlProviderData {
  Arn: string;
  ValidUntil: string;
  CreateDate: string;
}

export interface PublicAccessBlockData {
  BlockPublicAcls: boolean;
  IgnorePublicAcls: boolean;
  BlockPublicPolicy: boolean;
  RestrictPublicBuckets: boolean;
}

export interface AclGrantData {
  Grantee:
    | { Type: 'CanonicalUser'; ID: string; DisplayName?: string }
    | { Type: 'Group'; URI: string }
    | { Type: 'AmazonCustomerByEmail'; EmailAddress: string };
  Permission: 'FULL_CONTROL' | 'READ' | 'WRITE' | 'READ_ACP' | 'WRITE_ACP';
}

export interface BucketData {
  Name: string;
  Region: string;
  CreationDate: string;
  /** ListBuckets reports BucketRegion (else the collector must call GetBucketLocation). */
  listedWithRegion: boolean;
  /** The policy text exactly as GetBucketPolicy returns it (may be malformed on purpose). */
  Policy?: string;
  PublicAccessBlock?: PublicAccessBlockData;
  OwnershipControls?: { Rules: { ObjectOwnership: string }[] };
  Acl: { Owner: { ID: string; DisplayName?: string }; Grants: AclGrantData[] };
}

export interface AccountData {
  id: string;
  iam: IamData;
  oidcProviders: OidcProviderData[];
  samlProviders: SamlProviderData[];
  s3: {
    Owner: { ID: string; DisplayName?: string };
    AccountPublicAccessBlock?: PublicAccessBlockData;
    Buckets: BucketData[];
  };
  /** The audit role (AssumeRole target); absent: AssumeRole is denied. */
  auditRole?: { name: string; externalId?: string };
}

/** `organization.json` exactly as the collector must write it. */
export interface OrganizationData {
  Organization: JsonObject & { Id: string; MasterAccountId: string };
  Accounts: (JsonObject & { Id: string })[];
  Roots: (JsonObject & { Id: string })[];
  OrganizationalUnits: { Id: string; Name: string; ParentId: string }[];
  AccountParents: Record<string, string>;
  Policies: {
    Id: string;
    Name: string;
    Type: 'SERVICE_CONTROL_POLICY' | 'RESOURCE_CONTROL_POLICY';
    Content: string;
    Targets: string[];
  }[];
  /** Accounts allowed to read the organization besides the management account. */
  delegatedAdministrators: string[];
}

/** Something going wrong, as AWS would. `operation` is `service:Operation`, e.g. `s3:GetBucketAcl`. */
export type Fault =
  /** The first `count` calls of the operation (any account) are throttled. */
  | { kind: 'throttle'; operation: string; count: number }
  /**
   * Calls of the operation in the account (for sts:AssumeRole, the target account), optionally
   * on one resource (bucket name), fail with this error; `times` limits how often (default always).
   */
  | {
      kind: 'error';
      operation: string;
      accountId?: string;
      resource?: string;
      code: string;
      status: number;
      message: string;
      times?: number;
    }
  /** Every call made with this account's credentials takes `ms` longer. */
  | { kind: 'latency'; accountId: string; ms: number }
  /**
   * Calls of the operation (in the account, when given) are never answered: the connection
   * stays open and silent, as a stuck endpoint or proxy would leave it.
   */
  | { kind: 'hang'; operation: string; accountId?: string };

export interface Scenario {
  name: string;
  partition: string;
  /** The identity running the collector (its access key id encodes the account). */
  caller: { accountId: string; arn: string };
  organization: OrganizationData | 'not-in-use';
  /** Every account id AWS knows in this scenario (members and non-members). */
  accountIds: readonly string[];
  /** The account's data; may be generated on demand so large scenarios stay small in memory. */
  account(id: string): AccountData | undefined;
  faults: readonly Fault[];
  /** Items per page the fake serves (to exercise pagination). */
  pageSize: { iam: number; organizations: number; s3: number };
  /** Latency added to every call. */
  latencyMs: number;
}

/**
 * The contract of the decision layer (IAM-SEMANTICS.md §4, §6, §7, §8): combining trust,
 * identity, boundary, session, SCP and RCP policies into one three-valued decision with its
 * evidence.
 *
 * Entry points (one module each, re-exported by `shared/authorize/index.ts`):
 * - `compileAuthzModel(snapshot): AuthzModel` (compile-authz-model.ts) — compiles every policy of
 *   a snapshot once and resolves each principal's policies, SCP chain and facts.
 * - `authorizeAssumeRole(request): AuthorizationResult` (assume-role.ts) — §4.
 * - `authorizeS3(request): AuthorizationResult` (s3-request.ts) — §7.
 * - `callerFromArn(model, arnOrSpec)` (resolve-caller.ts) — a `CallerProfile` for simulate.
 */
import type { Caller, CompiledPolicy, ContextValue, Effect, PolicyRef } from '../policy/types.js';
import type {
  Acl,
  BucketEncryption,
  FunctionUrl,
  KmsGrant,
  ObjectOwnership,
  PublicAccessBlock,
  ResourceType,
  Tags,
} from '../snapshot/types.js';

export type Decision = 'allow' | 'deny' | 'conditional';

/** One policy statement (or one rule) that mattered for a decision. */
export interface Evidence {
  policy: PolicyRef;
  statementIndex?: number;
  sid?: string;
  effect?: Effect;
  /**
   * grants: an Allow that the decision relies on; denies: a Deny that applies; may-deny: a Deny
   * that applies if its unknown keys take certain values; requires: a gate whose Allow was
   * needed and missing (an implicit deny) or possible; note: a rule of the spec that decided
   * (e.g. "root user cannot call AssumeRole").
   */
  role: 'grants' | 'denies' | 'may-deny' | 'requires' | 'note';
  conditionKeys: readonly string[];
  /** One readable sentence. */
  reason: string;
  /** The action the evidence is about when a request needs several (sts:TagSession …). */
  action?: string;
}

export interface AuthorizationResult {
  decision: Decision;
  /** Keys that decide a `conditional` result (sorted, unique); empty otherwise. */
  conditionKeys: readonly string[];
  evidence: readonly Evidence[];
  /** Machine-readable notes, e.g. `pb-user-trust-conflict` (IAM-SEMANTICS.md §12.1). */
  notes: readonly string[];
}

/** SCPs or RCPs in effect, one entry per level root → OUs → account; each level must allow. */
export interface OrgPolicyChain {
  levels: readonly { targetId: string; policies: readonly CompiledPolicy[] }[];
}

/**
 * A caller with everything needed to decide its requests. For IAM principals the policies come
 * from the snapshot; for services, IdPs, anonymous callers and opaque accounts they are empty.
 */
export interface CallerProfile {
  caller: Caller;
  /** Node key of the caller in the access graph (user/role ARN, account root ARN, `service:…`, provider ARN, `*`). */
  key: string;
  accountId?: string;
  /** User: its inline + managed + groups' policies. Role session: the role's inline + managed. */
  identityPolicies: readonly CompiledPolicy[];
  permissionsBoundary?: CompiledPolicy;
  sessionPolicy?: CompiledPolicy;
  /** SCPs of the caller's account; undefined when SCPs do not apply (not in the org, management account, service-linked role, non-IAM caller). */
  scps?: OrgPolicyChain;
  /**
   * The caller's own policies are known (its account was scanned). False for opaque accounts:
   * their identity side is "whatever that account's administrators allow".
   */
  policiesKnown: boolean;
  serviceLinked: boolean;
  /** Keys that follow from the caller: aws:PrincipalArn, aws:PrincipalAccount, aws:PrincipalOrgID, aws:PrincipalTag/…, aws:username, aws:userid, aws:PrincipalType, aws:PrincipalIsAWSService … */
  contextKeys: Readonly<Record<string, ContextValue>>;
  /**
   * Principal keys that exist but whose value the snapshot cannot know, e.g. `aws:userid` of a
   * role session (`AROA…:<session name>`) when the session name is not known. An entry also
   * covers the keys below it (`aws:PrincipalTag` covers `aws:PrincipalTag/team`).
   */
  unknownContextKeys?: readonly string[];
  /**
   * When the user or role was created (iam.json `CreateDate`, epoch milliseconds); undefined =
   * not known. Its temporary credentials were issued later (`aws:TokenIssueTime`, §5.4).
   */
  createdAt?: number;
}

export interface RoleProfile {
  arn: string;
  name: string;
  /** The role's unique id (`AROA…`), the first part of `aws:userid` of its sessions. */
  roleId?: string;
  accountId: string;
  partition: string;
  trustPolicy: CompiledPolicy;
  /** RCPs of the role's account; undefined when RCPs do not apply (management account, no RCPs in effect). */
  rcps?: OrgPolicyChain;
  serviceLinked: boolean;
  tags: Tags;
  /** aws:ResourceAccount, aws:ResourceOrgID, aws:ResourceOrgPaths, aws:ResourceTag/…, iam:ResourceTag/… */
  resourceContextKeys: Readonly<Record<string, ContextValue>>;
  /** Registered OIDC/SAML provider ARNs of the role's account; undefined = not known (not checked). */
  registeredProviders?: ReadonlySet<string>;
  /** MaxSessionDuration of the role in seconds; undefined = not known (DurationSeconds is then checked only against the 12-hour limit). */
  maxSessionDuration?: number;
}

export interface BucketProfile {
  arn: string;
  name: string;
  accountId: string;
  partition: string;
  policy?: CompiledPolicy;
  rcps?: OrgPolicyChain;
  /** Bucket and account settings combined: the most restrictive applies (§7.4). */
  publicAccessBlock: PublicAccessBlock;
  /**
   * Why a setting of `publicAccessBlock` that reads false may be on after all: the collector
   * could not read the account's or the bucket's Block Public Access (IAM-SEMANTICS.md §7.4,
   * unread-policies.ts). Undefined = both levels read (or not collected by trustmap).
   */
  publicAccessBlockNotRead?: string;
  /**
   * Why `ownership` is unknown though the bucket has settings: the collector could not read its
   * Object Ownership, so its ACL may be disabled. Undefined = read (or not collected by trustmap).
   */
  ownershipNotRead?: string;
  ownership?: ObjectOwnership;
  acl?: Acl;
  ownerCanonicalId?: string;
  resourceContextKeys: Readonly<Record<string, ContextValue>>;
  region?: string;
  /** Default encryption; undefined = not known. */
  encryption?: BucketEncryption;
}

/** The AWS service whose resource policy a `ResourceProfile` carries. */
export type ResourceService = 'kms' | 'secretsmanager' | 'sqs' | 'sns' | 'ecr' | 'lambda';

/**
 * A KMS key or a resource of a resource-policy service (IAM-SEMANTICS.md §7a): its policy, the
 * RCPs that protect it, and for a key its manager and grants.
 */
export interface ResourceProfile {
  arn: string;
  name: string;
  /** A resources.json type, or `lambda-function` for a function of workloads.json. */
  type: ResourceType | 'lambda-function';
  service: ResourceService;
  accountId: string;
  partition: string;
  region?: string;
  /** The key policy or resource policy; undefined = none (a key always has one: see `standIn`). */
  policy?: CompiledPolicy;
  rcps?: OrgPolicyChain;
  resourceContextKeys: Readonly<Record<string, ContextValue>>;
  /** kms-key */
  keyManager?: 'AWS' | 'CUSTOMER';
  aliases?: readonly string[];
  /** kms-key: grants; undefined = not collected. */
  grants?: readonly KmsGrant[];
  /** secret, queue, topic: the KMS key as configured (ARN, id or alias). */
  kmsKeyId?: string;
  /** An AWS managed key that the snapshot does not hold, stood in for by its documented policy. */
  standIn?: boolean;
  /** lambda-function: the execution role (workloads.json `RoleArn`). */
  roleArn?: string;
  /**
   * lambda-function: its function URLs (workloads.json `FunctionUrls`); undefined = unknown,
   * empty = the function has no URL (a call through a URL is then impossible).
   */
  functionUrls?: readonly FunctionUrl[];
  /**
   * lambda-function: its aliases (workloads.json `Aliases`), each as the resource a call to the
   * alias ARN is decided on (its own policy); undefined = unknown, empty = none.
   */
  functionAliases?: readonly FunctionAliasProfile[];
  /**
   * lambda-function: its published versions (workloads.json `Versions`), each as the resource a
   * call to the version ARN (`function:f:3`) is decided on (its own policy); `name` and
   * `functionVersion` are the version number. Undefined = unknown, empty = none.
   */
  functionVersions?: readonly FunctionAliasProfile[];
  /**
   * lambda-function named by a qualified ARN (`function:f:live`): the alias or version the
   * request is for; a call through a URL then needs a URL of that qualifier.
   */
  qualifier?: string;
  /**
   * An alias or version of a lambda-function (`functionAliases`, `functionVersions`): the
   * unqualified function ARN. `arn` is then the qualified ARN, `policy` the alias's or version's
   * own policy and `qualifier` its name or number.
   */
  functionArn?: string;
}

/** One alias (or published version) of a Lambda function, as the engine decides calls to it. */
export interface FunctionAliasProfile {
  /** The alias name, or the version number of a published version. */
  name: string;
  /** A published version (`functionVersions`), not an alias. */
  isVersion?: true;
  /** The version the alias points to (`$LATEST`: the function's current code). */
  functionVersion?: string;
  /** The alias as a resource: its ARN, its policy, the function's URLs and facts. */
  profile: ResourceProfile;
}

export interface ResourceRequest {
  action: string;
  caller: CallerProfile;
  resource: ResourceProfile;
  model: AuthzModel;
  context: ContextOptions;
  /** KMS: the request comes through this service endpoint (`kms:ViaService`, e.g. `s3.us-east-1.amazonaws.com`). */
  viaService?: string;
}

/** An IAM group: its policies, for "who is an administrator" and group escalation techniques. */
export interface GroupProfile {
  arn: string;
  name: string;
  accountId: string;
  partition: string;
  /** The group's inline and attached policies. */
  identityPolicies: readonly CompiledPolicy[];
  /** ARNs of the users in the group. */
  members: readonly string[];
  /** SCPs of the group's account (they restrict its members). */
  scps?: OrgPolicyChain;
}

export interface AuthzModel {
  organizationId?: string;
  managementAccountId?: string;
  /** Accounts in the organization. */
  orgAccountIds: ReadonlySet<string>;
  /** IAM users and roles (as role sessions) of scanned accounts, by ARN. */
  principals: ReadonlyMap<string, CallerProfile>;
  roles: ReadonlyMap<string, RoleProfile>;
  /** IAM groups of scanned accounts, by ARN (absent in models built by hand). */
  groups?: ReadonlyMap<string, GroupProfile>;
  buckets: ReadonlyMap<string, BucketProfile>;
  /** KMS keys and resources of the resource-policy services, by ARN (resources.json). */
  resources?: ReadonlyMap<string, ResourceProfile>;
  /** KMS key ARN by `<account>/<region>/<key id or alias name>` (alias names as `alias/…`). */
  keyIds?: ReadonlyMap<string, string>;
  /** Accounts whose resources.json is in the snapshot (their keys and resources are known). */
  resourceAccountIds?: ReadonlySet<string>;
  /** Canonical user id → account id, from s3.json owners. */
  canonicalIds: ReadonlyMap<string, string>;
  /** Policy compile issues, for reporting. */
  policyIssues: readonly { policy: PolicyRef; issue: import('../policy/types.js').PolicyIssue }[];
  /**
   * SCP chain of every organization account that SCPs restrict (not the management account),
   * for callers whose own profile is not in the snapshot (an unscanned org account).
   */
  scpsByAccount?: ReadonlyMap<string, OrgPolicyChain>;
  /** `aws:PrincipalOrgPaths` value (`o-…/r-…/ou-…/`) of each organization account whose place is known. */
  orgPathsByAccount?: ReadonlyMap<string, string>;
  /** Accounts whose IAM data (iam.json) is in the snapshot. */
  scannedAccountIds?: ReadonlySet<string>;
  /** Cognito identity pools of workloads.json, by pool id (`REGION:GUID`). */
  identityPools?: ReadonlyMap<string, IdentityPoolProfile>;
}

/** A Cognito identity pool of the snapshot: where it is and what it lets guests do. */
export interface IdentityPoolProfile {
  id: string;
  arn: string;
  accountId: string;
  /** AllowUnauthenticatedIdentities; undefined = unknown. */
  allowUnauthenticatedIdentities?: boolean;
  /** AllowClassicFlow (the basic flow); undefined = unknown. */
  allowClassicFlow?: boolean;
}

/** How condition keys that the request does not set are treated. */
export interface ContextOptions {
  /** Request keys with a value (sts:ExternalId, aws:SourceIp, claims …). */
  known?: Readonly<Record<string, ContextValue>>;
  /** Keys explicitly unknown. */
  unknown?: readonly string[];
  /** Keys explicitly absent from the request (wins over `otherKeys`). */
  absent?: readonly string[];
  /**
   * `absent` (simulate: what the request does not set is absent) or `unknown` (the graph
   * builder: request-time keys are unknown; principal and resource facts stay known).
   */
  otherKeys: 'absent' | 'unknown';
}

export type AssumeRoleAction =
  'sts:AssumeRole' | 'sts:AssumeRoleWithWebIdentity' | 'sts:AssumeRoleWithSAML';

export interface AssumeRoleRequest {
  action: AssumeRoleAction;
  caller: CallerProfile;
  role: RoleProfile;
  model: AuthzModel;
  context: ContextOptions;
  /** Session tags are passed: sts:TagSession is required too. */
  tagsPassed?: boolean;
  /** A source identity is set: sts:SetSourceIdentity is required too. */
  sourceIdentitySet?: boolean;
  /** ProvidedContexts are passed: sts:SetContext is required too. */
  contextsProvided?: boolean;
  /** The caller is a role session using its credentials to assume (role chaining). */
  roleChaining?: boolean;
  durationSeconds?: number;
}

export type S3Action = string; // `s3:GetObject` …

export interface S3Request {
  action: S3Action;
  caller: CallerProfile;
  bucket: BucketProfile;
  /** Object key for object actions (`undefined` = any object, `bucket/*`). */
  objectKey?: string;
  model: AuthzModel;
  context: ContextOptions;
}

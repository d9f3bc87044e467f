/**
 * The normalized snapshot: what the snapshot loader produces from a snapshot directory
 * (DESIGN.md "Snapshot directory") and what every later stage reads.
 *
 * Contract:
 * - Policy documents are decoded JSON objects (`PolicyJson`): the loader has already turned JSON
 *   strings and URL-encoded JSON strings into objects and cleaned stray whitespace. They are NOT
 *   validated here; the policy engine (shared/policy) parses and validates them.
 * - Every ARN is taken from the data; the partition is never assumed.
 * - Lists are always arrays (never a single object), absent optional data is `undefined`.
 * - What could not be loaded is listed in `Snapshot.issues`; everything else is present.
 */

/** A decoded policy document (a JSON object). Not yet validated. */
export type PolicyJson = Record<string, unknown>;

export type Tags = Readonly<Record<string, string>>;

/** A problem found while loading: the file, the JSON path inside it, and what was wrong. */
export interface LoadIssue {
  /** Path of the file relative to the snapshot directory, e.g. `111111111111/iam.json`. */
  file: string;
  /** JSON path inside the file, e.g. `$.RoleDetailList[3].AssumeRolePolicyDocument`. */
  path: string;
  severity: 'error' | 'warning';
  message: string;
  /** Some principals or policies of the account whose folder holds `file` are missing or were not read whole: that account's coverage is `partial`. */
  hidesData?: boolean;
}

export interface NamedPolicy {
  name: string;
  document: PolicyJson;
}

export interface User {
  arn: string;
  name: string;
  path: string;
  userId: string;
  accountId: string;
  createDate?: string;
  /** Group names. */
  groups: string[];
  inlinePolicies: NamedPolicy[];
  attachedPolicyArns: string[];
  permissionsBoundaryArn?: string;
  tags: Tags;
}

export interface Group {
  arn: string;
  name: string;
  path: string;
  groupId: string;
  accountId: string;
  inlinePolicies: NamedPolicy[];
  attachedPolicyArns: string[];
}

export interface RoleLastUsed {
  date?: string;
  region?: string;
}

export interface Role {
  arn: string;
  name: string;
  path: string;
  roleId: string;
  accountId: string;
  createDate?: string;
  description?: string;
  /** The trust policy (AssumeRolePolicyDocument); undefined when missing or undecodable. */
  trustPolicy?: PolicyJson;
  inlinePolicies: NamedPolicy[];
  attachedPolicyArns: string[];
  permissionsBoundaryArn?: string;
  tags: Tags;
  lastUsed?: RoleLastUsed;
  /** Path starts with `/aws-service-role/`. */
  serviceLinked: boolean;
  maxSessionDuration?: number;
  /** Instance profiles the role is in (iam.json `InstanceProfileList`), by ARN. */
  instanceProfileArns?: string[];
}

export interface ManagedPolicy {
  arn: string;
  name: string;
  path: string;
  policyId?: string;
  defaultVersionId?: string;
  /** The default version's document; undefined when it could not be loaded. */
  document?: PolicyJson;
  /**
   * The other (non-default) versions whose documents loaded, in the file's order: the versions an
   * `iam:SetDefaultPolicyVersion` can make the default again. Absent when there are none.
   */
  otherVersions?: PolicyVersion[];
  /** AWS managed (`arn:PARTITION:iam::aws:policy/...`). */
  awsManaged: boolean;
}

/** A non-default version of a managed policy. */
export interface PolicyVersion {
  versionId: string;
  document: PolicyJson;
}

export interface OidcProvider {
  arn: string;
  /** Issuer URL as IAM stores it (host + path, without `https://`). */
  url: string;
  clientIds: string[];
}

export interface SamlProvider {
  arn: string;
}

export interface PublicAccessBlock {
  blockPublicAcls: boolean;
  ignorePublicAcls: boolean;
  blockPublicPolicy: boolean;
  restrictPublicBuckets: boolean;
}

export type ObjectOwnership = 'BucketOwnerEnforced' | 'BucketOwnerPreferred' | 'ObjectWriter';

export type AclPermission = 'FULL_CONTROL' | 'READ' | 'WRITE' | 'READ_ACP' | 'WRITE_ACP';

export type AclGrantee =
  | { type: 'CanonicalUser'; id: string; displayName?: string }
  | { type: 'AmazonCustomerByEmail'; email: string }
  | { type: 'Group'; uri: string };

export interface AclGrant {
  grantee: AclGrantee;
  permission: AclPermission;
}

export interface Acl {
  ownerId?: string;
  grants: AclGrant[];
}

export interface Bucket {
  name: string;
  /** `arn:PARTITION:s3:::NAME`. */
  arn: string;
  accountId: string;
  region?: string;
  policy?: PolicyJson;
  /**
   * The bucket has a policy that could not be read (a `Policy` that failed to decode): what it
   * grants and denies is unknown. Absent `Policy` with this false means no bucket policy.
   */
  policyUnknown?: boolean;
  publicAccessBlock?: PublicAccessBlock;
  ownership?: ObjectOwnership;
  acl?: Acl;
  /**
   * Default encryption (get-bucket-encryption's first rule). Undefined = not collected (unknown);
   * the loader never assumes SSE-S3 when the data does not say so.
   */
  encryption?: BucketEncryption;
}

/** A bucket's default encryption: `AES256` (SSE-S3), `aws:kms` (SSE-KMS) or `aws:kms:dsse`. */
export interface BucketEncryption {
  algorithm: string;
  /** KMSMasterKeyID as configured: a key ARN, key id, alias ARN or `alias/…`; absent with SSE-KMS = the AWS managed key `aws/s3`. */
  kmsKeyId?: string;
  bucketKeyEnabled?: boolean;
}

/** Resource types of resources.json (DESIGN.md "Snapshot directory"). */
export type ResourceType =
  'kms-key' | 'secretsmanager-secret' | 'sqs-queue' | 'sns-topic' | 'ecr-repository';

/** One grant of a KMS key (ListGrants), as far as the snapshot has it. */
export interface KmsGrant {
  grantId?: string;
  /** An ARN of an account, user, role, assumed-role session, or a service principal. */
  granteePrincipal: string;
  /** Operations without the `kms:` prefix, as ListGrants prints them (`Decrypt`, `GenerateDataKey` …). */
  operations: string[];
  /** Encryption-context constraints: the grant applies only to requests that carry them. */
  constraints?: {
    encryptionContextSubset?: Readonly<Record<string, string>>;
    encryptionContextEquals?: Readonly<Record<string, string>>;
  };
}

/** A KMS key or a resource of a resource-policy service (resources.json). */
export interface PolicyResource {
  type: ResourceType;
  arn: string;
  /** Short name for display (key id, secret name, queue name …). */
  name: string;
  accountId: string;
  region?: string;
  /** The resource policy (key policy, secret / queue / topic / repository policy). */
  policy?: PolicyJson;
  /**
   * The policy could not be read (a `Policy` that failed to decode): what it grants is unknown.
   * Absent `Policy` with this false means the resource has no policy.
   */
  policyUnknown?: boolean;
  /** kms-key: who manages the key. */
  keyManager?: 'AWS' | 'CUSTOMER';
  /** kms-key: its aliases (`alias/aws/s3` …). */
  aliases?: string[];
  /** kms-key: its grants; undefined = not collected (unknown). */
  grants?: KmsGrant[];
  /** secret, queue, topic: the KMS key (ARN, id or alias); absent = see docs/snapshot-format.md. */
  kmsKeyId?: string;
}

export interface ResourceData {
  resources: PolicyResource[];
}

export interface S3Data {
  /** Canonical user id of the account (list-buckets Owner.ID). */
  ownerCanonicalId?: string;
  accountPublicAccessBlock?: PublicAccessBlock;
  buckets: Bucket[];
}

/** One account folder of the snapshot. */
export interface AccountData {
  accountId: string;
  partition: string;
  users: User[];
  groups: Group[];
  roles: Role[];
  /** Managed policies listed in this account's iam.json (customer managed and AWS managed). */
  managedPolicies: ManagedPolicy[];
  /** Present when `identity-providers.json` exists (then an unlisted provider is not registered). */
  identityProviders?: { oidc: OidcProvider[]; saml: SamlProvider[] };
  /** Present when `s3.json` exists. */
  s3?: S3Data;
  /** Present when `resources.json` exists (absent = KMS keys and resource policies unknown). */
  resources?: ResourceData;
  /**
   * Present when `workloads.json` exists (then an empty list means "no workloads"); absent means
   * the account's workloads are unknown, never "none".
   */
  workloads?: Workload[];
}

/** Workload types of workloads.json (DESIGN.md); more may be added by the collector. */
export const WORKLOAD_TYPES = [
  'lambda-function',
  'ec2-instance',
  'ecs-task-definition',
  'ecs-service',
  'ecs-cluster',
  'glue-job',
  'glue-dev-endpoint',
  'codebuild-project',
  'sagemaker-notebook',
  'cloudformation-stack',
  'apprunner-service',
  'autoscaling-group',
  'batch-job-definition',
  'batch-job-queue',
  'bedrock-agentcore-code-interpreter',
  'bedrock-agentcore-browser',
  'bedrock-agentcore-runtime',
  'cognito-identity-pool',
  'cloudformation-stack-set',
  'codedeploy-deployment-group',
  'stepfunctions-state-machine',
] as const;

export type KnownWorkloadType = (typeof WORKLOAD_TYPES)[number];

/** Compute that runs as a role (one entry of workloads.json). */
export interface Workload {
  /** A known type, or a type this version does not model (loaded with a warning, never used). */
  type: KnownWorkloadType | (string & {});
  arn: string;
  name: string;
  region?: string;
  /** The role the workload runs as (an EC2 instance's is resolved from its instance profile). */
  roleArn?: string;
  instanceProfileArn?: string;
  /** The workload's resource policy (e.g. a Lambda function's GetPolicy document). */
  resourcePolicy?: PolicyJson;
  /** A `ResourcePolicy` that failed to decode: what the function policy says is unknown. */
  resourcePolicyUnknown?: boolean;
  /**
   * lambda-function: its function URLs (ListFunctionUrlConfigs). Undefined = unknown (not
   * collected, or the call was denied); an empty list = the function has no URL.
   */
  functionUrls?: FunctionUrl[];
  /**
   * lambda-function: its aliases (ListAliases), each with its own resource policy (GetPolicy with
   * the alias as Qualifier). Undefined = unknown (not collected, or the call was denied); an
   * empty list = the function has no alias.
   */
  aliases?: FunctionAlias[];
  /**
   * lambda-function: its published versions (ListVersionsByFunction, `$LATEST` left out), each
   * with its own resource policy (GetPolicy with the version as Qualifier). Undefined = unknown
   * (not collected, or a call was denied); an empty list = the function has no published version.
   */
  versions?: FunctionVersion[];
  /**
   * lambda-function: its event source mappings (ListEventSourceMappings): Lambda polls each
   * source (an SQS queue, a Kinesis or DynamoDB stream …) and invokes the function with what it
   * reads. Undefined = unknown (not collected, or the call was denied); an empty list = none.
   */
  eventSourceMappings?: EventSourceMapping[];
  /**
   * batch-job-definition: the revision's `platformCapabilities` (`EC2`, `FARGATE`); absent = EC2,
   * AWS's default.
   */
  platformCapabilities?: string[];
  /**
   * ecs-task-definition: the launch types it can run on (DescribeTaskDefinition's
   * `compatibilities`: `EC2`, `FARGATE`, `EXTERNAL`, …); undefined = unknown.
   */
  compatibilities?: string[];
  /**
   * ecs-cluster: how many ACTIVE container instances ListContainerInstances listed (its first
   * page: at most 100); undefined = unknown.
   */
  containerInstances?: number;
  /** batch-job-queue: its `state` (`ENABLED` accepts jobs, `DISABLED` does not) and `status`. */
  state?: string;
  status?: string;
  /**
   * batch-job-queue: the compute environments of its `computeEnvironmentOrder`, as
   * DescribeComputeEnvironments described them. Undefined = unknown.
   */
  computeEnvironments?: BatchComputeEnvironment[];
  /**
   * bedrock-agentcore-runtime: `IAM` (SigV4, the default) or `JWT` (a `customJWTAuthorizer` is
   * configured: SigV4 calls are not taken); undefined = unknown.
   */
  inboundAuth?: string;
  /** bedrock-agentcore-runtime: its `lastUpdatedAt` (ISO 8601); undefined = unknown. */
  lastUpdatedAt?: string;
  /**
   * cognito-identity-pool: its settings (DescribeIdentityPool, GetIdentityPoolRoles). A pool runs
   * as no role (no `roleArn`): its guests and users get the credentials of the roles whose trust
   * admits the pool's tokens. A setting absent = unknown.
   */
  identityPool?: IdentityPoolSettings;
  /**
   * autoscaling-group: the EC2 launch template it launches its instances from (its
   * `LaunchTemplate`, or its `MixedInstancesPolicy`'s). Undefined: the group uses a launch
   * configuration, or the template is not known.
   */
  launchTemplate?: LaunchTemplateSpec;
  /** autoscaling-group: its sizes (DescribeAutoScalingGroups); undefined = unknown. */
  capacity?: GroupCapacity;
  /** cloudformation-stack-set: how it deploys and where (DescribeStackSet, ListStackInstances). */
  stackSet?: StackSetFacts;
  /**
   * ec2-instance: its tags (DescribeInstances), which CodeDeploy deployment groups select
   * instances by; undefined = unknown (an older snapshot), never "no tags".
   */
  tags?: Tags;
  /** codedeploy-deployment-group: what it deploys to (BatchGetDeploymentGroups). */
  deploymentGroup?: DeploymentGroupFacts;
}

/**
 * A CodeDeploy deployment group (BatchGetDeploymentGroups' `deploymentGroupInfo`): a deployment
 * of the `Server` compute platform runs its revision's appspec hooks on the EC2 instances the
 * group selects — by tags (`ec2TagFilters`: any filter; `ec2TagSet`: one filter of every group)
 * and the instances of its Auto Scaling groups — with their instance profiles' credentials.
 */
export interface DeploymentGroupFacts {
  applicationName: string;
  deploymentGroupName: string;
  /** `Server` (EC2/on-premises), `Lambda` or `ECS`; undefined = unknown. */
  computePlatform?: string;
  /** Absent: `CodeDeployDefault.OneAtATime`, AWS's default. */
  deploymentConfigName?: string;
  /** The role CodeDeploy itself acts as (it finds the instances); nobody's code runs as it. */
  serviceRoleArn?: string;
  /** Instances with any of these tags. */
  ec2TagFilters: readonly Ec2TagFilter[];
  /** Instances with a tag of every one of these groups (ec2TagSet's `ec2TagSetList`). */
  ec2TagSet: readonly (readonly Ec2TagFilter[])[];
  /** The names of its Auto Scaling groups (their instances carry `aws:autoscaling:groupName`). */
  autoScalingGroups: readonly string[];
}

/** One EC2 tag filter of a deployment group (`KEY_ONLY`, `VALUE_ONLY`, `KEY_AND_VALUE`). */
export interface Ec2TagFilter {
  key?: string;
  value?: string;
  type: 'KEY_ONLY' | 'VALUE_ONLY' | 'KEY_AND_VALUE';
}

/**
 * The launch template of an Auto Scaling group (an EC2 Auto Scaling `LaunchTemplateSpecification`)
 * with the template's ARN: `arn:<partition>:ec2:<region>:<account>:launch-template/<id>`.
 */
export interface LaunchTemplateSpec {
  /** The template's ARN (its id); undefined when only its name is known. */
  arn?: string;
  id?: string;
  name?: string;
  /**
   * The version the group launches: `$Default`, `$Latest` or a version number (as a string).
   * AWS's default when the group names none is `$Default`.
   */
  version: string;
  /** The template's tags (DescribeLaunchTemplates); undefined = unknown. */
  tags?: Tags;
}

/** An Auto Scaling group's MinSize, MaxSize and DesiredCapacity. */
export interface GroupCapacity {
  min: number;
  max: number;
  desired: number;
}

/** A compute environment of an AWS Batch job queue (DescribeComputeEnvironments). */
export interface BatchComputeEnvironment {
  arn: string;
  /** `ENABLED` places jobs, `DISABLED` does not; undefined = not described. */
  state?: string;
  /** `VALID`, `INVALID`, `CREATING` …; undefined = not described. */
  status?: string;
  /** `MANAGED` or `UNMANAGED`. */
  type?: string;
  /** A managed environment's `computeResources.type`: `EC2`, `SPOT`, `FARGATE`, `FARGATE_SPOT`. */
  computeResourcesType?: string;
  /** `ECS` (absent) or `EKS`. */
  containerOrchestrationType?: string;
}

/** The settings of a Cognito identity pool that decide who gets its tokens and how. */
export interface IdentityPoolSettings {
  /** `AllowUnauthenticatedIdentities`: anyone may get a guest identity and token. */
  allowUnauthenticatedIdentities?: boolean;
  /** `AllowClassicFlow`: the basic flow (GetOpenIdToken, then AssumeRoleWithWebIdentity) is on. */
  allowClassicFlow?: boolean;
  /** GetIdentityPoolRoles' `Roles` (`authenticated` / `unauthenticated` → role ARN). */
  roles?: Readonly<Record<string, string>>;
}

/**
 * A CloudFormation stack set (DescribeStackSet's `StackSet`, ListStackInstances' summaries). With
 * self-managed permissions its administration role (in the stack set's account) assumes the
 * execution role named `executionRoleName` in each target account, whose permissions create the
 * template's resources (stacksets-prereqs-self-managed.html).
 */
export interface StackSetFacts {
  /** `SELF_MANAGED` (AWS's default, also when DescribeStackSet omits it) or `SERVICE_MANAGED`. */
  permissionModel: 'SELF_MANAGED' | 'SERVICE_MANAGED';
  /** AdministrationRoleARN; undefined when AWS did not report one. */
  administrationRoleArn?: string;
  /** ExecutionRoleName; undefined when AWS did not report one. */
  executionRoleName?: string;
  /** The accounts and regions of its stack instances; undefined = unknown (not listed). */
  instances?: readonly { account: string; region?: string }[];
}

/**
 * One alias of a Lambda function (an entry of ListAliases' `Aliases`) with its resource policy:
 * invoking the alias ARN is decided by this policy, not the function's (using-aliases.html).
 */
export interface FunctionAlias {
  name: string;
  /** The alias ARN: the function's ARN, `:`, the name. */
  arn: string;
  /** The version the alias points to (`$LATEST` runs the function's current code). */
  functionVersion?: string;
  /** The alias's own resource policy; undefined = none. */
  resourcePolicy?: PolicyJson;
}

/**
 * One published version of a Lambda function (an entry of ListVersionsByFunction's `Versions`,
 * not `$LATEST`) with its resource policy: invoking the version ARN (`function:f:3`) is decided
 * by this policy, not the function's (API_AddPermission.html: "the invoker must use the full
 * Amazon Resource Name (ARN) of that version or alias").
 */
export interface FunctionVersion {
  /** The version number (`3`). */
  version: string;
  /** The version ARN: the function's ARN, `:`, the number. */
  arn: string;
  /** The version's own resource policy; undefined = none. */
  resourcePolicy?: PolicyJson;
}

/** The AuthType of a Lambda function URL: NONE takes unsigned requests, AWS_IAM signed ones. */
export type FunctionUrlAuthType = 'NONE' | 'AWS_IAM';

/** One Lambda function URL (an entry of ListFunctionUrlConfigs' `FunctionUrlConfigs`). */
export interface FunctionUrl {
  /** `https://<url-id>.lambda-url.<region>.on.aws/`; absent when the snapshot omits it. */
  url?: string;
  authType: FunctionUrlAuthType;
  /** The alias the URL invokes; absent = the function itself (`$LATEST`). */
  qualifier?: string;
}

/** One event source mapping of a Lambda function (an entry of ListEventSourceMappings). */
export interface EventSourceMapping {
  uuid?: string;
  /** The queue or stream Lambda reads; absent when the snapshot omits it. */
  eventSourceArn?: string;
  /** `Enabled`, `Disabled`, `Creating`, `Enabling`, `Disabling`, `Updating` or `Deleting`. */
  state: string;
  /** The alias or version the mapping invokes; absent = the function itself (`$LATEST`). */
  qualifier?: string;
}

export type OrgPolicyType = 'SERVICE_CONTROL_POLICY' | 'RESOURCE_CONTROL_POLICY';

export interface OrgPolicy {
  id: string;
  name: string;
  type: OrgPolicyType;
  /** undefined when the content could not be decoded (reported in issues). */
  document?: PolicyJson;
  /** Root, OU or account ids the policy is attached to. */
  targets: string[];
}

export interface OrganizationalUnit {
  id: string;
  name: string;
  parentId: string;
}

export interface OrgAccount {
  id: string;
  name?: string;
  email?: string;
  status?: string;
  arn?: string;
}

export interface Organization {
  id?: string;
  arn?: string;
  managementAccountId?: string;
  roots: { id: string; name?: string }[];
  ous: OrganizationalUnit[];
  accounts: OrgAccount[];
  /** account id -> root or OU id. */
  accountParents: Readonly<Record<string, string>>;
  policies: OrgPolicy[];
  /**
   * organization.json has no `Policies` at all (the collector writes none when reading them
   * failed): `false`. Undefined: listed, or an organization from elsewhere (analysis config).
   */
  policiesListed?: boolean;
  /** Policy types enabled on the root (Roots[].PolicyTypes); undefined = the file does not say. */
  enabledPolicyTypes?: readonly string[];
}

export type AccountCollectionStatus = 'ok' | 'denied' | 'failed' | 'skipped';

export interface CollectionError {
  accountId?: string;
  call: string;
  errorName: string;
  message: string;
  /** The resource the call was about (a bucket name, a provider ARN), when there was one. */
  resource?: string;
}

export interface CollectionInfo {
  startedAt?: string;
  finishedAt?: string;
  collectedBy?: string;
  /** Whether the organization could be read (collection.json `organizationAvailable`). */
  organizationAvailable?: boolean;
  accounts: Readonly<
    Record<
      string,
      {
        status: AccountCollectionStatus;
        errors: CollectionError[];
        /** Why a `skipped` account was not collected, e.g. `suspended`, `filtered`. */
        reason?: string;
      }
    >
  >;
  errors: CollectionError[];
}

/** An IAM Identity Center user (identitystore `ListUsers`). */
export interface SsoUser {
  userId: string;
  /** The sign-in name, e.g. `alice@example.com`. */
  userName: string;
  displayName?: string;
}

/** An IAM Identity Center group (identitystore `ListGroups`). */
export interface SsoGroup {
  groupId: string;
  displayName: string;
}

/** A permission set (sso-admin `DescribePermissionSet`). */
export interface SsoPermissionSet {
  arn: string;
  name: string;
}

export type SsoPrincipalType = 'USER' | 'GROUP';

/** A permission set assigned to a user or group in one account (`ListAccountAssignments`). */
export interface SsoAccountAssignment {
  accountId: string;
  permissionSetArn: string;
  principalType: SsoPrincipalType;
  principalId: string;
  /** JSON path of the entry in identity-center.json, for messages. */
  source: string;
}

/**
 * identity-center.json: one IAM Identity Center instance. Memberships name a known group and a
 * known user (others are reported and dropped); assignments are kept even when their user or
 * group is not in the identity store (a finding), but not when their permission set is unknown.
 */
export interface IdentityCenter {
  instanceArn?: string;
  identityStoreId: string;
  users: SsoUser[];
  groups: SsoGroup[];
  memberships: { groupId: string; userId: string }[];
  permissionSets: SsoPermissionSet[];
  assignments: SsoAccountAssignment[];
}

export interface Snapshot {
  organization?: Organization;
  /** Present when `identity-center.json` exists and could be read. */
  identityCenter?: IdentityCenter;
  /** Account folders, by account id. */
  accounts: ReadonlyMap<string, AccountData>;
  collection?: CollectionInfo;
  issues: LoadIssue[];
}

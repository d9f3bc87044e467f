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
  /** GetBucketEncryption's ServerSideEncryptionConfiguration; absent: not configured. */
  Encryption?: { Rules: JsonObject[] };
}

/**
 * What AWS holds in one region of one account, in the shapes its APIs return. `expectedRoleArn`
 * is the role the collector must write for a workload that names its role indirectly (by name,
 * through an instance profile or a task definition): the ground truth, written by hand.
 */
/** An EC2 Auto Scaling `LaunchTemplateSpecification`. */
export interface FakeLaunchTemplateSpec {
  LaunchTemplateId?: string;
  LaunchTemplateName?: string;
  Version?: string;
}

export interface RegionData {
  lambdaFunctions?: {
    FunctionName: string;
    FunctionArn: string;
    Role: string;
    Policy?: string;
    /** ListFunctionUrlConfigs' entries (absent: the function has no URL). */
    Urls?: { FunctionUrl: string; FunctionArn: string; AuthType: 'NONE' | 'AWS_IAM' }[];
    /** ListAliases' entries, each with its own GetPolicy document (absent: no alias). */
    Aliases?: { Name: string; FunctionVersion: string; Policy?: string }[];
    /**
     * ListVersionsByFunction's published versions (the fake lists `$LATEST` first, as Lambda
     * does), each with its own GetPolicy document (absent: no published version).
     */
    Versions?: { Version: string; Policy?: string }[];
  }[];
  /**
   * ListEventSourceMappings' entries of the region (every function's; `FunctionArn` may name an
   * alias or a version).
   */
  eventSourceMappings?: {
    UUID: string;
    FunctionArn: string;
    EventSourceArn: string;
    State: string;
  }[];
  instances?: {
    InstanceId: string;
    State: string;
    IamInstanceProfile?: { Arn: string; Id: string };
    Tags?: { Key: string; Value: string }[];
    expectedRoleArn?: string;
  }[];
  taskDefinitions?: {
    taskDefinitionArn: string;
    taskRoleArn?: string;
    executionRoleArn?: string;
    /** The launch types it runs on, as DescribeTaskDefinition computes them. */
    compatibilities?: string[];
  }[];
  ecsClusters?: {
    clusterArn: string;
    /** ACTIVE container instances ListContainerInstances lists (absent: none). */
    containerInstances?: number;
    services: {
      serviceArn: string;
      serviceName: string;
      taskDefinition: string;
      status: string;
      expectedRoleArn?: string;
    }[];
  }[];
  codebuildProjects?: { name: string; arn: string; serviceRole: string }[];
  glueJobs?: { Name: string; Role: string; expectedRoleArn: string }[];
  glueDevEndpoints?: { EndpointName: string; RoleArn: string }[];
  notebooks?: { NotebookInstanceName: string; NotebookInstanceArn: string; RoleArn: string }[];
  stacks?: { StackName: string; StackId: string; StackStatus: string; RoleARN?: string }[];
  /** CloudFormation stack sets (ListStackSets, DescribeStackSet, ListStackInstances). */
  stackSets?: {
    StackSetName: string;
    StackSetARN: string;
    Status: 'ACTIVE' | 'DELETED';
    PermissionModel?: 'SELF_MANAGED' | 'SERVICE_MANAGED';
    AdministrationRoleARN?: string;
    ExecutionRoleName?: string;
    instances: { Account: string; Region: string; Status: 'CURRENT' | 'OUTDATED' | 'INOPERABLE' }[];
  }[];
  apprunnerServices?: { ServiceName: string; ServiceArn: string; InstanceRoleArn?: string }[];
  /**
   * CodeDeploy applications (ListApplications) and their deployment groups (ListDeploymentGroups,
   * BatchGetDeploymentGroups' `deploymentGroupsInfo` entries).
   */
  codedeployApplications?: {
    applicationName: string;
    groups: {
      deploymentGroupName: string;
      computePlatform: string;
      deploymentConfigName?: string;
      serviceRoleArn?: string;
      ec2TagFilters?: { Key?: string; Value?: string; Type?: string }[];
      ec2TagSet?: { ec2TagSetList: { Key?: string; Value?: string; Type?: string }[][] };
      autoScalingGroups?: { name: string; hook?: string }[];
    }[];
  }[];
  /** Cognito identity pools (ListIdentityPools, DescribeIdentityPool, GetIdentityPoolRoles). */
  identityPools?: {
    /** The ARN the collector writes (not in any answer: AWS returns ids only). */
    arn: string;
    IdentityPoolId: string;
    IdentityPoolName: string;
    AllowUnauthenticatedIdentities: boolean;
    /** Absent: DescribeIdentityPool leaves it out (the basic flow is off). */
    AllowClassicFlow?: boolean;
    Roles?: Record<string, string>;
  }[];
  /**
   * Bedrock AgentCore code interpreters (ListCodeInterpreters, GetCodeInterpreter); `type` CUSTOM
   * or SYSTEM; `expected`: written to workloads.json.
   */
  codeInterpreters?: {
    codeInterpreterId: string;
    codeInterpreterArn: string;
    name: string;
    type: string;
    status: string;
    executionRoleArn?: string;
    expected?: boolean;
  }[];
  /**
   * Step Functions state machines (ListStateMachines, DescribeStateMachine); `expected`: written
   * to workloads.json.
   */
  stateMachines?: {
    stateMachineArn: string;
    name: string;
    status: string;
    roleArn?: string;
    expected?: boolean;
  }[];
  /**
   * Bedrock AgentCore browsers (ListBrowsers, GetBrowser); `type` CUSTOM or SYSTEM; `expected`:
   * written to workloads.json.
   */
  browsers?: {
    browserId: string;
    browserArn: string;
    name: string;
    type: string;
    status: string;
    executionRoleArn?: string;
    expected?: boolean;
  }[];
  /**
   * DescribeAutoScalingGroups' entries; `expected*`: what the collector must write for the
   * group's current instance profile and role (resolved through the launch template version).
   */
  autoScalingGroups?: {
    AutoScalingGroupName: string;
    AutoScalingGroupARN: string;
    LaunchTemplate?: FakeLaunchTemplateSpec;
    MixedInstancesPolicy?: {
      LaunchTemplate: { LaunchTemplateSpecification: FakeLaunchTemplateSpec };
    };
    LaunchConfigurationName?: string;
    MinSize: number;
    MaxSize: number;
    DesiredCapacity: number;
    expectedInstanceProfileArn?: string;
    expectedRoleArn?: string;
  }[];
  /** DescribeLaunchTemplates' entries, with their versions (DescribeLaunchTemplateVersions). */
  launchTemplates?: {
    LaunchTemplateId: string;
    LaunchTemplateName: string;
    Tags?: { Key: string; Value: string }[];
    DefaultVersionNumber: number;
    Versions: { VersionNumber: number; IamInstanceProfile?: { Arn?: string; Name?: string } }[];
  }[];
  /** Bedrock AgentCore agent runtimes (ListAgentRuntimes, GetAgentRuntime); `jwt`: a JWT authorizer. */
  agentRuntimes?: {
    agentRuntimeId: string;
    agentRuntimeArn: string;
    agentRuntimeName: string;
    status: string;
    roleArn: string;
    lastUpdatedAt: string;
    jwt?: boolean;
    expected?: boolean;
  }[];
  /** DescribeJobQueues' `jobQueues` entries. */
  batchJobQueues?: {
    jobQueueName: string;
    jobQueueArn: string;
    state: string;
    status: string;
    priority: number;
    computeEnvironmentOrder: { order: number; computeEnvironment: string }[];
  }[];
  /** DescribeComputeEnvironments' `computeEnvironments` entries. */
  batchComputeEnvironments?: {
    computeEnvironmentName: string;
    computeEnvironmentArn: string;
    state: string;
    status: string;
    type: string;
    computeResources?: { type: string };
    containerOrchestrationType?: string;
  }[];
  /**
   * DescribeJobDefinitions' `jobDefinitions` entries (every status; the fake filters by
   * `status`); `expected`: the entry trustmap keeps in workloads.json (not sent).
   */
  batchJobDefinitions?: {
    jobDefinitionName: string;
    jobDefinitionArn: string;
    revision: number;
    status: string;
    type: string;
    platformCapabilities?: string[];
    containerProperties?: { image: string; jobRoleArn?: string };
    ecsProperties?: { taskProperties: { taskRoleArn?: string }[] };
    expected?: boolean;
  }[];
  kmsKeys?: {
    KeyId: string;
    Arn: string;
    KeyManager: 'AWS' | 'CUSTOMER';
    Policy: string;
    Aliases: string[];
    /** As the CLI prints ListGrants' entries. */
    Grants: JsonObject[];
  }[];
  secrets?: { ARN: string; Name: string; KmsKeyId?: string; ResourcePolicy?: string }[];
  queues?: { QueueName: string; QueueArn: string; Policy?: string; KmsMasterKeyId?: string }[];
  topics?: { TopicArn: string; Policy?: string; KmsMasterKeyId?: string }[];
  repositories?: {
    repositoryName: string;
    repositoryArn: string;
    kmsKey?: string;
    policyText?: string;
  }[];
}

/** IAM Identity Center as the fake serves it (and `identity-center.json` must hold it). */
export interface IdentityCenterData {
  InstanceArn: string;
  IdentityStoreId: string;
  /** The account that owns the instance (the management account for an organization instance). */
  ownerAccountId: string;
  /** Accounts that may read it besides the owner (Identity Center delegated administrators). */
  delegatedAdministrators: string[];
  /** The instance's region: sso-admin and identitystore see it only there. */
  region: string;
  Users: { UserId: string; UserName: string; DisplayName?: string }[];
  Groups: { GroupId: string; DisplayName: string }[];
  GroupMemberships: { GroupId: string; UserId: string }[];
  PermissionSets: { PermissionSetArn: string; Name: string }[];
  AccountAssignments: {
    AccountId: string;
    PermissionSetArn: string;
    PrincipalType: 'USER' | 'GROUP';
    PrincipalId: string;
  }[];
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
  /** Regions enabled in the account (DescribeRegions); default: `['us-east-1']`. */
  regions?: string[];
  /** Workloads and resources per region; a region not listed holds none. */
  regional?: Record<string, RegionData>;
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
   * on one resource (bucket name) or in one region, fail with this error; `times` limits how
   * often (default always).
   */
  | {
      kind: 'error';
      operation: string;
      accountId?: string;
      resource?: string;
      region?: string;
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
  /** IAM Identity Center; absent: no instance anywhere. */
  identityCenter?: IdentityCenterData;
  /**
   * Items per page the fake serves (to exercise pagination); `regional` is for the workload,
   * resource and Identity Center services (default 1000).
   */
  pageSize: { iam: number; organizations: number; s3: number; regional?: number };
  /** Latency added to every call. */
  latencyMs: number;
}

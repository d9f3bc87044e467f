/**
 * `workloads.json` of one account (DESIGN.md "Snapshot directory"): compute that runs as a role,
 * read in every region by one module per service. Roles that AWS reports by name (Glue jobs) or
 * through an instance profile (EC2) are resolved against the account's `iam.json`.
 */
import type { JsonValue } from './aws-json.js';
import { readAppRunnerServices } from './apprunner.js';
import { readAutoScalingGroups } from './autoscaling.js';
import { readAgentCoreWorkloads } from './agentcore.js';
import { readBatchWorkloads } from './batch.js';
import { readStackSets, readStacksWithRole } from './cloudformation.js';
import { readCodeBuildProjects } from './codebuild.js';
import { readDeploymentGroups } from './codedeploy.js';
import { readIdentityPools } from './cognito-identity.js';
import { readStateMachines } from './step-functions.js';
import { readInstances } from './ec2.js';
import { readEcsWorkloads } from './ecs.js';
import { readGlueWorkloads } from './glue.js';
import type { IamFile } from './iam.js';
import { readLambdaFunctions } from './lambda.js';
import type { RegionContext } from './region-context.js';
import { readNotebookInstances } from './sagemaker.js';

export type WorkloadType =
  | 'lambda-function'
  | 'ec2-instance'
  | 'ecs-task-definition'
  | 'ecs-service'
  | 'ecs-cluster'
  | 'glue-job'
  | 'glue-dev-endpoint'
  | 'codebuild-project'
  | 'sagemaker-notebook'
  | 'cloudformation-stack'
  | 'apprunner-service'
  | 'autoscaling-group'
  | 'batch-job-definition'
  | 'batch-job-queue'
  | 'bedrock-agentcore-code-interpreter'
  | 'bedrock-agentcore-browser'
  | 'bedrock-agentcore-runtime'
  | 'cloudformation-stack-set'
  | 'cognito-identity-pool'
  | 'stepfunctions-state-machine'
  | 'codedeploy-deployment-group';

/** One entry of `workloads.json`'s `Workloads`. */
export interface WorkloadJson {
  Type: WorkloadType;
  Arn: string;
  Name: string;
  Region: string;
  RoleArn?: string;
  InstanceProfileArn?: string;
  /** The resource policy text exactly as the service returned it (Lambda GetPolicy). */
  ResourcePolicy?: string;
  /** lambda-function: its URLs (ListFunctionUrlConfigs); absent when the call failed. */
  FunctionUrls?: FunctionUrlJson[];
  /** lambda-function: its aliases (ListAliases) with their policies; absent when a call failed. */
  Aliases?: FunctionAliasJson[];
  /**
   * lambda-function: its published versions (ListVersionsByFunction, without `$LATEST`) with
   * their policies; absent when a call failed.
   */
  Versions?: FunctionVersionJson[];
  /**
   * lambda-function: its event source mappings (the region's ListEventSourceMappings entries
   * that invoke it or one of its aliases or versions); absent when that call failed.
   */
  EventSourceMappings?: EventSourceMappingJson[];
  /**
   * autoscaling-group: its launch template (the group's `LaunchTemplate` or its
   * `MixedInstancesPolicy`'s) with the template's tags from DescribeLaunchTemplates (absent when
   * that call failed).
   */
  LaunchTemplate?: LaunchTemplateJson;
  MinSize?: number;
  MaxSize?: number;
  DesiredCapacity?: number;
  /** ecs-cluster: ACTIVE container instances on ListContainerInstances' first page (≤ 100). */
  ContainerInstances?: number;
  /** ecs-task-definition: DescribeTaskDefinition's `compatibilities` (launch types). */
  Compatibilities?: string[];
  /** batch-job-definition: its `platformCapabilities` (absent = EC2). */
  PlatformCapabilities?: string[];
  /** batch-job-queue: its `state` and `status`. */
  State?: string;
  Status?: string;
  /** batch-job-queue: its compute environments, in order; absent when they could not be described. */
  ComputeEnvironments?: BatchComputeEnvironmentJson[];
  /** bedrock-agentcore-runtime: `IAM` or `JWT` (a customJWTAuthorizer), and its last update. */
  InboundAuth?: 'IAM' | 'JWT';
  LastUpdatedAt?: string;
  /** cloudformation-stack-set: DescribeStackSet's PermissionModel. */
  PermissionModel?: string;
  /** cloudformation-stack-set: DescribeStackSet's AdministrationRoleARN. */
  AdministrationRoleArn?: string;
  /** cloudformation-stack-set: DescribeStackSet's ExecutionRoleName. */
  ExecutionRoleName?: string;
  /** cloudformation-stack-set: ListStackInstances' accounts and regions; absent when it failed. */
  StackInstances?: StackInstanceJson[];
  /** cognito-identity-pool: DescribeIdentityPool's flags; absent when that call failed. */
  AllowUnauthenticatedIdentities?: boolean;
  AllowClassicFlow?: boolean;
  /** cognito-identity-pool: GetIdentityPoolRoles' `Roles`; absent when that call failed. */
  Roles?: Record<string, string>;
  /** ec2-instance: its tags (DescribeInstances), which CodeDeploy deployment groups select by. */
  Tags?: { Key: string; Value: string }[];
  /** codedeploy-deployment-group: BatchGetDeploymentGroups' fields (empty lists omitted). */
  ApplicationName?: string;
  DeploymentGroupName?: string;
  ComputePlatform?: string;
  DeploymentConfigName?: string;
  ServiceRoleArn?: string;
  Ec2TagFilters?: Ec2TagFilterJson[];
  Ec2TagSet?: Ec2TagFilterJson[][];
  AutoScalingGroups?: string[];
}

/** An EC2 tag filter of a CodeDeploy deployment group, as AWS sent it. */
export interface Ec2TagFilterJson {
  Key?: string;
  Value?: string;
  Type?: string;
}

/** One stack instance of a stack set (ListStackInstances' `Summaries`). */
export interface StackInstanceJson {
  Account: string;
  Region?: string;
  /** CURRENT, OUTDATED or INOPERABLE (no longer updated by UpdateStackSet). */
  Status?: string;
}

/** An Auto Scaling `LaunchTemplateSpecification`, with the template's tags. */
export interface LaunchTemplateJson {
  LaunchTemplateId?: string;
  LaunchTemplateName?: string;
  Version?: string;
  Tags?: { Key: string; Value: string }[];
}

/** A compute environment of a Batch job queue (DescribeComputeEnvironments), as workloads.json keeps it. */
export interface BatchComputeEnvironmentJson {
  Arn: string;
  State?: string;
  Status?: string;
  /** MANAGED or UNMANAGED. */
  Type?: string;
  /** computeResources.type: EC2, SPOT, FARGATE, FARGATE_SPOT. */
  ComputeResourcesType?: string;
  /** ECS or EKS. */
  ContainerOrchestrationType?: string;
}

/**
 * One entry of ListAliases' `Aliases`, with the fields trustmap reads, and the alias's resource
 * policy text exactly as GetPolicy (Qualifier = the alias) returned it; absent = none.
 */
export interface FunctionAliasJson {
  AliasArn?: string;
  Name?: string;
  FunctionVersion?: string;
  ResourcePolicy?: string;
}

/**
 * One published version (an entry of ListVersionsByFunction's `Versions`), with the fields
 * trustmap reads, and the version's resource policy text exactly as GetPolicy (Qualifier = the
 * version) returned it; absent = none.
 */
export interface FunctionVersionJson {
  Version?: string;
  FunctionArn?: string;
  ResourcePolicy?: string;
}

/** One entry of ListEventSourceMappings' `EventSourceMappings`, with the fields trustmap reads. */
export interface EventSourceMappingJson {
  UUID?: string;
  /** The function's ARN, qualified with the alias or version the mapping invokes. */
  FunctionArn?: string;
  EventSourceArn?: string;
  State?: string;
}

/**
 * One entry of ListFunctionUrlConfigs' `FunctionUrlConfigs`, with the fields trustmap reads, as
 * AWS sent them (an entry without AuthType makes the loader read the function's URLs as unknown).
 */
export interface FunctionUrlJson {
  FunctionUrl?: string;
  /** The function's ARN, qualified with the alias the URL serves. */
  FunctionArn?: string;
  AuthType?: string;
}

export interface WorkloadsFile {
  Workloads: WorkloadJson[];
}

/** What `iam.json` tells about roles, for workloads that name theirs indirectly. */
export interface RoleIndex {
  /** Instance profile ARN → the ARN of the role in it (absent: the profile holds no role). */
  roleOfInstanceProfile: ReadonlyMap<string, string>;
  /** Role name → role ARN (with its path). */
  roleByName: ReadonlyMap<string, string>;
  /** Instance profile name → its ARN (a launch template may name its profile by name). */
  instanceProfileByName: ReadonlyMap<string, string>;
}

/** Indexes the roles of `iam.json` (RoleDetailList and each role's InstanceProfileList). */
export function indexRoles(iam: IamFile): RoleIndex {
  const roleOfInstanceProfile = new Map<string, string>();
  const roleByName = new Map<string, string>();
  const instanceProfileByName = new Map<string, string>();
  for (const role of iam.RoleDetailList) {
    if (!isObject(role)) continue;
    const arn = role['Arn'];
    const name = role['RoleName'];
    if (typeof arn !== 'string') continue;
    if (typeof name === 'string') roleByName.set(name, arn);
    const profiles = role['InstanceProfileList'];
    if (!Array.isArray(profiles)) continue;
    for (const profile of profiles) {
      if (isObject(profile) && typeof profile['Arn'] === 'string') {
        roleOfInstanceProfile.set(profile['Arn'], arn);
        const profileName = profile['InstanceProfileName'];
        if (typeof profileName === 'string') instanceProfileByName.set(profileName, profile['Arn']);
      }
    }
  }
  return { roleOfInstanceProfile, roleByName, instanceProfileByName };
}

/** Every workload of one region; failed calls are recorded in the context. */
export async function readRegionWorkloads(
  ctx: RegionContext,
  roles: RoleIndex,
): Promise<WorkloadJson[]> {
  const lists = await Promise.all([
    readLambdaFunctions(ctx),
    readInstances(ctx, roles),
    readEcsWorkloads(ctx),
    readCodeBuildProjects(ctx),
    readGlueWorkloads(ctx, roles),
    readNotebookInstances(ctx),
    readStacksWithRole(ctx),
    readStackSets(ctx),
    readAppRunnerServices(ctx),
    readAutoScalingGroups(ctx, roles),
    readBatchWorkloads(ctx),
    readAgentCoreWorkloads(ctx),
    readIdentityPools(ctx),
    readDeploymentGroups(ctx),
    readStateMachines(ctx),
  ]);
  return lists.flat();
}

/** A role given by name or ARN, as its ARN (a name is looked up in `iam.json`). */
export function roleArnOf(ctx: RegionContext, roles: RoleIndex, nameOrArn: string): string {
  if (nameOrArn.startsWith('arn:')) return nameOrArn;
  return (
    roles.roleByName.get(nameOrArn) ??
    `arn:${ctx.partition}:iam::${ctx.accountId}:role/${nameOrArn}`
  );
}

function isObject(value: JsonValue | undefined): value is { [key: string]: JsonValue } {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

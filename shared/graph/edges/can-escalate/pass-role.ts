/**
 * Technique family 4, pass a role to new compute (IAM-SEMANTICS.md "Privilege escalation" E.3): a principal that may
 * `iam:PassRole` a role to a service and create (and run) compute of that service obtains the
 * role's permissions through the code it runs there. Every permission is decided by the engine:
 *
 * - `iam:PassRole` on the role with `iam:PassedToService` = the service principal and
 *   `iam:AssociatedResourceArn` = the new resource;
 * - each create / run action on the resource the attacker creates: its name is the attacker's
 *   choice, so the resource is one that the attacker's own Allow statements name for the first
 *   action (made concrete) or a fresh name, and every action of the technique uses the same one;
 * - the role's trust policy must admit the service: the assume-role decision for the service
 *   principal, with `aws:SourceAccount` = the role's account and `aws:SourceArn` = the new resource;
 * - EC2: the role must be in an instance profile (iam.json `InstanceProfileList`); a role in none
 *   is reached by a principal that also creates one and adds the role to it
 *   (`iam:CreateInstanceProfile` + `iam:AddRoleToInstanceProfile`, which needs `iam:PassRole` on the
 *   role too: https://docs.aws.amazon.com/IAM/latest/APIReference/API_AddRoleToInstanceProfile.html),
 *   or that empties an existing instance profile of the account (`iam:RemoveRoleFromInstanceProfile`:
 *   a profile holds one role) and adds the role to it (CloudGoat iam_privesc_by_attachment);
 * - AWS Data Pipeline: the role is the pipeline's `resourceRole` (the instance profile of the EC2
 *   resource its activity runs on), and a pipeline role of the account trusted by Data Pipeline is
 *   passed too; every edge is `conditional`, the service being closed to new customers.
 *
 * Candidates: principals indexed by the roles their `iam:PassRole` statements name; a role is
 * considered only for the services its trust policy names.
 */
import type { CallerProfile, RoleProfile } from '../../../authorize/types.js';
import type { Role, Workload } from '../../../snapshot/types.js';
import { principalReferences } from '../../index/principal-references.js';
import { PermissionIndex, rolePatternKey } from '../../index/permission-index.js';
import { statementView } from '../../index/statement-views.js';
import { statementMatchesAction } from '../../../policy/index.js';
import { noteEvidence } from '../../../authorize/evidence.js';
import type { EscalationContext, Step } from './escalation-context.js';
import { START_TASK_NEEDS_INSTANCE } from './ecs-container-instances.js';
import {
  EC2_PROFILE_REFILL,
  ROLE_SWAPS,
  swapWorkloadRole,
  workloadsByAccount,
} from './workload-role-swap.js';

import { runnableQueues, workloadRegion } from './batch-queues.js';
import { serviceAssumes } from './service-trust.js';

/** Where a resource of the technique lives: `{p}` partition, `{r}` region, `{a}` account, `{n}` name. */
export type Template = string;

export interface NewComputeVariant {
  /** The create / run actions, in order; each with its resource template. */
  steps: readonly { action: string; resource: Template }[];
  /**
   * EC2: the variant makes the instance profile itself (for a role in none); the other EC2
   * variants need one the role is already in.
   */
  createsInstanceProfile?: boolean;
  /**
   * EC2: the variant puts the role (in no instance profile) into an existing instance profile of
   * its account, after removing the role that profile holds ("an instance profile can contain
   * only one role": https://docs.aws.amazon.com/IAM/latest/APIReference/API_AddRoleToInstanceProfile.html).
   * Its instance-profile steps act on that profile's ARN.
   */
  reusesInstanceProfile?: boolean;
  /**
   * AWS Batch: the job goes to an existing job queue of the role's account that runs ECS jobs
   * (workloads.json, batch-queues.ts), named `{q}` in the steps; the variant acts in the queue's
   * region, and the queue's compute environment already has Batch's service role.
   */
  existingQueue?: boolean;
  /** The variant needs something the snapshot does not show: its edges are `conditional` (this note). */
  availability?: Availability;
}

/** A fact the snapshot does not hold that a technique needs: `what` it is, the note and its reason. */
export interface Availability {
  note: string;
  reason: string;
  /** What the evidence names (`service availability` when absent). */
  what?: string;
}

export interface NewComputeFamily {
  id: string;
  /** The service principal the role is passed to. */
  service: string;
  /** The resource the technique creates (the `iam:AssociatedResourceArn`). */
  resource: Template;
  variants: readonly NewComputeVariant[];
  /** EC2: the role must be in an instance profile. */
  needsInstanceProfile?: boolean;
  /**
   * The service acts through its service-linked role: the account has it, or the attacker creates
   * it (`iam:CreateServiceLinkedRole` with `iam:AWSServiceName` = `service`).
   */
  serviceLinkedRole?: { service: string; name: string };
  /**
   * The `iam:PassedToService` of the pass is not documented (AWS Batch passes a job role meant
   * for ECS tasks) but is one of these: allowed when every one allows, denied when every one is
   * denied, otherwise conditional on the key (never a guess either way).
   */
  passedToServiceOneOf?: readonly string[];
  /**
   * AWS Data Pipeline, Amazon EMR: the service's own role (a pipeline definition's `role`, a
   * cluster's ServiceRole), a role of the account whose trust admits this service, is passed as
   * well (`iam:PassRole`, `iam:PassedToService` = this service); the family's role is the
   * instance-profile role the activity or step runs with (`resourceRole`, JobFlowRole).
   */
  pipelineRoleTrustedBy?: string;
  /** The service is not open to every account: every edge is `conditional` on it (this note). */
  availability?: Availability;
}

const FN = 'arn:{p}:lambda:{r}:{a}:function:{n}';
const TASK_DEF = 'arn:{p}:ecs:{r}:{a}:task-definition/{n}:1';
const GLUE_JOB = 'arn:{p}:glue:{r}:{a}:job/{n}';
const GLUE_SESSION = 'arn:{p}:glue:{r}:{a}:session/{n}';
const PROJECT = 'arn:{p}:codebuild:{r}:{a}:project/{n}';
const STACK = 'arn:{p}:cloudformation:{r}:{a}:stack/{n}/zz';
/** A stack set (its administration role only assumes execution roles: stack-sets.ts). */
export const STACKSET: Template = 'arn:{p}:cloudformation:{r}:{a}:stackset/{n}:zz';
const NOTEBOOK = 'arn:{p}:sagemaker:{r}:{a}:notebook-instance/{n}';
const INTERPRETER = 'arn:{p}:bedrock-agentcore:{r}:{a}:code-interpreter-custom/{n}';
const BROWSER = 'arn:{p}:bedrock-agentcore:{r}:{a}:browser-custom/{n}';
const AGENT_RUNTIME = 'arn:{p}:bedrock-agentcore:{r}:{a}:runtime/{n}';
const INSTANCE = 'arn:{p}:ec2:{r}:{a}:instance/{n}';
const INSTANCE_PROFILE = 'arn:{p}:iam::{a}:instance-profile/{n}';
const AMPLIFY_APP = 'arn:{p}:amplify:{r}:{a}:apps/{n}';
const BATCH_JOB_QUEUE = 'arn:{p}:batch:{r}:{a}:job-queue/{n}';
const BATCH_JOB_DEFINITION = 'arn:{p}:batch:{r}:{a}:job-definition/{n}:1';
const EMR_CLUSTER = 'arn:{p}:elasticmapreduce:{r}:{a}:cluster/{n}';
const GAMELIFT_FLEET = 'arn:{p}:gamelift:{r}:{a}:fleet/{n}';
const IMAGEBUILDER_INFRA = 'arn:{p}:imagebuilder:{r}:{a}:infrastructure-configuration/{n}';
const IMAGEBUILDER_COMPONENT = 'arn:{p}:imagebuilder:{r}:{a}:component/{n}/1.0.0/1';
const IMAGEBUILDER_RECIPE = 'arn:{p}:imagebuilder:{r}:{a}:image-recipe/{n}/1.0.0';
const IMAGEBUILDER_IMAGE = 'arn:{p}:imagebuilder:{r}:{a}:image/{n}/1.0.0/1';
const STATE_MACHINE = 'arn:{p}:states:{r}:{a}:stateMachine:{n}';
const SCHEDULE = 'arn:{p}:scheduler:{r}:{a}:schedule/default/{n}';
const SSM_DOCUMENT = 'arn:{p}:ssm:{r}:{a}:document/{n}';
const EMR_SERVERLESS_APP = 'arn:{p}:emr-serverless:{r}:{a}:/applications/{n}';
const FLINK_APP = 'arn:{p}:kinesisanalytics:{r}:{a}:application/{n}';
const OMICS_WORKFLOW = 'arn:{p}:omics:{r}:{a}:workflow/{n}';
const OMICS_RUN = 'arn:{p}:omics:{r}:{a}:run/{n}';
const PIPELINE = 'arn:{p}:datapipeline:{r}:{a}:pipeline/{n}';
/** Note of the Data Pipeline edges: whether the account may still create pipelines is not known. */
export const DATAPIPELINE_AVAILABILITY_UNKNOWN = 'datapipeline-availability-unknown';
const LAUNCH_CONFIGURATION =
  'arn:{p}:autoscaling:{r}:{a}:launchConfiguration:zz:launchConfigurationName/{n}';

/**
 * The role put into an instance profile, then the launch (`launch`: RunInstances or
 * RequestSpotInstances): a new profile (`create`), or an existing one emptied first with
 * `iam:RemoveRoleFromInstanceProfile` (`reuse`).
 */
function withInstanceProfile(
  how: 'create' | 'reuse',
  launch: { action: string; resource: Template },
): NewComputeVariant {
  const first =
    how === 'create' ? 'iam:CreateInstanceProfile' : 'iam:RemoveRoleFromInstanceProfile';
  return {
    ...(how === 'create' ? { createsInstanceProfile: true } : { reusesInstanceProfile: true }),
    steps: [
      { action: first, resource: INSTANCE_PROFILE },
      { action: 'iam:AddRoleToInstanceProfile', resource: INSTANCE_PROFILE },
      launch,
    ],
  };
}
const REMOVE_FROM_PROFILE = ['iam:RemoveRoleFromInstanceProfile'] as const;

const RUN_INSTANCES = { action: 'ec2:RunInstances', resource: INSTANCE };
const REQUEST_SPOT = {
  action: 'ec2:RequestSpotInstances',
  resource: 'arn:{p}:ec2:{r}:{a}:spot-instances-request/{n}',
};

/** The new-compute techniques (one family per service). */
export const NEW_COMPUTE_FAMILIES: readonly NewComputeFamily[] = [
  {
    id: 'lambda',
    service: 'lambda.amazonaws.com',
    resource: FN,
    variants: [
      {
        steps: [
          { action: 'lambda:CreateFunction', resource: FN },
          { action: 'lambda:InvokeFunction', resource: FN },
        ],
      },
      {
        steps: [
          { action: 'lambda:CreateFunction', resource: FN },
          {
            action: 'lambda:CreateEventSourceMapping',
            resource: 'arn:{p}:lambda:{r}:{a}:event-source-mapping:zz',
          },
        ],
      },
      {
        steps: [
          { action: 'lambda:CreateFunction', resource: FN },
          { action: 'lambda:AddPermission', resource: FN },
        ],
      },
    ],
  },
  {
    id: 'ec2',
    service: 'ec2.amazonaws.com',
    resource: INSTANCE,
    needsInstanceProfile: true,
    variants: [
      { steps: [RUN_INSTANCES] },
      { steps: [REQUEST_SPOT] },
      withInstanceProfile('create', RUN_INSTANCES),
      withInstanceProfile('create', REQUEST_SPOT),
      withInstanceProfile('reuse', RUN_INSTANCES),
      withInstanceProfile('reuse', REQUEST_SPOT),
    ],
  },
  {
    // EC2 Auto Scaling launches the instances with its service-linked role; the launch
    // configuration names the instance profile, so the caller needs no ec2:RunInstances.
    id: 'autoscaling',
    service: 'ec2.amazonaws.com',
    resource: LAUNCH_CONFIGURATION,
    needsInstanceProfile: true,
    serviceLinkedRole: {
      service: 'autoscaling.amazonaws.com',
      name: 'AWSServiceRoleForAutoScaling',
    },
    variants: [
      {
        steps: [
          { action: 'autoscaling:CreateLaunchConfiguration', resource: LAUNCH_CONFIGURATION },
          {
            action: 'autoscaling:CreateAutoScalingGroup',
            resource: 'arn:{p}:autoscaling:{r}:{a}:autoScalingGroup:zz:autoScalingGroupName/{n}',
          },
        ],
      },
    ],
  },
  {
    // AWS Data Pipeline (Rhino Security Labs privesc 21, BishopFox/iam-vulnerable
    // privesc21-PassExistingRoleToNewDataPipeline): a pipeline whose ShellCommandActivity runs on
    // an Ec2Resource; the instance gets the definition's resourceRole through its instance
    // profile, and Data Pipeline launches it with the definition's role. Which
    // iam:PassedToService the resource role's pass carries is not documented.
    id: 'datapipeline',
    service: 'ec2.amazonaws.com',
    resource: PIPELINE,
    needsInstanceProfile: true,
    passedToServiceOneOf: ['datapipeline.amazonaws.com', 'ec2.amazonaws.com'],
    pipelineRoleTrustedBy: 'datapipeline.amazonaws.com',
    availability: {
      note: DATAPIPELINE_AVAILABILITY_UNKNOWN,
      reason:
        'AWS Data Pipeline is no longer available to new customers (existing customers may still create pipelines); the snapshot does not show whether this account is one',
    },
    variants: [
      {
        steps: [
          { action: 'datapipeline:CreatePipeline', resource: PIPELINE },
          { action: 'datapipeline:PutPipelineDefinition', resource: PIPELINE },
          { action: 'datapipeline:ActivatePipeline', resource: PIPELINE },
        ],
      },
    ],
  },
  {
    // Amazon EMR (pathfinding.cloud emr-001): RunJobFlow starts a cluster whose EC2 instances run
    // the attacker's steps (command-runner.jar) with the JobFlowRole, an instance-profile role;
    // EMR itself acts with a service role trusted by elasticmapreduce.amazonaws.com, passed as
    // well (AmazonEMRFullAccessPolicy_v2 passes the first to ec2.amazonaws.com, the second to
    // elasticmapreduce.amazonaws.com).
    id: 'emr',
    service: 'ec2.amazonaws.com',
    resource: EMR_CLUSTER,
    needsInstanceProfile: true,
    pipelineRoleTrustedBy: 'elasticmapreduce.amazonaws.com',
    variants: [{ steps: [{ action: 'elasticmapreduce:RunJobFlow', resource: EMR_CLUSTER }] }],
  },
  {
    // EC2 Image Builder (pathfinding.cloud imagebuilder-001): an image build runs the attacker's
    // component on an instance launched with the infrastructure configuration's instance profile
    // (the role passed to EC2); Image Builder acts through its service-linked role. The
    // dependent actions the Service Authorization Reference lists for CreateImageRecipe
    // (GetComponent, GetImage, ec2:DescribeImages) and CreateImage (GetImageRecipe,
    // GetInfrastructureConfiguration) are required too.
    id: 'imagebuilder',
    service: 'ec2.amazonaws.com',
    resource: IMAGEBUILDER_INFRA,
    needsInstanceProfile: true,
    serviceLinkedRole: {
      service: 'imagebuilder.amazonaws.com',
      name: 'AWSServiceRoleForImageBuilder',
    },
    variants: [
      {
        steps: [
          { action: 'imagebuilder:CreateComponent', resource: IMAGEBUILDER_COMPONENT },
          { action: 'imagebuilder:CreateImageRecipe', resource: IMAGEBUILDER_RECIPE },
          { action: 'imagebuilder:GetComponent', resource: IMAGEBUILDER_COMPONENT },
          { action: 'imagebuilder:GetImage', resource: IMAGEBUILDER_IMAGE },
          { action: 'ec2:DescribeImages', resource: '*' },
          {
            action: 'imagebuilder:CreateInfrastructureConfiguration',
            resource: IMAGEBUILDER_INFRA,
          },
          { action: 'imagebuilder:CreateImage', resource: IMAGEBUILDER_IMAGE },
          { action: 'imagebuilder:GetImageRecipe', resource: IMAGEBUILDER_RECIPE },
          { action: 'imagebuilder:GetInfrastructureConfiguration', resource: IMAGEBUILDER_INFRA },
        ],
      },
    ],
  },
  {
    id: 'ecs',
    service: 'ecs-tasks.amazonaws.com',
    resource: TASK_DEF,
    variants: ['ecs:RunTask', 'ecs:StartTask']
      .map((run): NewComputeVariant => ({
        steps: [
          { action: 'ecs:RegisterTaskDefinition', resource: TASK_DEF },
          { action: run, resource: TASK_DEF },
        ],
        // StartTask places the task on container instances named in the call (EC2 launch type
        // only): the cluster must have one, which the snapshot does not show.
        ...(run === 'ecs:StartTask' ? { availability: START_TASK_NEEDS_INSTANCE } : {}),
      }))
      .concat([
        {
          steps: [
            { action: 'ecs:RegisterTaskDefinition', resource: TASK_DEF },
            { action: 'ecs:CreateService', resource: 'arn:{p}:ecs:{r}:{a}:service/default/{n}' },
          ],
        },
      ]),
  },
  {
    id: 'glue',
    service: 'glue.amazonaws.com',
    resource: GLUE_JOB,
    variants: [
      {
        steps: [
          { action: 'glue:CreateDevEndpoint', resource: 'arn:{p}:glue:{r}:{a}:devEndpoint/{n}' },
        ],
      },
      {
        steps: [
          { action: 'glue:CreateJob', resource: GLUE_JOB },
          { action: 'glue:StartJobRun', resource: GLUE_JOB },
        ],
      },
      {
        steps: [
          { action: 'glue:CreateJob', resource: GLUE_JOB },
          { action: 'glue:CreateTrigger', resource: 'arn:{p}:glue:{r}:{a}:trigger/{n}' },
        ],
      },
      {
        steps: [
          { action: 'glue:CreateSession', resource: GLUE_SESSION },
          { action: 'glue:RunStatement', resource: GLUE_SESSION },
        ],
      },
    ],
  },
  {
    id: 'codebuild',
    service: 'codebuild.amazonaws.com',
    resource: PROJECT,
    variants: ['codebuild:StartBuild', 'codebuild:StartBuildBatch'].map((start) => ({
      steps: [
        { action: 'codebuild:CreateProject', resource: PROJECT },
        { action: start, resource: PROJECT },
      ],
    })),
  },
  {
    id: 'cloudformation',
    service: 'cloudformation.amazonaws.com',
    resource: STACK,
    variants: [
      { steps: [{ action: 'cloudformation:CreateStack', resource: STACK }] },
      {
        steps: [
          { action: 'cloudformation:CreateChangeSet', resource: STACK },
          { action: 'cloudformation:ExecuteChangeSet', resource: STACK },
        ],
      },
    ],
  },
  {
    id: 'sagemaker',
    service: 'sagemaker.amazonaws.com',
    resource: NOTEBOOK,
    variants: [
      {
        steps: [
          { action: 'sagemaker:CreateNotebookInstance', resource: NOTEBOOK },
          { action: 'sagemaker:CreatePresignedNotebookInstanceUrl', resource: NOTEBOOK },
        ],
      },
      {
        steps: [
          {
            action: 'sagemaker:CreateTrainingJob',
            resource: 'arn:{p}:sagemaker:{r}:{a}:training-job/{n}',
          },
        ],
      },
      {
        steps: [
          {
            action: 'sagemaker:CreateProcessingJob',
            resource: 'arn:{p}:sagemaker:{r}:{a}:processing-job/{n}',
          },
        ],
      },
      {
        // The tuning job launches training jobs with its training job definition's RoleArn
        // (https://docs.aws.amazon.com/sagemaker/latest/APIReference/API_HyperParameterTrainingJobDefinition.html).
        steps: [
          {
            action: 'sagemaker:CreateHyperParameterTuningJob',
            resource: 'arn:{p}:sagemaker:{r}:{a}:hyper-parameter-tuning-job/{n}',
          },
        ],
      },
    ],
  },
  {
    id: 'apprunner',
    service: 'tasks.apprunner.amazonaws.com',
    resource: 'arn:{p}:apprunner:{r}:{a}:service/{n}/zz',
    variants: [
      {
        steps: [
          {
            action: 'apprunner:CreateService',
            resource: 'arn:{p}:apprunner:{r}:{a}:service/{n}/zz',
          },
        ],
      },
    ],
  },
  {
    // The app's service role runs its builds (amplify.yml): CreateApp names the role, a branch
    // and a job start the build. The source can be a Git provider outside AWS.
    id: 'amplify',
    service: 'amplify.amazonaws.com',
    resource: AMPLIFY_APP,
    variants: [
      {
        steps: [
          { action: 'amplify:CreateApp', resource: AMPLIFY_APP },
          { action: 'amplify:CreateBranch', resource: `${AMPLIFY_APP}/branches/main` },
          { action: 'amplify:StartJob', resource: `${AMPLIFY_APP}/branches/main/jobs/zz` },
        ],
      },
    ],
  },
  {
    // A hybrid job runs the attacker's algorithm script with the job's execution role.
    id: 'braket',
    service: 'braket.amazonaws.com',
    resource: 'arn:{p}:braket:{r}:{a}:job/{n}',
    variants: [
      { steps: [{ action: 'braket:CreateJob', resource: 'arn:{p}:braket:{r}:{a}:job/{n}' }] },
    ],
  },
  {
    // A state machine's role runs its tasks, AWS SDK integrations among them (any API the role
    // may call): pathfinding.cloud stepfunctions-001.
    id: 'stepfunctions',
    service: 'states.amazonaws.com',
    resource: STATE_MACHINE,
    variants: [
      {
        steps: [
          { action: 'states:CreateStateMachine', resource: STATE_MACHINE },
          { action: 'states:StartExecution', resource: STATE_MACHINE },
        ],
      },
    ],
  },
  {
    // A schedule's execution role calls its target, a universal target being any write API
    // (arn:aws:scheduler:::aws-sdk:<service>:<action>): pathfinding.cloud scheduler-001.
    // The role's trust sees the schedule group as aws:SourceArn (the confused-deputy condition
    // the Scheduler guide shows names `schedule-group/<group>`), not the schedule.
    id: 'scheduler',
    service: 'scheduler.amazonaws.com',
    resource: 'arn:{p}:scheduler:{r}:{a}:schedule-group/default',
    variants: [{ steps: [{ action: 'scheduler:CreateSchedule', resource: SCHEDULE }] }],
  },
  {
    // An Automation runbook of the attacker's (aws:executeScript, aws:executeAwsApi) runs as the
    // AutomationAssumeRole it is started with: pathfinding.cloud ssm-003.
    // The role's trust sees the automation execution as aws:SourceArn
    // (`automation-execution/<id>`, the confused-deputy condition of the Automation guide).
    id: 'ssm-automation',
    service: 'ssm.amazonaws.com',
    resource: 'arn:{p}:ssm:{r}:{a}:automation-execution/{n}',
    variants: [
      {
        steps: [
          { action: 'ssm:CreateDocument', resource: SSM_DOCUMENT },
          {
            action: 'ssm:StartAutomationExecution',
            resource: 'arn:{p}:ssm:{r}:{a}:automation-definition/{n}:$DEFAULT',
          },
        ],
      },
    ],
  },
  {
    // A job run's execution role runs the attacker's Spark script: pathfinding.cloud
    // emr-serverless-001.
    id: 'emr-serverless',
    service: 'emr-serverless.amazonaws.com',
    resource: EMR_SERVERLESS_APP,
    variants: [
      {
        steps: [
          { action: 'emr-serverless:CreateApplication', resource: EMR_SERVERLESS_APP },
          { action: 'emr-serverless:StartJobRun', resource: EMR_SERVERLESS_APP },
        ],
      },
    ],
  },
  {
    // A Managed Service for Apache Flink application runs the attacker's code with its service
    // execution role: pathfinding.cloud kinesisanalytics-001.
    id: 'kinesisanalytics',
    service: 'kinesisanalytics.amazonaws.com',
    resource: FLINK_APP,
    variants: [
      {
        steps: [
          { action: 'kinesisanalytics:CreateApplication', resource: FLINK_APP },
          { action: 'kinesisanalytics:StartApplication', resource: FLINK_APP },
        ],
      },
    ],
  },
  {
    // A HealthOmics run's tasks (the attacker's workflow) run with the run's role:
    // pathfinding.cloud omics-001. StartRun is authorized on the run and on the workflow.
    id: 'omics',
    service: 'omics.amazonaws.com',
    resource: OMICS_RUN,
    variants: [
      {
        steps: [
          { action: 'omics:CreateWorkflow', resource: OMICS_WORKFLOW },
          { action: 'omics:StartRun', resource: OMICS_RUN },
          { action: 'omics:StartRun', resource: OMICS_WORKFLOW },
        ],
      },
    ],
  },
  {
    // A GameLift fleet runs the attacker's build as its game server on instances given the
    // fleet's instance role (InstanceRoleArn; with SHARED_CREDENTIAL_FILE its credentials are in
    // a file on the instance): pathfinding.cloud gamelift-001.
    id: 'gamelift',
    service: 'gamelift.amazonaws.com',
    resource: GAMELIFT_FLEET,
    variants: [
      {
        steps: [
          { action: 'gamelift:CreateBuild', resource: 'arn:{p}:gamelift:{r}:{a}:build/{n}' },
          { action: 'gamelift:CreateFleet', resource: GAMELIFT_FLEET },
        ],
      },
    ],
  },
  {
    // AWS Batch runs a job definition's container as an ECS task with its job role (trusted by
    // ecs-tasks.amazonaws.com); the attacker builds the whole pipeline: a compute environment
    // (served by Batch's service-linked role), a queue, the job definition, the job.
    id: 'batch',
    service: 'ecs-tasks.amazonaws.com',
    resource: BATCH_JOB_DEFINITION,
    passedToServiceOneOf: ['batch.amazonaws.com', 'ecs-tasks.amazonaws.com'],
    serviceLinkedRole: { service: 'batch.amazonaws.com', name: 'AWSServiceRoleForBatch' },
    variants: [
      {
        steps: [
          {
            action: 'batch:CreateComputeEnvironment',
            resource: 'arn:{p}:batch:{r}:{a}:compute-environment/{n}',
          },
          { action: 'batch:CreateJobQueue', resource: BATCH_JOB_QUEUE },
          { action: 'batch:RegisterJobDefinition', resource: BATCH_JOB_DEFINITION },
          // SubmitJob is authorized on the queue and on the job definition.
          { action: 'batch:SubmitJob', resource: BATCH_JOB_QUEUE },
          { action: 'batch:SubmitJob', resource: BATCH_JOB_DEFINITION },
        ],
      },
      {
        // A job definition of the attacker's with the role as job role (on a Fargate queue the
        // same role serves as its execution role, which Fargate requires), submitted to an
        // existing queue.
        existingQueue: true,
        steps: [
          { action: 'batch:RegisterJobDefinition', resource: BATCH_JOB_DEFINITION },
          { action: 'batch:SubmitJob', resource: '{q}' },
          { action: 'batch:SubmitJob', resource: BATCH_JOB_DEFINITION },
        ],
      },
    ],
  },
  {
    // A runtime of the attacker's image with the role as execution role (pathfinding.cloud
    // bedrock-003): its DEFAULT endpoint and workload identity, then a shell command in a session
    // (InvokeAgentRuntimeCommand, decided on the runtime and on the endpoint). New runtimes run
    // commands (runtime-execute-command.html).
    id: 'bedrock-agentcore-runtime',
    service: 'bedrock-agentcore.amazonaws.com',
    resource: AGENT_RUNTIME,
    variants: [
      {
        steps: [
          { action: 'bedrock-agentcore:CreateAgentRuntime', resource: AGENT_RUNTIME },
          {
            action: 'bedrock-agentcore:CreateAgentRuntimeEndpoint',
            resource: `${AGENT_RUNTIME}/runtime-endpoint/DEFAULT`,
          },
          {
            action: 'bedrock-agentcore:CreateWorkloadIdentity',
            resource:
              'arn:{p}:bedrock-agentcore:{r}:{a}:workload-identity-directory/default/workload-identity/{n}',
          },
          { action: 'bedrock-agentcore:InvokeAgentRuntimeCommand', resource: AGENT_RUNTIME },
          {
            action: 'bedrock-agentcore:InvokeAgentRuntimeCommand',
            resource: `${AGENT_RUNTIME}/runtime-endpoint/DEFAULT`,
          },
        ],
      },
    ],
  },
  {
    // A custom browser with the role as execution role (pathfinding.cloud bedrock-006), then a
    // session driven over its automation stream (CDP): the page reads the execution role's
    // credentials from the microVM's metadata service.
    id: 'bedrock-agentcore-browser',
    service: 'bedrock-agentcore.amazonaws.com',
    resource: BROWSER,
    variants: [
      {
        steps: [
          { action: 'bedrock-agentcore:CreateBrowser', resource: BROWSER },
          { action: 'bedrock-agentcore:StartBrowserSession', resource: BROWSER },
          { action: 'bedrock-agentcore:ConnectBrowserAutomationStream', resource: BROWSER },
        ],
      },
    ],
  },
  {
    id: 'bedrock-agentcore',
    service: 'bedrock-agentcore.amazonaws.com',
    resource: INTERPRETER,
    variants: [
      {
        steps: [
          { action: 'bedrock-agentcore:CreateCodeInterpreter', resource: INTERPRETER },
          { action: 'bedrock-agentcore:StartCodeInterpreterSession', resource: INTERPRETER },
          { action: 'bedrock-agentcore:InvokeCodeInterpreter', resource: INTERPRETER },
        ],
      },
    ],
  },
];

const DEFAULT_REGION: Readonly<Record<string, string>> = {
  aws: 'us-east-1',
  'aws-cn': 'cn-north-1',
  'aws-us-gov': 'us-gov-west-1',
};
const FRESH_NAME = 'trustmap-escalation';

/** The service's name without its DNS suffix (`lambda` of `lambda.amazonaws.com`). */
function serviceStem(service: string): string {
  return service.toLowerCase().replace(/\.amazonaws\.com(\.cn)?$/, '');
}

export interface Place {
  partition: string;
  region: string;
  account: string;
  name: string;
  /** An existing AWS Batch job queue the job goes to (`{q}`). */
  queue?: Workload;
}

export function fill(t: Template, at: Place): string {
  if (t === '{q}') return at.queue?.arn ?? '';
  return t
    .replaceAll('{p}', at.partition)
    .replaceAll('{r}', at.region)
    .replaceAll('{a}', at.account)
    .replaceAll('{n}', at.name);
}

function concrete(s: string): string {
  return s.replace(/\*/g, 'zz').replace(/\?/g, 'z');
}

/**
 * The places (region, name) the attacker may create the resource at: where its Allow statements
 * for `action` point (made concrete), then a fresh name in the partition's first region.
 */
export function placesFor(
  attacker: CallerProfile,
  action: string,
  template: Template,
  partition: string,
  account: string,
): Place[] {
  const out: Place[] = [];
  const seen = new Set<string>();
  const [, , service = '', , , ...rest] = template.split(':');
  const resourceTemplate = rest.join(':');
  const typePrefix = resourceTemplate.slice(0, resourceTemplate.indexOf('{n}'));
  const add = (region: string, name: string): void => {
    const key = `${region}|${name}`;
    if (seen.has(key) || out.length >= 6) return;
    seen.add(key);
    out.push({ partition, region, account, name });
  };
  for (const policy of attacker.identityPolicies)
    for (const stmt of policy.statements) {
      if (stmt.effect !== 'Allow' || !statementMatchesAction(stmt, action)) continue;
      for (const pattern of statementView(stmt).resources ?? []) {
        if (pattern === '*' || pattern.includes('${')) continue;
        const parts = pattern.split(':');
        if (parts.length < 6 || (parts[2] !== service && parts[2] !== '*')) continue;
        const acct = parts[4] ?? '';
        if (acct !== account && acct !== '*' && acct !== '') continue;
        const res = parts.slice(5).join(':');
        if (!res.startsWith(typePrefix)) continue;
        const name = concrete(res.slice(typePrefix.length)).split(/[/:]/)[0] ?? '';
        if (name === '') continue;
        const region =
          parts[3] === '' || parts[3] === undefined
            ? (DEFAULT_REGION[partition] ?? 'us-east-1')
            : concrete(parts[3]);
        add(region, name);
      }
    }
  add(DEFAULT_REGION[partition] ?? 'us-east-1', FRESH_NAME);
  return out;
}

/** Adds the new-compute edges (attacker → role). */
export function addPassRoleEdges(
  esc: EscalationContext,
  rolesByArn: ReadonlyMap<string, Role>,
): void {
  const { model } = esc.build;
  const index = new PermissionIndex(esc.attackers(), ['iam:PassRole'], rolePatternKey);
  let workloads: ReadonlyMap<string, ReadonlyMap<string, Workload[]>> | undefined;
  let profiles: ReadonlyMap<string, readonly string[]> | undefined;
  for (const role of model.roles.values()) {
    if (role.serviceLinked || !esc.inScope(role.accountId)) continue;
    const families = familiesTrusted(role);
    if (families.length === 0) continue;
    const candidates = index.candidates(role.accountId, role.arn, role.accountId);
    if (candidates.size === 0) continue;
    const hasProfile = (rolesByArn.get(role.arn)?.instanceProfileArns?.length ?? 0) > 0;
    for (const attacker of candidates) {
      if (attacker.key === role.arn) continue;
      for (const family of families) {
        for (const variant of family.variants) {
          // A role already in an instance profile needs no new one; a role in none needs one.
          const putsInProfile =
            variant.createsInstanceProfile === true || variant.reusesInstanceProfile === true;
          if (family.needsInstanceProfile === true && hasProfile === putsInProfile) continue;
          const first = variant.steps[0];
          if (first === undefined || !esc.holdsAny(attacker, actionsOf(variant))) continue;
          if (variant.reusesInstanceProfile === true) {
            if (!esc.holdsAny(attacker, REMOVE_FROM_PROFILE)) continue;
            profiles ??= instanceProfilesByAccount(rolesByArn);
            for (const profile of profiles.get(role.accountId) ?? [])
              if (tryVariant(esc, attacker, role, family, variant, profile)) break;
            continue;
          }
          tryVariant(esc, attacker, role, family, variant);
        }
        for (const swap of ROLE_SWAPS[family.id] ?? []) {
          workloads ??= workloadsByAccount(esc);
          const ofType = workloads.get(role.accountId)?.get(swap.workloadType) ?? [];
          if (ofType.length === 0) continue;
          // A role in no instance profile is put into one first (a new one, or one emptied).
          let prefix: readonly Step[] | undefined = [];
          if (swap.instanceProfile !== undefined && !hasProfile) {
            profiles ??= instanceProfilesByAccount(rolesByArn);
            prefix = intoInstanceProfile(esc, attacker, role, profiles.get(role.accountId) ?? []);
          }
          const assumes = (arn: string): Step => serviceAssumes(esc, role, family.service, arn);
          if (prefix !== undefined)
            swapWorkloadRole(esc, swap, family.service, attacker, role, ofType, assumes, prefix);
          // Or the role put into the profile an instance already has, in place of its role.
          if (swap.instanceProfile === undefined) continue;
          for (const w of ofType) {
            const profile = instanceProfileOf(w, rolesByArn);
            if (profile === undefined || w.roleArn === role.arn) continue;
            const refill = refillInstanceProfile(esc, attacker, role, profile);
            if (refill === undefined) continue;
            const one = [w];
            swapWorkloadRole(
              esc,
              EC2_PROFILE_REFILL,
              family.service,
              attacker,
              role,
              one,
              assumes,
              refill,
            );
          }
        }
      }
    }
  }
}

/** By trust statements (shared by every role with the same trust text). */
const FAMILIES = new WeakMap<object, NewComputeFamily[]>();

const VARIANT_ACTIONS = new WeakMap<NewComputeVariant, readonly string[]>();

/** The actions of a variant, one list per variant (the holdsAny cache is keyed by the list). */
function actionsOf(variant: NewComputeVariant): readonly string[] {
  let list = VARIANT_ACTIONS.get(variant);
  if (!list) VARIANT_ACTIONS.set(variant, (list = variant.steps.map((s) => s.action)));
  return list;
}

function familiesTrusted(role: RoleProfile): NewComputeFamily[] {
  let cached = FAMILIES.get(role.trustPolicy.statements);
  if (cached === undefined) {
    cached = computeFamilies(role);
    FAMILIES.set(role.trustPolicy.statements, cached);
  }
  return cached;
}

function computeFamilies(role: RoleProfile): NewComputeFamily[] {
  const services = new Set<string>();
  let wildcard = false;
  for (const ref of principalReferences(role.trustPolicy)) {
    if (ref.type === 'service') services.add(serviceStem(ref.service));
    if (ref.type === 'wildcard') wildcard = true;
  }
  return NEW_COMPUTE_FAMILIES.filter((f) => wildcard || services.has(serviceStem(f.service)));
}

/**
 * The iam:PassRole that AddRoleToInstanceProfile asks for on the role, with
 * iam:AssociatedResourceArn `arn:…:ec2:*:<caller account>:instance/*` (its API reference); which
 * iam:PassedToService it carries is not documented, so that key stays unknown.
 */
function passToProfile(esc: EscalationContext, attacker: CallerProfile, role: RoleProfile): Step {
  return esc.decide(attacker, 'iam:PassRole', role.arn, role.accountId, esc.roleFacts(role), {
    known: {
      'iam:AssociatedResourceArn': `arn:${role.partition}:ec2:*:${attacker.accountId ?? role.accountId}:instance/*`,
    },
  });
}

const ADD_TO_PROFILE = ['iam:AddRoleToInstanceProfile'] as const;
const CREATE_PROFILE = ['iam:CreateInstanceProfile'] as const;

/**
 * The steps that put `role`, in no instance profile, into one that an existing instance can be
 * given: a new profile (CreateInstanceProfile + AddRoleToInstanceProfile, named where the
 * attacker's statements point or fresh) or one of `existing` (its account's) emptied first
 * (RemoveRoleFromInstanceProfile + AddRoleToInstanceProfile: "an instance profile can contain
 * only one role"), with the PassRole AddRoleToInstanceProfile asks for. The first way allowed,
 * else the first not denied; undefined when every way is denied.
 */
function intoInstanceProfile(
  esc: EscalationContext,
  attacker: CallerProfile,
  role: RoleProfile,
  existing: readonly string[],
): Step[] | undefined {
  if (!esc.holdsAny(attacker, ADD_TO_PROFILE)) return undefined;
  const account = role.accountId;
  const facts = esc.accountFacts(account);
  const ways: Step[][] = [];
  const tryWay = (first: string, profile: string): void => {
    const make = esc.decide(attacker, first, profile, account, facts);
    if (make.result.decision === 'deny') return;
    const add = esc.decide(attacker, 'iam:AddRoleToInstanceProfile', profile, account, facts);
    if (add.result.decision !== 'deny') ways.push([make, add]);
  };
  if (esc.holdsAny(attacker, CREATE_PROFILE))
    for (const place of placesFor(
      attacker,
      'iam:CreateInstanceProfile',
      INSTANCE_PROFILE,
      role.partition,
      account,
    )) {
      const profile = fill(INSTANCE_PROFILE, place);
      if (!existing.includes(profile)) tryWay('iam:CreateInstanceProfile', profile);
    }
  if (esc.holdsAny(attacker, REMOVE_FROM_PROFILE))
    for (const profile of existing) tryWay('iam:RemoveRoleFromInstanceProfile', profile);
  const way = ways.find((w) => w.every((s) => s.result.decision === 'allow')) ?? ways[0];
  if (way === undefined) return undefined;
  const pass = passToProfile(esc, attacker, role);
  return pass.result.decision === 'deny' ? undefined : [pass, ...way];
}

/**
 * The instance profile an instance has: its `InstanceProfileArn`, else the only profile its role
 * is in (an instance profile holds one role, so that profile is the one); undefined otherwise.
 */
function instanceProfileOf(w: Workload, rolesByArn: ReadonlyMap<string, Role>): string | undefined {
  if (w.instanceProfileArn !== undefined) return w.instanceProfileArn;
  const profiles =
    w.roleArn === undefined ? undefined : rolesByArn.get(w.roleArn)?.instanceProfileArns;
  return profiles?.length === 1 ? profiles[0] : undefined;
}

/**
 * The steps that put `role` into `profile` in place of the role it holds (RemoveRoleFromInstanceProfile
 * + AddRoleToInstanceProfile, with the PassRole the latter asks for); undefined when one is denied.
 */
function refillInstanceProfile(
  esc: EscalationContext,
  attacker: CallerProfile,
  role: RoleProfile,
  profile: string,
): Step[] | undefined {
  if (!esc.holdsAny(attacker, REMOVE_FROM_PROFILE) || !esc.holdsAny(attacker, ADD_TO_PROFILE))
    return undefined;
  const facts = esc.accountFacts(role.accountId);
  const steps: Step[] = [passToProfile(esc, attacker, role)];
  for (const action of ['iam:RemoveRoleFromInstanceProfile', 'iam:AddRoleToInstanceProfile'])
    steps.push(esc.decide(attacker, action, profile, role.accountId, facts));
  return steps.some((s) => s.result.decision === 'deny') ? undefined : steps;
}

/** The instance profiles of each account (each holds a role: iam.json lists them under it), sorted. */
function instanceProfilesByAccount(
  rolesByArn: ReadonlyMap<string, Role>,
): ReadonlyMap<string, readonly string[]> {
  const out = new Map<string, Set<string>>();
  for (const r of rolesByArn.values())
    for (const arn of r.instanceProfileArns ?? []) {
      let set = out.get(r.accountId);
      if (!set) out.set(r.accountId, (set = new Set()));
      set.add(arn);
    }
  return new Map([...out].map(([a, set]) => [a, [...set].sort()]));
}

/**
 * Tries one variant for one attacker and role; `profile`: the existing instance profile a
 * `reusesInstanceProfile` variant acts on. True when an `allow` edge was added.
 */
function tryVariant(
  esc: EscalationContext,
  attacker: CallerProfile,
  role: RoleProfile,
  family: NewComputeFamily,
  variant: NewComputeVariant,
  profile?: string,
): boolean {
  const first = variant.steps[0];
  if (first === undefined) return false;
  const account = role.accountId;
  const facts = esc.accountFacts(account);
  const technique = [...new Set(['iam:PassRole', ...variant.steps.map((s) => s.action)])].join('+');
  const places = placesFor(attacker, first.action, first.resource, role.partition, account);
  for (const place of variant.existingQueue === true ? inQueues(esc, places, account) : places) {
    const created = fill(family.resource, place);
    // At an existing queue the calls go to its region: a fact, not the caller's choice.
    const known =
      place.queue === undefined
        ? undefined
        : { 'aws:RequestedRegion': workloadRegion(place.queue) };
    const steps: Step[] = [];
    for (const s of variant.steps) {
      const step = esc.decide(
        attacker,
        s.action,
        profile !== undefined && s.resource === INSTANCE_PROFILE
          ? profile
          : fill(s.resource, place),
        account,
        facts,
        known === undefined ? {} : { known },
      );
      steps.push(step);
      if (step.result.decision === 'deny') break;
    }
    if (steps.some((s) => s.result.decision === 'deny')) continue;
    let techniqueHere = technique;
    if (family.serviceLinkedRole !== undefined && place.queue === undefined) {
      const { service, name } = family.serviceLinkedRole;
      const slr = `arn:${role.partition}:iam::${account}:role/aws-service-role/${service}/${name}`;
      if (!esc.build.model.roles.has(slr)) {
        const create = esc.decide(attacker, 'iam:CreateServiceLinkedRole', slr, account, facts, {
          known: { 'iam:AWSServiceName': service },
        });
        if (create.result.decision === 'deny') continue;
        steps.push(create);
        techniqueHere = `${technique}+iam:CreateServiceLinkedRole`;
      }
    }
    const pass = passRoleStep(esc, attacker, role, family, created);
    if (pass.result.decision === 'deny') continue;
    const passes = [pass];
    if (variant.createsInstanceProfile === true || variant.reusesInstanceProfile === true) {
      const toProfile = passToProfile(esc, attacker, role);
      if (toProfile.result.decision === 'deny') continue;
      passes.push(toProfile);
    }
    const trust = serviceAssumes(esc, role, family.service, created);
    if (trust.result.decision === 'deny') return false;
    if (family.pipelineRoleTrustedBy !== undefined) {
      const pipelineRole = pipelineRolePass(
        esc,
        attacker,
        account,
        family.pipelineRoleTrustedBy,
        created,
      );
      if (pipelineRole === undefined) continue;
      passes.push(...pipelineRole);
    }
    const all = [...passes, ...steps, trust];
    const availability = variant.availability ?? family.availability;
    if (availability !== undefined) all.push(availabilityStep(availability, first.action, created));
    const added = esc.addEdge(
      attacker.key,
      role.arn,
      techniqueHere,
      all,
      place.queue === undefined ? {} : { workload: place.queue.arn },
    );
    if (added && all.every((s) => s.result.decision === 'allow')) return true;
  }
  return false;
}

/**
 * The places of an existing-queue variant: each queue of the account that runs ECS jobs, with
 * the names the attacker may give its job definition there (`places`' names, in the queue's
 * region).
 */
function inQueues(esc: EscalationContext, places: readonly Place[], account: string): Place[] {
  const out: Place[] = [];
  const names = [...new Set(places.map((p) => p.name))];
  const at = places[0];
  if (at === undefined) return out;
  for (const queue of runnableQueues(esc, account, undefined, undefined))
    for (const name of names) out.push({ ...at, region: workloadRegion(queue), name, queue });
  return out;
}

/**
 * `iam:PassRole` of the role to the family's service for the resource it creates; with
 * `passedToServiceOneOf`, decided for each possible service (see there).
 */
function passRoleStep(
  esc: EscalationContext,
  attacker: CallerProfile,
  role: RoleProfile,
  family: NewComputeFamily,
  created: string,
): Step {
  const decide = (service: string | undefined): Step =>
    esc.decide(attacker, 'iam:PassRole', role.arn, role.accountId, esc.roleFacts(role), {
      known:
        service === undefined
          ? { 'iam:AssociatedResourceArn': created }
          : { 'iam:PassedToService': service, 'iam:AssociatedResourceArn': created },
    });
  const oneOf = family.passedToServiceOneOf;
  if (oneOf === undefined) return decide(family.service);
  const each = oneOf.map(decide);
  if (each.every((s) => s.result.decision === 'deny')) return each[0] ?? decide(undefined);
  if (each.every((s) => s.result.decision === 'allow')) return each[0] ?? decide(undefined);
  return decide(undefined);
}

/**
 * The pass of a pipeline role (Data Pipeline): a role of `account` other than a service-linked
 * one whose trust names `service`, that the attacker may pass to it for `created` and whose trust
 * admits it; the first allowed (else the first conditional) pass and trust, undefined when none.
 */
function pipelineRolePass(
  esc: EscalationContext,
  attacker: CallerProfile,
  account: string,
  service: string,
  created: string,
): Step[] | undefined {
  let best: Step[] | undefined;
  const stem = serviceStem(service);
  for (const role of esc.build.model.roles.values()) {
    if (role.accountId !== account || role.serviceLinked) continue;
    const named = principalReferences(role.trustPolicy).some(
      (r) => r.type === 'wildcard' || (r.type === 'service' && serviceStem(r.service) === stem),
    );
    if (!named) continue;
    const pass = esc.decide(attacker, 'iam:PassRole', role.arn, account, esc.roleFacts(role), {
      known: { 'iam:PassedToService': service, 'iam:AssociatedResourceArn': created },
    });
    if (pass.result.decision === 'deny') continue;
    const trust = serviceAssumes(esc, role, service, created);
    if (trust.result.decision === 'deny') continue;
    const steps = [pass, trust];
    if (steps.every((x) => x.result.decision === 'allow')) return steps;
    best ??= steps;
  }
  return best;
}

/** A step that is conditional on a fact the snapshot does not hold (the service open to the account, an ECS container instance). */
function availabilityStep(a: Availability, action: string, created: string): Step {
  return {
    action,
    resource: created,
    result: {
      decision: 'conditional',
      conditionKeys: [],
      evidence: [
        noteEvidence(
          { kind: 'resource', name: a.what ?? 'service availability', arn: created },
          a.reason,
        ),
      ],
      notes: [a.note],
    },
  };
}

/**
 * Privilege-escalation plants of acme-sandbox (500000000006), docs/demo-organization.md
 * "Privilege escalation": one positive case per technique family, each next to a clean twin that
 * lacks exactly what makes it work — a missing permission, `iam:PassRole` limited to another
 * service by `iam:PassedToService`, a role whose trust does not admit the service, a boundary that
 * caps a self-escalation, an SCP that blocks the technique — and the account's workloads.json.
 */
import { ADMINISTRATOR_ACCESS } from '../aws-managed-policies.js';
import type { AccountBuilder } from '../account-builder.js';
import {
  DATA_PROD,
  MANAGEMENT,
  SANDBOX,
  STACKSETS_EXEC_ROLE,
  STACKSETS_ORG_ADMIN_PATH,
  STACKSETS_ORG_ADMIN_ROLE,
} from '../demo-constants.js';
import { allow, deny, policy, trustAws, trustService } from '../policy-documents.js';

/** SCP id of the technique-blocking SCP (attached to acme-sandbox). */
export const SCP_DENY_GLUE_DEV_ENDPOINTS = 'p-a1b2nogluedev';

/** The SCP that blocks a technique: no Glue development endpoints in the sandbox. */
export function denyGlueDevEndpointsScp(): unknown {
  return policy(deny('glue:CreateDevEndpoint', '*', undefined, 'DenyGlueDevEndpoints'));
}

const FUNCTION_NAME = 'sandbox-deploy-hook';
const INSTANCE_ID = 'i-0e5ca1a7e0000demo';
const GROUP_NAME = 'sandbox-web';
const TEMPLATE_ID = 'lt-0e5ca1a7e0000demo';
const STACK_SET_NAME = 'esc-baseline';
const STACK_SET_ID = '5a1e5e70-0000-4000-8000-000000000006';

/** The sandbox's self-managed stack set (workloads.json). */
function stackSetArn(partition: string, region: string, accountId: string): string {
  return `arn:${partition}:cloudformation:${region}:${accountId}:stackset/${STACK_SET_NAME}:${STACK_SET_ID}`;
}
const BATCH_QUEUE = 'sandbox-jobs';
const BATCH_PAUSED_QUEUE = 'sandbox-paused';
const BATCH_JOB_DEFINITION = 'sandbox-maintenance';
const DEPLOY_APPLICATION = 'sandbox-app';
/** Selects the planted instance by its Name tag; `staging` selects no instance. */
const DEPLOY_GROUPS = [
  ['prod', 'sandbox-app-server'],
  ['staging', 'sandbox-staging-server'],
] as const;

/** Plants the escalation paths and twins into acme-sandbox. */
export function plantEscalation(b: AccountBuilder): void {
  const p = b.partition;
  const a = b.accountId;
  const role = (n: string): string => `arn:${p}:iam::${a}:role/${n}`;
  const user = (n: string): string => `arn:${p}:iam::${a}:user/${n}`;
  const inline = (name: string, ...statements: Parameters<typeof policy>) => ({
    name,
    document: policy(...statements),
  });

  // Targets: administrators reached by the techniques below.
  b.user({ name: 'esc-admin', managed: [ADMINISTRATOR_ACCESS] });
  b.role({
    name: 'esc-ops-admin',
    trust: trustService('ec2.amazonaws.com'),
    managed: [ADMINISTRATOR_ACCESS],
  });
  b.role({
    name: 'esc-lambda-admin',
    trust: trustService('lambda.amazonaws.com'),
    managed: [ADMINISTRATOR_ACCESS],
  });
  b.role({
    name: 'esc-ec2-only-admin',
    trust: trustService('ec2.amazonaws.com'),
    managed: [ADMINISTRATOR_ACCESS],
  });
  b.role({
    name: 'esc-build-admin',
    // Confused-deputy protection (service-trust-without-source stays quiet); the build the
    // attacker starts runs in this account, so it passes.
    trust: trustService('codebuild.amazonaws.com', { StringEquals: { 'aws:SourceAccount': a } }),
    managed: [ADMINISTRATOR_ACCESS],
  });
  b.role({
    name: 'esc-glue-admin',
    trust: trustService('glue.amazonaws.com'),
    managed: [ADMINISTRATOR_ACCESS],
  });
  b.role({
    name: 'esc-hook-admin',
    trust: trustService('lambda.amazonaws.com'),
    managed: [ADMINISTRATOR_ACCESS],
  });
  b.role({
    name: 'esc-instance-admin',
    trust: trustService('ec2.amazonaws.com'),
    managed: [ADMINISTRATOR_ACCESS],
    instanceProfile: true,
  });

  // The stack set's administration role (CloudFormation assumes it for the sandbox's stack
  // sets only) and the execution role it assumes, which creates the template's resources.
  b.role({
    name: 'esc-stackset-admin',
    trust: trustService('cloudformation.amazonaws.com', {
      StringEquals: { 'aws:SourceAccount': a },
    }),
    inline: [
      inline(
        'assume-execution',
        allow('sts:AssumeRole', `arn:${p}:iam::*:role/esc-stackset-execution`),
      ),
    ],
  });
  b.role({
    name: 'esc-stackset-execution',
    trust: trustAws([role('esc-stackset-admin')]),
    managed: [ADMINISTRATOR_ACCESS],
  });

  // The execution role StackSets created for a service-managed stack set of the management
  // account: trusts its StackSets service-linked role, AdministratorAccess.
  b.role({
    name: STACKSETS_EXEC_ROLE,
    trust: trustAws([
      `arn:${p}:iam::${MANAGEMENT}:role${STACKSETS_ORG_ADMIN_PATH}${STACKSETS_ORG_ADMIN_ROLE}`,
    ]),
    managed: [ADMINISTRATOR_ACCESS],
  });

  // 1. Credentials of another principal.
  b.user({
    name: 'esc-key-maker',
    inline: [inline('keys', allow('iam:CreateAccessKey', user('esc-admin')))],
  });
  b.user({
    name: 'esc-key-lister',
    inline: [inline('keys', allow('iam:ListAccessKeys', user('esc-admin')))],
  });

  // 2. Trust rewrite; the twin's boundary does not allow the rewrite.
  const rewrite = allow('iam:UpdateAssumeRolePolicy', role('esc-ops-admin'));
  b.user({ name: 'esc-trust-rewriter', inline: [inline('trust', rewrite)] });
  const readOnlyBoundary = b.customerPolicy({
    name: 'esc-read-only-boundary',
    versions: [policy(allow(['iam:Get*', 'iam:List*'], '*'))],
  });
  b.user({
    name: 'esc-trust-rewriter-bounded',
    inline: [inline('trust', rewrite)],
    boundary: readOnlyBoundary,
  });

  // 3. Self-escalation; the twin's boundary allows the change but caps what it grants.
  const selfEdit = (n: string) => allow('iam:PutUserPolicy', user(n));
  b.user({ name: 'esc-self-editor', inline: [inline('self', selfEdit('esc-self-editor'))] });
  const selfBoundary = b.customerPolicy({
    name: 'esc-self-edit-boundary',
    versions: [policy(allow(['iam:PutUserPolicy', 's3:ListAllMyBuckets'], '*'))],
  });
  b.user({
    name: 'esc-self-editor-bounded',
    inline: [inline('self', selfEdit('esc-self-editor-bounded'))],
    boundary: selfBoundary,
  });

  // 3b. A policy rolled back to an older, broader version (iam:SetDefaultPolicyVersion on the
  // policy attached to the user); the twin's older version is no broader than its default.
  const rollback = (name: string, older: ReturnType<typeof policy>): string => {
    const arn = `arn:${p}:iam::${a}:policy/${name}`;
    return b.customerPolicy({
      name,
      versions: [
        older,
        policy(allow('iam:SetDefaultPolicyVersion', arn), allow('s3:ListAllMyBuckets', '*')),
      ],
    });
  };
  b.user({
    name: 'esc-policy-rollback',
    managed: [rollback('esc-rollback-policy', policy(allow('*', '*')))],
  });
  b.user({
    name: 'esc-policy-rollback-narrow',
    managed: [
      rollback(
        'esc-rollback-narrow-policy',
        policy(allow(['s3:ListAllMyBuckets', 's3:GetObject'], '*')),
      ),
    ],
  });

  // 4. Pass a role to new compute, with its four twins.
  const lambdaCreate = allow(['lambda:CreateFunction', 'lambda:InvokeFunction'], '*');
  b.user({
    name: 'esc-lambda-dev',
    inline: [inline('lambda', lambdaCreate, allow('iam:PassRole', role('esc-lambda-admin')))],
  });
  b.user({
    name: 'esc-lambda-dev-no-invoke',
    inline: [
      inline(
        'lambda',
        allow('lambda:CreateFunction', '*'),
        allow('iam:PassRole', role('esc-lambda-admin')),
      ),
    ],
  });
  b.user({
    name: 'esc-lambda-dev-ec2-only',
    inline: [
      inline(
        'lambda',
        lambdaCreate,
        allow('iam:PassRole', role('esc-lambda-admin'), {
          StringEquals: { 'iam:PassedToService': 'ec2.amazonaws.com' },
        }),
      ),
    ],
  });
  b.user({
    name: 'esc-lambda-dev-wrong-role',
    inline: [inline('lambda', lambdaCreate, allow('iam:PassRole', role('esc-ec2-only-admin')))],
  });
  b.user({
    name: 'esc-build-dev',
    inline: [
      inline(
        'build',
        allow(['codebuild:CreateProject', 'codebuild:StartBuild'], '*'),
        allow('iam:PassRole', role('esc-build-admin')),
      ),
    ],
  });
  // Blocked by the DenyGlueDevEndpoints SCP of the account.
  b.user({
    name: 'esc-glue-dev',
    inline: [
      inline(
        'glue',
        allow('glue:CreateDevEndpoint', '*'),
        allow('iam:PassRole', role('esc-glue-admin')),
      ),
    ],
  });

  // 5. Take over an existing workload (workloads.json).
  const fn = `arn:${p}:lambda:${b.region}:${a}:function:${FUNCTION_NAME}`;
  b.user({
    name: 'esc-function-editor',
    inline: [inline('fn', allow(['lambda:UpdateFunctionCode', 'lambda:InvokeFunction'], fn))],
  });
  b.user({
    name: 'esc-function-viewer',
    inline: [inline('fn', allow(['lambda:UpdateFunctionCode', 'lambda:GetFunction'], fn))],
  });
  // The stack set names a customized administration role: an update must pass it again.
  const stackSet = stackSetArn(p, b.region, a);
  b.user({
    name: 'esc-stackset-updater',
    inline: [
      inline(
        'stackset',
        allow('cloudformation:UpdateStackSet', stackSet),
        allow('iam:PassRole', role('esc-stackset-admin')),
      ),
    ],
  });
  b.user({
    name: 'esc-stackset-updater-no-pass',
    inline: [inline('stackset', allow('cloudformation:UpdateStackSet', stackSet))],
  });
  const instance = `arn:${p}:ec2:${b.region}:${a}:instance/${INSTANCE_ID}`;
  // SendCommand is authorized on the instance and on the command document it runs.
  const runCommand = [instance, `arn:${p}:ssm:${b.region}::document/AWS-RunShellScript`];
  b.user({
    name: 'esc-ssm-operator',
    inline: [inline('ssm', allow('ssm:SendCommand', runCommand))],
  });
  b.user({
    name: 'esc-ssm-denied',
    inline: [inline('ssm', allow('ssm:SendCommand', runCommand), deny('ssm:SendCommand', '*'))],
  });
  // An existing AWS Batch job definition whose job role is an administrator: a job submitted to
  // the ENABLED queue with its command overridden runs as that role; the paused queue is DISABLED.
  b.role({
    name: 'esc-batch-admin',
    // Confused-deputy protection, as ECS recommends for task roles (the job runs in this account).
    trust: trustService('ecs-tasks.amazonaws.com', { StringEquals: { 'aws:SourceAccount': a } }),
    managed: [ADMINISTRATOR_ACCESS],
  });
  const batchArn = (resource: string): string => `arn:${p}:batch:${b.region}:${a}:${resource}`;
  b.user({
    name: 'esc-batch-submitter',
    inline: [
      inline(
        'batch',
        allow('batch:SubmitJob', [
          batchArn(`job-queue/${BATCH_QUEUE}`),
          batchArn('job-definition/*'),
        ]),
      ),
    ],
  });
  b.user({
    name: 'esc-batch-paused-submitter',
    inline: [
      inline(
        'batch',
        allow('batch:SubmitJob', [
          batchArn(`job-queue/${BATCH_PAUSED_QUEUE}`),
          batchArn('job-definition/*'),
        ]),
      ),
    ],
  });
  // A deployment of the attacker's revision to an existing CodeDeploy deployment group (Server)
  // runs its hooks as root on the instance it selects by tag, as esc-instance-admin
  // (pathfinding-labs codedeploy-001); the twin may deploy only to a group that selects none.
  const deployArn = (resource: string): string =>
    `arn:${p}:codedeploy:${b.region}:${a}:${resource}`;
  for (const [name, group] of [
    ['esc-code-deployer', 'prod'],
    ['esc-code-deployer-staging', 'staging'],
  ] as const)
    b.user({
      name,
      inline: [
        inline(
          'deploy',
          allow(
            'codedeploy:CreateDeployment',
            deployArn(`deploymentgroup:${DEPLOY_APPLICATION}/${group}`),
          ),
          allow(
            ['codedeploy:RegisterApplicationRevision', 'codedeploy:GetApplicationRevision'],
            deployArn(`application:${DEPLOY_APPLICATION}`),
          ),
          allow('codedeploy:GetDeploymentConfig', deployArn('deploymentconfig:*')),
        ),
      ],
    });
  // A new version of the launch template of an Auto Scaling group on $Default (pathfinding.cloud
  // ec2-005): any role in an instance profile, no iam:PassRole; the twin cannot make it the default.
  const template = `arn:${p}:ec2:${b.region}:${a}:launch-template/${TEMPLATE_ID}`;
  b.user({
    name: 'esc-template-editor',
    inline: [
      inline(
        'lt',
        allow(['ec2:CreateLaunchTemplateVersion', 'ec2:ModifyLaunchTemplate'], template),
        allow('autoscaling:SetDesiredCapacity', '*'),
      ),
    ],
  });
  b.user({
    name: 'esc-template-versioner',
    inline: [
      inline(
        'lt',
        allow('ec2:CreateLaunchTemplateVersion', template),
        allow('autoscaling:SetDesiredCapacity', '*'),
      ),
    ],
  });
}

/**
 * workloads.json of an account: the sandbox's planted workloads, and the Lambda functions of
 * planted-resources.ts (`functions`); an empty list elsewhere.
 */
export function demoWorkloads(
  accountId: string,
  partition: string,
  region: string,
  functions: readonly unknown[] = [],
): unknown {
  if (accountId !== SANDBOX) return { Workloads: [...functions] };
  const role = (n: string): string => `arn:${partition}:iam::${accountId}:role/${n}`;
  const batch = (type: string): string => `arn:${partition}:batch:${region}:${accountId}:${type}`;
  return {
    Workloads: [
      {
        Type: 'lambda-function',
        Arn: `arn:${partition}:lambda:${region}:${accountId}:function:${FUNCTION_NAME}`,
        Name: FUNCTION_NAME,
        Region: region,
        RoleArn: role('esc-hook-admin'),
        // A URL with AuthType NONE that the function policy (none) opens to nobody.
        FunctionUrls: [
          {
            FunctionUrl: 'https://sandboxdeployhook0000000000000000.lambda-url.us-east-1.on.aws/',
            FunctionArn: `arn:${partition}:lambda:${region}:${accountId}:function:${FUNCTION_NAME}`,
            AuthType: 'NONE',
          },
        ],
      },
      {
        Type: 'ec2-instance',
        Arn: `arn:${partition}:ec2:${region}:${accountId}:instance/${INSTANCE_ID}`,
        Name: INSTANCE_ID,
        Region: region,
        InstanceProfileArn: `arn:${partition}:iam::${accountId}:instance-profile/esc-instance-admin`,
        Tags: [{ Key: 'Name', Value: DEPLOY_GROUPS[0][1] }],
      },
      ...DEPLOY_GROUPS.map(([group, tag]) => ({
        Type: 'codedeploy-deployment-group',
        Arn: `arn:${partition}:codedeploy:${region}:${accountId}:deploymentgroup:${DEPLOY_APPLICATION}/${group}`,
        Name: `${DEPLOY_APPLICATION}/${group}`,
        Region: region,
        ApplicationName: DEPLOY_APPLICATION,
        DeploymentGroupName: group,
        ComputePlatform: 'Server',
        DeploymentConfigName: 'CodeDeployDefault.AllAtOnce',
        Ec2TagFilters: [{ Key: 'Name', Value: tag, Type: 'KEY_AND_VALUE' }],
      })),
      {
        Type: 'autoscaling-group',
        Arn: `arn:${partition}:autoscaling:${region}:${accountId}:autoScalingGroup:0e5ca1a7-0000-4000-9000-000000000001:autoScalingGroupName/${GROUP_NAME}`,
        Name: GROUP_NAME,
        Region: region,
        LaunchTemplate: {
          LaunchTemplateId: TEMPLATE_ID,
          LaunchTemplateName: GROUP_NAME,
          Version: '$Default',
          Tags: [],
        },
        MinSize: 0,
        MaxSize: 2,
        DesiredCapacity: 0,
      },
      {
        // Instances in the sandbox and acme-data-prod, whose execution role is not planted.
        Type: 'cloudformation-stack-set',
        Arn: stackSetArn(partition, region, accountId),
        Name: STACK_SET_NAME,
        Region: region,
        PermissionModel: 'SELF_MANAGED',
        AdministrationRoleArn: role('esc-stackset-admin'),
        ExecutionRoleName: 'esc-stackset-execution',
        StackInstances: [
          { Account: accountId, Region: region },
          { Account: DATA_PROD, Region: region },
        ],
      },
      {
        Type: 'batch-job-definition',
        Arn: `${batch('job-definition')}/${BATCH_JOB_DEFINITION}:1`,
        Name: `${BATCH_JOB_DEFINITION}:1`,
        Region: region,
        RoleArn: role('esc-batch-admin'),
        PlatformCapabilities: ['FARGATE'],
      },
      ...[
        [BATCH_QUEUE, 'ENABLED'],
        [BATCH_PAUSED_QUEUE, 'DISABLED'],
      ].map(([name, state]) => ({
        Type: 'batch-job-queue',
        Arn: `${batch('job-queue')}/${name ?? ''}`,
        Name: name,
        Region: region,
        State: state,
        Status: 'VALID',
        ComputeEnvironments: [
          {
            Arn: `${batch('compute-environment')}/sandbox-fargate`,
            State: 'ENABLED',
            Status: 'VALID',
            Type: 'MANAGED',
            ComputeResourcesType: 'FARGATE',
            ContainerOrchestrationType: 'ECS',
          },
        ],
      })),
    ],
  };
}

/**
 * Plain-language text for what the graph draws: each edge kind, each state, each node kind — one
 * table per concept, keyed by the graph model's own unions, so that a kind added to the model is
 * a compile error here until it is explained (the legend, the side panel and the evidence read
 * these tables). Pure.
 */
import { parseArn } from '../../../shared/arn/parse-arn.js';
import type { EdgeKind, NodeKind, ResourceService } from '../../../shared/graph/types.js';
import type { EdgeState } from './edge-state.js';

/** A short name of each edge kind (a column or a badge). */
export const EDGE_KIND_LABELS: Readonly<Record<EdgeKind, string>> = {
  'can-assume': 'can assume',
  'can-access': 'can access (bucket or resource)',
  'member-of': 'member of',
  'dangling-trust': 'trust to a deleted principal',
  'can-sign-in': 'can sign in (Identity Center)',
  'can-escalate': 'can escalate to',
};

/** What an edge of each kind means, as a sentence about its source and target. */
export const EDGE_KIND_MEANINGS: Readonly<Record<EdgeKind, string>> = {
  'can-assume':
    'The source may call sts:AssumeRole (or AssumeRoleWithWebIdentity / WithSAML) on the target role and act with its permissions.',
  'can-access':
    'The source may perform the listed actions on the bucket or resource (KMS key, secret, queue, topic, repository, Lambda function): its identity policies and the resource policy both allow it, and no SCP, RCP or boundary stops it.',
  'member-of': 'The user is a member of the group and has its policies.',
  'dangling-trust':
    'The trust policy names the unique id of a principal that no longer exists: it matches nobody, but a new principal never gets that id back.',
  'can-sign-in':
    "The IAM Identity Center person or group is assigned the permission set in that account: signing in to the AWS access portal gives a session of the permission set's role.",
  'can-escalate':
    "The source can obtain the target's permissions without assuming it — by creating its credentials, rewriting its trust policy, changing policies, passing it to compute it controls or changing the code of a workload that runs as it. Every permission the technique needs is shown as evidence.",
};

/** What each state means for a reviewer. */
export const EDGE_STATE_SENTENCES: Readonly<Record<EdgeState, string>> = {
  public: 'Anyone — any AWS account, or any caller at all — gets this access.',
  external:
    'A principal outside the organization gets this access with no condition to meet (no ExternalId, no claim).',
  conditional:
    'Allowed only when the request meets the conditions listed (ExternalId, MFA, OIDC claims …).',
  internal: 'Inside the organization and unconditional: expected wiring unless it is a surprise.',
};

/** What each node kind is. */
export const NODE_KIND_MEANINGS: Readonly<Record<NodeKind, string>> = {
  account:
    'An AWS account. An edge from an account stands for any principal of it that its own administrators allow.',
  role: 'An IAM role: whoever may assume it acts with its permissions.',
  user: 'An IAM user with long-term credentials.',
  group: 'An IAM group: its members have its policies.',
  service: 'An AWS service that may assume roles on your behalf (lambda.amazonaws.com …).',
  idp: 'An identity provider (SAML or OIDC, e.g. GitHub Actions): its users or tokens may assume roles that trust it.',
  anyone: 'Anyone: a * principal, any AWS account or any caller at all.',
  bucket: 'An S3 bucket: who may read, write, list or administer it is drawn as can-access edges.',
  'sso-user':
    'A person in IAM Identity Center: signs in through the AWS access portal to the permission sets assigned to them or their groups.',
  'sso-group':
    'A group in IAM Identity Center: its members get the permission sets assigned to it.',
  resource:
    'A resource with its own policy — a KMS key, secret, queue, topic, repository or Lambda function: who may use it is drawn as can-access edges, decided by its policy and, for encrypted data, by its key.',
  workload:
    'A workload (Lambda function, EC2 instance, ECS task …) that runs as a role: whoever can change its code or commands acts as that role.',
};

/** What an action group lets its source do to an S3 bucket. */
const BUCKET_VERBS: Readonly<Record<string, string>> = {
  read: 'read objects',
  write: 'write objects',
  list: 'list objects',
  admin: 'administer the bucket (policy, ACL, configuration)',
};

/**
 * What an action group lets its source do to a resource of each service, where the group's own
 * name is not the verb (IAM-SEMANTICS.md §7a: `read` of a queue is receiving its messages).
 */
const RESOURCE_VERBS: Readonly<Record<string, Readonly<Record<string, string>>>> = {
  kms: { admin: 'administer the key (policy, grants)' },
  secretsmanager: {
    read: 'read the secret value',
    write: 'change the secret value',
    admin: 'administer the secret (policy, configuration)',
  },
  sqs: { read: 'receive messages', write: 'send messages' },
  lambda: {
    read: 'read its configuration (environment variables included) or its code',
    modify: 'change its code or configuration',
  },
};

/** A group's verb on a target of no known service: its own name, `admin` spelled out. */
const NEUTRAL_VERBS: Readonly<Record<string, string>> = {
  admin: 'administer it (policy, configuration)',
};

/**
 * One line: what this edge lets its source do, e.g. `can assume the role`, `can read objects`
 * (a bucket), `can read the secret value` (a secret). `target` is the edge's target key: the
 * words of an action group depend on what it is done to.
 */
export function edgeAction(
  attributes: {
    readonly kind?: unknown;
    readonly actionGroup?: unknown;
  },
  target?: string,
): string {
  const kind = attributes.kind;
  const group = attributes.actionGroup;
  if (kind === 'can-access' && typeof group === 'string') {
    const service = target === undefined ? undefined : parseArn(target)?.service;
    const verbs =
      service === 's3'
        ? BUCKET_VERBS
        : service === undefined
          ? NEUTRAL_VERBS
          : (RESOURCE_VERBS[service] ?? NEUTRAL_VERBS);
    return `can ${verbs[group] ?? NEUTRAL_VERBS[group] ?? group}`;
  }
  // A path's hop carries no action group: the evidence under it names the actions.
  if (kind === 'can-access') return 'can access';
  if (kind === 'can-assume') return 'can assume the role';
  if (kind === 'can-sign-in') return 'can sign in to the permission set';
  if (kind === 'can-escalate') return 'can escalate to it';
  if (typeof kind === 'string' && kind in EDGE_KIND_LABELS)
    return EDGE_KIND_LABELS[kind as EdgeKind];
  return typeof kind === 'string' ? kind : 'edge';
}

/** What each service's resource is, for a `resource` node. */
export const RESOURCE_SERVICE_LABELS: Readonly<Record<ResourceService, string>> = {
  kms: 'KMS key: whoever may use it can decrypt what it protects (its key policy decides)',
  secretsmanager: 'Secrets Manager secret (its resource policy and its KMS key decide)',
  sqs: 'SQS queue (its queue policy decides)',
  sns: 'SNS topic (its topic policy decides)',
  ecr: 'ECR repository (its repository policy decides)',
  lambda: 'Lambda function (its function policy decides; it runs as its execution role)',
};

/**
 * What a workload node is, by its `workloadType` (workloads.json's types, DESIGN.md): shown under
 * the node's kind. A type this version does not know shows the generic meaning.
 */
export const WORKLOAD_TYPE_LABELS: Readonly<Record<string, string>> = {
  'lambda-function': 'Lambda function: whoever can change its code runs as its execution role',
  'ec2-instance': 'EC2 instance: whoever can run commands on it acts as its instance profile role',
  'ecs-task-definition': 'ECS task definition: a task started from it runs as its task role',
  'ecs-service': 'ECS service: its tasks run as the task role of its task definition',
  'glue-job': 'Glue job: its script runs as the job role',
  'glue-dev-endpoint': 'Glue development endpoint: whoever may reach it acts as its role',
  'codebuild-project': 'CodeBuild project: a build (its buildspec) runs as the service role',
  'sagemaker-notebook': 'SageMaker notebook instance: its terminal runs as its execution role',
  'cloudformation-stack': 'CloudFormation stack: an update acts with the stack’s service role',
  'apprunner-service': 'App Runner service: its code runs as the instance role',
  'autoscaling-group':
    'EC2 Auto Scaling group: the instances it launches from its launch template run as the template’s instance profile role',
  'batch-job-definition': 'AWS Batch job definition: a job submitted with it runs as its job role',
  'batch-job-queue': 'AWS Batch job queue: where jobs are submitted to run',
  'ecs-cluster': 'ECS cluster: its container instances run the tasks started on EC2',
  'bedrock-agentcore-code-interpreter':
    'Bedrock AgentCore code interpreter: the code it runs acts as its execution role',
  'bedrock-agentcore-browser':
    'Bedrock AgentCore custom browser: a page driven in its sessions can read its execution role credentials',
  'bedrock-agentcore-runtime':
    'Bedrock AgentCore agent runtime: commands run in its sessions act as its execution role',
  'cognito-identity-pool':
    'Cognito identity pool: its tokens let guests or signed-in users assume the roles that trust it',
  'cloudformation-stack-set':
    'CloudFormation stack set: an update deploys through its administration role to the execution role of each target account',
  'stepfunctions-state-machine':
    'Step Functions state machine: its executions run its definition as its role',
  'codedeploy-deployment-group':
    "CodeDeploy deployment group: a deployment's appspec hooks run as root on the EC2 instances it selects, with their instance roles",
};

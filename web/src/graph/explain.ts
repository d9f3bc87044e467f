/**
 * Plain-language text for what the graph draws: each edge kind, each state, each node kind — one
 * table per concept, keyed by the graph model's own unions, so that a kind added to the model is
 * a compile error here until it is explained (the legend, the side panel and the evidence read
 * these tables). Pure.
 */
import type { EdgeKind, NodeKind, ResourceService } from '../../../shared/graph/types.js';
import type { EdgeState } from './edge-state.js';

/** A short name of each edge kind (a column or a badge). */
export const EDGE_KIND_LABELS: Readonly<Record<EdgeKind, string>> = {
  'can-assume': 'can assume',
  'can-access': 'can access bucket',
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
    'The source may perform the listed S3 actions on the bucket: its identity policies and the bucket policy both allow it, and no SCP, RCP or boundary stops it.',
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
    'A resource with its own policy — a KMS key, secret, queue, topic or repository: who may use it is drawn as can-access edges, decided by its policy and, for encrypted data, by its key.',
  workload:
    'A workload (Lambda function, EC2 instance, ECS task …) that runs as a role: whoever can change its code or commands acts as that role.',
};

const ACTION_GROUP_VERBS: Readonly<Record<string, string>> = {
  read: 'read objects',
  write: 'write objects',
  list: 'list objects',
  admin: 'administer the bucket (policy, ACL, configuration)',
};

/** One line: what this edge lets its source do, e.g. `can assume the role` or `can read objects`. */
export function edgeAction(attributes: {
  readonly kind?: unknown;
  readonly actionGroup?: unknown;
}): string {
  const kind = attributes.kind;
  const group = attributes.actionGroup;
  if (kind === 'can-access' && typeof group === 'string')
    return `can ${ACTION_GROUP_VERBS[group] ?? group}`;
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

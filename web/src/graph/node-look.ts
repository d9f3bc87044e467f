/**
 * Colour, shape and size of a node by kind and scope (the legend reads the same tables). Outsiders
 * — `anyone`, identity providers, vendors and unknown external accounts — are "important": always
 * labelled, so the organization view shows who from outside can get in without zooming.
 */
import { parseArn } from '../../../shared/arn/parse-arn.js';
import type {
  AccountScope,
  NodeAttributes,
  NodeKind,
  ResourceService,
} from '../../../shared/graph/types.js';

export type NodeShape = 'circle' | 'square' | 'triangle' | 'diamond';

export const SCOPE_COLORS: Readonly<Record<AccountScope, string>> = {
  org: '#3867d6',
  vendor: '#8854d0',
  external: '#eb3b5a',
};

export const KIND_COLORS: Readonly<Record<NodeKind, string>> = {
  account: SCOPE_COLORS.org,
  role: '#4b7bec',
  user: '#20bf6b',
  group: '#26de81',
  service: '#778ca3',
  idp: '#0fb9b1',
  anyone: '#b71540',
  bucket: '#f7b731',
  resource: '#d35400',
  workload: '#fa8231',
  'sso-user': '#2d98da',
  'sso-group': '#45aaf2',
};

export const KIND_SHAPES: Readonly<Record<NodeKind, NodeShape>> = {
  account: 'circle',
  role: 'circle',
  user: 'circle',
  group: 'circle',
  service: 'square',
  idp: 'triangle',
  anyone: 'diamond',
  bucket: 'square',
  resource: 'square',
  workload: 'triangle',
  'sso-user': 'circle',
  'sso-group': 'circle',
};

export const KIND_LABELS: Readonly<Record<NodeKind, string>> = {
  account: 'Account',
  role: 'Role',
  user: 'User',
  group: 'Group',
  service: 'AWS service',
  idp: 'Identity provider',
  anyone: 'Anyone',
  bucket: 'S3 bucket',
  resource: 'Resource (KMS key, secret, queue, topic, repository, Lambda function)',
  workload: 'Workload (Lambda, EC2 …)',
  'sso-user': 'Person (Identity Center)',
  'sso-group': 'Group (Identity Center)',
};

/** What a `resource` node is, by the service of its ARN. */
const RESOURCE_NOUNS: Readonly<Record<ResourceService, string>> = {
  kms: 'KMS key',
  secretsmanager: 'Secrets Manager secret',
  sqs: 'SQS queue',
  sns: 'SNS topic',
  ecr: 'ECR repository',
  lambda: 'Lambda function',
};

/**
 * A node's kind in words, for one node (a suggestion, a heading): a resource says which
 * (`KMS key`), read from its ARN's service; anything else, or a resource of a service this
 * version does not know, its kind's label.
 */
export function kindLabelOf(kind: NodeKind, key: string): string {
  if (kind !== 'resource') return KIND_LABELS[kind];
  const service = parseArn(key)?.service;
  return service !== undefined && Object.hasOwn(RESOURCE_NOUNS, service)
    ? RESOURCE_NOUNS[service as ResourceService]
    : KIND_LABELS.resource;
}

export const SCOPE_LABELS: Readonly<Record<AccountScope, string>> = {
  org: 'Organization',
  vendor: 'Known vendor',
  external: 'External (unknown)',
};

type LookInput = Pick<NodeAttributes, 'kind' | 'scope' | 'crownJewel' | 'admin'>;

/** Fill colour: accounts (and principals from outside) by scope, the rest by kind. */
export function nodeColor(a: LookInput): string {
  if (a.kind === 'account') return SCOPE_COLORS[a.scope ?? 'external'];
  if (
    (a.kind === 'role' || a.kind === 'user' || a.kind === 'group') &&
    a.scope !== undefined &&
    a.scope !== 'org'
  ) {
    return SCOPE_COLORS[a.scope];
  }
  return KIND_COLORS[a.kind];
}

/** Outsiders and crown jewels are always labelled. */
export function isImportantNode(a: LookInput): boolean {
  if (a.kind === 'anyone' || a.kind === 'idp') return true;
  if (a.crownJewel === true) return true;
  return a.kind === 'account' && a.scope !== 'org';
}

/** Size from kind and degree: log-scaled so hubs stand out without hiding their neighbours. */
export function nodeSize(a: LookInput, degree: number): number {
  const base = a.kind === 'account' ? 5 : a.kind === 'anyone' ? 9 : a.kind === 'idp' ? 7 : 3;
  const important = isImportantNode(a) ? 2 : 0;
  return base + important + Math.min(8, Math.log2(1 + degree));
}

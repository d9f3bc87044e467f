/**
 * The `can-access` edges from outside the organization to its KMS keys and resource-policy
 * resources (IAM-SEMANTICS.md §7a, §9), grouped by (resource, outsider), for the rules
 * `public-resource`, `resource-reachable-from-outside-org` and `kms-key-admin-outside-org`.
 * Outsiders: `*` when the edge is really public (public-edges.ts), external and vendor accounts
 * and their principals.
 */
import type { Evidence } from '../authorize/types.js';
import { ANYONE_KEY } from '../graph/callers/opaque-callers.js';
import type { AccessGraph, ActionGroup, NodeAttributes, ResourceService } from '../graph/types.js';
import type { AuthzModel } from '../authorize/types.js';
import { isPublicEdge } from './public-edges.js';
import { attrsOf, edgesFrom } from './rule-support.js';

export interface OutsideReach {
  resource: string;
  service: ResourceService;
  from: string;
  actions: Set<ActionGroup>;
  evidence: Evidence[][];
  /** Keys of the conditional edges (empty when some edge is allowed). */
  keys: Set<string>;
  allow: boolean;
}

/** Service names in titles. */
export const SERVICE_NOUNS: Readonly<Record<ResourceService, string>> = {
  kms: 'KMS key',
  secretsmanager: 'Secret',
  sqs: 'SQS queue',
  sns: 'SNS topic',
  ecr: 'ECR repository',
  lambda: 'Lambda function',
};

/** Outside reach of the organization's resources, by `resource \0 outsider`. */
export function outsideResourceReach(graph: AccessGraph, model: AuthzModel): OutsideReach[] {
  const groups = new Map<string, OutsideReach>();
  for (const { source, target, attrs } of edgesFrom(
    graph,
    'can-access',
    (k, a) => k === ANYONE_KEY || a.scope === 'external' || a.scope === 'vendor',
  )) {
    const resource = attrsOf(graph, target);
    if (
      resource?.kind !== 'resource' ||
      resource.service === undefined ||
      resource.scope !== 'org' ||
      attrs.actionGroup === undefined
    )
      continue;
    const from = attrsOf(graph, source);
    if (from === undefined) continue;
    const outside =
      source === ANYONE_KEY
        ? isPublicEdge(model, target, attrs)
        : (from.kind === 'account' || from.kind === 'user' || from.kind === 'role') &&
          (from.scope === 'external' || from.scope === 'vendor');
    if (!outside) continue;
    const id = `${target}\u0000${source}`;
    let g = groups.get(id);
    if (g === undefined)
      groups.set(
        id,
        (g = {
          resource: target,
          service: resource.service,
          from: source,
          actions: new Set(),
          evidence: [],
          keys: new Set(),
          allow: false,
        }),
      );
    g.actions.add(attrs.actionGroup);
    g.evidence.push([...attrs.evidence]);
    if (attrs.decision === 'allow') g.allow = true;
    else for (const k of attrs.conditionKeys) g.keys.add(k);
  }
  return [...groups.values()];
}

/** "account 444… (Datadog)", "anyone", or the principal's ARN. */
export function outsiderName(graph: AccessGraph, key: string): string {
  if (key === ANYONE_KEY) return 'anyone';
  const from: NodeAttributes | undefined = attrsOf(graph, key);
  if (from?.kind === 'account')
    return `account ${from.accountId ?? key}${from.vendor !== undefined ? ` (${from.vendor})` : ''}`;
  return key;
}

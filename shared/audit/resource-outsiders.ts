/**
 * The `can-access` edges from outside the organization to its buckets, KMS keys and
 * resource-policy resources (IAM-SEMANTICS.md §7.5, §7a, §9), grouped by (target, outsider), for
 * the rules `bucket-reachable-from-outside-org`, `public-resource`,
 * `resource-reachable-from-outside-org` and `kms-key-admin-outside-org`. Outsiders: `*` when the
 * edge is really public (public-edges.ts), external and vendor accounts and their principals.
 */
import type { Evidence } from '../authorize/types.js';
import { ANYONE_KEY } from '../graph/callers/opaque-callers.js';
import type { AccessGraph, ActionGroup, NodeAttributes, ResourceService } from '../graph/types.js';
import type { AuthzModel } from '../authorize/types.js';
import {
  foreignOrganizationsOf,
  foreignOrganizationsOfResource,
} from '../graph/callers/foreign-organizations.js';
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
  /** `from` is `*` limited to principals of other organizations that the policy names. */
  namedOrganizations?: readonly string[];
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

/** The outside reach of one target from one outsider: its edges' groups, evidence and decision. */
export interface OutsideGroup {
  target: string;
  targetAttrs: NodeAttributes;
  from: string;
  fromAttrs: NodeAttributes;
  actions: Set<ActionGroup>;
  evidence: Evidence[][];
  /** Keys of the conditional edges (empty when some edge is allowed). */
  keys: Set<string>;
  allow: boolean;
  /**
   * `from` is `*`, but only principals of these other organizations (named by the target's
   * policy in aws:PrincipalOrgID / aws:PrincipalOrgPaths) are let in: external, not public.
   */
  namedOrganizations?: readonly string[];
}

/** The organization ids (not ours) that the policies protecting `target` name, sorted. */
export function namedOrganizationsOf(model: AuthzModel, target: string): string[] {
  const role = model.roles.get(target);
  const bucket = model.buckets.get(target);
  const resource = model.resources?.get(target);
  const orgs =
    role !== undefined
      ? foreignOrganizationsOf(role.trustPolicy, undefined, model.organizationId)
      : bucket !== undefined
        ? foreignOrganizationsOf(bucket.policy, bucket.rcps, model.organizationId)
        : resource !== undefined
          ? foreignOrganizationsOfResource(resource, model.organizationId)
          : [];
  const ids = new Set(orgs.map((o) => o.orgId));
  return [...ids].sort();
}

/** Whether an edge from `*` holds only for principals of other organizations its policy names. */
export function isNamedOrganizationEdge(attrs: { otherOrganizationsOnly?: boolean }): boolean {
  return attrs.otherOrganizationsOnly === true;
}

/**
 * Outside reach of the organization's targets that `isTarget` accepts (checked after the target
 * is known to be an organization node), grouped by `target \0 outsider` in edge order.
 */
export function outsideReach(
  graph: AccessGraph,
  model: AuthzModel,
  isTarget: (attrs: NodeAttributes) => boolean,
): OutsideGroup[] {
  const groups = new Map<string, OutsideGroup>();
  for (const { source, target, attrs } of edgesFrom(
    graph,
    'can-access',
    (k, a) => k === ANYONE_KEY || a.scope === 'external' || a.scope === 'vendor',
  )) {
    const targetAttrs = attrsOf(graph, target);
    if (
      targetAttrs === undefined ||
      targetAttrs.scope !== 'org' ||
      !isTarget(targetAttrs) ||
      attrs.actionGroup === undefined
    )
      continue;
    const fromAttrs = attrsOf(graph, source);
    if (fromAttrs === undefined) continue;
    const publicEdge = source === ANYONE_KEY && isPublicEdge(model, target, attrs);
    const namedOrganization =
      source === ANYONE_KEY && !publicEdge && isNamedOrganizationEdge(attrs);
    const outside =
      source === ANYONE_KEY
        ? publicEdge || namedOrganization
        : (fromAttrs.kind === 'account' ||
            fromAttrs.kind === 'user' ||
            fromAttrs.kind === 'role') &&
          (fromAttrs.scope === 'external' || fromAttrs.scope === 'vendor');
    if (!outside) continue;
    const id = `${target}\u0000${source}${namedOrganization ? '\u0000org' : ''}`;
    let g = groups.get(id);
    if (g === undefined) {
      groups.set(
        id,
        (g = {
          target,
          targetAttrs,
          from: source,
          fromAttrs,
          actions: new Set(),
          evidence: [],
          keys: new Set(),
          allow: false,
        }),
      );
      if (namedOrganization) g.namedOrganizations = namedOrganizationsOf(model, target);
    }
    g.actions.add(attrs.actionGroup);
    g.evidence.push([...attrs.evidence]);
    if (attrs.decision === 'allow') g.allow = true;
    else for (const k of attrs.conditionKeys) g.keys.add(k);
  }
  return [...groups.values()];
}

/** Outside reach of the organization's resources, by `resource \0 outsider`. */
export function outsideResourceReach(graph: AccessGraph, model: AuthzModel): OutsideReach[] {
  const out: OutsideReach[] = [];
  for (const g of outsideReach(
    graph,
    model,
    (a) => a.kind === 'resource' && a.service !== undefined,
  )) {
    const service = g.targetAttrs.service;
    if (service === undefined) continue;
    out.push({
      resource: g.target,
      service,
      from: g.from,
      actions: g.actions,
      evidence: g.evidence,
      keys: g.keys,
      allow: g.allow,
      ...(g.namedOrganizations !== undefined ? { namedOrganizations: g.namedOrganizations } : {}),
    });
  }
  return out;
}

/**
 * "account 444… (Datadog)", "anyone", "principals of organization o-…" (a `*` grant limited to
 * other organizations), or the principal's ARN.
 */
export function outsiderName(
  graph: AccessGraph,
  key: string,
  namedOrganizations?: readonly string[],
): string {
  if (key === ANYONE_KEY && namedOrganizations !== undefined)
    return namedOrganizations.length === 0
      ? 'principals of another organization'
      : `principals of organization ${namedOrganizations.join(' or ')}`;
  if (key === ANYONE_KEY) return 'anyone';
  const from: NodeAttributes | undefined = attrsOf(graph, key);
  if (from?.kind === 'account')
    return `account ${from.accountId ?? key}${from.vendor !== undefined ? ` (${from.vendor})` : ''}`;
  return key;
}

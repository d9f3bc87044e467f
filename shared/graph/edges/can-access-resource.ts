/**
 * `can-access` edges to `resource` nodes (IAM-SEMANTICS.md §7a): KMS keys, resources of
 * resources.json and Lambda functions of workloads.json; one edge per (caller, resource, action
 * group). The candidates, as for buckets (can-access.ts), are never all pairs:
 * - the principals the resource policy names (and, for a key, its grantees);
 * - the resource account's principals whose identity policies may allow the service's actions on
 *   it, from the permission index of that service — for a KMS key only when its key policy names
 *   the account (or `*`): otherwise identity policies have no effect;
 * - for a grant to another account: that account (aggregate) and, when scanned, its indexed
 *   principals;
 * - for `*`: anyone, the resource account's principals and the indexed principals of every
 *   account (unless anyone is already allowed).
 * Each candidate is decided by `authorizeResource` for every action of every group; a Lambda
 * function's invoke actions also on each of its aliases (function-aliases.ts).
 */
import { authorizeThroughAliases } from '../../authorize/function-aliases.js';
import { authorizeResource } from '../../authorize/resource-access.js';
import { serviceRules } from '../../authorize/resource-services.js';
import type {
  AuthorizationResult,
  FunctionAliasProfile,
  CallerProfile,
  ResourceProfile,
  ResourceRequest,
} from '../../authorize/types.js';
import { statementMatchesAction } from '../../policy/index.js';
import type { CompiledPolicy, CompiledStatement } from '../../policy/types.js';
import { addDecisionEdge, bestResult, ensureNode, type BuildContext } from '../build-context.js';
import { sharedActionList } from './action-lists.js';
import { accountAdministrators } from '../callers/account-administrators-caller.js';
import { candidateCallers } from '../callers/candidate-callers.js';
import {
  foreignOrganizationsOfResource,
  underHypothesis,
} from '../callers/foreign-organizations.js';
import { hypotheses } from '../callers/opaque-callers.js';
import {
  PermissionIndex,
  type CandidateIndex,
  type PatternKey,
} from '../index/permission-index.js';
import { classifyAwsPrincipal, principalReferences } from '../index/principal-references.js';
import type { ResourceActionGroup, ResourceService } from '../types.js';

/** Every action of a service's groups (what its permission index is built for); one list per service. */
export function serviceActions(service: ResourceService): readonly string[] {
  let list = SERVICE_ACTIONS.get(service);
  if (list === undefined) {
    list = Object.freeze(Object.values(serviceRules(service).groups).flat());
    SERVICE_ACTIONS.set(service, list);
  }
  return list;
}

const SERVICE_ACTIONS = new Map<ResourceService, readonly string[]>();

const hasWildcardOrVariable = (s: string): boolean => /[*?]|\$\{/.test(s);

/**
 * Pattern key for resource ARNs: the exact ARN, all resources of one account, or any. A qualified
 * Lambda function ARN (`function:f:prod`, an alias or version) keys to its function: the function
 * is one node, reached through its aliases too (function-aliases.ts).
 */
export function resourcePatternKey(pattern: string): PatternKey {
  if (pattern === '*') return 'any';
  const parts = pattern.split(':');
  if (parts.length < 6 || parts[0] !== 'arn') return 'any';
  const account = parts[4] ?? '';
  if (!hasWildcardOrVariable(pattern))
    return {
      exact:
        parts.length === 8 && parts[2] === 'lambda' && parts[5] === 'function'
          ? parts.slice(0, 7).join(':')
          : pattern,
    };
  if (/^\d{12}$/.test(account)) return { account };
  return 'any';
}

/** The resource's own policy and, for a Lambda function, its aliases' and versions' policies. */
function policiesOf(resource: ResourceProfile): readonly CompiledPolicy[] {
  const out: CompiledPolicy[] = resource.policy ? [resource.policy] : [];
  for (const a of resource.functionAliases ?? []) if (a.profile.policy) out.push(a.profile.policy);
  for (const v of resource.functionVersions ?? []) if (v.profile.policy) out.push(v.profile.policy);
  return out;
}

/** Adds the `resource` node of every KMS key, resource-policy resource and Lambda function of the snapshot. */
export function addResourceNodes(ctx: BuildContext): void {
  for (const r of ctx.model.resources?.values() ?? []) addResourceNode(ctx, r);
}

/**
 * Adds the node of one resource. A Lambda function is one node: this `resource` node (service
 * `lambda`) also carries what a `workload` node would (`workloadType`, `roleArn`), and the
 * escalation techniques attach their edges to it.
 */
export function addResourceNode(ctx: BuildContext, r: ResourceProfile): void {
  ctx.accounts.ensureAccount(r.accountId);
  const attrs: Parameters<typeof ensureNode>[2] = {
    kind: 'resource',
    label: r.aliases?.find((a) => !a.startsWith('alias/aws/')) ?? r.aliases?.[0] ?? r.name,
    accountId: r.accountId,
    scope: ctx.accounts.scopeOf(r.accountId),
    scanned: true,
    service: r.service,
  };
  if (r.region !== undefined) attrs.region = r.region;
  if (r.keyManager !== undefined) attrs.keyManager = r.keyManager;
  if (r.type === 'lambda-function') {
    attrs.workloadType = r.type;
    if (r.roleArn !== undefined) attrs.roleArn = r.roleArn;
  }
  ensureNode(ctx, r.arn, attrs);
}

/** Masks of the actions that some Allow statement names, per statement list and action list. */
const MASKS = new WeakMap<readonly CompiledStatement[], Map<readonly string[], number>>();

function actionMask(policies: readonly CompiledPolicy[], actions: readonly string[]): number {
  let mask = 0;
  for (const { statements } of policies) {
    let byActions = MASKS.get(statements);
    if (byActions === undefined)
      MASKS.set(statements, (byActions = new Map<readonly string[], number>()));
    let m = byActions.get(actions);
    if (m === undefined) {
      m = 0;
      for (const stmt of statements) {
        if (stmt.effect !== 'Allow') continue;
        actions.forEach((a, i) => {
          if (statementMatchesAction(stmt, a)) m = (m ?? 0) | (1 << i);
        });
      }
      byActions.set(actions, m);
    }
    mask |= m;
  }
  return mask;
}

function decideAction(
  ctx: BuildContext,
  callers: readonly CallerProfile[],
  resource: ResourceProfile,
  action: string,
  bit: number,
  resourceMask: number,
  actions: readonly string[],
): AuthorizationResult | undefined {
  let best: AuthorizationResult | undefined;
  for (const caller of callers) {
    // Neither the resource policy nor the caller's identity policies name the action (and no
    // grant can): denied without asking the engine.
    if (
      caller.policiesKnown &&
      (resourceMask & bit) === 0 &&
      (actionMask(caller.identityPolicies, actions) & bit) === 0
    )
      continue;
    best = bestResult(best, decideForCaller(ctx, caller, resource, action));
    if (best.decision === 'allow') return best;
  }
  return best;
}

/**
 * The decision of `action` on `resource` for one caller, the best over its context hypotheses
 * (an opaque caller's organization and principal facts are its own choice: opaque-callers.ts),
 * through the Lambda function's aliases and versions that `eligible` admits
 * (function-aliases.ts). The `can-access` edges and a takeover by an opaque caller decide alike.
 */
export function decideForCaller(
  ctx: BuildContext,
  caller: CallerProfile,
  resource: ResourceProfile,
  action: string,
  eligible?: (alias: FunctionAliasProfile) => boolean,
): AuthorizationResult {
  const inOrg = caller.accountId !== undefined && ctx.accounts.orgAccountIds.has(caller.accountId);
  const orgFacts =
    inOrg && !caller.policiesKnown && caller.accountId !== undefined
      ? ctx.orgFacts(caller.accountId)
      : undefined;
  const foreign = inOrg ? [] : foreignOrganizationsOfResource(resource, ctx.model.organizationId);
  let best: AuthorizationResult | undefined;
  for (const context of hypotheses(caller, orgFacts, inOrg, foreign)) {
    ctx.stats.evaluations++;
    const request: ResourceRequest = { action, caller, resource, model: ctx.model, context };
    best = bestResult(
      best,
      underHypothesis(context, authorizeThroughAliases(request, authorizeResource, eligible)),
    );
    if (best.decision === 'allow') return best;
  }
  // hypotheses() gives at least one context.
  return best as AuthorizationResult;
}

function edges(
  ctx: BuildContext,
  callers: readonly CallerProfile[],
  resource: ResourceProfile,
  aggregate = false,
): boolean {
  const source = callers[0]?.key;
  if (source === undefined) return false;
  const rules = serviceRules(resource.service);
  const actions = serviceActions(resource.service);
  const grantMask = resource.grants !== undefined && resource.grants.length > 0 ? -1 : 0;
  const resourceMask = actionMask(policiesOf(resource), actions) | grantMask;
  let allowedFirst = false;
  let bitIndex = 0;
  let first = true;
  for (const [group, groupActions] of Object.entries(rules.groups)) {
    let best: AuthorizationResult | undefined;
    const allowed: string[] = [];
    let missing = false;
    for (const action of groupActions) {
      const bit = 1 << bitIndex++;
      if (missing) continue;
      const r = decideAction(ctx, callers, resource, action, bit, resourceMask, actions);
      if (r && r.decision !== 'deny') {
        allowed.push(action);
        // Every action must hold: the group's decision is the weakest of them.
        best = rules.groupNeedsAll === true ? worstResult(best, r) : bestResult(best, r);
      } else if (rules.groupNeedsAll === true) missing = true;
    }
    if (missing) best = undefined;
    if (best) {
      const extra: Parameters<typeof addDecisionEdge>[6] = {
        actionGroup: group as ResourceActionGroup,
        actions: sharedActionList(allowed),
      };
      if (aggregate) extra.aggregate = true;
      addDecisionEdge(ctx, 'can-access', source, resource.arn, group, best, extra);
      if (first && best.decision === 'allow') allowedFirst = true;
    }
    first = false;
  }
  return allowedFirst;
}

/** Adds every `can-access` edge to the snapshot's resources, with one permission index per service. */
export function addResourceAccessEdges(ctx: BuildContext): void {
  const { model } = ctx;
  const resources = [...(model.resources?.values() ?? [])];
  if (resources.length === 0) return;
  const indexes = new Map<ResourceService, PermissionIndex>();
  const indexOf = (service: ResourceService): PermissionIndex => {
    let index = indexes.get(service);
    if (index === undefined) {
      index = new PermissionIndex(
        model.principals.values(),
        serviceActions(service),
        resourcePatternKey,
      );
      indexes.set(service, index);
    }
    return index;
  };
  for (const resource of resources)
    addResourceAccessEdgesInto(ctx, indexOf(resource.service), resource);
}

/**
 * Adds the `can-access` edges into one resource, `index` being the permission index of its
 * service (what-if rebuilds the edges of the resources a change can touch with it).
 */
export function addResourceAccessEdgesInto(
  ctx: BuildContext,
  index: CandidateIndex,
  resource: ResourceProfile,
): void {
  const { one, named } = candidateCallers(
    ctx,
    index,
    { accountId: resource.accountId, partition: resource.partition, indexKey: resource.arn },
    (list, aggregate) => edges(ctx, list, resource, aggregate),
  );

  const refs = policiesOf(resource).flatMap((p) => principalReferences(p));
  // Same-account identity policies: for a KMS key only when the key policy delegates to the
  // account (or names `*`); for the other services always (identity OR resource policy).
  const delegates =
    rules(resource).identityAloneSuffices ||
    refs.some(
      (r) => r.type === 'wildcard' || (r.type === 'account' && r.accountId === resource.accountId),
    ) ||
    (resource.grants ?? []).some((g) => g.granteePrincipal.endsWith(`:${resource.accountId}:root`));
  if (delegates)
    for (const p of index.candidates(resource.accountId, resource.arn, resource.accountId)) one(p);
  // The administrators of the resource's account (its account node, which a self-escalation
  // reaches: IAM-SEMANTICS.md E.4), where the account's identity policies count.
  if (delegates && ctx.model.scannedAccountIds?.has(resource.accountId) === true)
    one(accountAdministrators(ctx, resource.accountId, resource.partition));
  for (const ref of refs) named(ref);
  for (const grant of resource.grants ?? []) {
    if (/^[a-z0-9.-]+\.amazonaws\.com(\.cn)?$/.test(grant.granteePrincipal)) {
      named({ type: 'service', service: grant.granteePrincipal });
      continue;
    }
    const ref = classifyAwsPrincipal(grant.granteePrincipal);
    named(ref);
  }
}

/** The weaker of two results (deny < conditional < allow): for groups whose every action must hold. */
function worstResult(
  a: AuthorizationResult | undefined,
  b: AuthorizationResult,
): AuthorizationResult {
  if (a === undefined) return b;
  const rank = { deny: 0, conditional: 1, allow: 2 } as const;
  return rank[b.decision] < rank[a.decision] ? b : a;
}

function rules(resource: ResourceProfile): ReturnType<typeof serviceRules> {
  return serviceRules(resource.service);
}

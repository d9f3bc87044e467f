/**
 * `can-access` edges (IAM-SEMANTICS.md §7): one edge per (caller, bucket, action group). The
 * candidates are the principals the bucket policy and ACL name, the bucket account's own
 * principals whose identity policies may allow S3 on the bucket, and — for account grants —
 * the principals of the granted account that the permission index finds. Each candidate is
 * decided by `authorizeS3` for every action of the group; the edge lists the actions allowed.
 */
import { authorizeS3, isObjectAction } from '../../authorize/index.js';
import { statementView } from '../index/statement-views.js';
import { statementMatchesAction } from '../../policy/index.js';
import type { CompiledPolicy, CompiledStatement } from '../../policy/types.js';
import type {
  AuthorizationResult,
  BucketProfile,
  CallerProfile,
  S3Request,
} from '../../authorize/types.js';
import { addDecisionEdge, bestResult, type BuildContext } from '../build-context.js';
import { sharedActionList } from './action-lists.js';
import { accountAdministrators } from '../callers/account-administrators-caller.js';
import { candidateCallers } from '../callers/candidate-callers.js';
import { foreignOrganizationsOf, underHypothesis } from '../callers/foreign-organizations.js';
import { hypotheses } from '../callers/opaque-callers.js';
import type { CandidateIndex } from '../index/permission-index.js';
import { principalReferences } from '../index/principal-references.js';
import type { S3ActionGroup } from '../types.js';

/** The S3 actions of each action group (the first is the one a reviewer thinks of). */
export const S3_ACTION_GROUPS: Readonly<Record<S3ActionGroup, readonly string[]>> = {
  read: ['s3:GetObject', 's3:GetObjectVersion'],
  write: ['s3:PutObject', 's3:DeleteObject'],
  list: ['s3:ListBucket'],
  admin: [
    's3:PutBucketPolicy',
    's3:DeleteBucketPolicy',
    's3:PutBucketAcl',
    's3:PutBucketPublicAccessBlock',
  ],
};

export const S3_INDEXED_ACTIONS: readonly string[] = Object.values(S3_ACTION_GROUPS).flat();

/**
 * Object keys that stand for "some object" of the bucket when a policy grants only part of it
 * (`bucket/config/*`): one concrete key per granted object pattern, so that a principal allowed
 * to read `config/*` gets an edge (noted with the pattern) instead of none. A concrete key is an
 * honest witness: AWS allows that exact request.
 */
export function objectKeyWitnesses(
  callers: readonly CallerProfile[],
  bucket: BucketProfile,
): { key: string; pattern: string }[] {
  const out = new Map<string, string>();
  const consider = (policy: CompiledPolicy): void => {
    for (const [bucketPart, objectPart] of objectGrants(policy.statements)) {
      if (bucketPart !== bucket.name && bucketPart !== '*') continue;
      if (out.size < 8) out.set(objectPart, objectPart.replace(/\*/g, 'any').replace(/\?/g, 'x'));
    }
  };
  for (const caller of callers) for (const policy of caller.identityPolicies) consider(policy);
  if (bucket.policy) consider(bucket.policy);
  return [...out].map(([pattern, key]) => ({ key, pattern }));
}

/**
 * The object ARNs that Allow statements name on part of a bucket, as [bucket, object pattern]
 * (`bucket/*`, object patterns with policy variables and non-S3 resources left out). Computed
 * once per statement list: identical policies share their compiled statements.
 */
const OBJECT_GRANTS = new WeakMap<readonly CompiledStatement[], readonly [string, string][]>();

function objectGrants(statements: readonly CompiledStatement[]): readonly [string, string][] {
  let grants = OBJECT_GRANTS.get(statements);
  if (grants === undefined) {
    const found: [string, string][] = [];
    for (const stmt of statements) {
      if (stmt.effect !== 'Allow') continue;
      for (const resource of statementView(stmt).resources ?? []) {
        const arn = /^arn:[^:]+:s3:::([^/]+)\/(.+)$/.exec(resource);
        if (!arn?.[1] || arn[2] === undefined) continue;
        if (arn[2] === '*' || arn[2].includes('${')) continue;
        found.push([arn[1], arn[2]]);
      }
    }
    grants = found;
    OBJECT_GRANTS.set(statements, grants);
  }
  return grants;
}

/** The bit of each indexed S3 action in an action mask. */
const ACTION_BIT = new Map(S3_INDEXED_ACTIONS.map((a, i) => [a, 1 << i]));
const ALL_ACTIONS = (1 << S3_INDEXED_ACTIONS.length) - 1;

/**
 * The mask of S3 actions that some Allow statement of `statements` names (Action/NotAction
 * semantics). A request that neither the caller's identity policies nor the bucket policy allow,
 * and that no ACL can grant, is denied by S3 (IAM-SEMANTICS.md §7.2): the engine need not be
 * asked. Computed once per statement list (identical policies share their statements).
 */
const STATEMENT_ACTIONS = new WeakMap<readonly CompiledStatement[], number>();

function actionsAllowedBy(policies: readonly CompiledPolicy[]): number {
  let mask = 0;
  for (const { statements } of policies) {
    let m = STATEMENT_ACTIONS.get(statements);
    if (m === undefined) {
      m = 0;
      for (const stmt of statements) {
        if (stmt.effect !== 'Allow') continue;
        for (const action of S3_INDEXED_ACTIONS)
          if (statementMatchesAction(stmt, action)) m |= ACTION_BIT.get(action) ?? 0;
      }
      STATEMENT_ACTIONS.set(statements, m);
    }
    mask |= m;
  }
  return mask;
}
const callerActions = new WeakMap<CallerProfile, number>();
const bucketActions = new WeakMap<BucketProfile, number>();

/** Whether some policy or ACL could allow `caller` to perform `action` on the bucket. */
function mayBeAllowed(caller: CallerProfile, bucket: BucketProfile, action: string): boolean {
  if (!caller.policiesKnown) return true;
  const bit = ACTION_BIT.get(action) ?? ALL_ACTIONS;
  let byBucket = bucketActions.get(bucket);
  if (byBucket === undefined) {
    byBucket =
      bucket.acl && bucket.ownership !== 'BucketOwnerEnforced'
        ? ALL_ACTIONS
        : actionsAllowedBy(bucket.policy ? [bucket.policy] : []);
    bucketActions.set(bucket, byBucket);
  }
  if ((byBucket & bit) !== 0) return true;
  let byCaller = callerActions.get(caller);
  if (byCaller === undefined) {
    byCaller = actionsAllowedBy(caller.identityPolicies);
    callerActions.set(caller, byCaller);
  }
  return (byCaller & bit) !== 0;
}

function decideAction(
  ctx: BuildContext,
  callers: readonly CallerProfile[],
  bucket: BucketProfile,
  action: string,
  objectKey: string | undefined,
): AuthorizationResult | undefined {
  let best: AuthorizationResult | undefined;
  for (const caller of callers) {
    if (!mayBeAllowed(caller, bucket, action)) continue;
    const inOrg =
      caller.accountId !== undefined && ctx.accounts.orgAccountIds.has(caller.accountId);
    const orgFacts =
      inOrg && !caller.policiesKnown && caller.accountId !== undefined
        ? ctx.orgFacts(caller.accountId)
        : undefined;
    const foreign = inOrg
      ? []
      : foreignOrganizationsOf(bucket.policy, bucket.rcps, ctx.model.organizationId);
    for (const context of hypotheses(caller, orgFacts, inOrg, foreign)) {
      ctx.stats.evaluations++;
      const request: S3Request = { action, caller, bucket, model: ctx.model, context };
      if (objectKey !== undefined) request.objectKey = objectKey;
      best = bestResult(best, underHypothesis(context, authorizeS3(request)));
      if (best.decision === 'allow') return best;
    }
  }
  return best;
}

function decideGroup(
  ctx: BuildContext,
  callers: readonly CallerProfile[],
  bucket: BucketProfile,
  group: S3ActionGroup,
  witnessesOf: () => readonly { key: string; pattern: string }[],
):
  | { result: AuthorizationResult; actions: readonly string[]; objectPatterns: string[] }
  | undefined {
  let best: AuthorizationResult | undefined;
  const actions: string[] = [];
  const objectPatterns = new Set<string>();
  for (const action of S3_ACTION_GROUPS[group]) {
    let bestForAction = decideAction(ctx, callers, bucket, action, undefined);
    if (bestForAction?.decision !== 'allow' && isObjectAction(action)) {
      // Not every object: perhaps the objects under a granted prefix.
      for (const w of witnessesOf()) {
        const r = decideAction(ctx, callers, bucket, action, w.key);
        if (r && r.decision !== 'deny' && bestResult(bestForAction, r) === r) {
          bestForAction = r;
          objectPatterns.add(w.pattern);
        }
        if (bestForAction?.decision === 'allow') break;
      }
    }
    if (bestForAction && bestForAction.decision !== 'deny') {
      actions.push(action);
      best = bestResult(best, bestForAction);
    }
  }
  return best
    ? { result: best, actions: sharedActionList(actions), objectPatterns: [...objectPatterns] }
    : undefined;
}

/**
 * Decides every action group for a caller (or for a set of callers standing for one node, such
 * as `anyone` = anonymous or any AWS principal) and records the edges.
 */
function edges(
  ctx: BuildContext,
  callers: readonly CallerProfile[],
  bucket: BucketProfile,
  aggregate = false,
): boolean {
  const source = callers[0]?.key;
  if (source === undefined) return false;
  let witnesses: { key: string; pattern: string }[] | undefined;
  const witnessesOf = (): readonly { key: string; pattern: string }[] =>
    (witnesses ??= objectKeyWitnesses(callers, bucket));
  let publicRead = false;
  for (const group of Object.keys(S3_ACTION_GROUPS) as S3ActionGroup[]) {
    const decided = decideGroup(ctx, callers, bucket, group, witnessesOf);
    if (!decided) continue;
    const extra: Parameters<typeof addDecisionEdge>[6] = {
      actionGroup: group,
      actions: decided.actions,
    };
    if (aggregate) extra.aggregate = true;
    if (decided.objectPatterns.length > 0)
      extra.notes = decided.objectPatterns.map((p) => `objects-only:${p}`);
    addDecisionEdge(ctx, 'can-access', source, bucket.arn, group, decided.result, extra);
    if (
      group === 'read' &&
      decided.result.decision === 'allow' &&
      decided.objectPatterns.length === 0
    )
      publicRead = true;
  }
  return publicRead;
}

/** Adds every `can-access` edge of the snapshot's buckets. */
export function addCanAccessEdges(ctx: BuildContext, index: CandidateIndex): void {
  for (const bucket of ctx.model.buckets.values()) addCanAccessEdgesInto(ctx, index, bucket);
}

/**
 * Adds the `can-access` edges into one bucket: its policy's and ACL's grantees and the principals
 * whose identity policies may allow S3 on it (what-if rebuilds the edges of changed buckets with it).
 */
export function addCanAccessEdgesInto(
  ctx: BuildContext,
  index: CandidateIndex,
  bucket: BucketProfile,
): void {
  const { model } = ctx;
  const callers = candidateCallers(
    ctx,
    index,
    { accountId: bucket.accountId, partition: bucket.partition, indexKey: bucket.name },
    (list, aggregate) => edges(ctx, list, bucket, aggregate),
    model.canonicalIds,
  );

  // The bucket account's principals whose identity policies may allow S3 on the bucket.
  for (const p of index.candidates(bucket.accountId, bucket.name, bucket.accountId)) callers.one(p);
  for (const ref of bucket.policy ? principalReferences(bucket.policy) : []) callers.named(ref);
  // The administrators of the bucket's account (its account node, which a self-escalation
  // reaches: IAM-SEMANTICS.md E.4) — even when none of its principals reads the bucket today.
  if (model.scannedAccountIds?.has(bucket.accountId) === true)
    callers.one(accountAdministrators(ctx, bucket.accountId, bucket.partition));

  // ACL grantees (ignored by S3 when ACLs are disabled; the engine decides that).
  if (bucket.acl && bucket.ownership !== 'BucketOwnerEnforced') {
    for (const grant of bucket.acl.grants) {
      const g = grant.grantee;
      if (g.type === 'Group' && /\/(AllUsers|AuthenticatedUsers)$/.test(g.uri)) callers.anyone();
      else if (g.type === 'CanonicalUser' && g.id !== bucket.ownerCanonicalId)
        callers.named({ type: 'canonical-user', id: g.id });
    }
  }
}

/**
 * `can-assume` edges (IAM-SEMANTICS.md §2, §4): for each role, the principals its trust policy
 * names are the candidate callers; each candidate is decided by `authorizeAssumeRole` with the
 * caller's facts known and request-time keys unknown. Denied pairs get no edge.
 *
 * - An account (id or root ARN): an aggregate edge from the account node and, when the account
 *   was scanned, the expansion: one edge per principal of that account whose identity policies
 *   may allow the call (found through the permission index, then decided by the engine).
 * - `*`: an edge from the `anyone` node (any AWS principal, opaque), plus every scanned
 *   principal that the engine allows (same-account principals need no identity permission).
 * - A user, role or role-session ARN: an edge from that principal (a node marked unresolved
 *   when its account was scanned and it is missing).
 * - A unique id (`AROA…`): the principal was deleted; the grant matches nothing. It becomes an
 *   unresolved node with a `dangling-trust` edge, which queries never traverse.
 * - A service or identity provider: an edge from its node; for Cognito identity pools that
 *   workloads.json shows open to guests with the basic flow, also from `anyone` (cognito-guests.ts).
 */
import { authorizeAssumeRole } from '../../authorize/index.js';
import type {
  AssumeRoleAction,
  AuthorizationResult,
  CallerProfile,
  RoleProfile,
} from '../../authorize/types.js';
import { parseArn } from '../../arn/parse-arn.js';
import {
  addDecisionEdge,
  bestResult,
  ensureNamedPrincipalNode,
  ensureNode,
  type BuildContext,
} from '../build-context.js';
import { foreignOrganizationsOf, underHypothesis } from '../callers/foreign-organizations.js';
import {
  anyPrincipalCaller,
  federatedCaller,
  hypotheses,
  opaqueAccountCaller,
  opaqueRoleCaller,
  opaqueUserCaller,
  serviceCaller,
  ANYONE_KEY,
} from '../callers/opaque-callers.js';
import { edgeKey } from '../edge-key.js';
import { addCognitoGuestEdges } from './cognito-guests.js';
import { isIdentityCenterProvider, SSO_SAML_AUDIENCE } from '../sso/sso-keys.js';
import type { CandidateIndex } from '../index/permission-index.js';
import { claimConditions, principalReferences } from '../index/principal-references.js';
import type { PrincipalReference } from '../index/principal-references.js';

const BUILT_IN_OIDC = new Set([
  'cognito-identity.amazonaws.com',
  'accounts.google.com',
  'graph.facebook.com',
  'www.amazon.com',
]);

/** Decides one caller against one role, over the caller's context hypotheses. */
function decide(
  ctx: BuildContext,
  caller: CallerProfile,
  role: RoleProfile,
  action: AssumeRoleAction,
  known?: Readonly<Record<string, string>>,
): AuthorizationResult | undefined {
  const inOrg = caller.accountId !== undefined && ctx.accounts.orgAccountIds.has(caller.accountId);
  const orgFacts =
    inOrg && !caller.policiesKnown && caller.accountId !== undefined
      ? ctx.orgFacts(caller.accountId)
      : undefined;
  let best: AuthorizationResult | undefined;
  const foreign = inOrg
    ? []
    : foreignOrganizationsOf(role.trustPolicy, undefined, ctx.model.organizationId);
  for (const hypothesis of hypotheses(caller, orgFacts, inOrg, foreign)) {
    ctx.stats.evaluations++;
    const context =
      known === undefined
        ? hypothesis
        : { ...hypothesis, known: { ...hypothesis.known, ...known } };
    best = bestResult(
      best,
      underHypothesis(
        hypothesis,
        authorizeAssumeRole({ action, caller, role, model: ctx.model, context }),
      ),
    );
    if (best.decision === 'allow') break;
  }
  return best;
}

function edge(
  ctx: BuildContext,
  caller: CallerProfile,
  role: RoleProfile,
  action: AssumeRoleAction,
  extra: {
    aggregate?: boolean;
    claims?: Record<string, string[]>;
    known?: Readonly<Record<string, string>>;
  } = {},
): void {
  if (caller.key === role.arn && !caller.policiesKnown) return;
  const result = decide(ctx, caller, role, action, extra.known);
  if (!result) return;
  const attrs: Parameters<typeof addDecisionEdge>[6] = { action };
  if (extra.aggregate) attrs.aggregate = true;
  if (extra.claims && Object.keys(extra.claims).length > 0) attrs.claims = extra.claims;
  addDecisionEdge(ctx, 'can-assume', caller.key, role.arn, action, result, attrs);
}

/** The expansion of an account-level grant: principals of `accountId` that may call. */
function expandAccount(
  ctx: BuildContext,
  index: CandidateIndex,
  accountId: string,
  role: RoleProfile,
  done: Set<string>,
): void {
  for (const p of index.candidates(accountId, role.arn, role.accountId)) {
    if (done.has(p.key)) continue;
    done.add(p.key);
    edge(ctx, p, role, 'sts:AssumeRole');
  }
}

function addReference(
  ctx: BuildContext,
  index: CandidateIndex,
  role: RoleProfile,
  ref: PrincipalReference,
  done: Set<string>,
): void {
  const { accounts, model } = ctx;
  const partition = role.partition;
  switch (ref.type) {
    case 'wildcard': {
      ensureNode(ctx, ANYONE_KEY, { kind: 'anyone', label: 'Anyone', scope: undefined });
      edge(ctx, anyPrincipalCaller(partition), role, 'sts:AssumeRole');
      // Same-account principals match `*` at principal level: no identity permission needed.
      for (const p of ctx.principalsByAccount.get(role.accountId) ?? []) {
        if (done.has(p.key)) continue;
        done.add(p.key);
        edge(ctx, p, role, 'sts:AssumeRole');
      }
      for (const accountId of index.callerAccounts())
        expandAccount(ctx, index, accountId, role, done);
      return;
    }
    case 'account': {
      const key = accounts.ensureAccount(ref.accountId);
      edge(
        ctx,
        opaqueAccountCaller(key, ref.accountId, ref.partition ?? partition),
        role,
        'sts:AssumeRole',
        {
          aggregate: true,
        },
      );
      if (accounts.scannedAccountIds.has(ref.accountId))
        expandAccount(ctx, index, ref.accountId, role, done);
      return;
    }
    case 'user':
    case 'role': {
      if (done.has(ref.arn)) return;
      done.add(ref.arn);
      const known = model.principals.get(ref.arn);
      if (known) {
        edge(ctx, known, role, 'sts:AssumeRole');
        return;
      }
      ensureNamedPrincipalNode(ctx, ref.arn, ref.type, ref.accountId);
      const p = parseArn(ref.arn)?.partition ?? partition;
      const caller =
        ref.type === 'role'
          ? opaqueRoleCaller(ref.arn, ref.accountId, p)
          : opaqueUserCaller(ref.arn, ref.accountId, p);
      edge(ctx, caller, role, 'sts:AssumeRole');
      return;
    }
    case 'session': {
      // A session of a role: the edge starts at the role (sessions collapse to their role);
      // the engine makes it conditional on the session name.
      const roleArn = ctx.roleByName.get(`${ref.accountId}/${ref.roleName.toLowerCase()}`);
      const known = roleArn !== undefined ? model.principals.get(roleArn) : undefined;
      if (known) {
        edge(ctx, known, role, 'sts:AssumeRole');
        return;
      }
      const p = parseArn(ref.arn)?.partition ?? partition;
      const guessedRoleArn = `arn:${p}:iam::${ref.accountId}:role/${ref.roleName}`;
      ensureNamedPrincipalNode(ctx, guessedRoleArn, 'role', ref.accountId);
      edge(ctx, opaqueRoleCaller(guessedRoleArn, ref.accountId, p), role, 'sts:AssumeRole');
      return;
    }
    case 'unique-id': {
      ensureNode(ctx, ref.id, {
        kind: ref.id.startsWith('AIDA') ? 'user' : 'role',
        label: ref.id,
        unresolved: true,
      });
      const key = edgeKey('dangling-trust', ref.id, role.arn);
      if (!ctx.graph.hasEdge(key)) {
        ctx.graph.addDirectedEdgeWithKey(key, ref.id, role.arn, {
          kind: 'dangling-trust',
          decision: 'conditional',
          conditionKeys: [],
          evidence: [
            {
              policy: role.trustPolicy.ref,
              role: 'note',
              conditionKeys: [],
              reason: `The trust policy names ${ref.id}, the unique id of a deleted principal; it matches nothing, not even a principal re-created with the same name.`,
            },
          ],
        });
      }
      return;
    }
    case 'service': {
      const caller = serviceCaller(ref.service);
      ensureNode(ctx, caller.key, { kind: 'service', label: ref.service });
      edge(ctx, caller, role, 'sts:AssumeRole');
      return;
    }
    case 'federated': {
      const saml = ref.provider.includes(':saml-provider/');
      const oidcArn = ref.provider.includes(':oidc-provider/');
      if (!saml && !oidcArn && !BUILT_IN_OIDC.has(ref.provider.toLowerCase())) return;
      const arn = parseArn(ref.provider);
      const url = oidcArn
        ? ref.provider.slice(ref.provider.indexOf(':oidc-provider/') + 15)
        : undefined;
      const attrs: Parameters<typeof ensureNode>[2] = {
        kind: 'idp',
        label: saml
          ? ref.provider.slice(ref.provider.indexOf(':saml-provider/') + 15)
          : (url ?? ref.provider),
        idpType: saml ? 'saml' : 'oidc',
      };
      if (url !== undefined) attrs.idpUrl = url;
      else if (!saml) attrs.idpUrl = ref.provider;
      if (arn) {
        attrs.accountId = arn.accountId;
        attrs.scope = accounts.scopeOf(arn.accountId);
      }
      ensureNode(ctx, ref.provider, attrs);
      edge(
        ctx,
        federatedCaller(ref.provider, ref.provider, saml),
        role,
        saml ? 'sts:AssumeRoleWithSAML' : 'sts:AssumeRoleWithWebIdentity',
        {
          claims: claimConditions(role.trustPolicy, ref.provider),
          // IAM Identity Center's assertions always carry the AWS sign-in audience: SAML:aud
          // is no gate there (the people's assignments are, add-identity-center.ts).
          ...(saml && isIdentityCenterProvider(ref.provider)
            ? { known: { 'SAML:aud': SSO_SAML_AUDIENCE } }
            : {}),
        },
      );
      if (!saml && !oidcArn && ref.provider.toLowerCase() === 'cognito-identity.amazonaws.com')
        addCognitoGuestEdges(ctx, role, ref.provider);
      return;
    }
    case 'federated-user':
    case 'canonical-user':
    case 'invalid':
      // A federated-user session cannot call AssumeRole; CanonicalUser is not valid in a trust
      // policy; invalid values are reported by the policy engine. None of them is an edge.
      return;
  }
}

/** Adds every `can-assume` (and `dangling-trust`) edge of the snapshot's roles. */
export function addCanAssumeEdges(ctx: BuildContext, index: CandidateIndex): void {
  for (const role of ctx.model.roles.values()) addCanAssumeEdgesInto(ctx, index, role);
}

/**
 * Adds the `can-assume` (and `dangling-trust`) edges into one role: everything its trust policy
 * and the callers' policies decide (what-if rebuilds the edges of changed roles with it).
 */
export function addCanAssumeEdgesInto(
  ctx: BuildContext,
  index: CandidateIndex,
  role: RoleProfile,
): void {
  const done = new Set<string>();
  for (const ref of principalReferences(role.trustPolicy))
    addReference(ctx, index, role, ref, done);
}

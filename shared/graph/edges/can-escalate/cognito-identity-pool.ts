/**
 * Cognito identity pools (IAM-SEMANTICS.md "Privilege escalation" E.3, §2.3): a role whose trust
 * policy names the web-identity provider `cognito-identity.amazonaws.com` is assumed with a token
 * an identity pool issues; the token's `aud` is the pool id and its `amr` holds `unauthenticated`
 * for a guest. A guest needs no credentials at all (GetId, GetOpenIdToken, then
 * sts:AssumeRoleWithWebIdentity, or GetCredentialsForIdentity in the enhanced flow).
 *
 * - Bind the role to a pool the trust admits: `iam:PassRole` on the role (`iam:PassedToService` =
 *   cognito-identity.amazonaws.com) + `cognito-identity:SetIdentityPoolRoles` on each pool the
 *   trust's `aud` condition names (`arn:<p>:cognito-identity:<region of the id>:<role's
 *   account>:identitypool/<id>`; a pool id does not name its account, so the pool is taken to be
 *   in the role's account), + the trust admitting a guest token of that pool (the assume-role
 *   decision with `aud` = the pool, `amr` = [unauthenticated]). Whether the pool lets guests in
 *   (`AllowUnauthenticatedIdentities`) and, for the role's permissions unscoped, the basic flow
 *   (`AllowClassicFlow`: the enhanced flow gives guests credentials scoped down to a list of
 *   services) is not in the snapshot: the edge is `conditional`, never `allow`.
 * - Create a pool: `cognito-identity:CreateIdentityPool` in the role's account, the attacker
 *   turning on guests and the basic flow, + the trust admitting a guest token of a pool whose id
 *   the attacker cannot choose (the decision with `aud` = a fresh id): only a trust that does not
 *   pin `aud` (legacy: IAM no longer accepts new ones) or pins it with a pattern. The basic flow
 *   passes no role (the app names it to STS), so no `iam:PassRole`. Across accounts STS requires
 *   the `aud` and `amr` conditions in the basic flow, so only the role's own account.
 *
 * Sources: https://docs.aws.amazon.com/cognito/latest/developerguide/role-trust-and-permissions.html,
 * https://docs.aws.amazon.com/cognito/latest/developerguide/iam-roles.html,
 * https://docs.aws.amazon.com/cognito/latest/developerguide/identity-pools-security-best-practices.html,
 * https://docs.aws.amazon.com/cognito/latest/developerguide/role-based-access-control.html,
 * https://docs.aws.amazon.com/cognito/latest/developerguide/authentication-flow.html.
 */
import { authorizeAssumeRole } from '../../../authorize/index.js';
import { settleCallerChosenKeys } from '../../../authorize/caller-chosen-keys.js';
import type { CallerProfile, RoleProfile } from '../../../authorize/types.js';
import { federatedCaller } from '../../callers/opaque-callers.js';
import { claimConditions, principalReferences } from '../../index/principal-references.js';
import type { EscalationContext, Step } from './escalation-context.js';

const SET_ROLES = 'cognito-identity:SetIdentityPoolRoles';
const CREATE_POOL = 'cognito-identity:CreateIdentityPool';
const PASS = ['iam:PassRole'] as const;
const BIND = [SET_ROLES] as const;
const CREATE = [CREATE_POOL] as const;

/** The actions of the Cognito techniques (a principal holding none is no candidate). */
export const COGNITO_POOL_ACTIONS: readonly string[] = [SET_ROLES, CREATE_POOL];

/** The service a role is passed to by SetIdentityPoolRoles. */
const SERVICE = 'cognito-identity.amazonaws.com';

/** An identity pool id, `REGION:GUID` (the API's pattern `[\w-]+:[0-9a-f-]+`), without wildcards. */
const POOL_ID = /^([a-z]{2}(?:-[a-z]+)+-\d+):[0-9a-f-]+$/;

/** The id of a pool the attacker creates: its GUID is AWS's choice, never one a trust names. */
const FRESH_POOL_GUID = 'ffffffff-ffff-4fff-8fff-ffffffffffff';

/** A region at the head of an `aud` value or pattern (`eu-west-1:*`). */
const REGION_PREFIX = /^([a-z]{2}(?:-[a-z]+)+-\d+):/;

const DEFAULT_REGION: Readonly<Record<string, string>> = {
  aws: 'us-east-1',
  'aws-cn': 'cn-north-1',
  'aws-us-gov': 'us-gov-west-1',
};

/** The Cognito identity provider of a trust policy (as the `can-assume` edges read it). */
function isCognito(provider: string): boolean {
  return provider.toLowerCase() === SERVICE;
}

/** The `aud` values and patterns the trust tests for `provider`. */
function audValues(role: RoleProfile, provider: string): string[] {
  const out = new Set<string>();
  for (const [key, values] of Object.entries(claimConditions(role.trustPolicy, provider)))
    if (key.toLowerCase().endsWith(':aud')) for (const v of values) out.add(v);
  return [...out];
}

/** Adds the Cognito identity pool edges (attacker → role). */
export function addCognitoPoolEdges(esc: EscalationContext): void {
  const { model } = esc.build;
  let byAccount: Map<string, CallerProfile[]> | undefined;
  for (const role of model.roles.values()) {
    if (role.serviceLinked || !esc.inScope(role.accountId)) continue;
    const providers = new Set<string>();
    for (const ref of principalReferences(role.trustPolicy))
      if (ref.type === 'federated' && isCognito(ref.provider)) providers.add(ref.provider);
    if (providers.size === 0) continue;
    if (byAccount === undefined) {
      byAccount = new Map();
      for (const p of esc.attackers()) {
        if (p.accountId === undefined || !esc.holdsAny(p, COGNITO_POOL_ACTIONS)) continue;
        const list = byAccount.get(p.accountId) ?? [];
        list.push(p);
        byAccount.set(p.accountId, list);
      }
    }
    // IAM roles are passed, and pools created, in the caller's own account only.
    const attackers = byAccount.get(role.accountId) ?? [];
    for (const provider of providers) {
      const aud = audValues(role, provider);
      const pools = aud.filter((v) => POOL_ID.test(v));
      const regions = new Set([DEFAULT_REGION[role.partition] ?? 'us-east-1']);
      for (const v of aud) {
        const m = REGION_PREFIX.exec(v);
        if (m?.[1] !== undefined) regions.add(m[1]);
      }
      for (const attacker of attackers) {
        if (attacker.key === role.arn) continue;
        if (esc.holdsAny(attacker, BIND) && esc.holdsAny(attacker, PASS))
          for (const pool of pools) bindToPool(esc, attacker, role, provider, pool);
        if (esc.holdsAny(attacker, CREATE))
          for (const region of regions)
            if (createPool(esc, attacker, role, provider, region)) break;
      }
    }
  }
}

function poolArn(role: RoleProfile, pool: string): string {
  const region = pool.slice(0, pool.indexOf(':'));
  return `arn:${role.partition}:cognito-identity:${region}:${role.accountId}:identitypool/${pool}`;
}

/** PassRole + SetIdentityPoolRoles on a pool the trust names, then a guest of that pool. */
function bindToPool(
  esc: EscalationContext,
  attacker: CallerProfile,
  role: RoleProfile,
  provider: string,
  pool: string,
): void {
  const arn = poolArn(role, pool);
  const trust = guestAssumes(esc, role, provider, pool);
  if (trust.result.decision === 'deny') return;
  const set = esc.decide(
    attacker,
    SET_ROLES,
    arn,
    role.accountId,
    esc.accountFacts(role.accountId),
  );
  if (set.result.decision === 'deny') return;
  const pass = esc.decide(attacker, 'iam:PassRole', role.arn, role.accountId, esc.roleFacts(role), {
    known: { 'iam:PassedToService': SERVICE },
  });
  if (pass.result.decision === 'deny') return;
  const guests: Step = {
    action: 'cognito-identity:GetId',
    resource: arn,
    result: {
      decision: 'conditional',
      conditionKeys: [],
      evidence: [
        {
          policy: role.trustPolicy.ref,
          role: 'note',
          conditionKeys: [],
          reason:
            `A guest of identity pool ${pool} gets the role's credentials only if the pool allows ` +
            'unauthenticated identities (AllowUnauthenticatedIdentities) and, for the role unscoped, the basic ' +
            'flow (AllowClassicFlow: the enhanced flow scopes guest credentials down to a list of services); ' +
            "the snapshot does not hold the pool, which is taken to be in the role's account (a pool id does not name its account).",
        },
      ],
      notes: ['cognito-pool-configuration-unknown'],
    },
  };
  esc.addEdge(attacker.key, role.arn, `iam:PassRole+${SET_ROLES}`, [pass, set, trust, guests]);
}

/** CreateIdentityPool (guests and the basic flow on), then a guest token of the new pool. */
function createPool(
  esc: EscalationContext,
  attacker: CallerProfile,
  role: RoleProfile,
  provider: string,
  region: string,
): boolean {
  const pool = `${region}:${FRESH_POOL_GUID}`;
  const trust = guestAssumes(esc, role, provider, pool);
  if (trust.result.decision === 'deny') return false;
  const create = esc.decide(
    attacker,
    CREATE_POOL,
    '*',
    role.accountId,
    esc.accountFacts(role.accountId),
  );
  if (create.result.decision === 'deny') return false;
  return esc.addEdge(attacker.key, role.arn, CREATE_POOL, [create, trust]);
}

/**
 * Whether the role's trust admits a guest token of `pool`: sts:AssumeRoleWithWebIdentity from the
 * Cognito provider with `aud` = the pool and `amr` = [unauthenticated] (other claims unknown).
 */
function guestAssumes(
  esc: EscalationContext,
  role: RoleProfile,
  provider: string,
  pool: string,
): Step {
  esc.build.stats.evaluations++;
  const host = provider.toLowerCase();
  const result = settleCallerChosenKeys(
    authorizeAssumeRole({
      action: 'sts:AssumeRoleWithWebIdentity',
      caller: federatedCaller(provider, provider, false),
      role,
      model: esc.build.model,
      context: {
        otherKeys: 'unknown',
        known: { [`${host}:aud`]: pool, [`${host}:amr`]: ['unauthenticated'] },
      },
    }),
  );
  return { action: 'sts:AssumeRoleWithWebIdentity', resource: role.arn, result };
}

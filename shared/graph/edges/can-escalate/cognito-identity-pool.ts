/**
 * Cognito identity pools (IAM-SEMANTICS.md "Privilege escalation" E.3, §2.3): a role whose trust
 * policy names the web-identity provider `cognito-identity.amazonaws.com` is assumed with a token
 * an identity pool issues; the token's `aud` is the pool id and its `amr` holds `unauthenticated`
 * for a guest. A guest needs no credentials at all: in the basic flow (GetId, GetOpenIdToken, then
 * sts:AssumeRoleWithWebIdentity naming any role) only the trust decides; in the enhanced flow
 * (GetCredentialsForIdentity) Cognito assumes the role the pool is set to and scopes a guest's
 * credentials down to a list of services. So a guest gets a role's permissions when the pool
 * allows guests (`AllowUnauthenticatedIdentities`) and the basic flow (`AllowClassicFlow`).
 * workloads.json may hold the pools (type `cognito-identity-pool`); a pool it does not hold is
 * taken to be in the role's account (a pool id does not name its account) and its settings are
 * unknown: an edge that depends on them is `conditional`, never `allow`.
 *
 * - Bind: `iam:PassRole` on the role (`iam:PassedToService` = cognito-identity.amazonaws.com) +
 *   `cognito-identity:SetIdentityPoolRoles` on a pool the trust's `aud` condition names
 *   (`arn:<p>:cognito-identity:<region of the id>:<account>:identitypool/<id>`) + the trust
 *   admitting a guest token of that pool (the assume-role decision with `aud` = the pool, `amr` =
 *   [unauthenticated]); `allow` when the pool is known to allow guests and the basic flow, no edge
 *   when it is known not to (the enhanced flow's scoped-down guest session is not the role).
 * - Update: `cognito-identity:UpdateIdentityPool` on such a pool: the attacker turns guests and
 *   the basic flow on, then asks STS for the role as a guest (no role is passed).
 * - Both are also tried on the pools of the role's account that the snapshot holds: a trust
 *   without `aud` (or with a pattern) may admit them, which the trust decision settles.
 * - Create: `cognito-identity:CreateIdentityPool` in the role's account (guests and the basic flow
 *   on) + the trust admitting a guest token of a pool whose id AWS chooses (the decision with
 *   `aud` = a fresh id): only a trust that does not pin `aud` (legacy: IAM no longer accepts new
 *   ones) or pins it with a pattern. Across accounts STS requires the `aud` and `amr` conditions
 *   in the basic flow, so only the role's own account.
 *
 * Sources: https://docs.aws.amazon.com/cognito/latest/developerguide/role-trust-and-permissions.html,
 * https://docs.aws.amazon.com/cognito/latest/developerguide/iam-roles.html,
 * https://docs.aws.amazon.com/cognito/latest/developerguide/identity-pools-security-best-practices.html,
 * https://docs.aws.amazon.com/cognito/latest/developerguide/role-based-access-control.html,
 * https://docs.aws.amazon.com/cognito/latest/developerguide/authentication-flow.html.
 */
import { authorizeAssumeRole } from '../../../authorize/index.js';
import { settleCallerChosenKeys } from '../../../authorize/caller-chosen-keys.js';
import type { CallerProfile, IdentityPoolProfile, RoleProfile } from '../../../authorize/types.js';
import { federatedCaller } from '../../callers/opaque-callers.js';
import { claimConditions, principalReferences } from '../../index/principal-references.js';
import type { EscalationContext, Step } from './escalation-context.js';

const SET_ROLES = 'cognito-identity:SetIdentityPoolRoles';
const CREATE_POOL = 'cognito-identity:CreateIdentityPool';
const UPDATE_POOL = 'cognito-identity:UpdateIdentityPool';
const PASS = ['iam:PassRole'] as const;
const BIND = [SET_ROLES] as const;
const CREATE = [CREATE_POOL] as const;
const UPDATE = [UPDATE_POOL] as const;

/** The actions of the Cognito techniques (a principal holding none is no candidate). */
export const COGNITO_POOL_ACTIONS: readonly string[] = [SET_ROLES, CREATE_POOL, UPDATE_POOL];

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
    // IAM roles are passed, and pools created or changed, in the caller's own account only.
    const attackers = byAccount.get(role.accountId) ?? [];
    if (attackers.length === 0) continue;
    for (const provider of providers) {
      const aud = audValues(role, provider);
      const regions = new Set([DEFAULT_REGION[role.partition] ?? 'us-east-1']);
      for (const v of aud) {
        const m = REGION_PREFIX.exec(v);
        if (m?.[1] !== undefined) regions.add(m[1]);
      }
      // The pools the trust names, and those of the role's account the snapshot holds (a trust
      // without `aud`, or with a pattern, may admit them): the trust decision settles each.
      const candidates = new Set(aud.filter((v) => POOL_ID.test(v)));
      for (const known of model.identityPools?.values() ?? [])
        if (known.accountId === role.accountId) candidates.add(known.id);
      for (const pool of candidates) {
        const known = model.identityPools?.get(pool);
        // A pool of another account: its settings are not the attacker's to change.
        if (known !== undefined && known.accountId !== role.accountId) continue;
        const trust = guestAssumes(esc, role, provider, pool);
        if (trust.result.decision === 'deny') continue;
        for (const attacker of attackers) {
          if (attacker.key === role.arn) continue;
          if (esc.holdsAny(attacker, BIND) && esc.holdsAny(attacker, PASS))
            bindToPool(esc, attacker, role, pool, known, trust);
          if (esc.holdsAny(attacker, UPDATE)) updatePool(esc, attacker, role, pool, known, trust);
        }
      }
      for (const attacker of attackers) {
        if (attacker.key === role.arn || !esc.holdsAny(attacker, CREATE)) continue;
        for (const region of regions) if (createPool(esc, attacker, role, provider, region)) break;
      }
    }
  }
}

function poolArn(role: RoleProfile, pool: string): string {
  const region = pool.slice(0, pool.indexOf(':'));
  return `arn:${role.partition}:cognito-identity:${region}:${role.accountId}:identitypool/${pool}`;
}

const UNKNOWN_POOL =
  'the snapshot does not hold the pool (workloads.json type cognito-identity-pool): it is taken to be in the ' +
  "role's account (a pool id does not name its account)";

/** A step that stands for what the snapshot says (or does not) of the pool. */
function poolStep(
  role: RoleProfile,
  pool: string,
  decision: 'allow' | 'conditional',
  reason: string,
): Step {
  return {
    action: 'cognito-identity:GetId',
    resource: poolArn(role, pool),
    result: {
      decision,
      conditionKeys: [],
      evidence: [{ policy: role.trustPolicy.ref, role: 'note', conditionKeys: [], reason }],
      notes: decision === 'conditional' ? ['cognito-pool-configuration-unknown'] : [],
    },
  };
}

/**
 * PassRole + SetIdentityPoolRoles on a pool the trust names, then a guest of that pool. The role's
 * permissions come unscoped only through the basic flow with guests allowed (the enhanced flow
 * scopes guest credentials down to a list of services): a pool known to have either off gives
 * no edge.
 */
function bindToPool(
  esc: EscalationContext,
  attacker: CallerProfile,
  role: RoleProfile,
  pool: string,
  known: IdentityPoolProfile | undefined,
  trust: Step,
): void {
  let guests: Step;
  if (known === undefined)
    guests = poolStep(
      role,
      pool,
      'conditional',
      `A guest of identity pool ${pool} gets the role's permissions only if the pool allows unauthenticated ` +
        'identities (AllowUnauthenticatedIdentities) and the basic flow (AllowClassicFlow; the enhanced flow ' +
        `scopes guest credentials down to a list of services); ${UNKNOWN_POOL}.`,
    );
  else if (known.allowUnauthenticatedIdentities === false || known.allowClassicFlow === false)
    return;
  else if (known.allowUnauthenticatedIdentities === true && known.allowClassicFlow === true)
    guests = poolStep(
      role,
      pool,
      'allow',
      `Identity pool ${pool} allows unauthenticated identities and the basic flow (workloads.json).`,
    );
  else
    guests = poolStep(
      role,
      pool,
      'conditional',
      `Whether identity pool ${pool} allows unauthenticated identities and the basic flow is not in workloads.json.`,
    );
  const arn = known?.arn ?? poolArn(role, pool);
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
  esc.addEdge(attacker.key, role.arn, `iam:PassRole+${SET_ROLES}`, [pass, set, trust, guests]);
}

/**
 * UpdateIdentityPool on a pool the trust names: the attacker turns guests and the basic flow on,
 * then, as a guest, asks STS for the role (the basic flow names the role: no PassRole).
 */
function updatePool(
  esc: EscalationContext,
  attacker: CallerProfile,
  role: RoleProfile,
  pool: string,
  known: IdentityPoolProfile | undefined,
  trust: Step,
): void {
  const arn = known?.arn ?? poolArn(role, pool);
  const update = esc.decide(
    attacker,
    UPDATE_POOL,
    arn,
    role.accountId,
    esc.accountFacts(role.accountId),
  );
  if (update.result.decision === 'deny') return;
  const steps: Step[] = [update, trust];
  if (known === undefined)
    steps.push(poolStep(role, pool, 'conditional', `Identity pool ${pool}: ${UNKNOWN_POOL}.`));
  esc.addEdge(attacker.key, role.arn, UPDATE_POOL, steps);
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

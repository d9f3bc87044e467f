/**
 * Guests of a Cognito identity pool (IAM-SEMANTICS.md §2.3): a pool that allows unauthenticated
 * identities and the basic flow gives anyone, with no credentials, a token whose `aud` is the
 * pool id and whose `amr` is `["unauthenticated"]` (GetId, GetOpenIdToken), and with it any role
 * whose trust admits that token (sts:AssumeRoleWithWebIdentity; the basic flow names the role, the
 * pool's role settings play no part). For each pool of workloads.json whose settings say so, an
 * edge from `anyone` is decided with `aud` = the pool and `amr` known: the trust's conditions
 * decide which pools it admits (a legacy trust without `aud` admits every pool of its account).
 * Across accounts STS requires the trust to test both `aud` and `amr`.
 * https://docs.aws.amazon.com/cognito/latest/developerguide/authentication-flow.html,
 * https://docs.aws.amazon.com/cognito/latest/developerguide/identity-pools-security-best-practices.html
 */
import { authorizeAssumeRole } from '../../authorize/index.js';
import { settleCallerChosenKeys } from '../../authorize/caller-chosen-keys.js';
import type { RoleProfile } from '../../authorize/types.js';
import { addDecisionEdge, ensureNode, type BuildContext } from '../build-context.js';
import { ANYONE_KEY, federatedCaller } from '../callers/opaque-callers.js';
import { claimConditions } from '../index/principal-references.js';

const ACTION = 'sts:AssumeRoleWithWebIdentity';

/** The `anyone` edges of the guests of the pools `provider`'s trust statements name. */
export function addCognitoGuestEdges(ctx: BuildContext, role: RoleProfile, provider: string): void {
  const pools = ctx.model.identityPools;
  if (pools === undefined || pools.size === 0) return;
  const host = provider.toLowerCase();
  let testsAud = false;
  let testsAmr = false;
  for (const [key, values] of Object.entries(claimConditions(role.trustPolicy, provider))) {
    const k = key.toLowerCase();
    if (k === `${host}:aud` && values.length > 0) testsAud = true;
    if (k === `${host}:amr` && values.length > 0) testsAmr = true;
  }
  for (const [id, pool] of pools) {
    if (pool.allowUnauthenticatedIdentities !== true || pool.allowClassicFlow !== true) continue;
    if (pool.accountId !== role.accountId && !(testsAud && testsAmr)) continue;
    ctx.stats.evaluations++;
    const result = settleCallerChosenKeys(
      authorizeAssumeRole({
        action: ACTION,
        caller: federatedCaller(provider, provider, false),
        role,
        model: ctx.model,
        context: {
          otherKeys: 'unknown',
          known: { [`${host}:aud`]: id, [`${host}:amr`]: ['unauthenticated'] },
        },
      }),
    );
    if (result.decision === 'deny') continue;
    ensureNode(ctx, ANYONE_KEY, { kind: 'anyone', label: 'Anyone', scope: undefined });
    addDecisionEdge(
      ctx,
      'can-assume',
      ANYONE_KEY,
      role.arn,
      `${ACTION}|${id}`,
      {
        ...result,
        evidence: [
          ...result.evidence,
          {
            policy: role.trustPolicy.ref,
            role: 'note',
            conditionKeys: [],
            reason: `Identity pool ${id} (${pool.arn}) allows unauthenticated identities and the basic flow: anyone gets a guest token of it (GetId, GetOpenIdToken) without credentials.`,
          },
        ],
      },
      { action: ACTION, claims: { [`${host}:aud`]: [id], [`${host}:amr`]: ['unauthenticated'] } },
    );
  }
}

/**
 * What a grant of a resource policy (bucket policy, key policy, secret / queue / topic /
 * repository policy) still asks of the caller's side, shared by every resource authorizer
 * (IAM-SEMANTICS.md §7.2, §7a):
 *
 * - another account's caller: nothing here — the caller combines the grant with its identity
 *   path (cross-account access needs both);
 * - a same-account IAM caller: a grant naming the user, the session or `*` is not limited by a
 *   boundary or session policy; one naming the role is; one naming the account delegates to the
 *   identity policies (and so needs them, within the boundary and session policy).
 */
import type { StatementHit } from '../policy/types.js';
import type { CallerKind, CallerSide } from './caller-side.js';
import { hitEvidence } from './evidence.js';
import { hitTruth } from './policy-set.js';
import { FALSE, and, or, type TriKeys } from './tri.js';
import type { Evidence } from './types.js';

/** The identity path of the caller's side: identity AND boundary AND session. */
export function identityPathOf(side: CallerSide): TriKeys {
  return and(side.identityAllow, and(side.boundaryAllow, side.sessionAllow));
}

/**
 * The OR of the resource policy's Allow hits, each AND-ed with what it asks of a same-account IAM
 * caller; evidence of each hit is pushed to `evidence` (with the level the principal matched at,
 * unless `principalMatchNote` is false).
 */
export function policyGrantPath(
  hits: readonly StatementHit[],
  kind: CallerKind,
  sameAccount: boolean,
  side: CallerSide,
  who: string,
  what: string,
  evidence: Evidence[],
  options: { principalMatchNote?: boolean } = {},
): TriKeys {
  const pbAndSession = and(side.boundaryAllow, side.sessionAllow);
  const identityPath = and(side.identityAllow, pbAndSession);
  let grantPath: TriKeys = FALSE;
  for (const hit of hits) {
    let p = hitTruth(hit);
    if (kind === 'iam' && sameAccount) {
      switch (hit.principalMatch) {
        case 'session':
        case 'user':
        case 'federated-user':
        case 'wildcard':
          break;
        case 'role':
          p = and(p, pbAndSession);
          break;
        case 'account':
        case 'canonical-user':
        case 'service':
        case 'federated':
        case undefined:
          // A grant to the account delegates to its identity policies.
          p = and(p, identityPath);
          break;
      }
    }
    grantPath = or(grantPath, p);
    evidence.push(
      hitEvidence(
        hit,
        hit.applies === true ? 'grants' : 'requires',
        `${who} to call ${what}`,
        hit.principalMatch !== undefined && options.principalMatchNote !== false
          ? `principal matched at ${hit.principalMatch} level`
          : undefined,
      ),
    );
  }
  return grantPath;
}

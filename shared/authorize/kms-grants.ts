/**
 * KMS grants (IAM-SEMANTICS.md §7a.3): a grant allows its grantee principal the listed
 * operations on one key, beside the key policy. Matching is on the grantee as ListGrants prints
 * it: a user or role ARN, an assumed-role session ARN (any session of that role may take that
 * name: the session name is chosen by whoever assumes the role), an account (it delegates to the
 * account's identity policies, as a key policy naming the account does) or a service principal.
 * A grant to a user, role or session allows it without any identity policy, in another account
 * too (§7a.3): resource-request.ts does not AND this path with the caller's identity policies.
 * A grant with encryption-context constraints applies only to requests that carry that context:
 * undecided on `kms:EncryptionContext:<key>`.
 */
import { parseArn } from '../arn/parse-arn.js';
import type { RequestContextLike } from '../policy/types.js';
import type { KmsGrant } from '../snapshot/types.js';
import type { CallerKind, CallerSide } from './caller-side.js';
import { identityPathOf } from './resource-grants.js';
import { FALSE, TRUE, and, or, unknownOn, type TriKeys } from './tri.js';
import type { CallerProfile, Evidence, ResourceProfile } from './types.js';

type GranteeMatch = 'principal' | 'session' | 'account' | undefined;

function matchGrantee(grantee: string, caller: CallerProfile): GranteeMatch {
  const c = caller.caller;
  if (c.type === 'service') return grantee === c.service ? 'principal' : undefined;
  const arn = parseArn(grantee);
  if (arn === undefined) return undefined;
  if (arn.service === 'iam' && arn.resource === 'root')
    return caller.accountId === arn.accountId ? 'account' : undefined;
  switch (c.type) {
    case 'user':
      return grantee === c.arn ? 'principal' : undefined;
    case 'role-session': {
      if (grantee === c.roleArn) return 'principal';
      const m = /^assumed-role\/([^/]+)\//.exec(arn.resource);
      if (arn.service !== 'sts' || m?.[1] === undefined || arn.accountId !== c.accountId)
        return undefined;
      const roleName = c.roleArn.slice(c.roleArn.lastIndexOf('/') + 1);
      return m[1] === roleName ? 'session' : undefined;
    }
    case 'root':
    case 'account':
    case 'federated-user':
    case 'oidc':
    case 'saml':
    case 'anonymous':
      return undefined;
  }
}

/**
 * Whether the request carries the grant's encryption context: every pair of the constraint must
 * be in it (`EncryptionContextEquals` also forbids other pairs, which a request context of
 * condition keys cannot list: it is read as a subset). Unknown pairs leave it undecided.
 */
function constraintTruth(grant: KmsGrant, context: RequestContextLike): TriKeys {
  let truth: TriKeys = TRUE;
  const pairs = [
    ...Object.entries(grant.constraints?.encryptionContextSubset ?? {}),
    ...Object.entries(grant.constraints?.encryptionContextEquals ?? {}),
  ];
  for (const [k, v] of pairs) {
    const key = `kms:EncryptionContext:${k}`;
    const found = context.lookup(key);
    if (found.kind === 'unknown') truth = and(truth, unknownOn([key]));
    else if (found.kind === 'absent' || !found.values.includes(v)) return FALSE;
  }
  return truth;
}

/** The OR of the grants of `key` that give `caller` the operation `action` (`kms:Decrypt` …). */
export function kmsGrantPath(
  key: ResourceProfile,
  caller: CallerProfile,
  action: string,
  kind: CallerKind,
  sameAccount: boolean,
  side: CallerSide,
  context: RequestContextLike,
  evidence: Evidence[],
): TriKeys {
  if (key.grants === undefined || key.grants.length === 0) return FALSE;
  const operation = action.slice(action.indexOf(':') + 1).toLowerCase();
  let path: TriKeys = FALSE;
  for (const grant of key.grants) {
    if (!grant.operations.some((o) => o.toLowerCase() === operation)) continue;
    const match = matchGrantee(grant.granteePrincipal, caller);
    if (match === undefined) continue;
    let p = constraintTruth(grant, context);
    if (p.value === false) continue;
    const keys = p.keys;
    if (match === 'account' && kind === 'iam') p = and(p, identityPathOf(side));
    path = or(path, p);
    const id = grant.grantId !== undefined ? `Grant ${grant.grantId}` : 'A grant';
    evidence.push({
      policy: { kind: 'resource', name: 'KMS grant', arn: key.arn },
      effect: 'Allow',
      role: keys.length > 0 ? 'requires' : 'grants',
      conditionKeys: keys,
      reason:
        `${id} of ${key.arn} gives ${grant.granteePrincipal} ${grant.operations.join(', ')}` +
        (match === 'session' ? ' (a session name the assumer of the role chooses)' : '') +
        (match === 'account' ? ', which the account delegates through its identity policies' : '') +
        (keys.length > 0
          ? `, only with the encryption context it names (${keys.join(', ')})`
          : '') +
        (sameAccount ? '.' : ' across accounts.'),
    });
  }
  return path;
}

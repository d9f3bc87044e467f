/**
 * The principals a trust or bucket policy names in its Allow statements, classified: these are
 * the candidate callers the graph builder evaluates (the policy engine then decides each one).
 */
import { dataRecord, ownValue, setDataKey } from '../../data-record.js';
import { parseArn, isAccountId } from '../../arn/parse-arn.js';
import { statementView } from './statement-views.js';
import type { CompiledPolicy } from '../../policy/types.js';

export type PrincipalReference =
  | { type: 'wildcard' }
  | { type: 'account'; accountId: string; partition?: string }
  | { type: 'user'; arn: string; accountId: string }
  | { type: 'role'; arn: string; accountId: string }
  | { type: 'session'; arn: string; accountId: string; roleName: string; sessionName: string }
  | { type: 'federated-user'; arn: string; accountId: string }
  | { type: 'unique-id'; id: string }
  | { type: 'service'; service: string }
  | { type: 'federated'; provider: string }
  | { type: 'canonical-user'; id: string }
  | { type: 'invalid'; value: string };

/** Classifies one value of a `Principal: { "AWS": … }` element. */
export function classifyAwsPrincipal(value: string): PrincipalReference {
  if (value === '*') return { type: 'wildcard' };
  if (isAccountId(value)) return { type: 'account', accountId: value };
  if (/^A[A-Z0-9]{3}[A-Z0-9]{8,}$/.test(value) && !value.includes(':'))
    return { type: 'unique-id', id: value };
  const arn = parseArn(value);
  if (!arn || !isAccountId(arn.accountId)) return { type: 'invalid', value };
  const { resource, accountId, partition } = arn;
  if (arn.service === 'iam') {
    if (resource === 'root') return { type: 'account', accountId, partition };
    if (resource.startsWith('user/')) return { type: 'user', arn: value, accountId };
    if (resource.startsWith('role/')) return { type: 'role', arn: value, accountId };
  }
  if (arn.service === 'sts') {
    const m = /^assumed-role\/([^/]+)\/(.+)$/.exec(resource);
    if (m?.[1] !== undefined && m[2] !== undefined)
      return { type: 'session', arn: value, accountId, roleName: m[1], sessionName: m[2] };
    if (resource.startsWith('federated-user/'))
      return { type: 'federated-user', arn: value, accountId };
  }
  return { type: 'invalid', value };
}

/**
 * The accounts a `*` statement's conditions pin the caller to: the values of
 * `aws:PrincipalAccount` and `kms:CallerAccount`, and the account of each `aws:PrincipalArn` value whose account part is
 * fixed (`arn:aws:iam::999988887777:role/ci-*`), tested by a positive operator. `"AWS": "*"` with
 * such a condition grants those accounts' principals, so each account is a candidate caller (the
 * engine decides it; the `*` edge itself stays conditional on the key).
 */
function accountsOfConditions(
  conditions: Readonly<Record<string, Readonly<Record<string, readonly string[]>>>>,
): PrincipalReference[] {
  const out: PrincipalReference[] = [];
  for (const [operator, byKey] of Object.entries(conditions)) {
    if (/not/i.test(operator.replace(/IfExists$/i, ''))) continue;
    for (const [key, values] of Object.entries(byKey)) {
      const lower = key.toLowerCase();
      for (const v of values) {
        if ((lower === 'aws:principalaccount' || lower === 'kms:calleraccount') && isAccountId(v))
          out.push({ type: 'account', accountId: v });
        else if (lower === 'aws:principalarn') {
          const arn = parseArn(v);
          if (arn !== undefined && isAccountId(arn.accountId))
            out.push({ type: 'account', accountId: arn.accountId, partition: arn.partition });
        }
      }
    }
  }
  return out;
}

/**
 * Every principal named by the Allow statements of `policy` (deduplicated, in order). An Allow
 * with `NotPrincipal` (legacy resource policies; IAM-SEMANTICS.md §2.5) grants everyone but the
 * listed principals: it names the wildcard, so that anyone and every account are candidates and
 * the engine excludes the listed ones. (Such a statement in a trust policy is invalid and never
 * compiled into `statements`.)
 */
export function principalReferences(policy: CompiledPolicy): PrincipalReference[] {
  const out: PrincipalReference[] = [];
  const seen = new Set<string>();
  const push = (ref: PrincipalReference): void => {
    const k = JSON.stringify(ref);
    if (seen.has(k)) return;
    seen.add(k);
    out.push(ref);
  };
  for (const stmt of policy.statements) {
    if (stmt.effect !== 'Allow') continue;
    const view = statementView(stmt);
    if (view.principals === undefined && view.notPrincipals !== undefined)
      push({ type: 'wildcard' });
    const p = view.principals;
    if (p === undefined) continue;
    if (p.wildcard) push({ type: 'wildcard' });
    for (const v of p.AWS ?? []) push(classifyAwsPrincipal(v));
    if (p.wildcard || (p.AWS ?? []).includes('*'))
      for (const ref of accountsOfConditions(view.conditions)) push(ref);
    for (const v of p.Service ?? []) push({ type: 'service', service: v.toLowerCase() });
    for (const v of p.Federated ?? []) push({ type: 'federated', provider: v });
    for (const v of p.CanonicalUser ?? []) push({ type: 'canonical-user', id: v });
  }
  return out;
}

/** The OIDC/SAML claim conditions of the Allow statements naming `provider`, as key → values. */
export function claimConditions(
  policy: CompiledPolicy,
  provider: string,
): Record<string, string[]> {
  const host = provider.includes(':oidc-provider/')
    ? provider.slice(provider.indexOf(':oidc-provider/') + ':oidc-provider/'.length).toLowerCase()
    : provider.includes(':saml-provider/')
      ? 'saml'
      : provider.toLowerCase();
  const claims = dataRecord<string[]>();
  for (const stmt of policy.statements) {
    if (stmt.effect !== 'Allow') continue;
    const view = statementView(stmt);
    if (!(view.principals?.Federated ?? []).includes(provider)) continue;
    for (const block of Object.values(view.conditions)) {
      for (const [key, values] of Object.entries(block)) {
        if (!key.toLowerCase().startsWith(`${host}:`)) continue;
        const list = ownValue(claims, key) ?? [];
        list.push(...values);
        setDataKey(claims, key, list);
      }
    }
  }
  return claims;
}

/**
 * The caller accounts a resource policy's Allow statements can admit: the builders take
 * cross-account candidate callers from these accounts only (a function policy that lets
 * `sns.amazonaws.com` invoke it admits no other account's principals). Over-approximates: `*`,
 * `NotPrincipal`, unique ids and statements without a readable principal admit any account.
 */
import type { CompiledPolicy } from '../../policy/types.js';
import { classifyAwsPrincipal } from './principal-references.js';
import { statementView } from './statement-views.js';

/** Every account (`'any'`) or the set of account ids the policy may admit. */
export type AdmittedAccounts = 'any' | ReadonlySet<string>;

export function admittedAccounts(policy: CompiledPolicy): AdmittedAccounts {
  const out = new Set<string>();
  for (const stmt of policy.statements) {
    if (stmt.effect !== 'Allow') continue;
    const view = statementView(stmt);
    const p = view.principals;
    if (p === undefined) return 'any';
    if (p.wildcard) return 'any';
    for (const v of p.AWS ?? []) {
      const ref = classifyAwsPrincipal(v);
      switch (ref.type) {
        case 'wildcard':
        case 'unique-id':
          return 'any';
        case 'account':
        case 'user':
        case 'role':
        case 'session':
        case 'federated-user':
          out.add(ref.accountId);
          break;
        case 'service':
        case 'federated':
        case 'canonical-user':
        case 'invalid':
          break;
      }
    }
  }
  return out;
}

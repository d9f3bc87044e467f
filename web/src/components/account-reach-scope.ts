/**
 * Who can reach an account: the scope a source of the organization view's edges into it is
 * listed under, as the query's starting points are scoped (shared/query/start-scope.ts): an AWS
 * service acts for the account it serves (the account's scope — it was listed as "External
 * (outside the organization)" with the badge "Inside the organization"); an identity provider or
 * `*` whose edges are public is public (GitHub Actions trusted without a subject: the provider
 * is registered in the account, but anyone with a repository passes), `*` limited to other
 * organizations is external; anything else keeps its node's scope, external when it has none.
 */
import type { NodeKind, Scope } from '../../../shared/graph/types.js';

export function accountReachScope(
  source: { kind?: NodeKind; scope?: Scope } | undefined,
  worst: string | undefined,
  targetScope: Scope | undefined,
): Scope {
  const kind = source?.kind;
  if (kind === 'anyone') return worst === 'public' ? 'public' : 'external';
  if (kind === 'service') return targetScope ?? 'org';
  if (kind === 'idp' && worst === 'public') return 'public';
  return source?.scope ?? 'external';
}

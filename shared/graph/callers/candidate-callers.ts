/**
 * The candidate callers of one bucket or resource, for the `can-access` builders: each caller is
 * decided once (`addEdges` makes the edges of a list of callers that share one source and returns
 * whether any was allowed to everyone). Never every pair: principals come from the permission
 * index or from what the target's policy names.
 *
 * - `one`: a principal.
 * - `accountGrant`: a policy naming an account — its opaque caller when it is another account,
 *   and its scanned principals whose identity policies may allow.
 * - `anyone`: `*` — the anonymous caller and any principal; then the target account's principals
 *   (the policy alone grants them) and, unless anyone is allowed already, every account's
 *   candidates (they also need their identity policies).
 * - `named`: one principal reference of the policy; a canonical user counts only with
 *   `canonicalIds` (S3).
 */
import type { CallerProfile } from '../../authorize/types.js';
import { ensureNode, type BuildContext } from '../build-context.js';
import type { CandidateIndex } from '../index/permission-index.js';
import type { PrincipalReference } from '../index/principal-references.js';
import { namedPrincipalCaller } from './named-principal-caller.js';
import {
  ANYONE_KEY,
  anonymousCaller,
  anyPrincipalCaller,
  opaqueAccountCaller,
} from './opaque-callers.js';

export interface CandidateTarget {
  accountId: string;
  partition: string;
  /** The target's key in the permission index (a bucket's name, a resource's ARN). */
  indexKey: string;
}

export interface CandidateCallers {
  one: (p: CallerProfile) => void;
  accountGrant: (accountId: string, partition: string) => void;
  anyone: () => void;
  named: (ref: PrincipalReference) => void;
}

export function candidateCallers(
  ctx: BuildContext,
  index: CandidateIndex,
  target: CandidateTarget,
  addEdges: (callers: readonly CallerProfile[], aggregate?: boolean) => boolean,
  canonicalIds?: ReadonlyMap<string, string>,
): CandidateCallers {
  const { accounts } = ctx;
  const done = new Set<string>();
  const candidates = (accountId: string): Iterable<CallerProfile> =>
    index.candidates(accountId, target.indexKey, target.accountId);
  const one = (p: CallerProfile): void => {
    if (done.has(p.key)) return;
    done.add(p.key);
    addEdges([p]);
  };
  const accountGrant = (accountId: string, partition: string): void => {
    const key = accounts.ensureAccount(accountId);
    if (accountId !== target.accountId)
      addEdges([opaqueAccountCaller(key, accountId, partition)], true);
    if (accounts.scannedAccountIds.has(accountId)) for (const p of candidates(accountId)) one(p);
  };
  const anyone = (): void => {
    if (done.has(ANYONE_KEY)) return;
    done.add(ANYONE_KEY);
    ensureNode(ctx, ANYONE_KEY, { kind: 'anyone', label: 'Anyone' });
    const allowedToAll = addEdges([anonymousCaller(), anyPrincipalCaller(target.partition)]);
    // Same-account principals are granted by the policy alone (§7.2); principals of other
    // accounts also need their identity policies. When anyone may already call, the
    // per-principal expansion of other accounts adds nothing to who-can-reach and is skipped.
    for (const p of ctx.principalsByAccount.get(target.accountId) ?? []) one(p);
    if (!allowedToAll)
      for (const accountId of index.callerAccounts()) for (const p of candidates(accountId)) one(p);
  };
  const named = (ref: PrincipalReference): void => {
    switch (ref.type) {
      case 'wildcard':
        anyone();
        break;
      case 'account':
        accountGrant(ref.accountId, ref.partition ?? target.partition);
        break;
      case 'canonical-user': {
        const accountId = canonicalIds?.get(ref.id);
        if (accountId !== undefined) accountGrant(accountId, target.partition);
        break;
      }
      case 'user':
      case 'role':
      case 'session':
      case 'service': {
        const caller = namedPrincipalCaller(ctx, ref, target.partition);
        if (caller) one(caller);
        break;
      }
      case 'federated':
      case 'federated-user':
      case 'unique-id':
      case 'invalid':
        break;
    }
  };
  return { one, accountGrant, anyone, named };
}

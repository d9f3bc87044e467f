/**
 * An index of what identity policies allow, by resource pattern, so that each role or bucket is
 * matched only with its candidate principals and never with every principal of the snapshot.
 *
 * Contract: `candidates()` over-approximates. A principal is listed when some Allow statement of
 * its identity policies matches one of the indexed actions and a resource pattern that may match
 * the target (NotResource, wildcards and policy variables count as "may match"). The decision
 * itself is always made by the policy engine afterwards.
 */
import type { CallerProfile } from '../../authorize/types.js';
import type { CompiledStatement } from '../../policy/types.js';
import { statementMatchesAction } from '../../policy/index.js';
import { statementView } from './statement-views.js';

/** Where a resource pattern points: one exact target, every target of one account, or anything. */
export type PatternKey = { exact: string } | { account: string } | 'any';

const NO_KEYS: readonly PatternKey[] = [];
const ANY_KEY: readonly PatternKey[] = ['any'];

interface AccountIndex {
  exact: Map<string, Set<CallerProfile>>;
  byAccount: Map<string, Set<CallerProfile>>;
  any: Set<CallerProfile>;
}

function addTo<K>(map: Map<K, Set<CallerProfile>>, key: K, p: CallerProfile): void {
  let set = map.get(key);
  if (!set) map.set(key, (set = new Set()));
  set.add(p);
}

/** What the edge builders ask of a permission index (PermissionIndex, or a lazy one per account). */
export interface CandidateIndex {
  /** Accounts that may have indexed principals. */
  callerAccounts(): Iterable<string>;
  /** Principals of `callerAccountId` whose identity policies may allow the actions on the target. */
  candidates(
    callerAccountId: string,
    exactKey: string,
    targetAccountId: string,
  ): Set<CallerProfile>;
}

export class PermissionIndex implements CandidateIndex {
  private readonly byCallerAccount = new Map<string, AccountIndex>();
  /**
   * The target keys of each statement, or null when it allows none of the actions. Statements
   * are shared by every policy with the same text, so most principals reuse a known answer.
   */
  private readonly keysByStatement = new WeakMap<CompiledStatement, readonly PatternKey[] | null>();
  private readonly keysByPolicy = new WeakMap<
    readonly CompiledStatement[],
    readonly PatternKey[]
  >();

  /**
   * @param principals callers with known identity policies (users and roles of scanned accounts)
   * @param actions the actions indexed (a statement allowing any of them is indexed)
   * @param keyOf how a resource pattern maps to a target key
   */
  constructor(
    principals: Iterable<CallerProfile>,
    private readonly actions: readonly string[],
    private readonly keyOf: (resourcePattern: string) => PatternKey,
  ) {
    for (const p of principals) {
      if (!p.policiesKnown || p.accountId === undefined) continue;
      let idx = this.byCallerAccount.get(p.accountId);
      if (!idx) {
        idx = { exact: new Map(), byAccount: new Map(), any: new Set() };
        this.byCallerAccount.set(p.accountId, idx);
      }
      for (const policy of p.identityPolicies)
        for (const key of this.policyKeys(policy.statements)) {
          if (key === 'any') idx.any.add(p);
          else if ('exact' in key) addTo(idx.exact, key.exact, p);
          else addTo(idx.byAccount, key.account, p);
        }
    }
  }

  /**
   * The target keys of every statement of a policy, in statement order: computed once per
   * statement list (principals with the same policy share its statements).
   */
  private policyKeys(statements: readonly CompiledStatement[]): readonly PatternKey[] {
    let keys = this.keysByPolicy.get(statements);
    if (keys === undefined) {
      const all: PatternKey[] = [];
      for (const stmt of statements) for (const key of this.statementKeys(stmt)) all.push(key);
      keys = all.length === 0 ? NO_KEYS : all;
      this.keysByPolicy.set(statements, keys);
    }
    return keys;
  }

  private statementKeys(stmt: CompiledStatement): readonly PatternKey[] {
    let keys = this.keysByStatement.get(stmt);
    if (keys === undefined) {
      keys = this.computeKeys(stmt);
      this.keysByStatement.set(stmt, keys);
    }
    return keys ?? NO_KEYS;
  }

  private computeKeys(stmt: CompiledStatement): readonly PatternKey[] | null {
    if (stmt.effect !== 'Allow') return null;
    if (!this.actions.some((a) => statementMatchesAction(stmt, a))) return null;
    const view = statementView(stmt);
    if (view.notResources !== undefined || view.resources === undefined) return ANY_KEY;
    return view.resources.map((pattern) => this.keyOf(pattern));
  }

  /** Accounts that have at least one indexed principal. */
  callerAccounts(): IterableIterator<string> {
    return this.byCallerAccount.keys();
  }

  /** Principals of `callerAccountId` whose identity policies may allow the actions on the target. */
  candidates(
    callerAccountId: string,
    exactKey: string,
    targetAccountId: string,
  ): Set<CallerProfile> {
    const out = new Set<CallerProfile>();
    const idx = this.byCallerAccount.get(callerAccountId);
    if (!idx) return out;
    for (const p of idx.exact.get(exactKey) ?? []) out.add(p);
    for (const p of idx.byAccount.get(targetAccountId) ?? []) out.add(p);
    for (const p of idx.any) out.add(p);
    return out;
  }
}

const hasWildcardOrVariable = (s: string): boolean => /[*?]|\$\{/.test(s);

/** Pattern key for role ARNs: exact role ARN, or all roles of one account, or any. */
export function rolePatternKey(pattern: string): PatternKey {
  if (pattern === '*') return 'any';
  const parts = pattern.split(':');
  if (parts.length < 6 || parts[0] !== 'arn') return 'any';
  const account = parts[4] ?? '';
  if (!hasWildcardOrVariable(pattern)) return { exact: pattern };
  if (/^\d{12}$/.test(account)) return { account };
  return 'any';
}

/** Pattern key for S3 resources: the bucket name when the bucket part is literal, else any. */
export function bucketPatternKey(pattern: string): PatternKey {
  if (pattern === '*') return 'any';
  const parts = pattern.split(':');
  if (parts.length < 6 || parts[0] !== 'arn') return 'any';
  if (parts[2] !== 's3' && !hasWildcardOrVariable(parts[2] ?? '')) return { exact: '' };
  const resource = parts.slice(5).join(':');
  const bucket = resource.split('/')[0] ?? '';
  if (bucket === '' || hasWildcardOrVariable(bucket)) return 'any';
  return { exact: bucket };
}

/**
 * `Action` / `NotAction` patterns (IAM-SEMANTICS.md §1.1, §3.2): `service:Action` or `*`,
 * matched case-insensitively with `*` / `?` wildcards (`sts:Assume*` also covers
 * `AssumeRoleWithSAML`). Patterns are lower-cased and compiled once; exact names go into a set.
 */
import { isObject, show } from './policy-issues.js';
import type { StatementScope } from './statement-scope.js';
import { Glob, hasWildcard } from './wildcard.js';

const ACTION = /^[^:\s]+:[^:\s]*$/;

/** A compiled list of action patterns. */
export class ActionSet {
  private readonly all: boolean;
  private readonly exact: ReadonlySet<string>;
  private readonly globs: readonly Glob[];

  /** @param patterns action patterns as written (lower-cased here) */
  constructor(patterns: readonly string[]) {
    const exact = new Set<string>();
    const globs: Glob[] = [];
    let all = false;
    for (const p of patterns) {
      const lower = p.toLowerCase();
      if (!hasWildcard(lower)) exact.add(lower);
      else {
        const glob = Glob.compile(lower);
        if (glob.matchesAll) all = true;
        else globs.push(glob);
      }
    }
    this.all = all;
    this.exact = exact;
    this.globs = globs;
  }

  /**
   * The set of `patterns`, shared between statements that list the same patterns (sets are
   * immutable; many policies repeat the same Action lists).
   */
  static of(patterns: readonly string[]): ActionSet {
    const key = patterns.join('\n');
    let set = SHARED.get(key);
    if (set === undefined) {
      set = new ActionSet(patterns);
      if (SHARED.size >= SHARED_LIMIT) SHARED.clear();
      SHARED.set(key, set);
    }
    return set;
  }

  /** Whether a lower-cased action matches one of the patterns. */
  test(lowerAction: string): boolean {
    if (this.all || this.exact.has(lowerAction)) return true;
    for (const g of this.globs) if (g.test(lowerAction)) return true;
    return false;
  }
}

/** Action sets by their patterns (one per line); bounded, as sharing is only an optimisation. */
const SHARED = new Map<string, ActionSet>();
const SHARED_LIMIT = 50_000;

/**
 * Reads an `Action` / `NotAction` element: a string or a list of strings, each `*` or
 * `service:action`. Invalid entries are reported and left out (they match nothing).
 */
export function compileActions(raw: unknown, path: string, scope: StatementScope): string[] {
  const list = Array.isArray(raw) ? (raw as unknown[]) : [raw];
  const out: string[] = [];
  if (list.length === 0) {
    scope.error('empty-action', `${path} is an empty list; expected at least one action`, path);
  }
  list.forEach((value, i) => {
    const at = Array.isArray(raw) ? `${path}[${i}]` : path;
    if (typeof value !== 'string' || isObject(value)) {
      scope.error(
        'invalid-action',
        `Expected an action string such as "sts:AssumeRole", found ${show(value)}`,
        at,
      );
      return;
    }
    if (value !== '*' && !ACTION.test(value)) {
      scope.error(
        'invalid-action',
        `Action ${show(value)} must be "*" or "service:Action" (e.g. "sts:AssumeRole", "s3:Get*")`,
        at,
      );
      return;
    }
    out.push(value);
  });
  return out;
}

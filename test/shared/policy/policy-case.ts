/**
 * The shape of a table-driven policy case (test/shared/policy/cases/*.json) and how one is run:
 * compile `policy` as `kind`, check the expected issues, evaluate `request`, and compare the
 * strongest Allow / Deny outcome, the undecided keys and the principal match level.
 */
import { expect } from 'vitest';
import {
  compilePolicy,
  evaluatePolicy,
  RequestContext,
  type Caller,
  type ContextValue,
  type PolicyKind,
  type PolicyResult,
  type StatementHit,
  type Tri,
} from '../../../shared/policy/index.js';

export interface PolicyCase {
  name: string;
  /** An AWS documentation URL or an IAM-SEMANTICS.md section. */
  cite: string;
  kind: PolicyKind;
  /** The policy's own ARN (the role or bucket), for its partition. */
  policyArn?: string;
  policy: unknown;
  request?: {
    action: string;
    resource?: string;
    caller?: Caller;
    canonicalIds?: Record<string, string>;
    context?: {
      known?: Record<string, ContextValue>;
      unknown?: string[];
      absent?: string[];
      otherKeys?: 'absent' | 'unknown';
    };
  };
  expect: {
    /** Strongest Allow outcome: true if one applies, 'unknown' if one may, false if none. */
    allow?: Tri;
    deny?: Tri;
    /** Sorted union of the undecided keys of all hits (compared case-sensitively). */
    unknownKeys?: string[];
    principalMatch?: string;
    principalMatches?: string[];
    /** Issues that must be reported (code, optionally path and severity). */
    issues?: { code: string; path?: string; severity?: 'error' | 'warning' }[];
    /** No issue of severity error. */
    noErrors?: boolean;
    /** Number of statements taking part in evaluation. */
    statements?: number;
    /** A resource case-mismatch warning is (true) or is not (false) reported. */
    caseMismatch?: boolean;
  };
}

function strongest(hits: readonly StatementHit[]): Tri {
  if (hits.some((h) => h.applies === true)) return true;
  return hits.length > 0 ? 'unknown' : false;
}

export function runCase(c: PolicyCase): void {
  expect(c.name, 'every case has a name').toBeTruthy();
  expect(c.cite, `case "${c.name}" cites its source`).toBeTruthy();
  const ref = { kind: c.kind, name: c.name, ...(c.policyArn ? { arn: c.policyArn } : {}) };
  const policy = compilePolicy(c.policy, ref);
  const e = c.expect;

  for (const want of e.issues ?? []) {
    const found = policy.issues.some(
      (i) =>
        i.code === want.code &&
        (want.path === undefined || i.path === want.path) &&
        (want.severity === undefined || i.severity === want.severity),
    );
    expect(found, `issue ${JSON.stringify(want)} in ${JSON.stringify(policy.issues)}`).toBe(true);
  }
  if (e.noErrors === true) {
    expect(policy.issues.filter((i) => i.severity === 'error')).toEqual([]);
  }
  if (e.statements !== undefined) expect(policy.statements.length).toBe(e.statements);

  if (c.request === undefined) return;
  const r = c.request;
  const result: PolicyResult = evaluatePolicy(policy, {
    action: r.action,
    resource: r.resource ?? '',
    ...(r.caller ? { caller: r.caller } : {}),
    ...(r.canonicalIds ? { canonicalIds: new Map(Object.entries(r.canonicalIds)) } : {}),
    context: new RequestContext(r.context ?? {}),
  });
  if (e.allow !== undefined) expect(strongest(result.allows), 'allow').toBe(e.allow);
  if (e.deny !== undefined) expect(strongest(result.denies), 'deny').toBe(e.deny);
  if (e.unknownKeys !== undefined) {
    const keys = new Set<string>();
    for (const h of [...result.allows, ...result.denies])
      for (const k of h.unknownKeys) keys.add(k);
    expect([...keys].sort()).toEqual([...e.unknownKeys].sort());
  }
  const best = result.allows.find((h) => h.applies === true) ?? result.allows[0];
  if (e.principalMatch !== undefined) expect(best?.principalMatch).toBe(e.principalMatch);
  if (e.principalMatches !== undefined) expect(best?.principalMatches).toEqual(e.principalMatches);
  if (e.caseMismatch !== undefined) {
    expect((result.caseMismatches?.length ?? 0) > 0, 'case mismatch reported').toBe(e.caseMismatch);
  }
}

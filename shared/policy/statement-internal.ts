/**
 * The private layout of a compiled statement (`CompiledStatement.internal`): every matcher is
 * built at compile time, so that evaluation only compares strings and walks small arrays.
 */
import type { ActionSet } from './action-pattern.js';
import type { CompiledClause } from './conditions/compile-condition.js';
import type { CompiledPrincipals } from './principal-pattern.js';
import type { ResourceSet } from './resource-pattern.js';
import type { CompiledStatement, StatementView } from './types.js';

export class StatementInternal {
  constructor(
    /** `NotAction`: the statement matches the actions NOT in `actions`. */
    readonly notAction: boolean,
    readonly actions: ActionSet,
    /** `all`: no Resource element applies (trust policies, or a Deny missing it). */
    readonly resourceMode: 'all' | 'resource' | 'notResource',
    readonly resources: ResourceSet | undefined,
    readonly principalMode: 'none' | 'principal' | 'notPrincipal',
    readonly principals: CompiledPrincipals | undefined,
    readonly clauses: readonly CompiledClause[],
    /** Keys the conditions test, first spelling, unique case-insensitively. */
    readonly conditionKeys: readonly string[],
    readonly view: StatementView,
  ) {}
}

/** The internal layout of a statement made by `compilePolicy`; throws for anything else. */
export function internalOf(stmt: CompiledStatement): StatementInternal {
  const internal = stmt.internal;
  if (!(internal instanceof StatementInternal)) {
    throw new TypeError(
      `Statement ${stmt.index} was not produced by compilePolicy(); compile the policy document first`,
    );
  }
  return internal;
}

/**
 * What a condition operator family provides (IAM-SEMANTICS.md §5.1): its operator names and how
 * one policy value is compiled into a matcher of one request value. Negation (`…Not…`), the
 * `…IfExists` suffix, the `ForAnyValue:` / `ForAllValues:` prefixes and missing keys are handled
 * once, by evaluate-condition.ts, for every family.
 */
import type { GlobPart } from '../wildcard.js';

/** Tests one request value against one (compiled) policy value. */
export interface ValueMatcher {
  test(requestValue: string): boolean;
}

export interface OperatorFamily {
  readonly name: string;
  /**
   * Lower-case operator name (without prefix or `IfExists`) → the positive operator it negates
   * or is, and whether it is negated (`stringnotlike` → `stringlike`, negated).
   */
  readonly operators: Readonly<
    Record<string, { readonly positive: string; readonly negated: boolean }>
  >;
  /** Policy variables are substituted in this family's values (string and ARN operators). */
  readonly variables: boolean;
  /**
   * Compiles one policy value, given as pattern parts (a plain value is one string part),
   * for the positive operator `positive`. Returns a matcher, or a message saying what was
   * expected when the value is invalid for the operator.
   */
  compile(parts: readonly GlobPart[], positive: string): ValueMatcher | string;
}

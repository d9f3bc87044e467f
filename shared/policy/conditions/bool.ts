/**
 * The `Bool` condition operator (IAM-SEMANTICS.md §5.1, §5.4): `true` / `false`, compared
 * case-insensitively. (`aws:MultiFactorAuthPresent` is absent for long-term keys; the missing-key
 * rules of evaluate-condition.ts give the MFA table of §5.4.)
 */
import { partsToString } from '../policy-variables.js';
import type { GlobPart } from '../wildcard.js';
import type { OperatorFamily, ValueMatcher } from './operator-family.js';

function compileBool(parts: readonly GlobPart[]): ValueMatcher | string {
  const v = partsToString(parts).trim().toLowerCase();
  if (v !== 'true' && v !== 'false') return 'expected "true" or "false"';
  return { test: (r) => r.trim().toLowerCase() === v };
}

export const BOOL_OPERATORS: OperatorFamily = {
  name: 'Bool',
  operators: { bool: { positive: 'bool', negated: false } },
  variables: false,
  compile: compileBool,
};

/**
 * The `Null` condition operator (IAM-SEMANTICS.md §5.1): `"true"` ⇔ the key is absent,
 * `"false"` ⇔ it is present. It cannot take `IfExists`. Its evaluation is special-cased in
 * evaluate-condition.ts (it looks at presence, not at values); the matcher here tests the text
 * `"true"` (absent) or `"false"` (present).
 */
import { partsToString } from '../policy-variables.js';
import type { GlobPart } from '../wildcard.js';
import type { OperatorFamily, ValueMatcher } from './operator-family.js';

function compileNull(parts: readonly GlobPart[]): ValueMatcher | string {
  const v = partsToString(parts).trim().toLowerCase();
  if (v !== 'true' && v !== 'false') return 'expected "true" or "false"';
  return { test: (presence) => presence === v };
}

export const NULL_OPERATOR: OperatorFamily = {
  name: 'Null',
  operators: { null: { positive: 'null', negated: false } },
  variables: false,
  compile: compileNull,
};

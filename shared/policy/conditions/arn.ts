/**
 * ARN condition operators (IAM-SEMANTICS.md §5.1): `ArnEquals` ≡ `ArnLike`, case-sensitive,
 * matched per colon-delimited segment with `*` / `?` inside a segment (a `*` never spans a `:`
 * before the resource part). A pattern of wildcards only (`*`) matches any value; any other
 * pattern with fewer than six segments matches nothing.
 */
import { ArnPattern } from '../arn-pattern.js';
import { partsToString } from '../policy-variables.js';
import type { GlobPart } from '../wildcard.js';
import type { OperatorFamily, ValueMatcher } from './operator-family.js';

const ANY: ValueMatcher = { test: () => true };
const NONE: ValueMatcher = { test: () => false };

function compileArn(parts: readonly GlobPart[]): ValueMatcher {
  const pattern = ArnPattern.fromParts(parts);
  if (pattern !== undefined) return pattern;
  const onlyStars = parts.every((p) => typeof p === 'string' && /^\**$/.test(p));
  return onlyStars && partsToString(parts) !== '' ? ANY : NONE;
}

export const ARN_OPERATORS: OperatorFamily = {
  name: 'Arn',
  operators: {
    arnequals: { positive: 'arnlike', negated: false },
    arnlike: { positive: 'arnlike', negated: false },
    arnnotequals: { positive: 'arnlike', negated: true },
    arnnotlike: { positive: 'arnlike', negated: true },
  },
  variables: true,
  compile: compileArn,
};

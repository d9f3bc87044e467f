/**
 * ARN condition operators (IAM-SEMANTICS.md §5.1): `ArnEquals` ≡ `ArnLike`, case-sensitive,
 * matched per colon-delimited segment with `*` / `?` inside a segment. A pattern with fewer than
 * six segments (e.g. `*`) is matched against the whole value as a wildcard pattern.
 */
import { ArnPattern } from '../arn-pattern.js';
import { Glob, type GlobPart } from '../wildcard.js';
import type { OperatorFamily, ValueMatcher } from './operator-family.js';

function compileArn(parts: readonly GlobPart[]): ValueMatcher {
  const pattern = ArnPattern.fromParts(parts);
  if (pattern !== undefined) return pattern;
  const glob = Glob.fromParts(parts);
  return { test: (r) => glob.test(r) };
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

/**
 * String condition operators (IAM-SEMANTICS.md §5.1): `StringEquals` / `StringNotEquals` exact
 * and case-sensitive (a `*` is a literal), `…IgnoreCase` compare lower-cased, `StringLike` /
 * `StringNotLike` with `*` and `?` wildcards, case-sensitive.
 */
import { partsToString } from '../policy-variables.js';
import { Glob, type GlobPart } from '../wildcard.js';
import type { OperatorFamily, ValueMatcher } from './operator-family.js';

function compileString(parts: readonly GlobPart[], positive: string): ValueMatcher | string {
  switch (positive) {
    case 'stringequals': {
      const v = partsToString(parts);
      return { test: (r) => r === v };
    }
    case 'stringequalsignorecase': {
      const v = partsToString(parts).toLowerCase();
      return { test: (r) => r.toLowerCase() === v };
    }
    case 'stringlike': {
      const glob = Glob.fromParts(parts);
      return { test: (r) => glob.test(r) };
    }
    default:
      return `unsupported string operator ${positive}`;
  }
}

export const STRING_OPERATORS: OperatorFamily = {
  name: 'String',
  operators: {
    stringequals: { positive: 'stringequals', negated: false },
    stringnotequals: { positive: 'stringequals', negated: true },
    stringequalsignorecase: { positive: 'stringequalsignorecase', negated: false },
    stringnotequalsignorecase: { positive: 'stringequalsignorecase', negated: true },
    stringlike: { positive: 'stringlike', negated: false },
    stringnotlike: { positive: 'stringlike', negated: true },
  },
  variables: true,
  compile: compileString,
};

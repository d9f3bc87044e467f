/**
 * Numeric condition operators (IAM-SEMANTICS.md §5.1): integers and decimals. A request value
 * that is not a number matches nothing (so a negated operator is true for it).
 */
import { partsToString } from '../policy-variables.js';
import type { GlobPart } from '../wildcard.js';
import type { OperatorFamily, ValueMatcher } from './operator-family.js';

const NUMBER = /^\s*[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?\s*$/;

/** Parses a decimal number; undefined when the text is not one. */
export function parseNumber(text: string): number | undefined {
  if (!NUMBER.test(text)) return undefined;
  const n = Number(text);
  return Number.isFinite(n) ? n : undefined;
}

function compare(positive: string, a: number, b: number): boolean {
  switch (positive) {
    case 'numericequals':
      return a === b;
    case 'numericlessthan':
      return a < b;
    case 'numericlessthanequals':
      return a <= b;
    case 'numericgreaterthan':
      return a > b;
    default:
      return a >= b;
  }
}

function compileNumeric(parts: readonly GlobPart[], positive: string): ValueMatcher | string {
  const policy = parseNumber(partsToString(parts));
  if (policy === undefined) return 'expected a number';
  return {
    test: (r) => {
      const n = parseNumber(r);
      return n !== undefined && compare(positive, n, policy);
    },
  };
}

export const NUMERIC_OPERATORS: OperatorFamily = {
  name: 'Numeric',
  operators: {
    numericequals: { positive: 'numericequals', negated: false },
    numericnotequals: { positive: 'numericequals', negated: true },
    numericlessthan: { positive: 'numericlessthan', negated: false },
    numericlessthanequals: { positive: 'numericlessthanequals', negated: false },
    numericgreaterthan: { positive: 'numericgreaterthan', negated: false },
    numericgreaterthanequals: { positive: 'numericgreaterthanequals', negated: false },
  },
  variables: false,
  compile: compileNumeric,
};

/**
 * Date condition operators (IAM-SEMANTICS.md §5.1): values are ISO 8601 dates/times
 * (`2025-01-31`, `2025-01-31T12:00:00Z`, with or without seconds, fraction or offset; no offset
 * means UTC) or epoch seconds. A request value that is neither matches nothing.
 */
import { partsToString } from '../policy-variables.js';
import type { GlobPart } from '../wildcard.js';
import type { OperatorFamily, ValueMatcher } from './operator-family.js';

const ISO =
  /^(\d{4})-(\d{2})-(\d{2})(?:[Tt ](\d{2}):(\d{2})(?::(\d{2})(\.\d+)?)?([Zz]|[+-]\d{2}:?\d{2})?)?$/;
const EPOCH = /^\d{1,12}(\.\d+)?$/;

/** Milliseconds since the epoch, or undefined when the text is not an IAM date. */
export function parseDate(text: string): number | undefined {
  const t = text.trim();
  if (EPOCH.test(t)) return Number(t) * 1000;
  const m = ISO.exec(t);
  if (m === null) return undefined;
  const [, y, mo, d, h = '00', mi = '00', s = '00', frac = '', zone = 'Z'] = m;
  const offset =
    zone === 'Z' || zone === 'z'
      ? 'Z'
      : zone.length === 5
        ? `${zone.slice(0, 3)}:${zone.slice(3)}`
        : zone;
  const ms = Date.parse(`${y}-${mo}-${d}T${h}:${mi}:${s}${frac.slice(0, 4)}${offset}`);
  return Number.isNaN(ms) ? undefined : ms;
}

function compare(positive: string, a: number, b: number): boolean {
  switch (positive) {
    case 'dateequals':
      return a === b;
    case 'datelessthan':
      return a < b;
    case 'datelessthanequals':
      return a <= b;
    case 'dategreaterthan':
      return a > b;
    default:
      return a >= b;
  }
}

// One-entry memo: one request value is compared with many policy values in a row.
let lastText = '';
let lastParsed: number | undefined;
function parseRequestValue(text: string): number | undefined {
  if (text !== lastText) {
    lastText = text;
    lastParsed = parseDate(text);
  }
  return lastParsed;
}

function compileDate(parts: readonly GlobPart[], positive: string): ValueMatcher | string {
  const policy = parseDate(partsToString(parts));
  if (policy === undefined) return 'expected an ISO 8601 date or epoch seconds';
  return {
    test: (r) => {
      const t = parseRequestValue(r);
      return t !== undefined && compare(positive, t, policy);
    },
  };
}

export const DATE_OPERATORS: OperatorFamily = {
  name: 'Date',
  operators: {
    dateequals: { positive: 'dateequals', negated: false },
    datenotequals: { positive: 'dateequals', negated: true },
    datelessthan: { positive: 'datelessthan', negated: false },
    datelessthanequals: { positive: 'datelessthanequals', negated: false },
    dategreaterthan: { positive: 'dategreaterthan', negated: false },
    dategreaterthanequals: { positive: 'dategreaterthanequals', negated: false },
  },
  variables: false,
  compile: compileDate,
};

/**
 * The condition operator registry and the parsing of an operator name into its parts:
 * `ForAnyValue:` / `ForAllValues:` prefix, family operator (possibly negated), `IfExists`
 * suffix (IAM-SEMANTICS.md §5.1). Operator names are matched case-insensitively.
 */
import { ARN_OPERATORS } from './arn.js';
import { BINARY_OPERATORS } from './binary.js';
import { BOOL_OPERATORS } from './bool.js';
import { DATE_OPERATORS } from './date.js';
import { IP_ADDRESS_OPERATORS } from './ip-address.js';
import { NULL_OPERATOR } from './null.js';
import { NUMERIC_OPERATORS } from './numeric.js';
import type { OperatorFamily } from './operator-family.js';
import { STRING_OPERATORS } from './string.js';

export const FAMILIES: readonly OperatorFamily[] = [
  STRING_OPERATORS,
  NUMERIC_OPERATORS,
  DATE_OPERATORS,
  BOOL_OPERATORS,
  BINARY_OPERATORS,
  IP_ADDRESS_OPERATORS,
  ARN_OPERATORS,
  NULL_OPERATOR,
];

/** No set operator, `ForAnyValue:`, `ForAllValues:`. */
export type SetOperator = 'none' | 'any' | 'all';

export interface OperatorInfo {
  family: OperatorFamily;
  /** Lower-case positive operator (`stringnotlike` → `stringlike`). */
  positive: string;
  negated: boolean;
  ifExists: boolean;
  setOperator: SetOperator;
  isNull: boolean;
}

const REGISTRY = new Map<string, { family: OperatorFamily; positive: string; negated: boolean }>();
for (const family of FAMILIES) {
  for (const [name, op] of Object.entries(family.operators)) {
    REGISTRY.set(name, { family, positive: op.positive, negated: op.negated });
  }
}

/** Parses an operator name; undefined when the name is not a known operator. */
export function parseOperator(name: string): OperatorInfo | undefined {
  let setOperator: SetOperator = 'none';
  let rest = name;
  const colon = name.indexOf(':');
  if (colon >= 0) {
    const prefix = name.slice(0, colon).toLowerCase();
    if (prefix === 'foranyvalue') setOperator = 'any';
    else if (prefix === 'forallvalues') setOperator = 'all';
    else return undefined;
    rest = name.slice(colon + 1);
  }
  let base = rest.toLowerCase();
  const ifExists = base.endsWith('ifexists') && base.length > 'ifexists'.length;
  if (ifExists) base = base.slice(0, -'ifexists'.length);
  const entry = REGISTRY.get(base);
  if (entry === undefined) return undefined;
  return { ...entry, ifExists, setOperator, isNull: entry.family === NULL_OPERATOR };
}

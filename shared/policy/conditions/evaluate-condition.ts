/**
 * Three-valued evaluation of compiled conditions (IAM-SEMANTICS.md §5.1, §5.2).
 *
 * - Clauses (operators, keys) AND; the values of one key OR; a negated operator is the AND of
 *   the negations (the request value matches none of the values).
 * - Missing key: non-negated → false, negated → true, `…IfExists` → true, `ForAllValues` → true,
 *   `ForAnyValue` → false, `Null` → as its value says. A known empty list counts as missing.
 * - Unknown key → unknown, whatever the operator (an unknown key may be absent or any value).
 * - A policy value whose variable is absent is "effectively null": it matches nothing (so a
 *   negated operator is true for it); a variable on an unknown key makes the value unknown.
 * - A single-valued operator (no set prefix) on a key with several request values is not
 *   documented by AWS; it evaluates to unknown on that key rather than guessing.
 */
import { lookupKey, UNRESOLVED } from '../policy-variables.js';
import { FALSE, TRUE, UNKNOWN, type Truth } from '../three-valued.js';
import type { RequestContextLike } from '../types.js';
import { TemplateValue, type CompiledValue } from './condition-value.js';
import type { CompiledClause } from './compile-condition.js';

const NO_VALUES: readonly string[] = [];

function matchValue(
  value: CompiledValue,
  requestValue: string,
  context: RequestContextLike,
  unknownKeys: string[],
): Truth {
  if (!(value instanceof TemplateValue)) return value.test(requestValue) ? TRUE : FALSE;
  const matcher = value.resolve(context, unknownKeys);
  if (matcher === null) return FALSE;
  if (matcher === UNRESOLVED) return UNKNOWN;
  return matcher.test(requestValue) ? TRUE : FALSE;
}

/** One request value against all policy values of the clause (OR; negated: AND of NOTs). */
function matchRequestValue(
  clause: CompiledClause,
  negated: boolean,
  requestValue: string,
  context: RequestContextLike,
  unknownKeys: string[],
): Truth {
  const mark = unknownKeys.length;
  let undecided = false;
  for (const value of clause.values) {
    const m = matchValue(value, requestValue, context, unknownKeys);
    if (m === TRUE) {
      if (unknownKeys.length !== mark) unknownKeys.length = mark;
      return negated ? FALSE : TRUE;
    }
    if (m === UNKNOWN) undecided = true;
  }
  if (undecided) return UNKNOWN;
  return negated ? TRUE : FALSE;
}

/** Evaluates one clause; pushes the keys that leave it undecided. */
export function evaluateClause(
  clause: CompiledClause,
  context: RequestContextLike,
  unknownKeys: string[],
): Truth {
  const info = clause.info;
  if (info === undefined) {
    unknownKeys.push(clause.key);
    return UNKNOWN;
  }
  const found = lookupKey(context, clause.key, clause.lowerKey);
  if (found.kind === 'unknown') {
    unknownKeys.push(clause.key);
    return UNKNOWN;
  }
  const values = found.kind === 'known' ? found.values : NO_VALUES;
  const present = values.length > 0;
  if (info.isNull) {
    return matchRequestValue(clause, false, present ? 'false' : 'true', context, unknownKeys);
  }
  if (!present) {
    if (info.ifExists || info.setOperator === 'all') return TRUE;
    if (info.setOperator === 'any') return FALSE;
    return info.negated ? TRUE : FALSE;
  }
  if (info.setOperator === 'none') {
    if (values.length > 1) {
      unknownKeys.push(clause.key);
      return UNKNOWN;
    }
    return matchRequestValue(clause, info.negated, values[0] as string, context, unknownKeys);
  }
  const any = info.setOperator === 'any';
  const mark = unknownKeys.length;
  let undecided = false;
  for (const v of values) {
    const m = matchRequestValue(clause, info.negated, v, context, unknownKeys);
    if (m === (any ? TRUE : FALSE)) {
      if (unknownKeys.length !== mark) unknownKeys.length = mark;
      return m;
    }
    if (m === UNKNOWN) undecided = true;
  }
  if (undecided) return UNKNOWN;
  return any ? FALSE : TRUE;
}

/** AND of all clauses; pushes the keys that leave the result undecided. */
export function evaluateClauses(
  clauses: readonly CompiledClause[],
  context: RequestContextLike,
  unknownKeys: string[],
): Truth {
  const mark = unknownKeys.length;
  let undecided = false;
  for (const clause of clauses) {
    const r = evaluateClause(clause, context, unknownKeys);
    if (r === FALSE) {
      if (unknownKeys.length !== mark) unknownKeys.length = mark;
      return FALSE;
    }
    if (r === UNKNOWN) undecided = true;
  }
  return undecided ? UNKNOWN : TRUE;
}

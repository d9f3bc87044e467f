/**
 * Three-valued evaluation of compiled conditions (IAM-SEMANTICS.md §5.1, §5.2).
 *
 * - Clauses (operators, keys) AND; the values of one key OR; a negated operator is the AND of
 *   the negations (the request value matches none of the values).
 * - Missing key: non-negated → false, negated → true, `…IfExists` → true, `ForAllValues` → true,
 *   `ForAnyValue` → false, `Null` → as its value says. A known empty list counts as missing.
 * - Unknown key → unknown, whatever the operator (an unknown key may be absent or any value);
 *   except `Null` on a key the context knows to be present (`presentLowerCase`), and a date key the context bounds (`dateBoundLowerCase`: later than a date, maybe absent)
 *   under `DateLessThan…` / `DateGreaterThan…`, which is decided when its truth is the same for
 *   every value the bound admits (evaluateBounded).
 * - A policy value whose variable is absent is "effectively null": it matches nothing (so a
 *   negated operator is true for it); a variable on an unknown key makes the value unknown.
 * - A single-valued operator (no set prefix) on a key with several request values is not
 *   documented by AWS; it evaluates to unknown on that key rather than guessing.
 */
import { lookupKey, UNRESOLVED } from '../policy-variables.js';
import { FALSE, TRUE, UNKNOWN, type Truth } from '../three-valued.js';
import type { DateBound, RequestContextLike } from '../types.js';
import { TemplateValue, type CompiledValue } from './condition-value.js';
import type { CompiledClause } from './compile-condition.js';
import { DATE_OPERATORS } from './date.js';
import type { OperatorInfo } from './operators.js';

const NO_VALUES: readonly string[] = [];
/** Some value of a key that is present, for `Null`, which does not read it. */
const PRESENT: readonly string[] = Object.freeze(['']);

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
    // `Null` looks at presence only: a key the context knows to be present, its value unknown.
    if (info.isNull && context.presentLowerCase?.(clause.lowerKey) === true)
      return evaluateValues(clause, info, PRESENT, context, unknownKeys);
    const bound = context.dateBoundLowerCase?.(clause.lowerKey);
    if (bound !== undefined) {
      const decided = evaluateBounded(clause, info, bound, context, unknownKeys);
      if (decided !== UNKNOWN) return decided;
    }
    unknownKeys.push(clause.key);
    return UNKNOWN;
  }
  return evaluateValues(
    clause,
    info,
    found.kind === 'known' ? found.values : NO_VALUES,
    context,
    unknownKeys,
  );
}

/** A date far beyond any token or request time. */
const FAR_FUTURE = '9999-12-31T23:59:59Z';

/**
 * A clause on a date key the context bounds: every value is later than `bound.after` (or the key
 * is absent, when it may be). Each `DateLessThan…` / `DateGreaterThan…` comparison is monotone in
 * the request date, and so is their OR over the clause's values (one operator per clause), so
 * when the clause has the same truth just after the bound and in the far future (and with the key
 * absent, when it may be) it has that truth for every value the bound admits. `DateEquals` /
 * `DateNotEquals` (not monotone) and the other operators stay unknown.
 */
function evaluateBounded(
  clause: CompiledClause,
  info: OperatorInfo,
  bound: DateBound,
  context: RequestContextLike,
  unknownKeys: string[],
): Truth {
  if (info.family !== DATE_OPERATORS || info.isNull || info.positive === 'dateequals')
    return UNKNOWN;
  const mark = unknownKeys.length;
  const at = (values: readonly string[]): Truth =>
    evaluateValues(clause, info, values, context, unknownKeys);
  const first = at([new Date(bound.after + 1).toISOString()]);
  const same =
    first !== UNKNOWN &&
    at([FAR_FUTURE]) === first &&
    (!bound.mayBeAbsent || at(NO_VALUES) === first);
  unknownKeys.length = mark;
  return same ? first : UNKNOWN;
}

/** Evaluates one clause on the request values of its key (none: the key is absent). */
function evaluateValues(
  clause: CompiledClause,
  info: OperatorInfo,
  values: readonly string[],
  context: RequestContextLike,
  unknownKeys: string[],
): Truth {
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

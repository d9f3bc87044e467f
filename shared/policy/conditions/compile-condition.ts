/**
 * Compiles a statement's `Condition` block (IAM-SEMANTICS.md §5.1) into clauses, one per
 * (operator, key), and validates it: unknown operators, malformed blocks, `Null` with
 * `IfExists`, values invalid for their operator, empty value lists (errors); `StringEquals`
 * with a wildcard and `ForAllValues` on a single-valued key (warnings).
 *
 * In a Deny statement a clause that cannot be interpreted is kept as `uninterpretable`: it
 * evaluates to unknown on its key, so the Deny possibly applies instead of disappearing.
 */
import { dataRecord, ownValue, setDataKey } from '../../data-record.js';
import { parseTemplate } from '../policy-variables.js';
import { isObject, show } from '../policy-issues.js';
import type { StatementScope } from '../statement-scope.js';
import { hasWildcard } from '../wildcard.js';
import { TemplateValue, type CompiledValue } from './condition-value.js';
import { parseOperator, type OperatorInfo } from './operators.js';

/** The key reported for a Deny condition that is too malformed to name its key. */
export const INVALID_CONDITION_KEY = '<invalid-condition>';

/**
 * The key on which a statement that could not be read whole is conditional (never known, so the
 * statement possibly applies: compile-statement.ts, IAM-SEMANTICS.md §2.7).
 */
export const UNREADABLE_STATEMENT_KEY = '<unreadable-statement>';

export interface CompiledClause {
  /** The operator as written. */
  readonly operator: string;
  /** The key as written. */
  readonly key: string;
  readonly lowerKey: string;
  /** Undefined for an uninterpretable clause (Deny only): it evaluates to unknown. */
  readonly info: OperatorInfo | undefined;
  readonly values: readonly CompiledValue[];
}

export interface CompiledCondition {
  readonly clauses: readonly CompiledClause[];
  /** Keys tested, first spelling, unique case-insensitively. */
  readonly keys: readonly string[];
  /** Operator → key → values as written. */
  readonly view: Readonly<Record<string, Readonly<Record<string, readonly string[]>>>>;
}

export const NO_CONDITION: CompiledCondition = Object.freeze({
  clauses: [],
  keys: [],
  view: dataRecord<Readonly<Record<string, readonly string[]>>>(),
});

/** Keys that AWS documents as single-valued and that are misused with `ForAllValues` (§5.1). */
const SINGLE_VALUED = new Set([
  'aws:principalorgid',
  'aws:principalarn',
  'aws:principalaccount',
  'aws:sourceaccount',
  'aws:sourcearn',
  'aws:sourceip',
  'aws:sourcevpc',
  'aws:sourcevpce',
  'aws:username',
  'aws:userid',
  'sts:externalid',
  'sts:rolesessionname',
]);

function isSingleValued(lowerKey: string): boolean {
  return SINGLE_VALUED.has(lowerKey) || lowerKey.endsWith(':sub');
}

/** Condition values as strings: JSON strings, numbers and booleans; undefined if malformed. */
function valueList(raw: unknown): string[] | undefined {
  const list = Array.isArray(raw) ? (raw as unknown[]) : [raw];
  const out: string[] = [];
  for (const v of list) {
    if (typeof v === 'string') out.push(v);
    else if (typeof v === 'number' || typeof v === 'boolean') out.push(String(v));
    else return undefined;
  }
  return out;
}

function uninterpretable(operator: string, key: string): CompiledClause {
  return { operator, key, lowerKey: key.toLowerCase(), info: undefined, values: [] };
}

/** Compiles `Condition`; problems are reported through `scope` with paths under `path`. */
export function compileCondition(
  raw: unknown,
  path: string,
  scope: StatementScope,
): CompiledCondition {
  const deny = scope.effect === 'Deny';
  if (!isObject(raw)) {
    scope.error(
      'malformed-condition',
      `Condition must be an object of operator → { key: value(s) }, found ${show(raw)}`,
      path,
    );
    return deny
      ? {
          clauses: [uninterpretable('Condition', INVALID_CONDITION_KEY)],
          keys: [INVALID_CONDITION_KEY],
          view: dataRecord(),
        }
      : NO_CONDITION;
  }
  const clauses: CompiledClause[] = [];
  const keys: string[] = [];
  const seenKeys = new Set<string>();
  // Operators and keys are data: null-prototype records (a key may be `__proto__`).
  const view = dataRecord<Record<string, string[]>>();
  const addKey = (key: string): void => {
    const lower = key.toLowerCase();
    if (seenKeys.has(lower)) return;
    seenKeys.add(lower);
    keys.push(key);
  };

  for (const [operator, block] of Object.entries(raw)) {
    const opPath = `${path}.${operator}`;
    const info = parseOperator(operator);
    if (!isObject(block)) {
      scope.error(
        'malformed-condition',
        `Condition operator ${show(operator)} must map to an object of key → value(s), found ${show(block)}`,
        opPath,
      );
      if (deny) {
        clauses.push(uninterpretable(operator, INVALID_CONDITION_KEY));
        addKey(INVALID_CONDITION_KEY);
      }
      continue;
    }
    let usable = true;
    if (info === undefined) {
      scope.error(
        'unknown-operator',
        `Unknown condition operator ${show(operator)}; expected e.g. StringEquals, ArnLike, ForAnyValue:StringLike, BoolIfExists`,
        opPath,
      );
      usable = false;
    } else if (info.isNull && info.ifExists) {
      scope.error(
        'null-with-if-exists',
        'The Null operator cannot take the IfExists suffix',
        opPath,
      );
      usable = false;
    } else if (info.isNull && info.setOperator !== 'none') {
      scope.error(
        'malformed-condition',
        'The Null operator cannot take a ForAnyValue: or ForAllValues: prefix',
        opPath,
      );
      usable = false;
    }
    let opView = ownValue(view, operator);
    if (opView === undefined) {
      opView = dataRecord<string[]>();
      setDataKey(view, operator, opView);
    }
    for (const [key, rawValues] of Object.entries(block)) {
      const keyPath = `${opPath}.${key}`;
      addKey(key);
      const values = valueList(rawValues);
      setDataKey(opView, key, values ?? []);
      if (values === undefined) {
        scope.error(
          'malformed-condition',
          `Condition values must be strings, numbers or booleans (or a list of them), found ${show(rawValues)}`,
          keyPath,
        );
        if (deny) clauses.push(uninterpretable(operator, key));
        continue;
      }
      if (!usable || info === undefined) {
        if (deny) clauses.push(uninterpretable(operator, key));
        continue;
      }
      if (values.length === 0) {
        scope.error('empty-condition-values', `Condition key ${show(key)} has no values`, keyPath);
        if (deny) clauses.push(uninterpretable(operator, key));
        continue;
      }
      const compiled = compileValues(values, keyPath, info, scope);
      if (compiled === undefined) {
        if (deny) clauses.push(uninterpretable(operator, key));
        continue;
      }
      warnAbout(operator, key, values, info, keyPath, scope);
      clauses.push({ operator, key, lowerKey: key.toLowerCase(), info, values: compiled });
    }
  }
  return { clauses, keys, view };
}

function compileValues(
  values: readonly string[],
  keyPath: string,
  info: OperatorInfo,
  scope: StatementScope,
): CompiledValue[] | undefined {
  const out: CompiledValue[] = [];
  let ok = true;
  for (let i = 0; i < values.length; i++) {
    const value = values[i] as string;
    const template = info.family.variables && scope.variables ? parseTemplate(value) : undefined;
    if (template !== undefined) {
      out.push(new TemplateValue(template, info.family, info.positive));
      continue;
    }
    const compiled = info.family.compile([value], info.positive);
    if (typeof compiled === 'string') {
      ok = false;
      scope.error(
        'invalid-condition-value',
        `${info.family.name} condition value ${show(value)} is invalid: ${compiled}`,
        values.length > 1 ? `${keyPath}[${i}]` : keyPath,
      );
    } else {
      out.push(compiled);
    }
  }
  return ok ? out : undefined;
}

function warnAbout(
  operator: string,
  key: string,
  values: readonly string[],
  info: OperatorInfo,
  keyPath: string,
  scope: StatementScope,
): void {
  if (info.positive === 'stringequals' && values.some((v) => hasWildcard(v) && !v.includes('${'))) {
    scope.warn(
      'wildcard-without-like',
      `${operator} compares exactly: the * or ? in ${show(values)} is a literal character; use StringLike for a wildcard`,
      keyPath,
    );
  }
  if (info.setOperator === 'all' && isSingleValued(key.toLowerCase())) {
    scope.warn(
      'forallvalues-single-valued-key',
      `ForAllValues with the single-valued key ${show(key)} is true when the key is absent; this is overly permissive`,
      keyPath,
    );
  }
}

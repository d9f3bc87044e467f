/**
 * Reading the statements behind an edge: which trust (or bucket-policy) statements the edge's
 * evidence names, and what their conditions test, operator by operator. Rules use this to judge
 * *how* a condition constrains (an ExternalId `StringLike "*"`, a `repo:*` subject), which the
 * three-valued decision alone cannot tell.
 */
import type { Evidence } from '../authorize/types.js';
import { describeStatement } from '../policy/index.js';
import type { CompiledPolicy, PolicyKind, StatementView } from '../policy/types.js';

export interface EdgeStatements {
  /** Allow statements the evidence names (the grants the edge relies on). */
  allows: StatementView[];
  /** Deny statements the evidence names (they may deny depending on their keys). */
  denies: StatementView[];
  /**
   * True when the evidence named no Allow statement of the policy and `allows` holds every
   * Allow statement instead (judging all of them errs towards reporting).
   */
  fallback: boolean;
}

/** The statements of `policy` that `evidence` names (policy items of `kind`). */
export function statementsOfEdge(
  policy: CompiledPolicy | undefined,
  evidence: readonly Evidence[],
  kind: PolicyKind,
): EdgeStatements {
  if (policy === undefined) return { allows: [], denies: [], fallback: false };
  const named = new Set<number>();
  for (const e of evidence)
    if (e.policy.kind === kind && e.statementIndex !== undefined) named.add(e.statementIndex);
  const views = policy.statements.map((s) => describeStatement(s));
  const allows = views.filter((v) => v.effect === 'Allow' && named.has(v.index));
  const denies = views.filter((v) => v.effect === 'Deny' && named.has(v.index));
  if (allows.length > 0) return { allows, denies, fallback: false };
  return { allows: views.filter((v) => v.effect === 'Allow'), denies, fallback: true };
}

/** A condition operator as written, taken apart (`ForAnyValue:StringNotLikeIfExists`). */
export interface OperatorParts {
  /** The operator without set prefix and `IfExists`, e.g. `StringLike`. */
  base: string;
  set: 'ForAnyValue' | 'ForAllValues' | undefined;
  ifExists: boolean;
  /** `StringNotEquals`, `ArnNotLike`, `NotIpAddress` … */
  negated: boolean;
  /** Wildcards in values are patterns (`StringLike`, `ArnLike`, `ArnEquals`). */
  wildcards: boolean;
}

export function operatorParts(operator: string): OperatorParts {
  let rest = operator;
  let set: OperatorParts['set'];
  const colon = rest.indexOf(':');
  if (colon >= 0) {
    const prefix = rest.slice(0, colon).toLowerCase();
    set =
      prefix === 'foranyvalue'
        ? 'ForAnyValue'
        : prefix === 'forallvalues'
          ? 'ForAllValues'
          : undefined;
    rest = rest.slice(colon + 1);
  }
  const ifExists = /IfExists$/i.test(rest);
  if (ifExists) rest = rest.slice(0, -'IfExists'.length);
  const lower = rest.toLowerCase();
  return {
    base: rest,
    set,
    ifExists,
    negated: lower.includes('not'),
    wildcards: lower === 'stringlike' || lower === 'stringnotlike' || lower.startsWith('arn'),
  };
}

/** One test of one key in one statement. */
export interface KeyTest {
  operator: string;
  parts: OperatorParts;
  /** The key as written. */
  key: string;
  values: readonly string[];
}

/** Every test of the keys `accept` selects (matched on the lower-cased key) in a statement. */
export function keyTests(view: StatementView, accept: (lowerKey: string) => boolean): KeyTest[] {
  const out: KeyTest[] = [];
  for (const [operator, block] of Object.entries(view.conditions))
    for (const [key, values] of Object.entries(block))
      if (accept(key.toLowerCase()))
        out.push({ operator, parts: operatorParts(operator), key, values });
  return out;
}

/** Whether a value is a pattern under its operator (a `*` or `?` where wildcards apply). */
export function isPattern(test: KeyTest, value: string): boolean {
  return test.parts.wildcards && /[*?]/.test(value);
}

/** A short rendering of a test for titles: `StringLike sts:ExternalId "*"`. */
export function describeTest(test: KeyTest): string {
  const values = test.values.map((v) => JSON.stringify(v.length > 80 ? `${v.slice(0, 79)}…` : v));
  return `${test.operator} ${test.key} ${values.join(', ')}`;
}

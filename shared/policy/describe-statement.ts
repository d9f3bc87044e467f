/**
 * Statements as plain data, for the graph builder (indexing statements by action and resource
 * pattern) and for findings (inspecting trust conditions), plus the two cheap questions the
 * indexes ask without a full request: does a statement cover an action, may it cover a resource.
 */
import { internalOf } from './statement-internal.js';
import type { CompiledStatement, StatementView } from './types.js';

/**
 * The normalised elements of a compiled statement: actions, resources, principals by type,
 * condition keys and conditions (operator → key → values), values as written. Computed at
 * compile time; the same object is returned on every call (treat it as read-only).
 */
export function describeStatement(stmt: CompiledStatement): StatementView {
  return internalOf(stmt).view;
}

/**
 * Whether the statement's Action / NotAction covers `action` (case-insensitive, IAM wildcards;
 * `NotAction` covers every action it does not list). Principal, resource and conditions are not
 * considered.
 */
export function statementMatchesAction(stmt: CompiledStatement, action: string): boolean {
  const s = internalOf(stmt);
  return s.actions.test(action.toLowerCase()) !== s.notAction;
}

/**
 * Whether the statement's Resource / NotResource may cover `resourceArn`. Over-approximates:
 * a pattern with policy variables may match anything; a NotResource entry with variables
 * excludes nothing for sure. True when the statement has no resource element (trust policies).
 */
export function statementMayMatchResource(stmt: CompiledStatement, resourceArn: string): boolean {
  const s = internalOf(stmt);
  if (s.resourceMode === 'all' || s.resources === undefined) return true;
  if (s.resourceMode === 'resource') return s.resources.mayMatch(resourceArn);
  return !s.resources.surelyMatches(resourceArn);
}

/**
 * `describeStatement` once per compiled statement: the graph builder reads the same statements
 * (trust principals, identity resources) many times, and a view is plain data that never changes.
 */
import { describeStatement } from '../../policy/index.js';
import type { CompiledStatement, StatementView } from '../../policy/types.js';

const VIEWS = new WeakMap<CompiledStatement, StatementView>();

/** The statement's normalized view, computed on first use. */
export function statementView(stmt: CompiledStatement): StatementView {
  let view = VIEWS.get(stmt);
  if (view === undefined) {
    view = describeStatement(stmt);
    VIEWS.set(stmt, view);
  }
  return view;
}

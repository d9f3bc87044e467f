/**
 * Collecting `PolicyIssue`s while compiling (IAM-SEMANTICS.md §2.6): every problem has a
 * stable code, a message naming what was found and what was expected, and a JSON path.
 */
import type { PolicyIssue } from './types.js';

export class IssueCollector {
  readonly issues: PolicyIssue[] = [];

  add(
    severity: PolicyIssue['severity'],
    code: string,
    message: string,
    path: string,
    statement?: { index: number; sid: string | undefined },
  ): void {
    const issue: PolicyIssue = { severity, code, message, path };
    if (statement !== undefined) {
      issue.statementIndex = statement.index;
      if (statement.sid !== undefined) issue.sid = statement.sid;
    }
    this.issues.push(issue);
  }
}

/** Renders an untrusted value for a message: JSON, cut to a readable length. */
export function show(value: unknown): string {
  let text: string | undefined;
  try {
    text = JSON.stringify(value);
  } catch {
    text = undefined;
  }
  text ??= Object.prototype.toString.call(value);
  return text.length > 120 ? `${text.slice(0, 117)}...` : text;
}

/** Whether a value is a plain JSON object (not an array, not null). */
export function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

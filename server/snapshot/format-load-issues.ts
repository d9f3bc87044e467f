/**
 * Snapshot load issues as lines for the terminal, e.g.
 * `111111111111/iam.json $.RoleDetailList[3].AssumeRolePolicyDocument: not valid JSON after URL-decoding: …`.
 *
 * Issue text quotes data from AWS (names, keys, ARNs): control characters and bidirectional
 * overrides are escaped so that a crafted name cannot rewrite the terminal.
 */
import type { LoadIssue } from '../../shared/snapshot/types.js';
import { visibleField } from '../../shared/text/visible-text.js';

export interface FormatLoadIssuesOptions {
  /** Most lines of issues printed (default 20); the rest are counted in a last line. */
  max?: number;
  /** Leave warnings out (they are still counted). */
  errorsOnly?: boolean;
}

/** `FILE PATH: MESSAGE`, with unsafe characters escaped and each part bounded. */
export function formatLoadIssue(issue: LoadIssue): string {
  return `${visibleField(issue.file, 200)} ${visibleField(issue.path, 200)}: ${visibleField(issue.message, 600)}`;
}

/**
 * One line per issue, errors first (each group in load order), each line starting with
 * `error: ` or `warning: `; at most `max` lines, then `… and N more (E errors, W warnings)`.
 */
export function formatLoadIssues(
  issues: readonly LoadIssue[],
  options: FormatLoadIssuesOptions = {},
): string[] {
  const max = Math.max(0, options.max ?? 20);
  const errors = issues.filter((i) => i.severity === 'error');
  const warnings = issues.filter((i) => i.severity === 'warning');
  const shown = options.errorsOnly === true ? errors : [...errors, ...warnings];
  const lines = shown.slice(0, max).map((i) => `${i.severity}: ${formatLoadIssue(i)}`);
  const hidden = issues.length - Math.min(shown.length, max);
  if (hidden > 0) {
    const hiddenErrors = errors.length - Math.min(errors.length, max);
    const hiddenWarnings = hidden - hiddenErrors;
    lines.push(
      `… and ${hidden} more (${count(hiddenErrors, 'error')}, ${count(hiddenWarnings, 'warning')})`,
    );
  }
  return lines;
}

/** `2 errors and 1 warning while loading the snapshot`, or `` when there is no issue. */
export function summarizeLoadIssues(issues: readonly LoadIssue[]): string {
  if (issues.length === 0) return '';
  const errors = issues.filter((i) => i.severity === 'error').length;
  return `${count(errors, 'error')} and ${count(issues.length - errors, 'warning')} while loading the snapshot`;
}

function count(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

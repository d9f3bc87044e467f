/**
 * What the dashboard's load-issue list shows (issue 13, item 4): errors first, at most `max`
 * rows, and how many more there are (the scan's JSON has them all).
 */
import type { ScanDetail } from '../../../shared/api/types.js';

export type LoadIssueRow = ScanDetail['issues'][number];

export function loadIssuesView(
  issues: readonly LoadIssueRow[],
  max: number,
): { rows: LoadIssueRow[]; errors: number; hidden: number } {
  const errors = issues.filter((i) => i.severity === 'error');
  const sorted = [...errors, ...issues.filter((i) => i.severity !== 'error')];
  return {
    rows: sorted.slice(0, max),
    errors: errors.length,
    hidden: Math.max(0, issues.length - max),
  };
}

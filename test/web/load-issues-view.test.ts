/** The dashboard's load-issue list (issue 13, item 4): errors first, bounded, the rest counted. */
import { describe, expect, it } from 'vitest';
import { loadIssuesView } from '../../web/src/components/load-issues-view.js';

const issue = (severity: 'error' | 'warning', n: number) => ({
  file: '111111111111/iam.json',
  path: `$.RoleDetailList[${String(n)}]`,
  severity,
  message: `problem ${String(n)}`,
});

describe('loadIssuesView', () => {
  it('lists errors before warnings, at most max rows, and counts the rest', () => {
    const v = loadIssuesView([issue('warning', 0), issue('error', 1), issue('error', 2)], 2);
    expect(v.rows.map((r) => r.path)).toEqual(['$.RoleDetailList[1]', '$.RoleDetailList[2]']);
    expect(v.errors).toBe(2);
    expect(v.hidden).toBe(1);
  });
});

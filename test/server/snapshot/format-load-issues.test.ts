/** Load issues as terminal lines: the documented form, order, cap, and escaping of data. */
import { describe, expect, it } from 'vitest';
import {
  formatLoadIssue,
  formatLoadIssues,
  summarizeLoadIssues,
} from '../../../server/snapshot/format-load-issues.js';
import type { LoadIssue } from '../../../shared/snapshot/types.js';

const issue = (severity: LoadIssue['severity'], n: number): LoadIssue => ({
  file: `${n}/iam.json`,
  path: `$.RoleDetailList[${n}]`,
  severity,
  message: `m${n}`,
});

describe('formatLoadIssues', () => {
  it('prints FILE PATH: MESSAGE', () => {
    expect(
      formatLoadIssue({
        file: '111111111111/iam.json',
        path: '$.RoleDetailList[3].AssumeRolePolicyDocument',
        severity: 'error',
        message: 'not valid JSON after URL-decoding',
      }),
    ).toBe(
      '111111111111/iam.json $.RoleDetailList[3].AssumeRolePolicyDocument: not valid JSON after URL-decoding',
    );
  });

  it('lists errors first, each group in load order, and counts what is left out', () => {
    const issues = [
      issue('warning', 1),
      issue('error', 2),
      issue('warning', 3),
      issue('error', 4),
      issue('warning', 5),
    ];
    expect(formatLoadIssues(issues, { max: 3 })).toEqual([
      'error: 2/iam.json $.RoleDetailList[2]: m2',
      'error: 4/iam.json $.RoleDetailList[4]: m4',
      'warning: 1/iam.json $.RoleDetailList[1]: m1',
      '… and 2 more (0 errors, 2 warnings)',
    ]);
    expect(formatLoadIssues(issues, { errorsOnly: true })).toEqual([
      'error: 2/iam.json $.RoleDetailList[2]: m2',
      'error: 4/iam.json $.RoleDetailList[4]: m4',
      '… and 3 more (0 errors, 3 warnings)',
    ]);
    expect(formatLoadIssues([])).toEqual([]);
  });

  it('escapes control and bidirectional characters that come from the data', () => {
    const line = formatLoadIssue({
      file: 'x/iam.json',
      path: '$',
      severity: 'error',
      message: 'role \u001b[31mred\u202eevil\u0085',
    });
    expect(line).toBe('x/iam.json $: role \\u001b[31mred\\u202eevil\\u0085');
  });

  it('summarizes', () => {
    expect(summarizeLoadIssues([issue('error', 1), issue('warning', 2), issue('warning', 3)])).toBe(
      '1 error and 2 warnings while loading the snapshot',
    );
    expect(summarizeLoadIssues([])).toBe('');
  });
});

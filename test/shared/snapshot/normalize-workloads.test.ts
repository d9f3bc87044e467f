/** normalizeWorkloads: workloads.json cases (normalize-workloads.cases.json), each with its reason. */
import { describe, expect, it } from 'vitest';
import { FileReader } from '../../../shared/snapshot/json-reader.js';
import { normalizeWorkloads } from '../../../shared/snapshot/normalize-workloads.js';
import type { LoadIssue, Role } from '../../../shared/snapshot/types.js';
import cases from './normalize-workloads.cases.json' with { type: 'json' };

const A = '111111111111';
const WEB: Role = {
  arn: `arn:aws:iam::${A}:role/web`,
  name: 'web',
  path: '/',
  roleId: 'AROAWEB',
  accountId: A,
  inlinePolicies: [],
  attachedPolicyArns: [],
  tags: {},
  serviceLinked: false,
  instanceProfileArns: [`arn:aws:iam::${A}:instance-profile/web`],
};

interface Case {
  name: string;
  reason: string;
  raw: unknown;
  workloads: unknown[] | null;
  issues: [string, string][];
}

describe('normalizeWorkloads', () => {
  it.each((cases as { cases: Case[] }).cases.map((c) => [c.name, c] as const))('%s', (_n, c) => {
    const issues: LoadIssue[] = [];
    const out = normalizeWorkloads(c.raw, {
      accountId: A,
      reader: new FileReader(`${A}/workloads.json`, issues),
      roles: [WEB],
    });
    expect(out ?? null, c.reason).toEqual(c.workloads);
    expect(
      issues.map((i) => [i.severity, i.path]),
      c.reason,
    ).toEqual(c.issues);
    expect(issues.every((i) => i.file === `${A}/workloads.json`)).toBe(true);
  });
});

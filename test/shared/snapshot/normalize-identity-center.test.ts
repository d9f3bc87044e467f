/** normalizeIdentityCenter: identity-center.json as DESIGN.md describes it, and its bad entries. */
import { describe, expect, it } from 'vitest';
import { FileReader } from '../../../shared/snapshot/json-reader.js';
import { normalizeIdentityCenter } from '../../../shared/snapshot/normalize-identity-center.js';
import type { LoadIssue } from '../../../shared/snapshot/types.js';
import cases from './normalize-identity-center.cases.json' with { type: 'json' };

interface Case {
  name: string;
  reason: string;
  input: unknown;
  issues: [string, string][];
  counts?: Record<'users' | 'groups' | 'memberships' | 'permissionSets' | 'assignments', number>;
  ignored?: boolean;
}

describe('normalizeIdentityCenter', () => {
  for (const c of (cases as { cases: Case[] }).cases)
    it(`${c.name} (${c.reason})`, () => {
      const issues: LoadIssue[] = [];
      const out = normalizeIdentityCenter(c.input, new FileReader('identity-center.json', issues));
      expect(issues.map((i) => [i.severity, i.path])).toEqual(c.issues);
      expect(issues.every((i) => i.file === 'identity-center.json')).toBe(true);
      if (c.ignored === true) {
        expect(out).toBeUndefined();
        return;
      }
      expect(out).toBeDefined();
      if (out === undefined || c.counts === undefined) return;
      expect({
        users: out.users.length,
        groups: out.groups.length,
        memberships: out.memberships.length,
        permissionSets: out.permissionSets.length,
        assignments: out.assignments.length,
      }).toEqual(c.counts);
    });
});

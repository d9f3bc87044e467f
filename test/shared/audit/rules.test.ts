/**
 * Every finding rule on hand-built analyses (cases/rules.json): a positive fixture and a negative
 * twin per rule, each citing the part of the spec (or of docs/demo-organization.md) it checks.
 * The expected fingerprint is recomputed from rule, subject and discriminator, so the case also
 * pins what identifies the finding.
 */
import { describe, expect, it } from 'vitest';
import { computeFindings } from '../../../shared/audit/compute-findings.js';
import { findingId } from '../../../shared/audit/fingerprint.js';
import { actionGroupsText } from '../../../shared/audit/rule-support.js';
import { RULES } from '../../../shared/audit/rules/index.js';
import type { Severity } from '../../../shared/audit/types.js';
import type { ActionGroup } from '../../../shared/graph/types.js';
import cases from './cases/rules.json' with { type: 'json' };
import { GraphBuilder, key } from '../query/graph-fixtures.js';
import { analysisOf, type AnalysisSpec } from './audit-fixtures.js';

interface Expected {
  subject: string;
  discriminator?: string;
  severity?: Severity;
  accountId?: string;
  titleIncludes?: string;
  pathLength?: number;
}

interface RuleCase extends AnalysisSpec {
  rule: string;
  name: string;
  cite: string;
  dangling?: [string, string][];
  expect: Expected[];
}

const all = (cases as unknown as { cases: RuleCase[] }).cases;

describe('finding rules: cases', () => {
  for (const c of all) {
    it(`${c.rule}: ${c.name} (${c.cite})`, () => {
      const rule = RULES.find((r) => r.id === c.rule);
      if (rule === undefined) throw new Error(`no rule ${c.rule}`);
      const input = analysisOf(c);
      const b = Object.assign(new GraphBuilder(), { graph: input.graph });
      for (const [id, role] of c.dangling ?? []) b.dangling(id, role);
      const findings = computeFindings(input, [rule]);
      expect(findings.map((f) => f.subject).sort()).toEqual(
        c.expect.map((e) => key(e.subject)).sort(),
      );
      for (const e of c.expect) {
        const f = findings.find((x) => x.subject === key(e.subject))!;
        expect(f.rule).toBe(c.rule);
        expect(f.id).toBe(findingId(c.rule, key(e.subject), e.discriminator ?? ''));
        expect(f.severity).toBe(e.severity ?? f.severity);
        if (e.accountId !== undefined) expect(f.accountId).toBe(e.accountId);
        if (e.titleIncludes !== undefined) expect(f.title).toContain(e.titleIncludes);
        if (e.pathLength !== undefined) expect(f.path).toHaveLength(e.pathLength);
        if (c.rule !== 'incomplete-coverage') expect(f.evidence.length).toBeGreaterThan(0);
        expect(f.suppressed).toBeUndefined();
      }
    });
  }

  it('covers every rule with at least one positive case and one negative twin', () => {
    for (const rule of RULES) {
      const mine = all.filter((c) => c.rule === rule.id);
      expect(
        mine.some((c) => c.expect.length > 0),
        `${rule.id} positive`,
      ).toBe(true);
      expect(
        mine.some((c) => c.expect.length === 0),
        `${rule.id} negative`,
      ).toBe(true);
    }
  });
});

describe('finding rules: metadata', () => {
  it('have unique ids, a default severity and a help paragraph with an AWS or vendor doc link', () => {
    expect(new Set(RULES.map((r) => r.id)).size).toBe(RULES.length);
    for (const r of RULES) {
      expect(['critical', 'high', 'medium', 'low', 'info']).toContain(r.severity);
      expect(r.title.length).toBeGreaterThan(0);
      expect(r.help).toMatch(/ https:\/\/\S+$/);
      expect(r.help.length).toBeGreaterThan(200);
    }
  });
});

describe('actionGroupsText: what a finding title says the outsider can do', () => {
  it.each([
    {
      name: 'bucket groups as plain verbs',
      groups: ['read', 'write', 'list'],
      text: 'read, write and list',
    },
    {
      name: 'a KMS key: the shared preposition said once',
      groups: ['decrypt', 'encrypt'],
      text: 'decrypt and encrypt with',
    },
    {
      name: 'a topic: publish and subscribe to',
      groups: ['publish', 'subscribe'],
      text: 'publish and subscribe to',
    },
    {
      name: 'a repository: different prepositions kept',
      groups: ['pull', 'push'],
      text: 'pull from and push to',
    },
    { name: 'one group keeps its preposition', groups: ['decrypt'], text: 'decrypt with' },
    {
      name: 'a function: invoke, then "of" said once',
      groups: ['invoke', 'modify', 'admin'],
      text: 'invoke, change the code and change the access of',
    },
  ] as { name: string; groups: ActionGroup[]; text: string }[])('$name', ({ groups, text }) => {
    expect(actionGroupsText(new Set(groups))).toBe(text);
  });
});

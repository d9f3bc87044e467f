/**
 * KMS keys, encrypted buckets and the resource-policy services (IAM-SEMANTICS.md §7a), one
 * table-driven case per rule with the AWS page it follows (cases/resource-access.json). Each case
 * is written as a snapshot directory in the AWS CLI's formats and run the two ways a user meets
 * it: `trustmap simulate` for exact requests, `trustmap query who-can-reach` for the graph.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../helpers/run-cli.js';
import { writeScenario, type Scenario } from '../../helpers/write-scenario.js';

interface SimulateCase {
  /** An ARN, or `{"service": …}` / `{"anonymous": true}` as `trustmap simulate` takes them. */
  principal: string | Record<string, unknown>;
  action: string;
  resource: string;
  context?: Record<string, string>;
  decision: 'allow' | 'deny' | 'conditional';
  notes?: string[];
}

interface ReachCase {
  resource: string;
  action: string;
  includes?: string[];
  excludes?: string[];
  decisions?: Record<string, 'allow' | 'conditional'>;
  /** Text that the principal's entry (its evidence) must contain. */
  evidence?: Record<string, string>;
}

interface ResourceCase {
  name: string;
  cite: string;
  scenario: Scenario;
  simulate: SimulateCase[];
  whoCanReach: ReachCase[];
  /** `[rule, subject]` pairs that `trustmap findings` reports, or must not. */
  findings?: { includes?: [string, string][]; excludes?: [string, string][] };
}

const CASES = JSON.parse(
  readFileSync(join(import.meta.dirname, 'cases', 'resource-access.json'), 'utf8'),
) as ResourceCase[];

let work: string;
beforeAll(async () => {
  work = await mkdtemp(join(tmpdir(), 'trustmap-resources-'));
});
afterAll(async () => {
  await rm(work, { recursive: true, force: true });
});

describe.each(CASES.map((c, i) => [c.name, c, i] as const))('%s', (_name, c, i) => {
  it(`simulate and who-can-reach agree with the rule (${c.cite.slice(0, 60)}…)`, async () => {
    expect(c.cite).toMatch(/^https:\/\/docs\.aws\.amazon\.com\//);
    const dir = join(work, `case-${i}`);
    await writeScenario(dir, c.scenario);
    for (const [j, s] of c.simulate.entries()) {
      const file = join(work, `case-${i}-request-${j}.json`);
      const request: Record<string, unknown> = {
        principal: s.principal,
        action: s.action,
        resource: s.resource,
      };
      if (s.context) request.context = s.context;
      await writeFile(file, JSON.stringify(request));
      const run = await runCli(['simulate', '--from-dir', dir, '--request', file, '--json'], work);
      const who = JSON.stringify(s.principal);
      expect(run.stderr, `${who} ${s.action}`).toBe('');
      const out = JSON.parse(run.stdout) as { decision: string; notes: string[] };
      expect(out.decision, `${who} ${s.action} ${s.resource}`).toBe(s.decision);
      for (const n of s.notes ?? []) expect(out.notes, `${who} ${s.action}`).toContain(n);
    }
    for (const q of c.whoCanReach) {
      const run = await runCli(
        ['query', 'who-can-reach', q.resource, '--from-dir', dir, '--action', q.action, '--json'],
        work,
      );
      expect(run.stderr, `${q.resource} ${q.action}`).toBe('');
      const out = JSON.parse(run.stdout) as {
        action: string;
        principals: { principal: string; decision: string }[];
      };
      expect(out.action).toBe(q.action);
      const found = new Map(out.principals.map((p) => [p.principal, p.decision]));
      for (const k of q.includes ?? []) expect([...found.keys()], `${q.action} ${k}`).toContain(k);
      for (const k of q.excludes ?? [])
        expect([...found.keys()], `${q.action} ${k}`).not.toContain(k);
      for (const [k, d] of Object.entries(q.decisions ?? {}))
        expect(found.get(k), `${q.action} ${k}`).toBe(d);
      for (const [k, text] of Object.entries(q.evidence ?? {}))
        expect(
          JSON.stringify(out.principals.find((p) => p.principal === k)),
          `${q.action} ${k}`,
        ).toContain(text);
    }
    if (c.findings) {
      const run = await runCli(['findings', '--from-dir', dir, '--json'], work, {
        TRUSTMAP_DATA_DIR: work,
      });
      expect(run.stderr).toBe('');
      const out = JSON.parse(run.stdout) as {
        findings: { rule: string; subject: string; mergedFrom?: { rule: string }[] }[];
      };
      // One finding per root cause: a merged finding stands for each of its rules.
      const pairs = out.findings.flatMap((f) =>
        (f.mergedFrom ?? [{ rule: f.rule }]).map((r) => `${r.rule} ${f.subject}`),
      );
      for (const [rule, subject] of c.findings.includes ?? [])
        expect(pairs).toContain(`${rule} ${subject}`);
      for (const [rule, subject] of c.findings.excludes ?? [])
        expect(pairs).not.toContain(`${rule} ${subject}`);
    }
  });
});

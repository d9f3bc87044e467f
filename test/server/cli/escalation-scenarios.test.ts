/**
 * Explicit escalation scenarios (test/fixtures/escalation/scenarios*.json: scenarios.json and
 * one file per published catalog checked against trustmap), each run through
 * `trustmap query` on a snapshot directory: who is an administrator (reachable-from's `admin`
 * array: an empty path for an administrator, a path for an escalation), multi-hop and
 * cross-account escalation, escalation to a bucket (who-can-reach, for an action group), the S3
 * actions a principal is allowed on a bucket (reachable-from's `actions`), one exact request
 * (`trustmap simulate`, for a claim or caller the graph aggregates), and their twins.
 * A case names its scenario, or one the file shares between cases (`scenarioRef`).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../helpers/run-cli.js';
import { writeScenario, type Scenario } from '../../helpers/write-scenario.js';

type Check =
  | {
      query: 'admin';
      from: string;
      accountId: string;
      expect: 'direct' | 'escalated' | 'none';
      decision?: 'allow' | 'conditional';
    }
  | { query: 'path'; from: string; to: string; expect: boolean; maxDepth?: number }
  | {
      query: 'who-can-reach';
      /** `--max-depth`, for a path longer than the default 6 hops. */
      maxDepth?: number;
      resource: string;
      principal: string;
      expect: boolean;
      /** The action group asked for (`--action`); the target's first group when absent. */
      action?: string;
      /** The principal's decision (`allow` or `conditional`), when it is listed. */
      decision?: 'allow' | 'conditional';
      /** Nodes the principal's path (the one shown) goes through, in this order. */
      via?: string[];
    }
  | {
      /** The S3 actions `from` is allowed on `bucket` (reachable-from, every action group). */
      query: 'bucket-actions';
      from: string;
      bucket: string;
      expect: string[];
    }
  | { query: 'findings'; rule: string; subject: string; severity: string | null }
  | {
      /** One exact request (`trustmap simulate`: principal, action, resource, context …). */
      query: 'simulate';
      request: Record<string, unknown>;
      expect: 'allow' | 'deny' | 'conditional';
    };

interface Case {
  name: string;
  reason: string;
  scenario: Scenario;
  check: Check;
}

/**
 * A file's cases; a case may name, instead of its own `scenario`, one of the file's shared
 * `scenarios` (`scenarioRef`), when many checks read one large account.
 */
interface ScenarioFile {
  cases: (Omit<Case, 'scenario'> & { scenario?: Scenario; scenarioRef?: string })[];
  scenarios?: Record<string, Scenario>;
}

const FIXTURES = fileURLToPath(new URL('../../fixtures/escalation/', import.meta.url));
const FILES = readdirSync(FIXTURES)
  .filter((f) => /^scenarios.*\.json$/.test(f))
  .sort();
const CASES: (Case & { file: string })[] = FILES.flatMap((file) => {
  const parsed = JSON.parse(readFileSync(join(FIXTURES, file), 'utf8')) as ScenarioFile;
  return parsed.cases.map(({ scenarioRef, ...c }) => {
    const scenario =
      c.scenario ?? (scenarioRef === undefined ? undefined : parsed.scenarios?.[scenarioRef]);
    if (scenario === undefined)
      throw new Error(`${file}: ${c.name}: no scenario (scenarioRef ${String(scenarioRef)})`);
    return { ...c, scenario, file };
  });
});

it('reads every scenario file', () => {
  expect(FILES).toContain('scenarios.json');
  for (const file of FILES)
    expect(
      CASES.some((c) => c.file === file),
      file,
    ).toBe(true);
});

let work: string;
beforeAll(async () => {
  work = await mkdtemp(join(tmpdir(), 'trustmap-escalation-scenarios-'));
});
afterAll(async () => {
  await rm(work, { recursive: true, force: true });
});

let counter = 0;
async function query(s: Scenario, args: string[], command = 'query'): Promise<unknown> {
  const dir = join(work, String(counter++));
  await writeScenario(dir, s);
  const r = await runCli([command, ...args, '--from-dir', dir, '--json'], work, {
    TRUSTMAP_DATA_DIR: work,
  });
  expect(r.stderr).toBe('');
  expect(r.code).toBe(0);
  return JSON.parse(r.stdout) as unknown;
}

describe('escalation scenarios', () => {
  it.each(CASES.map((c) => [`${c.file}: ${c.name}`, c] as const))('%s', async (_name, c) => {
    const check = c.check;
    switch (check.query) {
      case 'admin': {
        const r = (await query(c.scenario, ['reachable-from', check.from])) as {
          admin: { accountId: string; path: unknown[]; decision: string }[];
        };
        const entry = r.admin.find((a) => a.accountId === check.accountId);
        const got = entry === undefined ? 'none' : entry.path.length === 0 ? 'direct' : 'escalated';
        expect(got, c.reason).toBe(check.expect);
        if (check.decision !== undefined) expect(entry?.decision, c.reason).toBe(check.decision);
        break;
      }
      case 'path': {
        const args = ['path', check.from, check.to];
        if (check.maxDepth !== undefined) args.push('--max-depth', String(check.maxDepth));
        const r = (await query(c.scenario, args)) as { paths: unknown[] };
        expect(r.paths.length > 0, c.reason).toBe(check.expect);
        break;
      }
      case 'who-can-reach': {
        const args = ['who-can-reach', check.resource];
        if (check.action !== undefined) args.push('--action', check.action);
        if (check.maxDepth !== undefined) args.push('--max-depth', String(check.maxDepth));
        const r = (await query(c.scenario, args)) as {
          principals: { principal: string; decision: string; path: { to: string }[] }[];
        };
        const found = r.principals.find((p) => p.principal === check.principal);
        expect(found !== undefined, c.reason).toBe(check.expect);
        if (check.decision !== undefined) expect(found?.decision, c.reason).toBe(check.decision);
        if (check.via !== undefined) {
          const via = new Set(check.via);
          expect(
            found?.path.map((h) => h.to).filter((to) => via.has(to)),
            c.reason,
          ).toEqual(check.via);
        }
        break;
      }
      case 'bucket-actions': {
        const r = (await query(c.scenario, ['reachable-from', check.from])) as {
          buckets: { bucket: string; actions: string[] }[];
        };
        const got = new Set(
          r.buckets.filter((b) => b.bucket === check.bucket).flatMap((b) => b.actions),
        );
        expect([...got].sort(), c.reason).toEqual([...check.expect].sort());
        break;
      }
      case 'simulate': {
        const file = join(work, `request-${counter}.json`);
        await writeFile(file, JSON.stringify(check.request));
        const r = (await query(c.scenario, ['--request', file], 'simulate')) as {
          decision: string;
        };
        expect(r.decision, c.reason).toBe(check.expect);
        break;
      }
      case 'findings': {
        const r = (await query(c.scenario, [], 'findings')) as {
          findings: { rule: string; subject: string; severity: string }[];
        };
        const mine = r.findings.filter((f) => f.rule === check.rule && f.subject === check.subject);
        expect(
          mine.map((f) => f.severity),
          c.reason,
        ).toEqual(check.severity === null ? [] : [check.severity]);
        break;
      }
    }
  });
});

/**
 * Human output of a crafted snapshot (issue 13, item 6): role paths and names carrying ESC, an OSC
 * title set, BEL, NUL, bidi overrides and 200,000 characters must reach the terminal escaped and
 * cut, in `scan`'s summary, `diff`'s text and every other human output; `--json` keeps the values.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli, type CliRun } from '../../helpers/run-cli.js';
import { writeScenario } from '../../helpers/write-scenario.js';

const ESC = '\u001b';
const HOSTILE = `/x${ESC}]0;pwned\u0007${ESC}[2J\u0000\u202e/`;
const LONG = `/${'a'.repeat(200_000)}/`;
const PUBLIC_TRUST = {
  Version: '2012-10-17',
  Statement: [{ Effect: 'Allow', Principal: { AWS: '*' }, Action: 'sts:AssumeRole' }],
};

let work: string;
let v1: string;
let v2: string;
beforeAll(async () => {
  work = await mkdtemp(join(tmpdir(), 'trustmap-hostile-'));
  v1 = join(work, 'v1');
  v2 = join(work, 'v2');
  await writeScenario(v1, { accounts: { '111111111111': { roles: [] } } });
  await writeScenario(v2, {
    accounts: {
      '111111111111': {
        roles: [
          { name: `Evil${ESC}[31mRole\u0007`, path: HOSTILE, trust: PUBLIC_TRUST },
          { name: 'Long', path: LONG, trust: PUBLIC_TRUST },
        ],
      },
    },
  });
});
afterAll(async () => {
  await rm(work, { recursive: true, force: true });
});

function run(args: string[]): Promise<CliRun> {
  return runCli(args, work, { TRUSTMAP_DATA_DIR: work });
}

/** Nothing a terminal would interpret, and no line longer than a screenful of fields. */
function expectSafe(text: string): void {
  // eslint-disable-next-line no-control-regex -- the point of the test
  expect(text).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/);
  for (const line of text.split('\n')) expect(line.length).toBeLessThan(4000);
}

describe('human output of hostile names', () => {
  it('scan (summary on stderr, nothing raw) and diff (text) escape and cut every field', async () => {
    const db = join(work, 'store.db');
    const first = await run(['scan', '--from-dir', v1, '--db', db, '--fail-on', 'none']);
    expect(first.code).toBe(0);
    const second = await run(['scan', '--from-dir', v2, '--db', db, '--fail-on', 'none']);
    expect(second.code).toBe(0);
    expectSafe(second.stdout);
    expectSafe(second.stderr);
    // The escape is shown, so a reader sees that the name holds one.
    expect(second.stderr).toContain('\\u001b');
    expect(second.stderr).toContain('NEW');

    const diff = await run(['diff', '--db', db]);
    expect(diff.code).toBe(0);
    expectSafe(diff.stdout);
    expect(diff.stdout).toContain('\\u202e');
    expect(diff.stdout).toContain('…');

    const json = await run(['diff', '--db', db, '--json']);
    expect(json.stdout).toContain('a'.repeat(200_000));
  });

  it('findings, query and the load-issue lines stay safe too', async () => {
    const findings = await run(['findings', '--from-dir', v2]);
    expectSafe(findings.stdout);
    expectSafe(findings.stderr);
    const who = await run([
      'query',
      'can-assume',
      `arn:aws:iam::111111111111:role${HOSTILE}Evil${ESC}[31mRole\u0007`,
      '--from-dir',
      v2,
    ]);
    expectSafe(who.stdout);
    expectSafe(who.stderr);
  });
});

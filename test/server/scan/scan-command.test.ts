import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { CliIo } from '../../../server/cli/io.js';
import { main } from '../../../server/cli/main.js';
import { V1, V2 } from './test-pipeline.js';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});
function temp(): string {
  const d = mkdtempSync(join(tmpdir(), 'trustmap-cli-'));
  dirs.push(d);
  return d;
}
function io(
  cwd: string,
  env: Record<string, string> = {},
): CliIo & { stdout: () => string; stderr: () => string } {
  let out = '';
  let err = '';
  return {
    out: (t) => (out += t),
    err: (t) => (err += t),
    isTty: false,
    env,
    cwd,
    stdout: () => out,
    stderr: () => err,
  };
}

describe('trustmap scan exit codes (the real pipeline)', () => {
  it('1 for new findings at or above --fail-on, 0 when nothing new, 1 again when the fixture changes', async () => {
    const d = temp();
    const db = join(d, 'trustmap.db');
    const first = io(d);
    expect(await main(['scan', '--from-dir', V1, '--db', db], first)).toBe(1);
    expect(first.stderr()).toContain('scan 1 stored (first scan)');
    expect(first.stderr()).toMatch(/1 new or worsened finding\(s\) at or above high\n {2}exit 1/);
    expect(await main(['scan', '--from-dir', V1, '--db', db], io(d))).toBe(0);
    const third = io(d);
    expect(await main(['scan', '--from-dir', V2, '--db', db, '--json'], third)).toBe(1);
    const result = JSON.parse(third.stdout()) as {
      scan: { id: number };
      diff: {
        from: number;
        newEdges: { source: string; target: string }[];
        removedEdges: { source: string }[];
        newFindings: { subject: string; severity: string }[];
      };
      failOn: string;
      exitCode: number;
    };
    expect(result.scan.id).toBe(3);
    expect(result.diff.from).toBe(2);
    expect(result.diff.newEdges[0]).toMatchObject({
      source: 'arn:aws:iam::999999999999:root',
      target: 'arn:aws:iam::222222222222:role/VendorAccess',
    });
    expect(result.diff.removedEdges.map((e) => e.source)).toEqual([
      'arn:aws:iam::333333333333:root',
    ]);
    expect(
      result.diff.newFindings.some(
        (f) => f.subject === 'arn:aws:iam::222222222222:role/VendorAccess',
      ),
    ).toBe(true);
    expect(result.exitCode).toBe(1);
    expect(await main(['scan', '--from-dir', V1, '--db', db, '--fail-on', 'critical'], io(d))).toBe(
      0,
    );
  });

  it('writes the report file, and the default store is in TRUSTMAP_DATA_DIR', async () => {
    const d = temp();
    const cli = io(d, { TRUSTMAP_DATA_DIR: join(d, 'data') });
    expect(
      await main(
        [
          'scan',
          '--from-dir',
          V1,
          '--report',
          'sarif',
          '--report-file',
          'out.sarif',
          '--fail-on',
          'none',
        ],
        cli,
      ),
    ).toBe(0);
    const sarif = JSON.parse(readFileSync(join(d, 'out.sarif'), 'utf8')) as {
      version: string;
      runs: { results: unknown[] }[];
    };
    expect(sarif.version).toBe('2.1.0');
    expect(sarif.runs[0]?.results.length).toBeGreaterThan(0);
    const before = cli.stdout().length;
    expect(await main(['diff', '--json'], cli)).toBe(0);
    expect(JSON.parse(cli.stdout().slice(before))).toMatchObject({ from: null, to: 1 });
    expect(await main(['diff', '--from', '5'], cli)).toBe(2);
    expect(cli.stderr()).toContain('scan 5 does not exist');
  });

  it('2 for usage errors naming the flag', async () => {
    const d = temp();
    const cli = io(d);
    expect(
      await main(['scan', '--from-dir', join(d, 'missing'), '--db', join(d, 't.db')], cli),
    ).toBe(2);
    expect(cli.stderr()).toContain('--from-dir:');
    expect(await main(['scan', '--from-dir', V1, '--fail-on', 'urgent'], io(d))).toBe(2);
    expect(await main(['scan', '--from-dir', V1, '--report', 'pdf'], io(d))).toBe(2);
    expect(await main(['scan', '--from-dir', V1, '--report-file', 'x'], io(d))).toBe(2);
  });
});

describe('trustmap findings --status (the stored history)', () => {
  it('lists the findings of the latest scan by history status', async () => {
    const d = temp();
    const db = join(d, 'trustmap.db');
    await main(['scan', '--from-dir', V1, '--db', db], io(d));
    await main(['scan', '--from-dir', V2, '--db', db], io(d));
    const fresh = io(d);
    expect(await main(['findings', '--db', db, '--status', 'new', '--json'], fresh)).toBe(0);
    const newOnes = JSON.parse(fresh.stdout()) as {
      scan: number;
      findings: { subject: string; status: string }[];
    };
    expect(newOnes.scan).toBe(2);
    expect(newOnes.findings.length).toBeGreaterThan(0);
    expect(newOnes.findings.every((f) => f.status === 'new')).toBe(true);
    expect(newOnes.findings.map((f) => f.subject)).toContain(
      'arn:aws:iam::222222222222:role/VendorAccess',
    );
    const open = io(d);
    expect(await main(['findings', '--db', db, '--status', 'open', '--json'], open)).toBe(0);
    const openOnes = JSON.parse(open.stdout()) as {
      findings: { subject: string; status: string }[];
    };
    expect(openOnes.findings.every((f) => f.status === 'open')).toBe(true);
    expect(openOnes.findings.map((f) => f.subject)).not.toContain(
      'arn:aws:iam::222222222222:role/VendorAccess',
    );
    const text = io(d);
    expect(await main(['findings', '--db', db, '--status', 'new,open', '--scan', '1'], text)).toBe(
      0,
    );
    expect(text.stdout()).toMatch(/^scan 1\n/);
    expect(text.stdout()).not.toContain('VendorAccess');
  });

  it('exit 2 for an unknown status, for --status with --from-dir, and for an unknown scan', async () => {
    const d = temp();
    const db = join(d, 'trustmap.db');
    await main(['scan', '--from-dir', V1, '--db', db], io(d));
    const bad = io(d);
    expect(await main(['findings', '--db', db, '--status', 'fixed'], bad)).toBe(2);
    expect(bad.stderr()).toContain('--status: expected new, open or resolved');
    const dir = io(d);
    expect(await main(['findings', '--from-dir', V1, '--status', 'new'], dir)).toBe(2);
    expect(dir.stderr()).toContain('--status: needs --db');
    const scan = io(d);
    expect(await main(['findings', '--db', db, '--status', 'new', '--scan', '9'], scan)).toBe(2);
    expect(scan.stderr()).toContain('--scan');
    expect(scan.stdout()).toBe('');
  });
});

// `trustmap demo`: flags are validated (exit 2 with a message naming the flag) and the snapshot
// directory is written.
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { CliIo } from '../../../server/cli/io.js';
import { main } from '../../../server/cli/main.js';
import { makeTempDir, readAllFiles, removeDir } from './demo-snapshot-view.js';

function captureIo(cwd: string): CliIo & { stdout: string; stderr: string } {
  const io = {
    stdout: '',
    stderr: '',
    out(text: string) {
      io.stdout += text;
    },
    err(text: string) {
      io.stderr += text;
    },
    isTty: false,
    env: {},
    cwd,
  };
  return io;
}

const dirs: string[] = [];
async function tempDir(): Promise<string> {
  const dir = await makeTempDir();
  dirs.push(dir);
  return dir;
}
afterAll(async () => {
  await Promise.all(dirs.map(removeDir));
});

describe('trustmap demo', () => {
  it.each([
    [['--accounts', '0'], '--accounts'],
    [['--accounts', 'abc'], '--accounts'],
    [['--accounts', '12abc'], '--accounts'],
    [['--accounts', '-5'], '--accounts'],
    [['--accounts', '5001'], '--accounts'],
    [['--seed', ''], '--seed'],
  ])('rejects %j with exit 2 and names the flag', async (flags, flag) => {
    const cwd = await tempDir();
    const io = captureIo(cwd);
    expect(await main(['demo', '--out', 'org', ...flags], io)).toBe(2);
    expect(io.stderr).toContain(flag);
    expect(io.stdout).toBe('');
    expect(await readAllFiles(cwd)).toEqual(new Map());
  });

  it('requires --out', async () => {
    const io = captureIo(await tempDir());
    expect(await main(['demo'], io)).toBe(2);
    expect(io.stderr).toContain('--out');
  });

  it('refuses a non-empty --out directory and leaves it alone', async () => {
    const cwd = await tempDir();
    await mkdir(join(cwd, 'org'));
    await writeFile(join(cwd, 'org', 'notes.txt'), 'keep me');
    const io = captureIo(cwd);
    expect(await main(['demo', '--out', 'org'], io)).toBe(2);
    expect(io.stderr).toMatch(/--out: .*org is not empty/);
    expect([...(await readAllFiles(join(cwd, 'org'))).keys()]).toEqual(['notes.txt']);
  });

  it('refuses an --out path that is a file', async () => {
    const cwd = await tempDir();
    await writeFile(join(cwd, 'org'), '');
    const io = captureIo(cwd);
    expect(await main(['demo', '--out', 'org'], io)).toBe(2);
    expect(io.stderr).toMatch(/--out: .* is not a directory/);
  });

  it('writes the demo relative to the working directory and prints a summary', async () => {
    const cwd = await tempDir();
    const io = captureIo(cwd);
    expect(
      await main(['demo', '--out', 'org', '--accounts', '13', '--seed', 's1', '--json'], io),
    ).toBe(0);
    const summary = JSON.parse(io.stdout);
    expect(summary).toMatchObject({
      out: join(cwd, 'org'),
      accounts: 13,
      accountFolders: 12,
      // Each readable account also gets its workloads.json.
      files: 52,
      options: { accounts: 13, seed: 's1' },
    });
    const files = await readAllFiles(join(cwd, 'org'));
    expect(files.size).toBe(52);
    expect(files.has('500000000009/workloads.json')).toBe(true);
    expect(files.has('500000000009/iam.json')).toBe(true);
    expect(files.has('identity-center.json')).toBe(true);
  });

  it('prints a one-line summary without --json', async () => {
    const cwd = await tempDir();
    const io = captureIo(cwd);
    expect(await main(['demo', '--out', 'org'], io)).toBe(0);
    expect(io.stdout).toMatch(
      /^Wrote the demo organization to .*org: 12 accounts \(11 readable\), \d+ principals, 18 buckets, 20 keys, secrets, queues, topics and repositories\.\n$/,
    );
  });
});

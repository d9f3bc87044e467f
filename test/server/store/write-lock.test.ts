/**
 * Concurrent scans and storage errors (issue 13, item 9): a second scan on a store that another
 * process is writing waits for it (with a message and a bound) instead of failing after 5 s with
 * exit 70; storage errors map to documented exit codes and messages.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { runScan } from '../../../server/scan/run-scan.js';
import {
  openStore,
  StoreError,
  storeFailureOf,
  toStoreError,
} from '../../../server/store/open-store.js';
import { latestScanId } from '../../../server/store/scans.js';
import { resolveAnalysisConfig } from '../../../shared/config/analysis-config.js';
import { runCli } from '../../helpers/run-cli.js';
import { TEST_PIPELINE, V1, V2 } from '../scan/test-pipeline.js';

const config = resolveAnalysisConfig();
const dirs: string[] = [];
const children: ChildProcess[] = [];
afterEach(() => {
  for (const c of children.splice(0)) if (c.exitCode === null) c.kill('SIGKILL');
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});
function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'trustmap-lock-'));
  dirs.push(dir);
  return dir;
}

/** A store with one scan, and a child process holding its write transaction open. */
async function lockedStore(): Promise<{ file: string; dir: string; child: ChildProcess }> {
  const dir = tempDir();
  const file = join(dir, 'trustmap.db');
  const db = openStore(file);
  await runScan(db, { dir: V1, source: 'from-dir', config }, TEST_PIPELINE);
  db.close();
  const script = fileURLToPath(new URL('../scan/scan-and-hang.ts', import.meta.url));
  const child = spawn(process.execPath, ['--import', 'tsx', script, file, V2], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.push(child);
  let stderr = '';
  child.stderr.on('data', (b: Buffer) => (stderr += b.toString()));
  await new Promise<void>((resolve, reject) => {
    child.stdout.on('data', (b: Buffer) => {
      if (b.toString().includes('IN-TRANSACTION')) resolve();
    });
    child.on('exit', (code) => {
      reject(new Error(`child exited early (${String(code)}): ${stderr}`));
    });
  });
  return { file, dir, child };
}

describe('a second scan while another process writes the store', () => {
  it('waits with a message, then gives up at --lock-wait with exit 5 (not 70)', async () => {
    const { file, dir } = await lockedStore();
    const r = await runCli(
      ['scan', '--from-dir', V2, '--db', file, '--lock-wait', '1', '--fail-on', 'none'],
      dir,
    );
    expect(r.code).toBe(5);
    expect(r.stderr).toContain(
      `trustmap scan: another process is writing to the store; waiting up to 1 s for it to finish`,
    );
    expect(r.stderr).toContain('is locked by another process that is writing to it (waited 1 s)');
    expect(r.stderr).not.toContain('unexpected error');
  }, 30_000);

  it('stores its scan as soon as the writer is gone', async () => {
    const { file, child } = await lockedStore();
    const db = openStore(file);
    const messages: string[] = [];
    const scan = runScan(
      db,
      {
        dir: V2,
        source: 'from-dir',
        config,
        lockWaitMs: 20_000,
        onProgress: (p) => {
          if (p.message !== undefined) messages.push(p.message);
        },
      },
      TEST_PIPELINE,
    );
    while (!messages.some((m) => m.startsWith('another process is writing to the store')))
      await new Promise((res) => setTimeout(res, 50));
    child.kill('SIGKILL');
    const result = await scan;
    expect(result.previousScanId).toBe(1);
    expect(latestScanId(db)).toBe(result.scanId);
    db.close();
  }, 30_000);
});

describe('storage errors have documented exit codes', () => {
  it.each([
    ['SQLITE_BUSY', 'locked', 5],
    ['SQLITE_BUSY_SNAPSHOT', 'locked', 5],
    ['SQLITE_READONLY', 'read-only', 6],
    ['SQLITE_READONLY_DBMOVED', 'read-only', 6],
    ['SQLITE_FULL', 'full', 6],
    ['SQLITE_CORRUPT', 'damaged', 6],
    ['SQLITE_NOTADB', 'damaged', 6],
    ['SQLITE_IOERR_WRITE', 'io', 6],
  ])('%s → %s, exit %i', (code, failure, exitCode) => {
    const err = Object.assign(new Error('sqlite says no'), { code });
    expect(storeFailureOf(err)).toBe(failure);
    const mapped = toStoreError(err, '/x.db');
    expect(mapped).toBeInstanceOf(StoreError);
    expect((mapped as StoreError).exitCode).toBe(exitCode);
    expect((mapped as StoreError).message).toMatch(/^store \/x\.db /);
  });

  it('a damaged store file is exit 6 with a message saying so, for every command', async () => {
    const dir = tempDir();
    const file = join(dir, 'broken.db');
    writeFileSync(file, 'this is not an SQLite database, it only has its name '.repeat(200));
    for (const args of [
      ['diff', '--db', file],
      ['scan', '--from-dir', V1, '--db', file],
    ]) {
      const r = await runCli(args, dir);
      expect(r.code, args[0]).toBe(6);
      expect(r.stderr).toContain(`store ${file} is damaged (not a valid SQLite database)`);
    }
  });
});

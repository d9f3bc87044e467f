/**
 * Snapshot files that are not files (issue 13, item 10): an `iam.json` that is a symbolic link to
 * /dev/zero grew the process to 6.5 GB, a FIFO hung the load. Only regular files are read, up to
 * a configurable size; a symbolic link is followed only while it stays inside the snapshot.
 */
import { execFileSync } from 'node:child_process';
import { mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadAnalysisConfig } from '../../../server/config/load-analysis-config.js';
import { readSnapshotDir } from '../../../server/snapshot/read-snapshot-dir.js';
import { validateAnalysisConfig } from '../../../shared/config/analysis-config.js';

const A = '111111111111';
const B = '222222222222';
const IAM = JSON.stringify({
  RoleDetailList: [
    {
      Path: '/',
      RoleName: 'R',
      RoleId: 'AROA1',
      Arn: `arn:aws:iam::${B}:role/R`,
      AssumeRolePolicyDocument: { Version: '2012-10-17', Statement: [] },
    },
  ],
});

const temps: string[] = [];
afterAll(async () => {
  await Promise.all(temps.map((d) => rm(d, { recursive: true, force: true })));
});

/** A snapshot with one good account B and an account A whose iam.json is set up by `make`. */
async function snapshot(make: (iamPath: string, root: string) => Promise<void>): Promise<string> {
  const root = await mkdtemp(join(tmpdir(), 'trustmap-notfiles-'));
  temps.push(root);
  const dir = join(root, 'snap');
  await mkdir(join(dir, A), { recursive: true });
  await mkdir(join(dir, B), { recursive: true });
  await writeFile(join(dir, B, 'iam.json'), IAM);
  await make(join(dir, A, 'iam.json'), root);
  return dir;
}

describe('files that are not regular files inside the snapshot', () => {
  it('a symbolic link to /dev/zero is refused without reading it; the rest loads', async () => {
    const dir = await snapshot((p) => symlink('/dev/zero', p));
    const s = await readSnapshotDir(dir);
    expect(s.accounts.has(B)).toBe(true);
    expect(s.accounts.has(A)).toBe(false);
    expect(s.issues).toContainEqual({
      file: `${A}/iam.json`,
      path: '$',
      severity: 'error',
      message:
        'is a symbolic link to /dev/zero, outside the snapshot directory; refused (copy the file into the snapshot instead); the account is skipped',
      // The account's principals and policies are missing: its coverage is partial.
      hidesData: true,
    });
  });

  it('a FIFO is refused at once instead of waiting for a writer', async () => {
    const dir = await snapshot((p) => {
      execFileSync('mkfifo', [p]);
      return Promise.resolve();
    });
    const s = await readSnapshotDir(dir);
    expect(s.accounts.has(B)).toBe(true);
    expect(s.issues.map((i) => i.message)).toContain(
      'is a named pipe (FIFO), not a regular file; refused; the account is skipped',
    );
  }, 10_000);

  it('a symbolic link to a file outside the snapshot is refused; one inside is followed', async () => {
    const dir = await snapshot(async (p, root) => {
      await writeFile(join(root, 'outside.json'), IAM.replaceAll(B, A));
      await symlink(join(root, 'outside.json'), p);
    });
    await writeFile(join(dir, 'shared-s3.json'), JSON.stringify({ Buckets: [{ Name: 'b1' }] }));
    await symlink(join('..', 'shared-s3.json'), join(dir, B, 's3.json'));
    const s = await readSnapshotDir(dir);
    expect(s.accounts.has(A)).toBe(false);
    const refused = s.issues.find((i) => i.file === `${A}/iam.json`);
    expect(refused?.message).toMatch(
      /^is a symbolic link to .*outside\.json, outside the snapshot directory; refused/,
    );
    expect(s.accounts.get(B)?.s3?.buckets.map((b) => b.name)).toEqual(['b1']);
  });

  it('an account folder that is a symbolic link out of the snapshot is refused too', async () => {
    const dir = await snapshot(() => Promise.resolve());
    const root = join(dir, '..');
    await mkdir(join(root, 'elsewhere'), { recursive: true });
    await writeFile(join(root, 'elsewhere', 'iam.json'), IAM.replaceAll(B, '333333333333'));
    await symlink(join(root, 'elsewhere'), join(dir, '333333333333'));
    const s = await readSnapshotDir(dir);
    expect(s.accounts.has('333333333333')).toBe(false);
    expect(s.issues.find((i) => i.file === '333333333333/iam.json')?.message).toMatch(
      /outside the snapshot directory; refused/,
    );
  });

  it('a file above the size limit is refused with the limit and how to raise it', async () => {
    const dir = await snapshot((p) => writeFile(p, IAM.replaceAll(B, A)));
    const s = await readSnapshotDir(dir, { maxFileBytes: 64 });
    expect(s.accounts.has(A)).toBe(false);
    expect(s.accounts.has(B)).toBe(false);
    expect(s.issues.find((i) => i.file === `${A}/iam.json`)?.message).toBe(
      `is 0.0 MiB, more than the limit of 0.0 MiB (raise it with maxSnapshotFileMiB in the config file or TRUSTMAP_MAX_SNAPSHOT_FILE_MIB); the account is skipped`,
    );
    const big = await readSnapshotDir(dir);
    expect(big.accounts.has(A)).toBe(true);
  });

  it('the limit is configurable in the config file and TRUSTMAP_MAX_SNAPSHOT_FILE_MIB', async () => {
    expect(validateAnalysisConfig({ maxSnapshotFileMiB: 2048 }).maxSnapshotFileMiB).toBe(2048);
    expect(() => validateAnalysisConfig({ maxSnapshotFileMiB: 0 })).toThrow(
      'config.maxSnapshotFileMiB: expected a whole number of MiB from 1 to 4096',
    );
    const c = await loadAnalysisConfig(undefined, { TRUSTMAP_MAX_SNAPSHOT_FILE_MIB: '64' });
    expect(c.maxSnapshotFileMiB).toBe(64);
    await expect(
      loadAnalysisConfig(undefined, { TRUSTMAP_MAX_SNAPSHOT_FILE_MIB: 'lots' }),
    ).rejects.toThrow(/^TRUSTMAP_MAX_SNAPSHOT_FILE_MIB: expected a whole number/);
  });
});

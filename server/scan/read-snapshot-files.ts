/**
 * The snapshot directory as stored with a scan: every file under it, so an old scan can be
 * re-analyzed later exactly as it was read. Writing them back is the inverse.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { readdir } from 'node:fs/promises';
import { dirname, join, relative, resolve, sep } from 'node:path';
import type { SnapshotFiles } from '../store/scans.js';

/**
 * Every regular file under `dir` (symbolic links are not followed), as `SnapshotFiles` whose
 * reader loads one file at a time.
 */
export async function listSnapshotFiles(dir: string): Promise<SnapshotFiles> {
  const paths: string[] = [];
  const walk = async (d: string): Promise<void> => {
    const entries = await readdir(d, { withFileTypes: true });
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const e of entries) {
      const p = join(d, e.name);
      if (e.isDirectory()) await walk(p);
      else if (e.isFile()) paths.push(relative(dir, p).split(sep).join('/'));
    }
  };
  await walk(dir);
  return { paths, read: (rel) => readFileSync(join(dir, rel)) };
}

/** A writer of stored snapshot files into `dir`; refuses paths that would leave it. */
export function snapshotFileWriter(dir: string): (rel: string, text: string) => void {
  const root = resolve(dir);
  return (rel, text) => {
    const target = resolve(root, rel);
    if (!target.startsWith(root + sep))
      throw new Error(`stored snapshot file "${rel}" is outside the snapshot directory`);
    mkdirSync(dirname(target), { recursive: true });
    writeFileSync(target, text, 'utf8');
  };
}

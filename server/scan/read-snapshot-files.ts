/**
 * The snapshot directory as stored with a scan: every file under it (relative path → text), so
 * an old scan can be re-analyzed later exactly as it was read. Writing them back is the inverse.
 */
import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import { dirname, join, relative, resolve, sep } from 'node:path';

/** A snapshot file larger than this is not stored (its content would be suspect anyway). */
export const MAX_SNAPSHOT_FILE_BYTES = 512 * 1024 * 1024;

/** Reads every regular file under `dir` (symbolic links are not followed). */
export async function readSnapshotFiles(dir: string): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  const walk = async (d: string): Promise<void> => {
    const entries = await readdir(d, { withFileTypes: true });
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const e of entries) {
      const p = join(d, e.name);
      if (e.isDirectory()) await walk(p);
      else if (e.isFile()) out[relative(dir, p).split(sep).join('/')] = await readFile(p, 'utf8');
    }
  };
  await walk(dir);
  return out;
}

/** Writes stored snapshot files into `dir`; refuses paths that would leave it. */
export async function writeSnapshotFiles(
  dir: string,
  files: Readonly<Record<string, string>>,
): Promise<void> {
  const root = resolve(dir);
  for (const [rel, text] of Object.entries(files)) {
    const target = resolve(root, rel);
    if (!target.startsWith(root + sep))
      throw new Error(`stored snapshot file "${rel}" is outside the snapshot directory`);
    await mkdir(dirname(target), { recursive: true });
    await writeFile(target, text, 'utf8');
  }
}

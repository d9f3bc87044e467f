/**
 * `trustmap serve --demo` (and `npm start`) keeps the demo organization it writes, and by default
 * its store, in the data directory across runs. A demo directory written by another version of
 * trustmap is not the demo this version documents (docs/demo-organization.md): its scans would
 * show yesterday's paths. Such a directory is replaced — with its previous generation and the
 * default demo store (`demo-<accounts>.db`, never a store given with --db) — so that the server
 * writes and scans the current demo, as on a first start.
 *
 * The check writes the demo this version would write (deterministic, well under a second for the
 * default 40 accounts) to a temporary directory and compares the two trees byte for byte.
 */
import { existsSync } from 'node:fs';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { previousGenerationDir } from '../demo/scan-previous-generation.js';
import { writeDemoSnapshot } from '../demo/write-demo-snapshot.js';

export interface DemoPlace {
  /** The demo organization's directory. */
  dir: string;
  accounts: number;
  seed: string;
}

/**
 * Replaces a stale demo: returns true when `place.dir` held another demo than this version writes
 * and it was removed (with `ownStore`, the demo's default store, when given); false when the
 * directory is absent, empty or current (nothing is touched then).
 */
export async function replaceStaleDemo(
  place: DemoPlace,
  ownStore: string | undefined,
): Promise<boolean> {
  if (!existsSync(place.dir) || (await readdir(place.dir)).length === 0) return false;
  if (await isCurrentDemo(place)) return false;
  await rm(place.dir, { recursive: true, force: true });
  await rm(previousGenerationDir(place.dir), { recursive: true, force: true });
  if (ownStore !== undefined)
    for (const suffix of ['', '-wal', '-shm', '-journal'])
      await rm(`${ownStore}${suffix}`, { force: true });
  return true;
}

/** Whether `place.dir` holds exactly the files, with the same bytes, that this version writes. */
export async function isCurrentDemo(place: DemoPlace): Promise<boolean> {
  const fresh = await mkdtemp(join(tmpdir(), 'trustmap-demo-check-'));
  try {
    await writeDemoSnapshot(fresh, { accounts: place.accounts, seed: place.seed });
    const [want, have] = await Promise.all([filesUnder(fresh), filesUnder(place.dir)]);
    if (want.length !== have.length || want.some((f, i) => f !== have[i])) return false;
    for (const file of want) {
      const [a, b] = await Promise.all([
        readFile(join(fresh, file)),
        readFile(join(place.dir, file)),
      ]);
      if (!a.equals(b)) return false;
    }
    return true;
  } finally {
    await rm(fresh, { recursive: true, force: true });
  }
}

/** Every file under `root`, as sorted paths relative to it. */
async function filesUnder(root: string): Promise<string[]> {
  const entries = await readdir(root, { recursive: true, withFileTypes: true });
  return entries
    .filter((e) => e.isFile())
    .map((e) => relative(root, join(e.parentPath, e.name)))
    .sort();
}

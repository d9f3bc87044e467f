/**
 * `serve --demo` keeps its demo organization in the data directory across runs: a directory that
 * another trustmap version wrote is replaced (with its previous generation and the default demo
 * store) so that the server scans the demo this version documents; the current demo, an absent
 * one and a store given with --db are left alone.
 */
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { writeDemoSnapshot } from '../../../server/demo/write-demo-snapshot.js';
import { isCurrentDemo, replaceStaleDemo } from '../../../server/serve/stale-demo.js';

const SEED = 'trustmap-demo';
const ACCOUNTS = 12;
let dataDir: string;
let place: { dir: string; accounts: number; seed: string };
let store: string;

beforeEach(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'trustmap-stale-demo-'));
  place = { dir: join(dataDir, `demo-org-${ACCOUNTS}`), accounts: ACCOUNTS, seed: SEED };
  store = join(dataDir, `demo-${ACCOUNTS}.db`);
  await writeDemoSnapshot(place.dir, { accounts: ACCOUNTS, seed: SEED });
  await mkdir(`${place.dir}-previous`, { recursive: true });
  await writeFile(store, 'store');
  await writeFile(`${store}-wal`, 'wal');
});
afterEach(async () => {
  await rm(dataDir, { recursive: true, force: true });
});

/** An iam.json of the demo, as an older version may have written it (one role fewer). */
async function ageOneFile(): Promise<void> {
  const account = (await readdir(place.dir)).find((d) => /^\d{12}$/.test(d));
  const file = join(place.dir, String(account), 'iam.json');
  const iam = JSON.parse(await readFile(file, 'utf8')) as { RoleDetailList: unknown[] };
  iam.RoleDetailList.pop();
  await writeFile(file, JSON.stringify(iam));
}

describe('replaceStaleDemo', () => {
  it('keeps the demo this version writes, and its store', async () => {
    expect(await isCurrentDemo(place)).toBe(true);
    expect(await replaceStaleDemo(place, store)).toBe(false);
    expect(existsSync(place.dir)).toBe(true);
    expect(existsSync(store)).toBe(true);
  });

  it('replaces a demo another version wrote: the directory, its previous generation, the default store', async () => {
    await ageOneFile();
    expect(await isCurrentDemo(place)).toBe(false);
    expect(await replaceStaleDemo(place, store)).toBe(true);
    expect(existsSync(place.dir)).toBe(false);
    expect(existsSync(`${place.dir}-previous`)).toBe(false);
    expect(existsSync(store)).toBe(false);
    expect(existsSync(`${store}-wal`)).toBe(false);
  });

  it('a demo with a file more than this version writes is stale too', async () => {
    await writeFile(join(place.dir, 'left-over.json'), '{}');
    expect(await replaceStaleDemo(place, store)).toBe(true);
  });

  it('never removes a store given with --db', async () => {
    await ageOneFile();
    expect(await replaceStaleDemo(place, undefined)).toBe(true);
    expect(existsSync(store)).toBe(true);
  });

  it('an absent or empty demo directory is no stale demo', async () => {
    await rm(place.dir, { recursive: true, force: true });
    expect(await replaceStaleDemo(place, store)).toBe(false);
    await mkdir(place.dir);
    expect(await replaceStaleDemo(place, store)).toBe(false);
    expect(existsSync(store)).toBe(true);
  });
});

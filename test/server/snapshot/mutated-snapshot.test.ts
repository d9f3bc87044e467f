/**
 * Adversarial snapshot files: one value of one file of the demo organization (every file type,
 * resources.json and workloads.json included) is replaced by a value of another type, an
 * oversized or hostile string, a policy granting everything to `*`, a copy of its parent, or
 * deleted — then the whole analysis runs (load, compile, graph, findings, diff edges, queries).
 * Nothing may throw: bad input becomes a load issue naming the file, and the rest is analyzed.
 * Seeded, so a failure names the file, the JSON path and the mutation to reproduce it.
 */
import { cp, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { analyzeSnapshotDir } from '../../../server/analyze/analyze-snapshot-dir.js';
import { writeDemoSnapshot } from '../../../server/demo/write-demo-snapshot.js';
import { computeFindings } from '../../../shared/audit/compute-findings.js';
import { DEFAULT_ANALYSIS_CONFIG } from '../../../shared/config/analysis-config.js';
import { listDiffEdges } from '../../../shared/diff/diff-edges.js';
import { findReachableFrom } from '../../../shared/query/reachable-from.js';
import { findWhoCanReach } from '../../../shared/query/who-can-reach.js';

const ITERATIONS = 200;

const VALUES: readonly unknown[] = [
  null,
  0,
  -1,
  1e308,
  '',
  '*',
  true,
  [],
  {},
  [null],
  { a: 1 },
  'x'.repeat(20_000),
  '\u0000<script>alert(1)</script>',
  'arn:aws:iam::*:role/*',
  'arn:aws:iam::123456789012:root',
  '123456789012',
  ['*'],
  { AWS: '*' },
  '{"Version":"2012-10-17","Statement":{"Effect":"Allow","Principal":"*","Action":"*","Resource":"*"}}',
  {
    Version: '2012-10-17',
    Statement: [{ Effect: 'Allow', NotPrincipal: { AWS: '*' }, Action: '*' }],
  },
];

/** A small linear congruential generator: the same seed, the same mutations. */
function random(seed: number): () => number {
  let s = seed;
  return () => {
    s = (Math.imul(s, 1103515245) + 12345) & 0x7fffffff;
    return s / 0x7fffffff;
  };
}

type Path = (string | number)[];

function valuePaths(v: unknown, path: Path = [], out: Path[] = []): Path[] {
  if (path.length > 0) out.push(path);
  if (path.length > 12) return out;
  if (Array.isArray(v)) v.forEach((x, i) => valuePaths(x, [...path, i], out));
  else if (v !== null && typeof v === 'object')
    for (const [k, x] of Object.entries(v)) valuePaths(x, [...path, k], out);
  return out;
}

async function jsonFiles(dir: string): Promise<string[]> {
  const out: string[] = [];
  for (const e of await readdir(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    if (e.isDirectory()) out.push(...(await jsonFiles(p)));
    else if (e.name.endsWith('.json')) out.push(p);
  }
  return out.sort();
}

async function analyzeEverything(dir: string): Promise<void> {
  const a = await analyzeSnapshotDir(dir, DEFAULT_ANALYSIS_CONFIG);
  computeFindings({
    graph: a.graph,
    snapshot: a.snapshot,
    model: a.model,
    config: DEFAULT_ANALYSIS_CONFIG,
    now: new Date('2026-12-07T00:00:00Z'),
  });
  listDiffEdges(a.graph);
  let queried = 0;
  a.graph.forEachNode((key, attrs) => {
    if (queried >= 12) return;
    if (attrs.kind === 'bucket' || attrs.kind === 'resource' || attrs.kind === 'role') {
      queried++;
      findWhoCanReach(a.graph, key);
      if (attrs.kind === 'role') findReachableFrom(a.graph, key);
    }
  });
}

describe('snapshot files mutated one value at a time', () => {
  let pristine: string;
  let work: string;

  beforeAll(async () => {
    pristine = await mkdtemp(join(tmpdir(), 'trustmap-mutated-pristine-'));
    work = await mkdtemp(join(tmpdir(), 'trustmap-mutated-'));
    await writeDemoSnapshot(pristine, { resourcesPerType: 1 });
    await cp(pristine, work, { recursive: true });
  }, 60_000);
  afterAll(async () => {
    await rm(pristine, { recursive: true, force: true });
    await rm(work, { recursive: true, force: true });
  });

  it('the unmutated demo analyzes (the baseline of the sweep)', async () => {
    await expect(analyzeEverything(work)).resolves.toBeUndefined();
    const names = (await jsonFiles(work)).map((f) => f.slice(f.lastIndexOf('/') + 1));
    for (const name of ['iam.json', 's3.json', 'workloads.json', 'resources.json'])
      expect(names).toContain(name);
  });

  it(`analyzes ${String(ITERATIONS)} mutated snapshots without throwing`, async () => {
    const rnd = random(20261207);
    const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)] as T;
    const files = await jsonFiles(work);
    const failures: string[] = [];
    for (let i = 0; i < ITERATIONS; i++) {
      const file = pick(files);
      const original = await readFile(file, 'utf8');
      const doc = JSON.parse(original) as unknown;
      const paths = valuePaths(doc);
      if (paths.length === 0) continue;
      const path = pick(paths);
      let parent = doc as Record<string | number, unknown>;
      for (const k of path.slice(0, -1)) parent = parent[k] as Record<string | number, unknown>;
      const last = path[path.length - 1] as string | number;
      const r = rnd();
      let mutation: string;
      if (r < 0.15 && !Array.isArray(parent)) {
        Reflect.deleteProperty(parent, last);
        mutation = 'deleted';
      } else if (r < 0.2) {
        parent[last] = structuredClone(parent);
        mutation = 'replaced by a copy of its parent';
      } else {
        const value = pick(VALUES);
        parent[last] = value;
        mutation = `set to ${JSON.stringify(value).slice(0, 60)}`;
      }
      await writeFile(file, JSON.stringify(doc));
      try {
        await analyzeEverything(work);
      } catch (err: unknown) {
        failures.push(
          `${relative(work, file)} ${JSON.stringify(path)} ${mutation}: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`,
        );
      } finally {
        await writeFile(file, original);
      }
    }
    expect(failures).toEqual([]);
  }, 600_000);
});

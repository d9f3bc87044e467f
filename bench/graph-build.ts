/**
 * Benchmark of issue "The access graph…": `trustmap demo --accounts N` (default 1,000), then
 * load, compile, build the graph and compute findings — seconds and peak RSS per stage — and
 * `who-can-reach` on a bucket and `path` between two roles, p50/p95 over 200 queries each.
 * Targets: graph built in ≤ 20 s and ≤ 4 GiB; who-can-reach p95 ≤ 100 ms; path p95 ≤ 50 ms.
 *
 * Run: npx tsx bench/graph-build.ts [--accounts 1000] [--keep] [--semi-space MIB] [--source]
 *
 * It measures the compiled code in dist/ (what `trustmap` runs; `npm install` builds it, so does
 * `npm run build`), or with `--source` the TypeScript sources as tsx runs them (slower: tsx keeps
 * function names by wrapping functions, which costs on hot paths).
 *
 * The build runs with Node's default young generation, as `npm start` and the documented scans run
 * trustmap. `--semi-space MIB` starts the script again with `--max-semi-space-size=MIB` (the
 * comparison in docs/design-choices.md, "Young generation").
 */
import { spawnSync } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir, cpus, loadavg, totalmem } from 'node:os';
import { join } from 'node:path';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const args = process.argv.slice(2);
const SEMI_SPACE = /--max[-_]semi[-_]space[-_]size/;
const semiSpaceArg = args.indexOf('--semi-space');
const semiSpace = semiSpaceArg >= 0 ? Number(args[semiSpaceArg + 1]) : undefined;
if (semiSpace !== undefined && !(Number.isInteger(semiSpace) && semiSpace > 0)) {
  console.error('--semi-space expects a size in MiB (a positive integer), e.g. --semi-space 64');
  process.exit(2);
}
const semiSpaceChosen =
  process.execArgv.some((a) => SEMI_SPACE.test(a)) ||
  SEMI_SPACE.test(process.env.NODE_OPTIONS ?? '');
if (semiSpace !== undefined && !semiSpaceChosen) {
  const env = {
    ...process.env,
    NODE_OPTIONS: `${process.env.NODE_OPTIONS ?? ''} --max-semi-space-size=${semiSpace}`.trim(),
  };
  const child = spawnSync(process.execPath, [...process.execArgv, ...process.argv.slice(1)], {
    stdio: 'inherit',
    env,
  });
  process.exit(child.status ?? 1);
}

const fromSource =
  args.includes('--source') ||
  !existsSync(
    fileURLToPath(new URL('../dist/server/analyze/analyze-snapshot-dir.js', import.meta.url)),
  );

/** A module of the project, from dist/ or from the sources; typed by the sources either way. */
async function project<T>(path: string): Promise<T> {
  const url = fromSource
    ? new URL(`../${path}.ts`, import.meta.url)
    : new URL(`../dist/${path}.js`, import.meta.url);
  return (await import(url.href)) as T;
}

const { analyzeSnapshot } = await project<
  typeof import('../server/analyze/analyze-snapshot-dir.js')
>('server/analyze/analyze-snapshot-dir');
const { readSnapshotDir } = await project<typeof import('../server/snapshot/read-snapshot-dir.js')>(
  'server/snapshot/read-snapshot-dir',
);
const { writeDemoSnapshot } = await project<typeof import('../server/demo/write-demo-snapshot.js')>(
  'server/demo/write-demo-snapshot',
);
const { resolveAnalysisConfig } = await project<
  typeof import('../shared/config/analysis-config.js')
>('shared/config/analysis-config');
const { computeFindings } = await project<typeof import('../shared/audit/compute-findings.js')>(
  'shared/audit/compute-findings',
);
const { findWhoCanReach } = await project<typeof import('../shared/query/who-can-reach.js')>(
  'shared/query/who-can-reach',
);
const { findPaths } =
  await project<typeof import('../shared/query/find-paths.js')>('shared/query/find-paths');

const accounts = Number(args[args.indexOf('--accounts') + 1] ?? 1000) || 1000;

let peakRss = 0;
const sampler = setInterval(() => {
  peakRss = Math.max(peakRss, process.memoryUsage().rss);
}, 50);
const mb = (b: number): number => Math.round(b / 1024 / 1024);
const pct = (xs: number[], p: number): number => {
  const s = [...xs].sort((a, b) => a - b);
  return Math.round((s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))] ?? 0) * 100) / 100;
};

async function stage<T>(
  name: string,
  out: Record<string, unknown>,
  fn: () => Promise<T> | T,
): Promise<T> {
  peakRss = process.memoryUsage().rss;
  const t0 = performance.now();
  const cpu0 = process.cpuUsage();
  const r = await fn();
  const cpu = process.cpuUsage(cpu0);
  out[name] = {
    seconds: Math.round((performance.now() - t0) / 10) / 100,
    cpuSeconds: Math.round((cpu.user + cpu.system) / 1e4) / 100,
    peakRssMB: mb(Math.max(peakRss, process.memoryUsage().rss)),
  };
  process.stderr.write(`${name}: ${JSON.stringify(out[name])}\n`);
  return r;
}

const dir = await mkdtemp(join(tmpdir(), 'trustmap-bench-'));
const result: Record<string, unknown> = {
  machine: {
    cpus: cpus().length,
    cpuModel: cpus()[0]?.model,
    memoryGB: Math.round(totalmem() / 2 ** 30),
    node: process.version,
    loadAverage: loadavg().map((l) => Math.round(l * 100) / 100),
  },
  nodeOptions: process.env.NODE_OPTIONS ?? '',
  code: fromSource ? 'source (tsx)' : 'dist',
  accounts,
};
try {
  await stage('generate', result, () => writeDemoSnapshot(dir, { accounts, seed: 1 }));
  const snapshot = await stage('load', result, () => readSnapshotDir(dir));
  const config = resolveAnalysisConfig();
  const analysis = await stage('compileAndBuild', result, () => analyzeSnapshot(snapshot, config));
  result.graph = {
    nodes: analysis.graph.order,
    edges: analysis.graph.size,
    evaluations: analysis.report.evaluations,
    compileSeconds: Math.round(analysis.report.compileMs) / 1000,
    buildSeconds: Math.round(analysis.report.buildMs) / 1000,
  };
  const findings = await stage('findings', result, () =>
    computeFindings({ ...analysis, config, now: new Date('2026-11-28T00:00:00Z') }),
  );
  result.findingCount = findings.length;

  const g = analysis.graph;
  const buckets = g.filterNodes((_, a) => a.kind === 'bucket');
  const roles = g.filterNodes((_, a) => a.kind === 'role' && g.inDegree(_) > 0);
  let seed = 7;
  const rnd = (n: number): number => {
    seed = (seed * 1103515245 + 12345) % 2 ** 31;
    return seed % n;
  };
  const reach: number[] = [];
  for (let i = 0; i < 200; i++) {
    const b = buckets[rnd(buckets.length)]!;
    const t0 = performance.now();
    findWhoCanReach(g, b, { action: 'read' });
    reach.push(performance.now() - t0);
  }
  const paths: number[] = [];
  for (let i = 0; i < 200; i++) {
    const from = roles[rnd(roles.length)]!;
    const to = roles[rnd(roles.length)]!;
    const t0 = performance.now();
    findPaths(g, from, to, {});
    paths.push(performance.now() - t0);
  }
  result.whoCanReachMs = {
    p50: pct(reach, 50),
    p95: pct(reach, 95),
    max: pct(reach, 100),
    buckets: buckets.length,
  };
  result.pathMs = { p50: pct(paths, 50), p95: pct(paths, 95), max: pct(paths, 100) };
  result.targets = { buildSeconds: 20, buildGiB: 4, whoCanReachP95Ms: 100, pathP95Ms: 50 };
} finally {
  clearInterval(sampler);
  if (!args.includes('--keep')) await rm(dir, { recursive: true, force: true });
  else result.dir = dir;
}
console.log(JSON.stringify(result, null, 2));

/**
 * Benchmark of issue 15 (KMS keys behind buckets and the resource-policy services): the
 * 1,000-account demo with `resourcesPerType` 10 (10 KMS keys, secrets, queues, topics and
 * repositories in every generic workload account, and as many Lambda functions in its
 * workloads.json), compiled and built **with** its resources.json files and functions,
 * **without-lambda** (the functions dropped after loading: yesterday's "with") and **without**
 * them (`resources`, bucket encryption and the functions dropped), alternating in separate
 * processes so that peak RSS is each build's own; then, in the "with" runs, `who-can-reach`
 * p50/p95 on the KMS-encrypted buckets (and on KMS keys and functions).
 * Targets: build seconds and peak RSS at most 20% over "without"; who-can-reach p95 ≤ 100 ms.
 *
 * Run: npx tsx bench/resource-reach.ts [--accounts 1000] [--per-type 10] [--rounds 2]
 *      [--modes without,without-lambda,with]
 * Prints JSON; the machine's load average is recorded with every run.
 */
import { spawnSync } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { cpus, loadavg, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';

const args = process.argv.slice(2);
const arg = (name: string, fallback: string): string => {
  const i = args.indexOf(name);
  return i >= 0 ? (args[i + 1] ?? fallback) : fallback;
};
const load = (): number[] => loadavg().map((l) => Math.round(l * 100) / 100);
const mb = (b: number): number => Math.round(b / 1024 / 1024);
const pct = (xs: number[], p: number): number => {
  const s = [...xs].sort((a, b) => a - b);
  return Math.round((s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))] ?? 0) * 100) / 100;
};

type Mode = 'with' | 'without-lambda' | 'without';

async function child(mode: Mode, dir: string): Promise<void> {
  const { readSnapshotDir } = await import('../server/snapshot/read-snapshot-dir.js');
  const { analyzeSnapshot } = await import('../server/analyze/analyze-snapshot-dir.js');
  const { resolveAnalysisConfig } = await import('../shared/config/analysis-config.js');
  const { findWhoCanReach } = await import('../shared/query/who-can-reach.js');
  let peak = process.memoryUsage().rss;
  const sampler = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage().rss);
  }, 50);
  const loadAverage = load();
  const snapshot = await readSnapshotDir(dir);
  if (mode !== 'with') {
    const accounts = new Map<
      string,
      typeof snapshot.accounts extends ReadonlyMap<string, infer A> ? A : never
    >();
    for (const [id, a] of snapshot.accounts) {
      const workloads = a.workloads?.filter((w) => w.type !== 'lambda-function');
      const kept = workloads === undefined ? a : { ...a, workloads };
      if (mode === 'without-lambda') {
        accounts.set(id, kept);
        continue;
      }
      const { resources: _dropped, ...rest } = kept;
      const s3 = rest.s3
        ? { ...rest.s3, buckets: rest.s3.buckets.map(({ encryption: _e, ...b }) => b) }
        : undefined;
      accounts.set(id, s3 ? { ...rest, s3 } : rest);
    }
    (snapshot as { accounts: ReadonlyMap<string, unknown> }).accounts = accounts;
  }
  const rssLoaded = process.memoryUsage().rss;
  const t0 = performance.now();
  const analysis = analyzeSnapshot(snapshot, resolveAnalysisConfig());
  const buildSeconds = Math.round(performance.now() - t0) / 1000;
  peak = Math.max(peak, process.memoryUsage().rss);
  const out: Record<string, unknown> = {
    mode,
    loadAverage,
    buildSeconds,
    compileSeconds: Math.round(analysis.report.compileMs) / 1000,
    graphSeconds: Math.round(analysis.report.buildMs) / 1000,
    peakRssMB: mb(peak),
    rssAfterLoadMB: mb(rssLoaded),
    nodes: analysis.graph.order,
    edges: analysis.graph.size,
    evaluations: analysis.report.evaluations,
    resources: analysis.model.resources?.size ?? 0,
    functions: [...(analysis.model.resources?.values() ?? [])].filter((r) => r.service === 'lambda')
      .length,
  };
  if (mode === 'with') {
    const g = analysis.graph;
    const encrypted = g.filterNodes((_, a) => a.kind === 'bucket' && a.kmsKeyId !== undefined);
    const keys = g.filterNodes((_, a) => a.kind === 'resource' && a.service === 'kms');
    const functions = g.filterNodes((_, a) => a.kind === 'resource' && a.service === 'lambda');
    const time = (targets: string[], action: 'read' | 'decrypt' | 'invoke'): number[] => {
      const ms: number[] = [];
      for (let i = 0; i < 200; i++) {
        const target = targets[i % targets.length];
        if (target === undefined) break;
        const t = performance.now();
        findWhoCanReach(g, target, { action });
        ms.push(performance.now() - t);
      }
      return ms;
    };
    const reach = time(encrypted, 'read');
    const keyReach = time(
      keys.filter((_, i) => i % 97 === 0),
      'decrypt',
    );
    out.whoCanReachEncryptedBucketMs = {
      p50: pct(reach, 50),
      p95: pct(reach, 95),
      max: pct(reach, 100),
      buckets: encrypted.length,
    };
    out.whoCanReachKeyMs = { p50: pct(keyReach, 50), p95: pct(keyReach, 95), keys: keys.length };
    const functionReach = time(
      functions.filter((_, i) => i % 97 === 0),
      'invoke',
    );
    out.whoCanReachFunctionMs = {
      p50: pct(functionReach, 50),
      p95: pct(functionReach, 95),
      functions: functions.length,
    };
  }
  clearInterval(sampler);
  console.log(JSON.stringify(out));
}

async function parent(): Promise<void> {
  const accounts = Number(arg('--accounts', '1000'));
  const perType = Number(arg('--per-type', '10'));
  const rounds = Number(arg('--rounds', '2'));
  const modes = arg('--modes', 'without,without-lambda,with').split(',') as Mode[];
  const { writeDemoSnapshot } = await import('../server/demo/write-demo-snapshot.js');
  const dir = await mkdtemp(join(tmpdir(), 'trustmap-bench-resources-'));
  const result: Record<string, unknown> = {
    machine: {
      cpus: cpus().length,
      memoryGB: Math.round(totalmem() / 2 ** 30),
      node: process.version,
    },
    accounts,
    resourcesPerType: perType,
    code: 'source (tsx)',
  };
  try {
    const t0 = performance.now();
    await writeDemoSnapshot(dir, { accounts, seed: 1, resourcesPerType: perType });
    result.generateSeconds = Math.round(performance.now() - t0) / 1000;
    const runs: Record<string, unknown>[] = [];
    for (let r = 0; r < rounds; r++)
      for (const mode of modes) {
        const c = spawnSync(
          process.execPath,
          [...process.execArgv, process.argv[1] ?? '', '--child', mode, '--dir', dir],
          {
            encoding: 'utf8',
            env: {
              ...process.env,
              NODE_OPTIONS: process.env.NODE_OPTIONS ?? '',
            },
            maxBuffer: 1 << 24,
          },
        );
        if (c.status !== 0) throw new Error(`child ${mode} failed: ${c.stderr}`);
        const line = c.stdout.trim().split('\n').pop() ?? '{}';
        const run = JSON.parse(line) as Record<string, unknown>;
        process.stderr.write(`${line}\n`);
        runs.push(run);
      }
    result.runs = runs;
    const med = (mode: string, key: string): number => {
      const xs = runs.filter((x) => x.mode === mode).map((x) => Number(x[key]));
      return pct(xs, 50);
    };
    const ratio = (key: string, base: Mode = 'without'): number =>
      Math.round((med('with', key) / med(base, key)) * 1000) / 1000;
    result.summary = {
      buildSecondsWithout: med('without', 'buildSeconds'),
      buildSecondsWithoutLambda: med('without-lambda', 'buildSeconds'),
      buildSecondsWith: med('with', 'buildSeconds'),
      buildRatio: ratio('buildSeconds'),
      buildRatioLambda: ratio('buildSeconds', 'without-lambda'),
      peakRssMBWithout: med('without', 'peakRssMB'),
      peakRssMBWithoutLambda: med('without-lambda', 'peakRssMB'),
      peakRssMBWith: med('with', 'peakRssMB'),
      peakRssRatio: ratio('peakRssMB'),
      peakRssRatioLambda: ratio('peakRssMB', 'without-lambda'),
      targets: { maxRatio: 1.2, whoCanReachP95Ms: 100 },
    };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
  console.log(JSON.stringify(result, null, 2));
}

if (args.includes('--child')) await child(arg('--child', 'with') as Mode, arg('--dir', ''));
else await parent();

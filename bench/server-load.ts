/**
 * Load benchmark of `trustmap serve` on the 1,000-account demo: the app is started in-process
 * on 127.0.0.1, then autocannon sends a mix of who-can-reach and path queries over 50
 * connections for 30 s. Prints p50/p95/p99 latency, throughput and errors as JSON, for the
 * server with its per-scan answer cache and without it (same analysis, same requests, one run).
 * Target: p95 ≤ 100 ms, no errors.
 *
 * Run: npx tsx bench/server-load.ts [--accounts 1000] [--duration 30] [--connections 50]
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:http';
import { createRequire } from 'node:module';
import { cpus, loadavg, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { writeDemoSnapshot } from '../server/demo/write-demo-snapshot.js';
import { DEFAULT_LIMITS } from '../server/http/app-context.js';
import { DEFAULT_ANSWER_CACHE_BYTES } from '../server/http/answer-cache.js';
import { createApp } from '../server/http/create-app.js';
import { DEFAULT_PIPELINE } from '../server/scan/default-pipeline.js';
import { runScan } from '../server/scan/run-scan.js';
import { AnalysisCache } from '../server/serve/analysis-cache.js';
import { openStore } from '../server/store/open-store.js';
import { resolveAnalysisConfig } from '../shared/config/analysis-config.js';

interface Histogram {
  p50: number;
  p90: number;
  p97_5: number;
  p99: number;
  average: number;
  max: number;
}
interface AutocannonResult {
  latency: Histogram;
  requests: { average: number; total: number };
  errors: number;
  timeouts: number;
  non2xx: number;
  '2xx': number;
}
interface AutocannonInstance {
  on(
    event: 'response',
    fn: (client: unknown, status: number, bytes: number, ms: number) => void,
  ): void;
}
type Autocannon = (
  options: Record<string, unknown>,
  done: (err: unknown, result: AutocannonResult) => void,
) => AutocannonInstance;
const autocannon = createRequire(import.meta.url)('autocannon') as Autocannon;

const args = process.argv.slice(2);
const flag = (name: string, fallback: number): number => {
  const i = args.indexOf(name);
  return i >= 0 ? Number(args[i + 1]) || fallback : fallback;
};
const accounts = flag('--accounts', 1000);
const duration = flag('--duration', 30);
const connections = flag('--connections', 50);

const dir = await mkdtemp(join(tmpdir(), 'trustmap-bench-serve-'));
try {
  const snapshot = join(dir, 'demo');
  await writeDemoSnapshot(snapshot, { accounts, seed: 1 });
  const db = openStore(join(dir, 'trustmap.db'));
  const config = resolveAnalysisConfig();
  const scan = await runScan(db, { dir: snapshot, source: 'demo', config }, DEFAULT_PIPELINE);
  const cache = new AnalysisCache(db, (d, c) => DEFAULT_PIPELINE.analyzeDir(d, c), config);
  cache.put(scan.scanId, scan.analysis);
  const g = scan.analysis.graph;
  let seed = 7;
  const pick = <T>(xs: readonly T[]): T => {
    seed = (seed * 1103515245 + 12345) % 2 ** 31;
    return xs[seed % xs.length] as T;
  };
  const buckets = g.filterNodes((_k, a) => a.kind === 'bucket');
  const roles = g.filterNodes((k, a) => a.kind === 'role' && g.inDegree(k) > 0);
  const starts = g.filterNodes((_k, a) => a.kind === 'account' && a.scope !== 'org');
  const paths: string[] = [];
  for (let i = 0; i < 200; i++) {
    const e = encodeURIComponent;
    paths.push(`/api/who-can-reach?resource=${e(pick(buckets))}&action=${pick(['read', 'write'])}`);
    paths.push(`/api/paths?from=${e(pick([...starts, ...roles]))}&to=${e(pick(roles))}`);
  }

  /** One load run against a fresh app whose answer cache holds `answerCacheBytes`. */
  const measure = async (answerCacheBytes: number): Promise<Record<string, unknown>> => {
    const app = createApp({
      context: { db, cache, limits: DEFAULT_LIMITS, version: 'bench' },
      answerCacheBytes,
    });
    const server = createServer(app);
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const address = server.address();
    const port = typeof address === 'object' && address !== null ? address.port : 0;
    const latencies: number[] = [];
    const loadBefore = loadavg()[0];
    const result = await new Promise<AutocannonResult>((resolve, reject) => {
      const instance = autocannon(
        {
          url: `http://127.0.0.1:${String(port)}`,
          connections,
          duration,
          requests: paths.map((path) => ({ method: 'GET', path })),
        },
        (err, res) => {
          if (err === null || err === undefined) resolve(res);
          else reject(err instanceof Error ? err : new Error('autocannon failed'));
        },
      );
      instance.on('response', (_client, _status, _bytes, ms) => latencies.push(ms));
    });
    server.close();
    server.closeAllConnections();
    latencies.sort((a, b) => a - b);
    const pct = (p: number): number =>
      Math.round(
        (latencies[Math.min(latencies.length - 1, Math.floor((p / 100) * latencies.length))] ?? 0) *
          10,
      ) / 10;
    return {
      answerCache: answerCacheBytes > 0 ? `${String(answerCacheBytes)} bytes` : 'off',
      loadAverageBefore: loadBefore,
      latencyMs: {
        p50: pct(50),
        p95: pct(95),
        p99: pct(99),
        max: pct(100),
        average: result.latency.average,
      },
      requests: { total: result.requests.total, perSecond: result.requests.average },
      errors: result.errors,
      timeouts: result.timeouts,
      non2xx: result.non2xx,
    };
  };
  const withoutCache = await measure(0);
  const withCache = await measure(DEFAULT_ANSWER_CACHE_BYTES);
  db.close();
  process.stdout.write(
    `${JSON.stringify(
      {
        benchmark: 'server-load',
        accounts,
        graph: { nodes: g.order, edges: g.size },
        machine: {
          cpus: cpus().length,
          cpuModel: cpus()[0]?.model,
          memoryGB: Math.round(totalmem() / 2 ** 30),
          node: process.version,
        },
        connections,
        durationSeconds: duration,
        mix: 'who-can-reach (read/write, random bucket) and paths (random outside account or role → random role), 50/50; 400 distinct requests',
        runs: [withoutCache, withCache],
        target: { p95Ms: 100, errors: 0 },
      },
      null,
      2,
    )}\n`,
  );
} finally {
  await rm(dir, { recursive: true, force: true });
}

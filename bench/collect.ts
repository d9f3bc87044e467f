/**
 * Benchmark of `trustmap collect` against the fake AWS endpoint with a fixed latency per call
 * (default 500 accounts, 50 ms): wall time, calls, calls per second against the ceiling that
 * concurrency / latency allows, and the collector's peak RSS, at concurrency 8 and 32, plus peak
 * RSS at 100 accounts to show that memory stays flat as accounts grow (each account goes to disk
 * as it finishes). The fake runs in its own process, and each configuration in a fresh collector
 * process, so RSS is the collector's alone. Prints JSON.
 *
 * Run: npx tsx bench/collect.ts [--accounts 500] [--latency 50] [--small 100]
 * (one configuration: npx tsx bench/collect.ts --single --url URL --accounts N --concurrency C)
 */
import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { cpus, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { createCallMeter } from '../server/collect/aws-clients.js';
import { resolveCollectOptions } from '../server/collect/collect-options.js';
import { collectOrganization } from '../server/collect/collect-organization.js';
import { callerAccessKeyId } from '../test/fake-aws/fake-request.js';
import { GENERATED_MANAGEMENT } from '../test/fake-aws/scenarios/generated-org.js';

const args = process.argv.slice(2);
const flag = (name: string): string | undefined => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
};
const REPO = join(dirname(fileURLToPath(import.meta.url)), '..');
const mb = (bytes: number): number => Math.round((bytes / 2 ** 20) * 10) / 10;

interface SingleRun {
  accounts: number;
  concurrency: number;
  outcome: string;
  wallSeconds: number;
  accountPhaseSeconds: number;
  calls: number;
  requests: number;
  callsPerSecond: number;
  accountPhaseCallsPerSecond: number;
  peakRssMb: number;
  rssAtStartMb: number;
  peakHeapUsedMb: number;
}

/** One collection, in this process. */
async function runSingle(url: string, accounts: number, concurrency: number): Promise<SingleRun> {
  let peakRss = process.memoryUsage().rss;
  let peakHeap = process.memoryUsage().heapUsed;
  const sampler = setInterval(() => {
    const m = process.memoryUsage();
    peakRss = Math.max(peakRss, m.rss);
    peakHeap = Math.max(peakHeap, m.heapUsed);
  }, 25);
  const rssAtStart = process.memoryUsage().rss;
  const out = await mkdtemp(join(tmpdir(), 'trustmap-collect-bench-'));
  try {
    const options = resolveCollectOptions(
      { out, region: 'us-east-1', endpointUrl: url, concurrency: String(concurrency), quiet: true },
      {},
      out,
    );
    const meter = createCallMeter();
    let accountPhaseStart = 0;
    let callsAtAccountPhase = 0;
    const t0 = performance.now();
    const result = await collectOrganization(options, {
      meter,
      credentials: () =>
        Promise.resolve({
          accessKeyId: callerAccessKeyId(GENERATED_MANAGEMENT),
          secretAccessKey: 'bench',
        }),
      progress: {
        start: () => {
          accountPhaseStart = performance.now();
          callsAtAccountPhase = meter.requests;
        },
        accountDone: () => undefined,
        note: () => undefined,
        finish: () => undefined,
      },
    });
    const t1 = performance.now();
    clearInterval(sampler);
    const wall = (t1 - t0) / 1000;
    const accountPhase = (t1 - accountPhaseStart) / 1000;
    return {
      accounts,
      concurrency,
      outcome: result.outcome,
      wallSeconds: Math.round(wall * 100) / 100,
      accountPhaseSeconds: Math.round(accountPhase * 100) / 100,
      calls: meter.calls,
      requests: meter.requests,
      callsPerSecond: Math.round(meter.requests / wall),
      accountPhaseCallsPerSecond: Math.round((meter.requests - callsAtAccountPhase) / accountPhase),
      peakRssMb: mb(peakRss),
      rssAtStartMb: mb(rssAtStart),
      peakHeapUsedMb: mb(peakHeap),
    };
  } finally {
    clearInterval(sampler);
    await rm(out, { recursive: true, force: true });
  }
}

/** Starts the fake in its own process; resolves with its URL and a stop function. */
async function startFakeProcess(
  accounts: number,
  latency: number,
): Promise<{ url: string; stop: () => Promise<void> }> {
  const child = spawn(
    process.execPath,
    [
      '--import',
      'tsx',
      join(REPO, 'test/fake-aws/serve-fake-aws.ts'),
      '--accounts',
      String(accounts),
      '--latency',
      String(latency),
    ],
    { cwd: REPO, stdio: ['ignore', 'pipe', 'inherit'] },
  );
  const lines = createInterface({ input: child.stdout });
  const url = await new Promise<string>((resolve, reject) => {
    lines.once('line', (line) => {
      resolve((JSON.parse(line) as { url: string }).url);
    });
    child.once('exit', (code) => {
      reject(new Error(`the fake endpoint exited with ${String(code)}`));
    });
  });
  return {
    url,
    stop: () =>
      new Promise<void>((resolve) => {
        child.once('exit', () => {
          resolve();
        });
        child.kill('SIGTERM');
      }),
  };
}

/** Runs one configuration in a fresh process (so its RSS is its own). */
async function runChild(url: string, accounts: number, concurrency: number): Promise<SingleRun> {
  const child = spawn(
    process.execPath,
    [
      '--import',
      'tsx',
      fileURLToPath(import.meta.url),
      '--single',
      '--url',
      url,
      '--accounts',
      String(accounts),
      '--concurrency',
      String(concurrency),
    ],
    { cwd: REPO, stdio: ['ignore', 'pipe', 'inherit'] },
  );
  let stdout = '';
  child.stdout.on('data', (chunk: Buffer) => {
    stdout += chunk.toString('utf8');
  });
  const code = await new Promise<number | null>((resolve) => {
    child.on('exit', resolve);
  });
  if (code !== 0) throw new Error(`benchmark run exited with ${String(code)}`);
  return JSON.parse(stdout) as SingleRun;
}

if (args.includes('--single')) {
  const url = flag('--url');
  if (url === undefined) throw new Error('--single needs --url');
  const result = await runSingle(
    url,
    Number(flag('--accounts') ?? 500),
    Number(flag('--concurrency') ?? 8),
  );
  process.stdout.write(JSON.stringify(result));
} else {
  const accounts = Number(flag('--accounts') ?? 500);
  const small = Number(flag('--small') ?? 100);
  const latencyMs = Number(flag('--latency') ?? 50);
  const runs: (SingleRun & { ceilingCallsPerSecond: number; efficiency: number })[] = [];
  for (const [n, concurrency] of [
    [small, 8],
    [accounts, 8],
    [accounts, 32],
  ] as const) {
    const fake = await startFakeProcess(n, latencyMs);
    try {
      const run = await runChild(fake.url, n, concurrency);
      const ceiling = concurrency * (1000 / latencyMs);
      runs.push({
        ...run,
        ceilingCallsPerSecond: ceiling,
        efficiency: Math.round((run.accountPhaseCallsPerSecond / ceiling) * 1000) / 1000,
      });
    } finally {
      await fake.stop();
    }
  }
  const at = (n: number, c: number) => runs.find((r) => r.accounts === n && r.concurrency === c);
  console.log(
    JSON.stringify(
      {
        benchmark: 'collect',
        machine: { cpus: cpus().length, node: process.version },
        latencyMsPerCall: latencyMs,
        runs,
        memory: {
          peakRssMbSmall: at(small, 8)?.peakRssMb,
          peakRssMbLarge: at(accounts, 8)?.peakRssMb,
          note: `peak RSS of the collector process at ${small} vs ${accounts} accounts, concurrency 8`,
        },
        target:
          'efficiency (account-phase calls/s ÷ concurrency/latency) ≥ 0.8; peak RSS flat in the number of accounts',
      },
      null,
      2,
    ),
  );
}

/**
 * Benchmark of `trustmap scan --from-dir` on the 1,000-account demo organization: wall time and
 * peak RSS of the whole scan (load, analyze, findings, store in one transaction, diff), first
 * scan and a second scan of the same directory (which compares with the first). Prints JSON.
 *
 * Run: npx tsx bench/scan.ts [--accounts 1000]
 */
import { mkdtemp, rm, stat } from 'node:fs/promises';
import { cpus, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { main } from '../server/cli/main.js';
import type { CliIo } from '../server/cli/io.js';
import { writeDemoSnapshot } from '../server/demo/write-demo-snapshot.js';

const args = process.argv.slice(2);
const accounts = Number(args[args.indexOf('--accounts') + 1] ?? 1000) || 1000;
const mb = (b: number): number => Math.round(b / 2 ** 20);
let peak = 0;
const sampler = setInterval(() => {
  peak = Math.max(peak, process.memoryUsage().rss);
}, 25);

const dir = await mkdtemp(join(tmpdir(), 'trustmap-bench-scan-'));
const quietIo: CliIo = {
  out: () => undefined,
  err: () => undefined,
  isTty: false,
  env: {},
  cwd: dir,
};
try {
  const snapshot = join(dir, 'demo');
  const t0 = performance.now();
  await writeDemoSnapshot(snapshot, { accounts, seed: 1 });
  const generateSeconds = (performance.now() - t0) / 1000;
  const db = join(dir, 'trustmap.db');
  const runs: Record<string, unknown>[] = [];
  for (const label of ['first', 'second']) {
    peak = process.memoryUsage().rss;
    const t = performance.now();
    const code = await main(
      ['scan', '--from-dir', snapshot, '--db', db, '--fail-on', 'none', '--quiet'],
      quietIo,
    );
    runs.push({
      scan: label,
      exitCode: code,
      seconds: Math.round((performance.now() - t) / 10) / 100,
      peakRssMB: mb(Math.max(peak, process.memoryUsage().rss)),
    });
  }
  process.stdout.write(
    `${JSON.stringify(
      {
        benchmark: 'scan --from-dir',
        accounts,
        machine: {
          cpus: cpus().length,
          cpuModel: cpus()[0]?.model,
          memoryGB: Math.round(totalmem() / 2 ** 30),
          node: process.version,
        },
        generateSeconds: Math.round(generateSeconds * 100) / 100,
        runs,
        storeMB: mb((await stat(db)).size),
      },
      null,
      2,
    )}\n`,
  );
} finally {
  clearInterval(sampler);
  await rm(dir, { recursive: true, force: true });
}

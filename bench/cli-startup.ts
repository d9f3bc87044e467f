/**
 * Benchmark of the command line's start-up: wall time of whole `trustmap` processes (the
 * compiled dist/ code, as users run it) for `trustmap --help` and for `trustmap simulate` on the
 * small snapshot fixture test/fixtures/simulate/workloads-org. Commands load their modules
 * lazily (the AWS SDK only for live collection, Express only for `serve`), so neither pays for
 * the others. Prints JSON: median, p95 and min over the runs of each, and the load average.
 *
 * Run: npm run build && npx tsx bench/cli-startup.ts [--runs 15] [--bin LABEL=PATH …]
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = dirname(dirname(fileURLToPath(import.meta.url)));
const args = process.argv.slice(2);
const runsAt = args.indexOf('--runs');
const runs = runsAt >= 0 ? Number(args[runsAt + 1]) || 15 : 15;
/** `--bin LABEL=PATH` (repeatable) compares builds in one run, e.g. a checkout of the previous commit. */
const bins: [string, string][] = [];
args.forEach((a, i) => {
  if (a !== '--bin') return;
  const [label, path] = (args[i + 1] ?? '').split('=');
  if (label && path) bins.push([label, path]);
});
if (bins.length === 0) bins.push(['this', join(root, 'bin', 'trustmap.js')]);
const snapshot = join(root, 'test', 'fixtures', 'simulate', 'workloads-org');

const work = mkdtempSync(join(tmpdir(), 'trustmap-bench-startup-'));
const request = join(work, 'request.json');
writeFileSync(
  request,
  JSON.stringify({
    principal: 'arn:aws:iam::111111111111:user/alice',
    action: 'sts:AssumeRole',
    resource: 'arn:aws:iam::111111111111:role/deploy',
  }),
);

/** Wall seconds of each of `runs` processes `node bin/trustmap.js ARGS` (exit code ignored). */
function time(bin: string, commandArgs: readonly string[]): number[] {
  const out: number[] = [];
  for (let i = 0; i < runs; i += 1) {
    const t = performance.now();
    try {
      execFileSync(process.execPath, [bin, ...commandArgs], { stdio: 'ignore' });
    } catch {
      // simulate exits 0 whatever the decision; a non-zero exit still measures start-up.
    }
    out.push((performance.now() - t) / 1000);
  }
  return out;
}

function summary(seconds: number[]): Record<string, number> {
  const sorted = [...seconds].sort((a, b) => a - b);
  const at = (q: number): number =>
    sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0;
  const r = (x: number): number => Math.round(x * 1000) / 1000;
  return { medianSeconds: r(at(0.5)), p95Seconds: r(at(0.95)), minSeconds: r(sorted[0] ?? 0) };
}

try {
  const load = loadavg()[0];
  const builds: Record<string, unknown> = {};
  // Interleaved so that a change of load touches every build alike.
  for (const [label, bin] of bins) {
    builds[label] = {
      help: summary(time(bin, ['--help'])),
      simulate: summary(time(bin, ['simulate', '--from-dir', snapshot, '--request', request])),
      version: summary(time(bin, ['--version'])),
    };
  }
  console.log(
    JSON.stringify(
      {
        bench: 'cli-startup',
        runs,
        machine: { cpus: cpus().length, model: cpus()[0]?.model, node: process.version },
        loadAverageBefore: load,
        loadAverageAfter: loadavg()[0],
        target: { seconds: 0.3 },
        builds,
      },
      null,
      2,
    ),
  );
} finally {
  rmSync(work, { recursive: true, force: true });
}

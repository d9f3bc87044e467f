/**
 * Benchmark of `trustmap findings --from-dir DIR` as a whole process on the demo organization
 * (default 1,000 accounts): wall seconds and peak RSS of the process users run (the compiled
 * dist/ code with Node's defaults, as `npm start` and the documented scans run it),
 * from start-up to the last finding printed. Also `trustmap --help` for the start-up alone.
 * Prints JSON. Target: ≤ 25 s.
 *
 * Run: npm run build && npx tsx bench/findings-process.ts [--accounts 1000] [--runs 2]
 */
import { spawnSync } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { cpus, loadavg, tmpdir, totalmem } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { writeDemoSnapshot } from '../server/demo/write-demo-snapshot.js';

const root = dirname(dirname(fileURLToPath(import.meta.url)));
const args = process.argv.slice(2);
const flag = (name: string, fallback: number): number => {
  const i = args.indexOf(name);
  return i >= 0 ? Number(args[i + 1]) || fallback : fallback;
};
const accounts = flag('--accounts', 1000);
const runs = flag('--runs', 2);
const bin = join(root, 'bin', 'trustmap.js');

/** Wall seconds and peak RSS (MB) of `node … bin/trustmap.js ARGS`, through GNU time. */
function measure(commandArgs: readonly string[]): {
  seconds: number;
  peakRssMB: number;
  exit: number;
} {
  const r = spawnSync('/usr/bin/time', ['-f', '%e %M', process.execPath, bin, ...commandArgs], {
    encoding: 'utf8',
    maxBuffer: 1024 * 1024 * 1024,
  });
  const last = r.stderr.trim().split('\n').pop() ?? '';
  const [seconds, kb] = last.split(' ').map(Number);
  return {
    seconds: seconds ?? Number.NaN,
    peakRssMB: Math.round((kb ?? 0) / 1024),
    exit: r.status ?? -1,
  };
}

const dir = await mkdtemp(join(tmpdir(), 'trustmap-bench-findings-'));
try {
  const snapshot = join(dir, 'demo');
  await writeDemoSnapshot(snapshot, { accounts, seed: 1 });
  const results: Record<string, unknown>[] = [];
  for (let i = 0; i < runs; i++) {
    const load = loadavg()[0];
    results.push({
      run: i + 1,
      loadAverageBefore: load,
      ...measure(['findings', '--from-dir', snapshot, '--json']),
    });
  }
  console.log(
    JSON.stringify(
      {
        bench: 'findings-process',
        accounts,
        machine: {
          cpus: cpus().length,
          model: cpus()[0]?.model,
          memoryGB: Math.round(totalmem() / 2 ** 30),
          node: process.version,
        },
        target: { seconds: 25 },
        findings: results,
        help: measure(['--help']),
      },
      null,
      2,
    ),
  );
} finally {
  await rm(dir, { recursive: true, force: true });
}

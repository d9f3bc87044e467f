/**
 * Benchmark of `trustmap demo --accounts N` (default 1,000, the scale data): wall time, peak RSS
 * and the size of what was written. The generator writes account by account, so peak memory
 * should stay flat as N grows. Prints JSON.
 *
 * Run: npx tsx bench/demo-generate.ts [--accounts 1000] [--seed S] [--keep]
 */
import { mkdtemp, readdir, rm, stat } from 'node:fs/promises';
import { cpus, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { writeDemoSnapshot } from '../server/demo/write-demo-snapshot.js';

const args = process.argv.slice(2);
const flag = (name: string): string | undefined => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
};
const accounts = Number(flag('--accounts') ?? 1000);
const seed = flag('--seed') ?? 'trustmap-demo';
const mb = (bytes: number): number => Math.round(bytes / 2 ** 20);

async function sizeOf(dir: string): Promise<{ files: number; bytes: number }> {
  let files = 0;
  let bytes = 0;
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const full = join(dir, entry.name);
    if (entry.isDirectory()) {
      const sub = await sizeOf(full);
      files += sub.files;
      bytes += sub.bytes;
    } else {
      files += 1;
      bytes += (await stat(full)).size;
    }
  }
  return { files, bytes };
}

let peakRss = process.memoryUsage().rss;
let peakHeap = process.memoryUsage().heapUsed;
const sampler = setInterval(() => {
  const m = process.memoryUsage();
  peakRss = Math.max(peakRss, m.rss);
  peakHeap = Math.max(peakHeap, m.heapUsed);
}, 20);

const dir = await mkdtemp(join(tmpdir(), 'trustmap-demo-bench-'));
const rssBefore = process.memoryUsage().rss;
const t0 = performance.now();
try {
  const summary = await writeDemoSnapshot(dir, { accounts, seed });
  const seconds = (performance.now() - t0) / 1000;
  clearInterval(sampler);
  const written = await sizeOf(dir);
  console.log(
    JSON.stringify(
      {
        benchmark: 'demo-generate',
        machine: {
          cpus: cpus().length,
          cpuModel: cpus()[0]?.model,
          memoryGB: Math.round(totalmem() / 2 ** 30),
          node: process.version,
        },
        accounts,
        seed,
        seconds: Math.round(seconds * 100) / 100,
        rssBeforeMB: mb(rssBefore),
        peakRssMB: mb(peakRss),
        // getrusage: the kernel's high-water mark for the whole process, in KiB on Linux.
        maxRssMB: Math.round(process.resourceUsage().maxRSS / 1024),
        peakHeapUsedMB: mb(peakHeap),
        accountFolders: summary.accountFolders,
        principals: summary.principals,
        principalsPerFolder: Math.round(summary.principals / summary.accountFolders),
        roles: summary.roles,
        buckets: summary.buckets,
        files: written.files,
        writtenMB: mb(written.bytes),
        dir: args.includes('--keep') ? dir : undefined,
      },
      null,
      2,
    ),
  );
} finally {
  clearInterval(sampler);
  if (!args.includes('--keep')) await rm(dir, { recursive: true, force: true });
}

/**
 * Cost of published Lambda versions in the graph build (workloads.json `Versions`, decided like
 * aliases by shared/authorize/function-aliases.ts). Writes the demo organization (default 100
 * accounts), copies it, gives every function of the copy `--versions` published versions (every
 * tenth with its own policy — every other one of those granting `*`, the rest another demo
 * account — unless `--no-policies`), and analyzes both. Prints JSON: the two build times and a
 * digest of every edge with its attributes of the copy (equal digests = same answers; use it to
 * check that a speed-up changes nothing).
 *
 * Run: flock /tmp/bench.lock npx tsx bench/lambda-versions.ts [--accounts 100] [--versions 500] [--no-policies]
 */
import { createHash } from 'node:crypto';
import { cp, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { analyzeSnapshotDir, type Analysis } from '../server/analyze/analyze-snapshot-dir.js';
import { writeDemoSnapshot } from '../server/demo/write-demo-snapshot.js';
import { resolveAnalysisConfig } from '../shared/config/analysis-config.js';

const args = process.argv.slice(2);
const flag = (name: string, fallback: number): number => {
  const i = args.indexOf(name);
  const v = i >= 0 ? Number(args[i + 1]) : fallback;
  return Number.isFinite(v) ? v : fallback;
};
const ACCOUNTS = flag('--accounts', 100);
const VERSIONS = flag('--versions', 500);
const POLICIES = !args.includes('--no-policies');

interface WorkloadJson {
  Type: string;
  Arn: string;
  Versions?: unknown[];
}

const work = await mkdtemp(join(tmpdir(), 'trustmap-bench-versions-'));
const plain = join(work, 'plain');
const versioned = join(work, 'versioned');
await writeDemoSnapshot(plain, { accounts: ACCOUNTS, seed: 'trustmap-demo' });
await cp(plain, versioned, { recursive: true });
const accounts = (await readdir(versioned)).filter((d) => /^[0-9]{12}$/.test(d)).sort();
let functions = 0;
for (const account of accounts) {
  const file = join(versioned, account, 'workloads.json');
  let doc: { Workloads: WorkloadJson[] };
  try {
    doc = JSON.parse(await readFile(file, 'utf8')) as { Workloads: WorkloadJson[] };
  } catch {
    continue;
  }
  for (const w of doc.Workloads) {
    if (w.Type !== 'lambda-function') continue;
    const other = accounts[functions % accounts.length] ?? account;
    functions++;
    w.Versions = Array.from({ length: VERSIONS }, (_, i) => {
      const arn = `${w.Arn}:${i + 1}`;
      const principal = i % 20 === 0 ? { AWS: `arn:aws:iam::${other}:root` } : '*';
      return {
        Version: String(i + 1),
        FunctionArn: arn,
        ...(POLICIES && i % 10 === 0
          ? {
              ResourcePolicy: JSON.stringify({
                Version: '2012-10-17',
                Statement: [
                  {
                    Effect: 'Allow',
                    Principal: principal,
                    Action: 'lambda:InvokeFunction',
                    Resource: arn,
                  },
                ],
              }),
            }
          : {}),
      };
    });
  }
  await writeFile(file, JSON.stringify(doc));
}

function digest(a: Analysis): string {
  const rows: string[] = [];
  a.graph.forEachEdge((_k, attrs, s, t) => rows.push(`${s} ${t} ${JSON.stringify(attrs)}`));
  rows.sort();
  const h = createHash('sha256');
  for (const r of rows) h.update(r);
  return h.digest('hex').slice(0, 16);
}

const config = resolveAnalysisConfig();
const t0 = performance.now();
const a = await analyzeSnapshotDir(plain, config);
const t1 = performance.now();
const b = await analyzeSnapshotDir(versioned, config);
const t2 = performance.now();
await rm(work, { recursive: true, force: true });
console.log(
  JSON.stringify({
    accounts: ACCOUNTS,
    functions,
    versionsPerFunction: VERSIONS,
    versionPolicies: POLICIES,
    withoutVersionsMs: Math.round(t1 - t0),
    withVersionsMs: Math.round(t2 - t1),
    edgesWithout: a.graph.size,
    edgesWith: b.graph.size,
    digestWith: digest(b),
  }),
);

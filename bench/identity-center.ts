/**
 * Benchmark of issue 16 (IAM Identity Center): the 1,000-account demo organization with and
 * without a large Identity Center — 10,000 people, 1,000 groups (each person in about 3),
 * 100,000+ account assignments — in the same run, alternating (without, with, without, with):
 * graph build time (compile + build), heap held by the built graph (after a full GC) and peak
 * RSS; then who-can-reach p50/p95 over 200 bucket queries whose answers list the people, and
 * reachable-from p50/p95 over 200 random people as starting points.
 *
 * Never all pairs: each query is one BFS from one node.
 *
 * Run: npx tsx bench/identity-center.ts [--accounts 1000] [--users 10000] [--groups 1000]
 *      [--queries 200] [--keep]
 * (the script starts itself again with --expose-gc; Node's default young generation, as trustmap runs)
 */
import { spawnSync } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { cpus, loadavg, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { analyzeSnapshot } from '../server/analyze/analyze-snapshot-dir.js';
import { writeDemoSnapshot } from '../server/demo/write-demo-snapshot.js';
import { readSnapshotDir } from '../server/snapshot/read-snapshot-dir.js';
import { resolveAnalysisConfig } from '../shared/config/analysis-config.js';
import { findReachableFrom } from '../shared/query/reachable-from.js';
import { findWhoCanReach } from '../shared/query/who-can-reach.js';
import { FileReader } from '../shared/snapshot/json-reader.js';
import { normalizeIdentityCenter } from '../shared/snapshot/normalize-identity-center.js';
import type { IdentityCenter, LoadIssue, Snapshot } from '../shared/snapshot/types.js';

const args = process.argv.slice(2);
if (typeof globalThis.gc !== 'function') {
  const env = {
    ...process.env,
    NODE_OPTIONS: `${process.env.NODE_OPTIONS ?? ''} --expose-gc`.trim(),
  };
  const child = spawnSync(process.execPath, [...process.execArgv, ...process.argv.slice(1)], {
    stdio: 'inherit',
    env,
  });
  process.exit(child.status ?? 1);
}
const gc = globalThis.gc as () => void;

const flag = (name: string, fallback: number): number => {
  const i = args.indexOf(name);
  const v = i >= 0 ? Number(args[i + 1]) : Number.NaN;
  return Number.isInteger(v) && v > 0 ? v : fallback;
};
const ACCOUNTS = flag('--accounts', 1000);
const USERS = flag('--users', 10_000);
const GROUPS = flag('--groups', 1000);
const QUERIES = flag('--queries', 200);
/** Per group: ReadOnlyAccess in this many accounts, AdministratorAccess in ADMIN_PER_GROUP. */
const READONLY_PER_GROUP = 60;
const ADMIN_PER_GROUP = 40;
const DIRECT_USERS = Math.floor(USERS / 2);

let seed = 16;
const rnd = (n: number): number => {
  seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31;
  return seed % n;
};
const mb = (b: number): number => Math.round(b / 2 ** 20);
const pct = (xs: readonly number[], p: number): number => {
  const s = [...xs].sort((a, b) => a - b);
  return Math.round((s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))] ?? 0) * 100) / 100;
};
const load = (): number[] => loadavg().map((l) => Math.round(l * 100) / 100);

/** identity-center.json of a large organization over `accountIds` (the demo's permission sets). */
function largeIdentityCenterJson(accountIds: readonly string[]): unknown {
  const ps = (id: string): string => `arn:aws:sso:::permissionSet/ssoins-7223a1b2c3d4e5f6/ps-${id}`;
  const admin = ps('1a2b3c4d5e6f7a8b');
  const readOnly = ps('8b7a6f5e4d3c2b1a');
  const uid = (n: number): string => `9067a1b2c3-bench-u-${String(n)}`;
  const gid = (n: number): string => `9067a1b2c3-bench-g-${String(n)}`;
  const memberships: { GroupId: string; UserId: string }[] = [];
  const seen = new Set<string>();
  for (let u = 0; u < USERS; u++)
    for (let k = 0; k < 3; k++) {
      const g = rnd(GROUPS);
      const id = `${String(g)}/${String(u)}`;
      if (seen.has(id)) continue;
      seen.add(id);
      memberships.push({ GroupId: gid(g), UserId: uid(u) });
    }
  const assignments: unknown[] = [];
  const pick = (count: number, principal: string, type: 'USER' | 'GROUP', set: string): void => {
    const start = rnd(accountIds.length);
    for (let i = 0; i < count; i++)
      assignments.push({
        AccountId: accountIds[(start + i) % accountIds.length],
        PermissionSetArn: set,
        PrincipalType: type,
        PrincipalId: principal,
      });
  };
  for (let g = 0; g < GROUPS; g++) {
    pick(READONLY_PER_GROUP, gid(g), 'GROUP', readOnly);
    pick(ADMIN_PER_GROUP, gid(g), 'GROUP', admin);
  }
  for (let u = 0; u < DIRECT_USERS; u++) pick(1, uid(u), 'USER', readOnly);
  return {
    InstanceArn: 'arn:aws:sso:::instance/ssoins-7223a1b2c3d4e5f6',
    IdentityStoreId: 'd-9067a1b2c3',
    Users: Array.from({ length: USERS }, (_, u) => ({
      UserId: uid(u),
      UserName: `person-${String(u)}@acme.example`,
    })),
    Groups: Array.from({ length: GROUPS }, (_, g) => ({
      GroupId: gid(g),
      DisplayName: `team-${String(g)}`,
    })),
    GroupMemberships: memberships,
    PermissionSets: [
      { PermissionSetArn: admin, Name: 'AdministratorAccess' },
      { PermissionSetArn: readOnly, Name: 'ReadOnlyAccess' },
    ],
    AccountAssignments: assignments,
  };
}

interface BuildFigures {
  variant: 'without' | 'with';
  buildSeconds: number;
  compileSeconds: number;
  graphHeapMB: number;
  peakRssMB: number;
  nodes: number;
  edges: number;
  loadAverage: number[];
}

let peakRss = 0;
const sampler = setInterval(() => {
  peakRss = Math.max(peakRss, process.memoryUsage().rss);
}, 50);

/** Builds one variant, measures it, and hands the analysis to `use` before letting it go. */
function build(
  variant: 'without' | 'with',
  snapshot: Snapshot,
  use?: (a: ReturnType<typeof analyzeSnapshot>) => void,
): BuildFigures {
  gc();
  const before = process.memoryUsage().heapUsed;
  peakRss = process.memoryUsage().rss;
  const analysis = analyzeSnapshot(snapshot, resolveAnalysisConfig());
  gc();
  const figures: BuildFigures = {
    variant,
    buildSeconds: Math.round(analysis.report.buildMs) / 1000,
    compileSeconds: Math.round(analysis.report.compileMs) / 1000,
    graphHeapMB: mb(process.memoryUsage().heapUsed - before),
    peakRssMB: mb(Math.max(peakRss, process.memoryUsage().rss)),
    nodes: analysis.graph.order,
    edges: analysis.graph.size,
    loadAverage: load(),
  };
  process.stderr.write(`${JSON.stringify(figures)}\n`);
  use?.(analysis);
  return figures;
}

const dir = await mkdtemp(join(tmpdir(), 'trustmap-bench-sso-'));
const result: Record<string, unknown> = {
  machine: {
    cpus: cpus().length,
    cpuModel: cpus()[0]?.model,
    memoryGB: Math.round(totalmem() / 2 ** 30),
    node: process.version,
  },
  nodeOptions: process.env.NODE_OPTIONS ?? '',
  code: 'source (tsx)',
  accounts: ACCOUNTS,
};
try {
  await writeDemoSnapshot(dir, { accounts: ACCOUNTS, seed: 1 });
  const base = await readSnapshotDir(dir);
  const accountIds = [...base.accounts.keys()];
  const raw = largeIdentityCenterJson(accountIds);
  const issues: LoadIssue[] = [];
  const t0 = performance.now();
  const ic = normalizeIdentityCenter(raw, new FileReader('identity-center.json', issues));
  const normalizeSeconds = Math.round(performance.now() - t0) / 1000;
  if (ic === undefined) throw new Error('the generated identity-center.json did not load');
  result.identityCenter = {
    users: ic.users.length,
    groups: ic.groups.length,
    memberships: ic.memberships.length,
    assignments: ic.assignments.length,
    normalizeSeconds,
    loadIssues: issues.length,
  };
  const without: Snapshot = { ...base };
  delete (without as { identityCenter?: IdentityCenter }).identityCenter;
  const withIc: Snapshot = { ...base, identityCenter: ic };

  const runs: BuildFigures[] = [];
  runs.push(build('without', without));
  runs.push(build('with', withIc));
  const reachWithout: number[] = [];
  runs.push(
    build('without', without, (a) => {
      const buckets = a.graph.filterNodes((_, n) => n.kind === 'bucket').sort();
      seed = 7;
      for (let i = 0; i < QUERIES; i++) {
        const b = buckets[rnd(buckets.length)] ?? '';
        const s = performance.now();
        findWhoCanReach(a.graph, b, { action: 'read' });
        reachWithout.push(performance.now() - s);
      }
    }),
  );
  const reachWith: number[] = [];
  const fromPeople: number[] = [];
  let peopleListed = 0;
  let signIns = 0;
  runs.push(
    build('with', withIc, (a) => {
      const g = a.graph;
      g.forEachEdge((_k, e) => {
        if (e.kind === 'can-sign-in') signIns += 1;
      });
      const buckets = g.filterNodes((_, n) => n.kind === 'bucket').sort();
      seed = 7;
      for (let i = 0; i < QUERIES; i++) {
        const b = buckets[rnd(buckets.length)] ?? '';
        const s = performance.now();
        const r = findWhoCanReach(g, b, { action: 'read' });
        reachWith.push(performance.now() - s);
        if (r.kind !== 'none') peopleListed += r.people?.totalUsers ?? 0;
      }
      const people = g.filterNodes((_, n) => n.kind === 'sso-user').sort();
      for (let i = 0; i < QUERIES; i++) {
        const p = people[rnd(people.length)] ?? '';
        const s = performance.now();
        findReachableFrom(g, p);
        fromPeople.push(performance.now() - s);
      }
    }),
  );
  result.builds = runs;
  const mean = (v: 'without' | 'with', f: (r: BuildFigures) => number): number => {
    const xs = runs.filter((r) => r.variant === v).map(f);
    return Math.round((xs.reduce((s, x) => s + x, 0) / xs.length) * 1000) / 1000;
  };
  result.summary = {
    buildSecondsWithout: mean('without', (r) => r.buildSeconds),
    buildSecondsWith: mean('with', (r) => r.buildSeconds),
    graphHeapMBWithout: mean('without', (r) => r.graphHeapMB),
    graphHeapMBWith: mean('with', (r) => r.graphHeapMB),
    canSignInEdges: signIns,
  };
  result.whoCanReachMs = {
    without: {
      p50: pct(reachWithout, 50),
      p95: pct(reachWithout, 95),
      max: pct(reachWithout, 100),
    },
    with: { p50: pct(reachWith, 50), p95: pct(reachWith, 95), max: pct(reachWith, 100) },
    meanPeopleListed: Math.round(peopleListed / QUERIES),
  };
  result.reachableFromPersonMs = {
    p50: pct(fromPeople, 50),
    p95: pct(fromPeople, 95),
    max: pct(fromPeople, 100),
  };
  result.loadAverageAtEnd = load();
} finally {
  clearInterval(sampler);
  if (!args.includes('--keep')) await rm(dir, { recursive: true, force: true });
  else result.dir = dir;
}
console.log(JSON.stringify(result, null, 2));

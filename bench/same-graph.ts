/**
 * Equality check for speed-ups of the analysis: builds the access graph of the demo organization
 * with resources (`resourcesPerType`, default 10) with this tree's compiled code and with another
 * checkout's (`--base DIR`, e.g. main before the change, built with `npm run build`), and compares
 * every node and edge: key, endpoints, every attribute (evidence included, as JSON), the order
 * in which the graph lists them, and the findings. Prints JSON with `sameEdges`, `sameNodes`,
 * `sameOrder` and `sameFindings`, the first differences if any, and exits 1 when anything differs.
 *
 * Run: npm run build && git worktree add --detach /tmp/trustmap-base main &&
 *      (cd /tmp/trustmap-base && ln -s "$PWD/node_modules" . && npm run build) &&
 *      npx tsx bench/same-graph.ts --base /tmp/trustmap-base [--accounts 200] [--per-type 10]
 *
 * Each build runs in its own process (`--child`), so that neither shares caches with the other.
 */
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { loadavg, tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const args = process.argv.slice(2);
const arg = (name: string, fallback: string): string => {
  const i = args.indexOf(name);
  return i >= 0 ? (args[i + 1] ?? fallback) : fallback;
};
const here = dirname(dirname(fileURLToPath(import.meta.url)));

interface Dump {
  nodes: string[];
  edges: string[];
  findings: string;
  evaluations: number;
}

/** Builds the graph with the dist/ code under `root` and writes every node and edge as text. */
async function child(root: string, dir: string, out: string): Promise<void> {
  const load = async <T>(path: string): Promise<T> =>
    (await import(new URL(`file://${resolve(root, 'dist', `${path}.js`)}`).href)) as T;
  const { readSnapshotDir } = await load<typeof import('../server/snapshot/read-snapshot-dir.js')>(
    'server/snapshot/read-snapshot-dir',
  );
  const { analyzeSnapshot } = await load<
    typeof import('../server/analyze/analyze-snapshot-dir.js')
  >('server/analyze/analyze-snapshot-dir');
  const { resolveAnalysisConfig } = await load<
    typeof import('../shared/config/analysis-config.js')
  >('shared/config/analysis-config');
  const { computeFindings } = await load<typeof import('../shared/audit/compute-findings.js')>(
    'shared/audit/compute-findings',
  );
  const config = resolveAnalysisConfig();
  const analysis = analyzeSnapshot(await readSnapshotDir(dir), config);
  const dump: Dump = { nodes: [], edges: [], findings: '', evaluations: 0 };
  analysis.graph.forEachNode((key, attrs) => dump.nodes.push(`${key} ${JSON.stringify(attrs)}`));
  analysis.graph.forEachEdge((key, attrs, source, target) =>
    dump.edges.push(`${key} ${source} ${target} ${JSON.stringify(attrs)}`),
  );
  const findings = computeFindings({ ...analysis, config, now: new Date('2026-11-28T00:00:00Z') });
  dump.findings = createHash('sha256').update(JSON.stringify(findings)).digest('hex');
  dump.evaluations = analysis.report.evaluations;
  await writeFile(out, JSON.stringify(dump));
}

function firstDifferences(a: readonly string[], b: readonly string[]): string[] {
  const inA = new Set(a);
  const inB = new Set(b);
  const out: string[] = [];
  for (const x of a) if (!inB.has(x) && out.length < 3) out.push(`only in this tree: ${x}`);
  for (const x of b) if (!inA.has(x) && out.length < 6) out.push(`only in base: ${x}`);
  return out.map((s) => (s.length > 600 ? `${s.slice(0, 600)}…` : s));
}

async function parent(): Promise<void> {
  const base = arg('--base', '');
  if (base === '') throw new Error('--base DIR: a checkout of the code to compare with, built');
  const accounts = Number(arg('--accounts', '200'));
  const perType = Number(arg('--per-type', '10'));
  const { writeDemoSnapshot } = await import('../server/demo/write-demo-snapshot.js');
  const tmp = await mkdtemp(join(tmpdir(), 'trustmap-same-graph-'));
  try {
    const dir = join(tmp, 'snapshot');
    await writeDemoSnapshot(dir, { accounts, seed: 1, resourcesPerType: perType });
    const dumps: Dump[] = [];
    for (const [name, root] of [
      ['this', here],
      ['base', resolve(base)],
    ] as const) {
      const out = join(tmp, `${name}.json`);
      const c = spawnSync(
        process.execPath,
        [...process.execArgv, process.argv[1] ?? '', '--child', root, dir, out],
        { encoding: 'utf8', stdio: ['ignore', 'inherit', 'inherit'] },
      );
      if (c.status !== 0) throw new Error(`the build with ${root} failed`);
      dumps.push(JSON.parse(await readFile(out, 'utf8')) as Dump);
    }
    const [mine, theirs] = dumps as [Dump, Dump];
    const sorted = (xs: readonly string[]): string[] => [...xs].sort();
    const equal = (a: readonly string[], b: readonly string[]): boolean =>
      a.length === b.length && a.every((x, i) => x === b[i]);
    const sameEdges = equal(sorted(mine.edges), sorted(theirs.edges));
    const sameNodes = equal(sorted(mine.nodes), sorted(theirs.nodes));
    const result = {
      accounts,
      resourcesPerType: perType,
      base: resolve(base),
      loadAverage: loadavg().map((l) => Math.round(l * 100) / 100),
      nodes: mine.nodes.length,
      edges: mine.edges.length,
      evaluations: { this: mine.evaluations, base: theirs.evaluations },
      sameEdges,
      sameNodes,
      sameOrder: equal(mine.edges, theirs.edges) && equal(mine.nodes, theirs.nodes),
      sameFindings: mine.findings === theirs.findings,
      differences: [
        ...(sameEdges ? [] : firstDifferences(mine.edges, theirs.edges)),
        ...(sameNodes ? [] : firstDifferences(mine.nodes, theirs.nodes)),
      ],
    };
    console.log(JSON.stringify(result, null, 2));
    if (!result.sameEdges || !result.sameNodes || !result.sameOrder || !result.sameFindings)
      process.exitCode = 1;
  } finally {
    await rm(tmp, { recursive: true, force: true });
  }
}

if (args.includes('--child')) {
  const i = args.indexOf('--child');
  await child(args[i + 1] ?? '', args[i + 2] ?? '', args[i + 3] ?? '');
} else await parent();

/**
 * `trustmap query can-assume|path|who-can-reach|reachable-from …`: the queries of DESIGN.md
 * "Queries" over the access graph of a snapshot directory (`--from-dir`) or of a stored scan
 * (`--db`, `--scan`). Prints a table, or with `--json` the documented JSON. A node that is not in
 * the graph is a usage error (exit 2) naming the closest nodes; a query without an answer prints
 * "none" and exits 0.
 */
import { stat } from 'node:fs/promises';
import { resolve } from 'node:path';
import type { Command } from 'commander';
import type { AuthzModel } from '../../../shared/authorize/types.js';
import type { AnalysisConfig } from '../../../shared/config/analysis-config.js';
import type { AccessGraph, ActionGroup, NodeKind } from '../../../shared/graph/types.js';
import { ALL_ACTION_GROUPS } from '../../../shared/query/action-groups.js';
import { findWhoCanAssume } from '../../../shared/query/can-assume.js';
import { findPaths } from '../../../shared/query/find-paths.js';
import {
  AmbiguousNodeError,
  UnknownNodeError,
  WrongActionGroupError,
  WrongNodeKindError,
} from '../../../shared/query/query-errors.js';
import { findReachableFrom } from '../../../shared/query/reachable-from.js';
import { resolveNodeKey } from '../../../shared/query/resolve-node.js';
import { findWhoCanReach } from '../../../shared/query/who-can-reach.js';
import type { Snapshot } from '../../../shared/snapshot/types.js';
import { analyzeSnapshotDir } from '../../analyze/analyze-snapshot-dir.js';
import { loadAnalysisConfig } from '../../config/load-analysis-config.js';
import { NoScanError } from '../../scan/scan-diff.js';
import { AnalysisCache } from '../../serve/analysis-cache.js';
import { resolveDbPath, storeHint } from '../../serve/data-dir.js';
import { openStore, StoreError } from '../../store/open-store.js';
import { describeStoreLocation } from '../../store/store-location.js';
import { UnknownScanError } from '../../store/scans.js';
import { UsageError } from '../errors.js';
import {
  canAssumeJson,
  canAssumeText,
  pathJson,
  pathText,
  reachableFromJson,
  reachableFromText,
  whoCanReachJson,
  whoCanReachText,
} from '../format/query-output.js';
import { printLoadIssues } from '../format/load-issues-output.js';
import { cleanText } from '../format/sanitize-text.js';
import { printJson, type CliIo } from '../io.js';
import { parseScanFlag } from './diff.js';

/** Flags every analyzing command of this module shares. */
export interface AnalysisFlags {
  fromDir?: string;
  db?: string;
  scan?: string;
  config?: string;
  json?: boolean;
}

interface QueryFlags extends AnalysisFlags {
  includeConditional?: boolean;
  /** commander's `--no-conditional` (true unless given). */
  conditional?: boolean;
  maxDepth?: string;
  maxResults?: string;
  action?: string;
}

export interface LoadedAnalysis {
  graph: AccessGraph;
  snapshot: Snapshot;
  model: AuthzModel;
  config: AnalysisConfig;
  /** Where the graph came from, for messages. */
  source: string;
}

/** Adds `--from-dir`, `--db`, `--scan`, `--config` and `--json`. */
export function addAnalysisOptions(cmd: Command): Command {
  return cmd
    .option('--from-dir <dir>', 'analyze this snapshot directory')
    .option(
      '--db <file>',
      'use a stored scan (default file: TRUSTMAP_DB, else <data dir>/trustmap.db)',
    )
    .option('--scan <id>', 'with --db: the stored scan to use (default: the latest)')
    .option('--config <file>', 'analysis config: trusted accounts, crown jewels, suppressions')
    .option('--json', 'print JSON');
}

/** The analysis named by the flags: a snapshot directory, or a stored scan. */
export async function loadAnalysis(flags: AnalysisFlags, io: CliIo): Promise<LoadedAnalysis> {
  const scan = parseScanFlag(flags.scan, '--scan');
  if (flags.fromDir !== undefined && (flags.db !== undefined || scan !== undefined))
    throw new UsageError('--from-dir: cannot be combined with --db or --scan');
  const config = await loadAnalysisConfig(
    flags.config === undefined ? undefined : resolve(io.cwd, flags.config),
    io.env,
  );
  if (flags.fromDir !== undefined) {
    const dir = resolve(io.cwd, flags.fromDir);
    const isDir = await stat(dir).then(
      (s) => s.isDirectory(),
      () => false,
    );
    if (!isDir) throw new UsageError(`--from-dir: ${dir} is not a directory`);
    try {
      const a = await analyzeSnapshotDir(dir, config);
      if (flags.json !== true) printLoadIssues(io, 'analyze', a.snapshot.issues);
      return { graph: a.graph, snapshot: a.snapshot, model: a.model, config, source: dir };
    } catch (err: unknown) {
      if (err instanceof Error && err.name === 'NotASnapshotError')
        throw new UsageError(`--from-dir: ${err.message}`);
      throw err;
    }
  }
  const dbPath = resolveDbPath(flags.db, io.env, io.cwd);
  let db;
  try {
    db = openStore(dbPath, { readonly: true });
  } catch (err: unknown) {
    if (!(err instanceof StoreError) || err.exitCode !== 2) throw err;
    if (flags.db !== undefined)
      throw new UsageError(`--db: ${err.message}; ${storeHint(dbPath, io.env, io.cwd)}`);
    throw new UsageError(
      `expected --from-dir DIR (a snapshot directory) or --db FILE (a stored scan); no stored scan at ${describeStoreLocation(dbPath)}; ${storeHint(dbPath, io.env, io.cwd)}`,
    );
  }
  try {
    const loaded = await new AnalysisCache(db, analyzeSnapshotDir, config).get(scan);
    const a = loaded.analysis;
    if (flags.json !== true) printLoadIssues(io, 'analyze', a.snapshot.issues);
    return {
      graph: a.graph,
      snapshot: a.snapshot,
      model: a.model,
      config,
      source: `scan ${String(loaded.scanId)}`,
    };
  } catch (err: unknown) {
    if (err instanceof UnknownScanError || err instanceof NoScanError)
      throw new UsageError(err.message);
    throw err;
  } finally {
    db.close();
  }
}

/** `--max-depth` / `--max-results`: a whole number in range. */
export function parseCount(
  value: string | undefined,
  flag: string,
  min: number,
  max: number,
): number | undefined {
  if (value === undefined) return undefined;
  const n = /^\d{1,7}$/.test(value.trim()) ? Number(value.trim()) : Number.NaN;
  if (!Number.isInteger(n) || n < min || n > max)
    throw new UsageError(
      `${flag}: expected a whole number from ${String(min)} to ${String(max)}, got "${cleanText(value, 40)}"`,
    );
  return n;
}

const ACTIONS: readonly ActionGroup[] = ALL_ACTION_GROUPS;

export function parseAction(value: string | undefined): ActionGroup | undefined {
  if (value === undefined) return undefined;
  if ((ACTIONS as readonly string[]).includes(value)) return value as ActionGroup;
  throw new UsageError(
    `--action: expected one of ${ACTIONS.join(', ')}, got "${cleanText(value, 40)}"`,
  );
}

/** `--include-conditional` (the default) or `--no-conditional`, never both. */
export function parseConditional(flags: QueryFlags): boolean {
  if (flags.conditional === false && flags.includeConditional === true)
    throw new UsageError('--include-conditional and --no-conditional: choose one');
  return flags.conditional !== false;
}

/**
 * The node key an argument designates, or a usage error that names the argument, says the node
 * is not in the graph and suggests the closest ones.
 */
export function resolveArgument(
  graph: AccessGraph,
  value: string,
  argName: string,
  source: string,
  kinds?: readonly NodeKind[],
): string {
  let key: string;
  try {
    key = resolveNodeKey(graph, value);
  } catch (err: unknown) {
    if (err instanceof UnknownNodeError)
      throw new UsageError(
        `${argName}: "${cleanText(value, 200)}" is not in the access graph of ${cleanText(source, 300)}` +
          (err.suggestions.length > 0
            ? `; closest: ${err.suggestions.map((s) => cleanText(s, 200)).join(', ')}`
            : ''),
      );
    if (err instanceof AmbiguousNodeError)
      throw new UsageError(
        `${argName}: "${cleanText(value, 200)}" names several nodes; give the full ARN: ${err.candidates.map((s) => cleanText(s, 200)).join(', ')}`,
      );
    throw err;
  }
  const kind = graph.getNodeAttribute(key, 'kind');
  if (kinds !== undefined && !kinds.includes(kind))
    throw new UsageError(
      `${argName}: ${cleanText(key, 200)} is ${/^[aeiou]/.test(kind) ? 'an' : 'a'} ${kind}; expected ${kinds.join(' or ')}`,
    );
  return key;
}

/** Turns a query's typed errors into usage errors. */
function usage<T>(argName: string, run: () => T): T {
  try {
    return run();
  } catch (err: unknown) {
    if (err instanceof WrongNodeKindError)
      throw new UsageError(`${argName}: ${cleanText(err.message, 300)}`);
    if (err instanceof WrongActionGroupError)
      throw new UsageError(`--action: ${cleanText(err.message, 300)}`);
    if (err instanceof RangeError) throw new UsageError(err.message);
    throw err;
  }
}

function searchOptions(cmd: Command, results: string): Command {
  return addAnalysisOptions(cmd)
    .option('--include-conditional', 'include conditional edges, marked (the default)')
    .option('--no-conditional', 'only edges allowed whatever the request-time conditions')
    .option('--max-depth <n>', 'longest path in hops, 1-20 (default 6)')
    .option('--max-results <n>', `most ${results} shown, 1-100000`);
}

export function register(program: Command, io: CliIo): void {
  const query = program
    .command('query')
    .description('Ask the access graph: who can assume a role, paths, who can reach, blast radius');

  addAnalysisOptions(
    query
      .command('can-assume')
      .argument('<role>', 'role ARN (or a unique role name)')
      .description('Who can assume a role directly, with the statements that allow it'),
  )
    .option('--include-conditional', 'include conditional trust, marked (the default)')
    .option('--no-conditional', 'only trust allowed whatever the request-time conditions')
    .option('--max-results <n>', 'most principals shown, 1-100000 (least trusted first)')
    .action(async (role: string, flags: QueryFlags) => {
      const includeConditional = parseConditional(flags);
      const maxResults = parseCount(flags.maxResults, '--max-results', 1, 100_000);
      const a = await loadAnalysis(flags, io);
      const key = resolveArgument(a.graph, role, 'ROLE_ARN', a.source, ['role']);
      const r = findWhoCanAssume(a.graph, key, { includeConditional });
      const hidden =
        r.kind === 'found' && maxResults !== undefined
          ? Math.max(0, r.principals.length - maxResults)
          : 0;
      const shown =
        hidden > 0 && r.kind === 'found'
          ? { ...r, principals: r.principals.slice(0, maxResults) }
          : r;
      if (flags.json === true) printJson(io, canAssumeJson(shown));
      else
        io.out(
          canAssumeText(shown) +
            (hidden > 0
              ? `(${String(hidden)} more principal(s) not shown: raise --max-results)\n`
              : ''),
        );
    });

  searchOptions(
    query
      .command('path')
      .argument('<from>', 'starting principal, account id, provider or service')
      .argument('<to>', 'role or bucket')
      .description('Shortest paths over role trust and bucket access, each hop with its evidence'),
    'paths',
  )
    .option('--action <group>', 'when TO is a bucket: read, write, list or admin (default: any)')
    .action(async (from: string, to: string, flags: QueryFlags) => {
      const includeConditional = parseConditional(flags);
      const maxDepth = parseCount(flags.maxDepth, '--max-depth', 1, 20);
      const maxPaths = parseCount(flags.maxResults, '--max-results', 1, 100_000);
      const action = parseAction(flags.action);
      const a = await loadAnalysis(flags, io);
      const fromKey = resolveArgument(a.graph, from, 'FROM', a.source);
      const toKey = resolveArgument(a.graph, to, 'TO', a.source);
      if (fromKey === toKey) throw new UsageError('FROM and TO: the same node; a path needs two');
      const r = usage('FROM', () =>
        findPaths(a.graph, fromKey, toKey, {
          includeConditional,
          ...(maxDepth !== undefined ? { maxDepth } : {}),
          ...(maxPaths !== undefined ? { maxPaths } : {}),
          ...(action !== undefined ? { action } : {}),
        }),
      );
      if (flags.json === true) printJson(io, pathJson(fromKey, toKey, r));
      else io.out(pathText(a.graph, fromKey, toKey, r));
    });

  searchOptions(
    query
      .command('who-can-reach')
      .argument(
        '<arn>',
        'bucket, KMS key, secret, queue, topic, repository, Lambda function or role (ARN or name)',
      )
      .description(
        'Every principal, account, vendor, identity provider or anyone with a path to it',
      ),
    'starting points',
  )
    .option(
      '--action <group>',
      'bucket: read, write, list, admin (default read); KMS key: decrypt, encrypt, admin; secret: read, write, admin; queue: read, write; topic: publish, subscribe; repository: pull, push; Lambda function: invoke, read, modify (default: the first)',
    )
    .action(async (arn: string, flags: QueryFlags) => {
      const includeConditional = parseConditional(flags);
      const maxDepth = parseCount(flags.maxDepth, '--max-depth', 1, 20);
      const maxResults = parseCount(flags.maxResults, '--max-results', 1, 100_000);
      const action = parseAction(flags.action);
      const a = await loadAnalysis(flags, io);
      const key = resolveArgument(a.graph, arn, 'ARN', a.source, ['bucket', 'resource', 'role']);
      const r = usage('ARN', () =>
        findWhoCanReach(a.graph, key, {
          includeConditional,
          ...(maxDepth !== undefined ? { maxDepth } : {}),
          ...(maxResults !== undefined ? { maxResults } : {}),
          ...(action !== undefined ? { action } : {}),
        }),
      );
      if (flags.json === true) printJson(io, whoCanReachJson(r));
      else io.out(whoCanReachText(a.graph, r));
    });

  searchOptions(
    query
      .command('reachable-from')
      .argument('<arn>', 'principal, account id, provider or service')
      .description('The blast radius: every role and bucket reachable, with the shortest path'),
    'roles and buckets (each)',
  ).action(async (arn: string, flags: QueryFlags) => {
    const includeConditional = parseConditional(flags);
    const maxDepth = parseCount(flags.maxDepth, '--max-depth', 1, 20);
    const maxResults = parseCount(flags.maxResults, '--max-results', 1, 100_000);
    const a = await loadAnalysis(flags, io);
    const key = resolveArgument(a.graph, arn, 'ARN', a.source);
    const r = usage('ARN', () =>
      findReachableFrom(a.graph, key, {
        includeConditional,
        ...(maxDepth !== undefined ? { maxDepth } : {}),
        ...(maxResults !== undefined ? { maxResults } : {}),
      }),
    );
    if (flags.json === true) printJson(io, reachableFromJson(r));
    else io.out(reachableFromText(a.graph, r));
  });
}

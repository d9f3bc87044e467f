/**
 * `trustmap export --format json|graphml|gexf|opengraph|cypher|neo4j-csv [--scan ID]
 * [--db FILE | --from-dir DIR] [--out FILE|DIR]`: the access graph of a stored scan (default:
 * the latest) or of a snapshot directory, for other graph tools and graph databases
 * (docs/export.md). `neo4j-csv` writes `nodes.csv` and `relationships.csv` into the `--out`
 * directory; the other formats write one file (default: stdout). Files are written in chunks,
 * so a large organization's graph is never one string in memory.
 */
import { createWriteStream } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { once } from 'node:events';
import type { Command } from 'commander';
import { loadAnalysisConfig } from '../../config/load-analysis-config.js';
import { analyzeSnapshotDir } from '../../analyze/analyze-snapshot-dir.js';
import { printLoadIssues } from '../format/load-issues-output.js';
import { EXPORT_FORMATS, exportGraphChunks, type ExportFormat } from '../../report/graph-export.js';
import { neo4jCsvFiles } from '../../report/export/neo4j-csv.js';
import { NoScanError } from '../../scan/scan-diff.js';
import { AnalysisCache } from '../../serve/analysis-cache.js';
import { resolveDbPath, storeHint } from '../../serve/data-dir.js';
import { openStore, StoreError } from '../../store/open-store.js';
import { UnknownScanError } from '../../store/scans.js';
import type { AccessGraph } from '../../../shared/graph/types.js';
import { UsageError } from '../errors.js';
import type { CliIo } from '../io.js';
import { parseScanFlag } from './diff.js';

interface ExportFlags {
  format?: string;
  scan?: string;
  db?: string;
  fromDir?: string;
  config?: string;
  out?: string;
}

/** Writes `chunks` to `file`, waiting for the stream to drain; rejects on a write error. */
async function writeChunks(file: string, chunks: Iterable<string>): Promise<void> {
  const stream = createWriteStream(file, { encoding: 'utf8' });
  const failed = new Promise<never>((_, reject) => {
    stream.once('error', reject);
  });
  try {
    for (const chunk of chunks) {
      if (!stream.write(chunk)) await Promise.race([once(stream, 'drain'), failed]);
    }
    stream.end();
    await Promise.race([once(stream, 'finish'), failed]);
  } finally {
    stream.destroy();
  }
}

function errorCode(err: unknown): string | undefined {
  return err instanceof Error && 'code' in err && typeof err.code === 'string'
    ? err.code
    : undefined;
}

async function writeExport(
  io: CliIo,
  graph: AccessGraph,
  format: ExportFormat,
  out: string | undefined,
): Promise<void> {
  try {
    if (format === 'neo4j-csv') {
      // The action refuses neo4j-csv without --out before any analysis.
      const dir = resolve(io.cwd, out ?? '.');
      await mkdir(dir, { recursive: true });
      const files = neo4jCsvFiles(graph);
      await writeChunks(join(dir, 'nodes.csv'), files['nodes.csv']);
      await writeChunks(join(dir, 'relationships.csv'), files['relationships.csv']);
      return;
    }
    const chunks = exportGraphChunks(graph, format);
    if (out === undefined) for (const chunk of chunks) io.out(chunk);
    else await writeChunks(resolve(io.cwd, out), chunks);
  } catch (err: unknown) {
    const code = errorCode(err);
    if (code !== undefined) throw new UsageError(`--out ${out ?? ''}: cannot write (${code})`);
    throw err;
  }
}

export function register(program: Command, io: CliIo): void {
  program
    .command('export')
    .description(
      'Export the access graph for graph tools (graphology JSON, GraphML, GEXF) and graph\n' +
        'databases (BloodHound OpenGraph JSON, a Cypher script, Neo4j bulk-import CSV)',
    )
    .option('--format <format>', `one of ${EXPORT_FORMATS.join(', ')} (default json)`)
    .option('--scan <id>', 'stored scan to export (default: the latest)')
    .option('--db <file>', 'store file (default: TRUSTMAP_DB, else <data dir>/trustmap.db)')
    .option('--from-dir <dir>', 'analyze this snapshot directory instead of a stored scan')
    .option('--config <file>', 'analysis config')
    .option(
      '--out <file>',
      'write to this file (default: stdout); for neo4j-csv, the directory for nodes.csv and relationships.csv',
    )
    .addHelpText(
      'after',
      '\nLoading the output (docs/export.md):\n' +
        '  opengraph  BloodHound CE: Administration > File Ingest, upload the .json file\n' +
        '  cypher     cypher-shell -u neo4j -p … -f graph.cypher\n' +
        '  neo4j-csv  neo4j-admin database import full --nodes=DIR/nodes.csv \\\n' +
        '               --relationships=DIR/relationships.csv --array-delimiter=";" \\\n' +
        '               --multiline-fields=true neo4j\n',
    )
    .action(async (flags: ExportFlags) => {
      const format = (flags.format ?? 'json') as ExportFormat;
      if (!(EXPORT_FORMATS as readonly string[]).includes(format))
        throw new UsageError(
          `--format: expected one of ${EXPORT_FORMATS.join(', ')}, got "${String(flags.format)}"`,
        );
      const scan = parseScanFlag(flags.scan, '--scan');
      if (flags.fromDir !== undefined && (scan !== undefined || flags.db !== undefined))
        throw new UsageError('--from-dir: cannot be combined with --scan or --db');
      if (format === 'neo4j-csv' && flags.out === undefined)
        throw new UsageError(
          '--out: neo4j-csv writes two files; name the directory to write them to',
        );
      const config = await loadAnalysisConfig(
        flags.config === undefined ? undefined : resolve(io.cwd, flags.config),
        io.env,
      );
      if (flags.fromDir !== undefined) {
        const { graph, snapshot } = await analyzeSnapshotDir(
          resolve(io.cwd, flags.fromDir),
          config,
        );
        printLoadIssues(io, 'export', snapshot.issues);
        await writeExport(io, graph, format, flags.out);
        return;
      }
      let db;
      try {
        db = openStore(resolveDbPath(flags.db, io.env, io.cwd), { readonly: true });
      } catch (err: unknown) {
        if (err instanceof StoreError && err.exitCode === 2)
          throw new UsageError(
            `--db: ${err.message}; ${storeHint(resolveDbPath(flags.db, io.env, io.cwd), io.env, io.cwd)}`,
          );
        throw err;
      }
      try {
        const loaded = await new AnalysisCache(db, analyzeSnapshotDir, config).get(scan);
        printLoadIssues(io, 'export', loaded.analysis.snapshot.issues);
        await writeExport(io, loaded.analysis.graph, format, flags.out);
      } catch (err: unknown) {
        if (err instanceof UnknownScanError || err instanceof NoScanError)
          throw new UsageError(err.message);
        throw err;
      } finally {
        db.close();
      }
    });
}

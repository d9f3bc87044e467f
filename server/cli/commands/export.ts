/**
 * `trustmap export --format json|graphml|gexf [--scan ID] [--db FILE | --from-dir DIR]
 * [--out FILE]`: the access graph of a stored scan (default: the latest) or of a snapshot
 * directory, for other graph tools.
 */
import { writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import type { Command } from 'commander';
import { loadAnalysisConfig } from '../../config/load-analysis-config.js';
import { analyzeSnapshotDir } from '../../analyze/analyze-snapshot-dir.js';
import { EXPORT_FORMATS, exportGraph, type ExportFormat } from '../../report/graph-export.js';
import { NoScanError } from '../../scan/scan-diff.js';
import { AnalysisCache } from '../../serve/analysis-cache.js';
import { resolveDbPath, storeHint } from '../../serve/data-dir.js';
import { openStore, StoreError } from '../../store/open-store.js';
import { UnknownScanError } from '../../store/scans.js';
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

export function register(program: Command, io: CliIo): void {
  program
    .command('export')
    .description('Export the access graph as graphology JSON, GraphML or GEXF')
    .option('--format <format>', `one of ${EXPORT_FORMATS.join(', ')} (default json)`)
    .option('--scan <id>', 'stored scan to export (default: the latest)')
    .option('--db <file>', 'store file (default: TRUSTMAP_DB, else <data dir>/trustmap.db)')
    .option('--from-dir <dir>', 'analyze this snapshot directory instead of a stored scan')
    .option('--config <file>', 'analysis config')
    .option('--out <file>', 'write to this file (default: stdout)')
    .action(async (flags: ExportFlags) => {
      const format = (flags.format ?? 'json') as ExportFormat;
      if (!(EXPORT_FORMATS as readonly string[]).includes(format))
        throw new UsageError(
          `--format: expected one of ${EXPORT_FORMATS.join(', ')}, got "${String(flags.format)}"`,
        );
      const scan = parseScanFlag(flags.scan, '--scan');
      if (flags.fromDir !== undefined && (scan !== undefined || flags.db !== undefined))
        throw new UsageError('--from-dir: cannot be combined with --scan or --db');
      const config = await loadAnalysisConfig(
        flags.config === undefined ? undefined : resolve(io.cwd, flags.config),
        io.env,
      );
      let text: string;
      if (flags.fromDir !== undefined) {
        text = exportGraph(
          (await analyzeSnapshotDir(resolve(io.cwd, flags.fromDir), config)).graph,
          format,
        );
      } else {
        let db;
        try {
          db = openStore(resolveDbPath(flags.db, io.env, io.cwd), { readonly: true });
        } catch (err: unknown) {
          if (err instanceof StoreError)
            throw new UsageError(
              `--db: ${err.message}; ${storeHint(resolveDbPath(flags.db, io.env, io.cwd), io.env, io.cwd)}`,
            );
          throw err;
        }
        try {
          const loaded = await new AnalysisCache(db, analyzeSnapshotDir, config).get(scan);
          text = exportGraph(loaded.analysis.graph, format);
        } catch (err: unknown) {
          if (err instanceof UnknownScanError || err instanceof NoScanError)
            throw new UsageError(err.message);
          throw err;
        } finally {
          db.close();
        }
      }
      if (flags.out === undefined) io.out(text);
      else await writeFile(resolve(io.cwd, flags.out), text, 'utf8');
    });
}

/**
 * `trustmap diff [--from ID] [--to ID] [--db FILE] [--json]`: what changed between two stored
 * scans (default: the latest and the one before): new, worsened, improved and resolved findings,
 * new, changed and removed edges, outside edges first. A store that cannot be opened or holds no
 * scan is reported with the stores of the data directory (the demo's is `demo-<N>.db`).
 */
import type { Command } from 'commander';
import { diffScans, NoScanError } from '../../scan/scan-diff.js';
import { resolveDbPath, storeHint } from '../../serve/data-dir.js';
import { openStore, StoreError } from '../../store/open-store.js';
import { UnknownScanError } from '../../store/scans.js';
import { UsageError } from '../errors.js';
import { edgeText, findingText } from '../format/diff-text.js';
import { cleanText } from '../format/sanitize-text.js';
import { printJson, type CliIo } from '../io.js';

/** A scan id flag: a positive whole number. */
export function parseScanFlag(value: string | undefined, flag: string): number | undefined {
  if (value === undefined) return undefined;
  if (!/^\d{1,12}$/.test(value) || Number(value) < 1)
    throw new UsageError(`${flag}: expected a scan id (a positive whole number), got "${value}"`);
  return Number(value);
}

export function register(program: Command, io: CliIo): void {
  program
    .command('diff')
    .description('Compare two stored scans (default: the latest with the one before)')
    .option('--from <id>', 'older scan id')
    .option('--to <id>', 'newer scan id (default: the latest)')
    .option('--db <file>', 'store file (default: TRUSTMAP_DB, else <data dir>/trustmap.db)')
    .option('--json', 'print the whole diff as JSON')
    .action((flags: { from?: string; to?: string; db?: string; json?: boolean }) => {
      const from = parseScanFlag(flags.from, '--from');
      const to = parseScanFlag(flags.to, '--to');
      const file = resolveDbPath(flags.db, io.env, io.cwd);
      let db;
      try {
        db = openStore(file, { readonly: true });
      } catch (err: unknown) {
        if (err instanceof StoreError && err.exitCode === 2)
          throw new UsageError(`--db: ${err.message}; ${storeHint(file, io.env, io.cwd)}`);
        throw err;
      }
      try {
        const d = diffScans(db, from, to);
        if (flags.json === true) {
          printJson(io, d);
          return;
        }
        const s = d.summary;
        const lines = [
          `scan ${d.from === null ? '(none)' : String(d.from)} → scan ${String(d.to)}: ${String(s.newFindings)} new findings, ${String(d.worsenedFindings.length)} worsened, ${String(d.improvedFindings.length)} improved, ${String(s.resolvedFindings)} resolved; ${String(s.newEdges)} new edges (${String(s.newOutsideEdges)} from outside the organization), ${String(d.changedEdges.length)} changed, ${String(s.removedEdges)} removed`,
          ...d.newFindings.map((f) => `  + finding ${findingText(f)}`),
          ...d.worsenedFindings.map(
            (f) => `  ! worsened ${findingText(f)}: ${cleanText(f.change?.worse.join('; ') ?? '')}`,
          ),
          ...d.improvedFindings.map(
            (f) =>
              `  ~ improved ${findingText(f)}: ${cleanText(f.change?.better.join('; ') ?? '')}`,
          ),
          ...d.resolvedFindings.map((f) => `  - finding ${findingText(f)}`),
          ...d.newEdges.map((e) => `  + edge ${edgeText(e)} (${cleanText(e.decision, 20)})`),
          ...d.removedEdges.map((e) => `  - edge ${edgeText(e)}`),
          ...d.changedEdges.map(
            (e) =>
              `  ~ edge ${cleanText(e.source)} → ${cleanText(e.target)} ${cleanText(e.kind, 40)}: ${cleanText(e.previousDecision, 20)} → ${cleanText(e.decision, 20)}`,
          ),
        ];
        io.out(`${lines.join('\n')}\n`);
      } catch (err: unknown) {
        if (err instanceof NoScanError)
          throw new UsageError(`${file}: ${err.message}; ${storeHint(file, io.env, io.cwd)}`);
        if (err instanceof UnknownScanError) throw new UsageError(err.message);
        throw err;
      } finally {
        db.close();
      }
    });
}

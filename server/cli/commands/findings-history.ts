/**
 * `trustmap findings --db FILE --status new|open|resolved`: findings with their history, read
 * from the store (first seen, last seen, new since the previous scan, resolved). The status is a
 * fact of the scan history, so it needs `--db`; `--from-dir` has no history.
 */
import type { FindingStatus, FindingView, Severity } from '../../../shared/api/types.js';
import { openStore, StoreError } from '../../store/open-store.js';
import { readFindings } from '../../store/read-findings.js';
import { getScan, latestScanId, UnknownScanError } from '../../store/scans.js';
import { resolveDbPath, storeHint } from '../../serve/data-dir.js';
import { UsageError } from '../errors.js';
import { formatTable } from '../format/table.js';
import { cleanText } from '../format/sanitize-text.js';
import { printJson, type CliIo } from '../io.js';

const STATUSES: readonly FindingStatus[] = ['new', 'open', 'resolved'];

/** `--status new,open`: the statuses asked for. */
export function parseStatuses(values: readonly string[]): FindingStatus[] {
  return values.map((v) => {
    const s = v.trim().toLowerCase();
    if ((STATUSES as readonly string[]).includes(s)) return s as FindingStatus;
    throw new UsageError(`--status: expected new, open or resolved, got "${cleanText(v, 40)}"`);
  });
}

export interface HistoryQuery {
  db: string | undefined;
  scan: number | undefined;
  statuses: FindingStatus[];
  severity: Severity;
  rules: ReadonlySet<string> | undefined;
  includeSuppressed: boolean;
  maxResults: number | undefined;
  json: boolean;
}

/** Prints the stored findings of a scan (the latest by default) that match the query. */
export function printFindingsHistory(q: HistoryQuery, io: CliIo): void {
  const path = resolveDbPath(q.db, io.env, io.cwd);
  let db;
  try {
    db = openStore(path, { readonly: true });
  } catch (err: unknown) {
    if (err instanceof StoreError && err.exitCode === 2)
      throw new UsageError(`--db: ${err.message}; ${storeHint(path, io.env, io.cwd)}`);
    throw err;
  }
  try {
    const scanId = q.scan ?? latestScanId(db);
    if (scanId === undefined) throw new UsageError(`--db: ${path} holds no successful scan yet`);
    try {
      getScan(db, scanId);
    } catch (err: unknown) {
      if (err instanceof UnknownScanError) throw new UsageError(`--scan: ${err.message}`);
      throw err;
    }
    const filter: Parameters<typeof readFindings>[2] = { status: q.statuses, severity: q.severity };
    if (!q.includeSuppressed) filter.suppressed = false;
    const found = readFindings(db, scanId, filter).findings.filter(
      (f) => q.rules === undefined || q.rules.has(f.rule),
    );
    const shown = q.maxResults === undefined ? found : found.slice(0, q.maxResults);
    if (q.json) printJson(io, { scan: scanId, findings: shown });
    else io.out(historyText(scanId, shown, found.length));
  } finally {
    db.close();
  }
}

function historyText(scanId: number, shown: readonly FindingView[], total: number): string {
  if (shown.length === 0) return `scan ${String(scanId)}: none\n`;
  const table = formatTable(
    [
      { header: 'STATUS', max: 8 },
      { header: 'SEVERITY', max: 8 },
      { header: 'RULE', max: 34 },
      { header: 'SUBJECT', max: 90 },
      { header: 'FIRST SEEN', max: 24 },
      { header: 'TITLE', max: 200 },
    ],
    shown.map((f) => [
      f.status,
      f.severity,
      f.rule,
      f.subject,
      f.firstSeen,
      f.suppressed ? `[suppressed: ${f.suppressed.reason}] ${f.title}` : f.title,
    ]),
  );
  const more = total > shown.length ? `(${String(total - shown.length)} more not shown)\n` : '';
  return `scan ${String(scanId)}\n${table}${more}`;
}

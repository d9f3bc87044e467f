/**
 * Scans in the store: a successful scan (its row, compressed snapshot files, edge list and
 * findings) is written in ONE transaction, so a failed or killed scan never leaves a half-written
 * scan behind and never touches the previous one. Failed scans are recorded as a row only.
 */
import { dataRecord, setDataKey } from '../../shared/data-record.js';
import { gunzipSync, gzipSync } from 'node:zlib';
import type {
  AccountCoverage,
  DiffEdge,
  DiffSummary,
  ScanCounts,
  ScanDetail,
  ScanSource,
  ScanSummary,
} from '../../shared/api/types.js';
import type { LoadIssue } from '../../shared/snapshot/types.js';
import { recordFindings, type FindingInput, type FindingsDelta } from './findings-history.js';
import type { Store } from './open-store.js';

/** Edges per stored chunk of a scan's edge list. */
export const EDGE_CHUNK = 20_000;

/** The scan id does not exist (or did not succeed when one was required). */
export class UnknownScanError extends Error {
  override readonly name = 'UnknownScanError';
  constructor(readonly scanId: number | string) {
    super(`scan ${String(scanId)} does not exist`);
  }
}

/** Files of a snapshot directory: relative paths (with `/`) and a synchronous reader. */
export interface SnapshotFiles {
  paths: readonly string[];
  read(path: string): Buffer | string;
}

/** `SnapshotFiles` over an in-memory map (tests, small snapshots). */
export function snapshotFilesOf(record: Readonly<Record<string, string>>): SnapshotFiles {
  return { paths: Object.keys(record), read: (p) => record[p] ?? '' };
}

export interface NewScan {
  startedAt: string;
  finishedAt: string;
  source: ScanSource;
  sourceDetail?: string;
  coverage: readonly AccountCoverage[];
  issues: readonly LoadIssue[];
  /** The snapshot directory's files, read one at a time inside the transaction. */
  files: SnapshotFiles;
  edges: readonly DiffEdge[];
  findings: readonly FindingInput[];
  /** Counts except the new/resolved numbers, which the store computes. */
  counts: Omit<ScanCounts, 'newFindings' | 'resolvedFindings'>;
  /** Computes the diff summary once the previous scan's edges are known. */
  summarize?: (previousEdges: readonly DiffEdge[] | undefined, delta: FindingsDelta) => DiffSummary;
  /** Test hook: called inside the transaction after the findings are written. */
  beforeCommit?: () => void;
}

export interface SavedScan {
  scanId: number;
  previousScanId: number | undefined;
  delta: FindingsDelta;
  counts: ScanCounts;
  diffSummary: DiffSummary | undefined;
}

interface ScanRow {
  id: number;
  started_at: string;
  finished_at: string | null;
  source: ScanSource;
  source_detail: string | null;
  status: ScanSummary['status'];
  coverage_json: string;
  counts_json: string | null;
  issues_json: string;
  diff_json: string | null;
  error: string | null;
}

function toSummary(r: ScanRow): ScanSummary {
  const s: ScanSummary = { id: r.id, startedAt: r.started_at, source: r.source, status: r.status };
  if (r.finished_at !== null) s.finishedAt = r.finished_at;
  if (r.source_detail !== null) s.sourceDetail = r.source_detail;
  if (r.counts_json !== null) s.counts = JSON.parse(r.counts_json) as ScanCounts;
  if (r.error !== null) s.error = r.error;
  return s;
}

/** The latest successful scan id, if any. */
export function latestScanId(db: Store): number | undefined {
  const row = db.prepare("SELECT max(id) AS id FROM scans WHERE status = 'succeeded'").get() as {
    id: number | null;
  };
  return row.id ?? undefined;
}

/** The successful scan before `scanId`, if any. */
export function previousScanId(db: Store, scanId: number): number | undefined {
  const row = db
    .prepare("SELECT max(id) AS id FROM scans WHERE status = 'succeeded' AND id < ?")
    .get(scanId) as { id: number | null };
  return row.id ?? undefined;
}

/** Writes a successful scan in one transaction and returns its id and finding delta. */
export function saveScan(db: Store, scan: NewScan): SavedScan {
  return db.transaction((): SavedScan => {
    // One writer at a time: the previous scan read next is the one this scan follows.
    db.lockScanWriter();
    const previous = latestScanId(db);
    const info = db
      .prepare(
        `INSERT INTO scans (started_at, finished_at, source, source_detail, status, coverage_json, issues_json)
         VALUES (?, ?, ?, ?, 'succeeded', ?, ?) RETURNING id`,
      )
      .get(
        scan.startedAt,
        scan.finishedAt,
        scan.source,
        scan.sourceDetail ?? null,
        JSON.stringify(scan.coverage),
        JSON.stringify(scan.issues),
      ) as { id: number };
    const scanId = info.id;
    db.prepare(
      'INSERT INTO scan_snapshots (scan_id, encoding, files, edges) VALUES (?, ?, ?, ?)',
    ).run(scanId, 'gzip-files', gzipSync('{}'), gzipSync('[]'));
    const insertChunk = db.prepare(
      'INSERT INTO scan_edge_chunks (scan_id, chunk, data) VALUES (?, ?, ?)',
    );
    for (let i = 0; i * EDGE_CHUNK < scan.edges.length; i++)
      insertChunk.run(
        scanId,
        i,
        gzipSync(JSON.stringify(scan.edges.slice(i * EDGE_CHUNK, (i + 1) * EDGE_CHUNK))),
      );
    const insertFile = db.prepare('INSERT INTO scan_files (scan_id, path, data) VALUES (?, ?, ?)');
    for (const path of scan.files.paths)
      insertFile.run(scanId, path, gzipSync(scan.files.read(path)));
    const delta = recordFindings(db, scanId, previous, scan.finishedAt, scan.findings);
    const counts: ScanCounts = {
      ...scan.counts,
      newFindings: delta.newIds.length,
      resolvedFindings: delta.resolvedIds.length,
    };
    const previousEdges = previous === undefined ? undefined : readScanEdges(db, previous);
    const diffSummary = scan.summarize?.(previousEdges, delta);
    db.prepare('UPDATE scans SET counts_json = ?, diff_json = ? WHERE id = ?').run(
      JSON.stringify(counts),
      diffSummary === undefined ? null : JSON.stringify(diffSummary),
      scanId,
    );
    scan.beforeCommit?.();
    return { scanId, previousScanId: previous, delta, counts, diffSummary };
  })();
}

/** Records a scan that failed (no snapshot, no findings): it shows in the scan list only. */
export function recordFailedScan(
  db: Store,
  scan: {
    startedAt: string;
    finishedAt: string;
    source: ScanSource;
    sourceDetail?: string;
    error: string;
    coverage?: readonly AccountCoverage[];
  },
): number {
  const info = db
    .prepare(
      `INSERT INTO scans (started_at, finished_at, source, source_detail, status, coverage_json, error)
       VALUES (?, ?, ?, ?, 'failed', ?, ?) RETURNING id`,
    )
    .get(
      scan.startedAt,
      scan.finishedAt,
      scan.source,
      scan.sourceDetail ?? null,
      JSON.stringify(scan.coverage ?? []),
      scan.error.slice(0, 2000),
    ) as { id: number };
  return info.id;
}

/** Scans, newest first. */
export function listScans(
  db: Store,
  offset = 0,
  limit = 50,
): { total: number; items: ScanSummary[] } {
  const total = (db.prepare('SELECT count(*) AS n FROM scans').get() as { n: number }).n;
  const rows = db
    .prepare('SELECT * FROM scans ORDER BY id DESC LIMIT ? OFFSET ?')
    .all(limit, offset) as ScanRow[];
  return { total, items: rows.map(toSummary) };
}

/** One scan's detail; throws `UnknownScanError`. */
export function getScan(db: Store, scanId: number): ScanDetail {
  const row = db.prepare('SELECT * FROM scans WHERE id = ?').get(scanId) as ScanRow | undefined;
  if (row === undefined) throw new UnknownScanError(scanId);
  const detail: ScanDetail = {
    ...toSummary(row),
    coverage: JSON.parse(row.coverage_json) as AccountCoverage[],
    issues: JSON.parse(row.issues_json) as LoadIssue[],
  };
  if (row.diff_json !== null) detail.diffSummary = JSON.parse(row.diff_json) as DiffSummary;
  return detail;
}

/** Throws `UnknownScanError` unless `scanId` is a successful scan. */
export function requireSucceededScan(db: Store, scanId: number): void {
  const row = db.prepare('SELECT status FROM scans WHERE id = ?').get(scanId) as
    { status: string } | undefined;
  if (row?.status !== 'succeeded') throw new UnknownScanError(scanId);
}

/**
 * Calls `each(path, text)` for every stored snapshot file of a successful scan, one file at a
 * time (scans stored with the first schema keep all files in one gzipped JSON map).
 */
export function forEachScanFile(
  db: Store,
  scanId: number,
  each: (path: string, text: string) => void,
): void {
  const row = db
    .prepare('SELECT encoding, files FROM scan_snapshots WHERE scan_id = ?')
    .get(scanId) as { encoding: string; files: Buffer } | undefined;
  if (row === undefined) throw new UnknownScanError(scanId);
  if (row.encoding === 'gzip-json') {
    const files = JSON.parse(gunzipSync(row.files).toString('utf8')) as Record<string, string>;
    for (const [path, text] of Object.entries(files)) each(path, text);
    return;
  }
  const rows = db
    .prepare('SELECT path, data FROM scan_files WHERE scan_id = ? ORDER BY path')
    .iterate(scanId) as IterableIterator<{ path: string; data: Buffer }>;
  for (const r of rows) each(r.path, gunzipSync(r.data).toString('utf8'));
}

/** The snapshot directory's files of a successful scan, in memory (small snapshots, tests). */
export function readScanFiles(db: Store, scanId: number): Record<string, string> {
  const out = dataRecord<string>();
  forEachScanFile(db, scanId, (path, text) => {
    setDataKey(out, path, text);
  });
  return out;
}

/** The edge list of a successful scan. */
export function readScanEdges(db: Store, scanId: number): DiffEdge[] {
  const row = db.prepare('SELECT edges FROM scan_snapshots WHERE scan_id = ?').get(scanId) as
    { edges: Buffer } | undefined;
  if (row === undefined) throw new UnknownScanError(scanId);
  const out = JSON.parse(gunzipSync(row.edges).toString('utf8')) as DiffEdge[];
  const chunks = db
    .prepare('SELECT data FROM scan_edge_chunks WHERE scan_id = ? ORDER BY chunk')
    .iterate(scanId) as IterableIterator<{ data: Buffer }>;
  for (const c of chunks)
    for (const e of JSON.parse(gunzipSync(c.data).toString('utf8')) as DiffEdge[]) out.push(e);
  return out;
}

/**
 * The schema of the trustmap store and its migrations, shared by SQLite and PostgreSQL: written
 * in SQLite's dialect, with PostgreSQL's column types substituted (sql-dialect.ts). The store
 * records the last migration applied (SQLite: `PRAGMA user_version`; PostgreSQL: the
 * `trustmap_schema` table); each migration runs once, in order, in a transaction.
 */
import type { Store } from './open-store.js';
import { migrationToPostgres } from './sql-dialect.js';

/** Each entry moves the schema from version `index` to `index + 1`. Never edit a shipped entry. */
export const MIGRATIONS: readonly string[] = [
  `
  CREATE TABLE scans (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    started_at TEXT NOT NULL,
    finished_at TEXT,
    source TEXT NOT NULL,
    source_detail TEXT,
    status TEXT NOT NULL CHECK (status IN ('running', 'succeeded', 'failed')),
    coverage_json TEXT NOT NULL DEFAULT '[]',
    counts_json TEXT,
    issues_json TEXT NOT NULL DEFAULT '[]',
    diff_json TEXT,
    error TEXT
  );
  CREATE INDEX scans_status ON scans (status, id);

  -- The snapshot directory's files as gzipped JSON ({ "relative/path": "file text" }) and the
  -- scan's edge list (gzipped JSON of DiffEdge[]), used for diffs between any two scans.
  CREATE TABLE scan_snapshots (
    scan_id INTEGER PRIMARY KEY REFERENCES scans (id) ON DELETE CASCADE,
    encoding TEXT NOT NULL,
    files BLOB NOT NULL,
    edges BLOB NOT NULL
  );

  -- A finding's identity and history across scans (id = the stable fingerprint).
  CREATE TABLE findings (
    id TEXT PRIMARY KEY,
    rule TEXT NOT NULL,
    severity TEXT NOT NULL,
    subject TEXT NOT NULL,
    account_id TEXT,
    title TEXT NOT NULL,
    first_seen_scan INTEGER NOT NULL,
    first_seen_at TEXT NOT NULL,
    last_seen_scan INTEGER NOT NULL,
    last_seen_at TEXT NOT NULL,
    resolved_scan INTEGER,
    resolved_at TEXT
  );

  -- What each scan saw: every present finding (new or open) and the findings it resolved.
  CREATE TABLE scan_findings (
    scan_id INTEGER NOT NULL REFERENCES scans (id) ON DELETE CASCADE,
    finding_id TEXT NOT NULL REFERENCES findings (id),
    status TEXT NOT NULL CHECK (status IN ('new', 'open', 'resolved')),
    severity TEXT NOT NULL,
    title TEXT NOT NULL,
    evidence_json TEXT NOT NULL,
    suppressed_json TEXT,
    PRIMARY KEY (scan_id, finding_id)
  );
  CREATE INDEX scan_findings_status ON scan_findings (scan_id, status, severity);
  `,
  `
  -- One row per snapshot file (gzip of the file's bytes), so that a large organization's
  -- snapshot is never held as one string. scan_snapshots.files then holds gzip('{}').
  CREATE TABLE scan_files (
    scan_id INTEGER NOT NULL REFERENCES scans (id) ON DELETE CASCADE,
    path TEXT NOT NULL,
    data BLOB NOT NULL,
    PRIMARY KEY (scan_id, path)
  );
  `,
  `
  -- The scan's edge list in chunks (gzip of a JSON array of at most EDGE_CHUNK edges), so a
  -- large graph's edge list is never one string. scan_snapshots.edges then holds gzip('[]').
  CREATE TABLE scan_edge_chunks (
    scan_id INTEGER NOT NULL REFERENCES scans (id) ON DELETE CASCADE,
    chunk INTEGER NOT NULL,
    data BLOB NOT NULL,
    PRIMARY KEY (scan_id, chunk)
  );
  `,
  `
  -- (version 4, read-findings.ts DETAILS_SCHEMA_VERSION) What a scan saw of a finding beyond severity and title: its risk (decision, condition keys,
  -- path length, scope), the reasons merged into it and the scope; JSON, NULL for older scans.
  ALTER TABLE scan_findings ADD COLUMN details_json TEXT;
  `,
];

/**
 * Applies the migrations not yet applied. Refuses a store written by a newer trustmap.
 * `sqlite: false` runs them with PostgreSQL's types.
 */
export function migrate(db: Store, options: { sqlite: boolean }): number {
  const current = db.schemaVersion();
  if (current > MIGRATIONS.length)
    throw new Error(
      `the store has schema version ${String(current)}, newer than this trustmap (${String(MIGRATIONS.length)}); upgrade trustmap`,
    );
  for (let v = current; v < MIGRATIONS.length; v++) {
    const sql = MIGRATIONS[v] ?? '';
    db.transaction(() => {
      db.exec(options.sqlite ? sql : migrationToPostgres(sql));
      db.setSchemaVersion(v + 1);
    })();
  }
  return MIGRATIONS.length;
}

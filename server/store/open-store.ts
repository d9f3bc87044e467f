/**
 * Opens (and creates, and migrates) the store: one interface, two implementations.
 *
 * - SQLite (the embedded default, a file path): WAL mode so readers keep working while a scan
 *   writes, foreign keys on, a busy timeout so a second process waits instead of failing.
 * - PostgreSQL (`postgres://user@host:port/db`, docs/serve.md "PostgreSQL"): several `serve`
 *   processes share one database; a scan's writer takes an advisory lock so that one scan writes
 *   at a time; a killed scan's transaction is rolled back and the previous scan stays intact.
 *
 * Both run the same migrations (server/store/migrations.ts) and the same SQL, written once in the
 * subset the two share (server/store/sql-dialect.ts). The interface is synchronous, as
 * better-sqlite3 is; PostgreSQL's answers come through postgres-sync-client.ts.
 */
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import { migrate } from './migrations.js';
import { PostgresClientError, PostgresSyncClient } from './postgres-sync-client.js';
import { bindParams, toPostgres } from './sql-dialect.js';
import {
  describeStoreLocation,
  parseStoreLocation,
  UnsupportedStoreUrlError,
} from './store-location.js';

/** One prepared statement: `?` or `@name` parameters (an object for named ones). */
export interface StoreStatement {
  run(...params: unknown[]): { changes: number };
  get(...params: unknown[]): unknown;
  all(...params: unknown[]): unknown[];
  iterate(...params: unknown[]): IterableIterator<unknown>;
}

export interface Store {
  readonly dialect: 'sqlite' | 'postgres';
  /** Where the store is, for messages: a path, or a URL with its password masked. */
  readonly location: string;
  prepare(sql: string): StoreStatement;
  /** `fn` in one transaction (nested calls become savepoints); returns what `fn` returns. */
  transaction<T>(fn: () => T): () => T;
  exec(sql: string): void;
  /**
   * Inside a transaction: waits until no other scan is being written, and holds that until the
   * transaction ends (PostgreSQL: a transaction-level advisory lock; SQLite: its write lock).
   */
  lockScanWriter(): void;
  /** The schema version the store records (the number of migrations applied). */
  schemaVersion(): number;
  setSchemaVersion(version: number): void;
  /**
   * `fn` in one transaction that takes the scan writer's lock before `fn` runs (SQLite: BEGIN
   * IMMEDIATE, which fails with SQLITE_BUSY after the busy timeout while another process
   * writes; PostgreSQL: the advisory lock of `lockScanWriter`).
   */
  writeTransaction<T>(fn: () => T): () => T;
  /** SQLite's PRAGMA (diagnostics and tests); PostgreSQL has none and throws. */
  pragma(source: string, options?: { simple?: boolean }): unknown;
  close(): void;
}

/**
 * Why the store failed, and the documented exit code of each (docs/security.md "Exit codes"):
 * `unusable` (cannot be opened, not a trustmap store: the `--db` is wrong) 2; `locked` (another
 * process kept writing past the wait) 5; `read-only`, `full`, `damaged`, `io` 6.
 */
export type StoreFailure = 'unusable' | 'locked' | 'read-only' | 'full' | 'damaged' | 'io';

export const STORE_EXIT_CODES: Readonly<Record<StoreFailure, number>> = {
  unusable: 2,
  locked: 5,
  'read-only': 6,
  full: 6,
  damaged: 6,
  io: 6,
};

/**
 * The store cannot be opened, is not a trustmap store, its URL is not supported, or it cannot
 * be read or written (`failure`).
 */
export class StoreError extends Error {
  override readonly name = 'StoreError';
  readonly exitCode: number;
  constructor(
    message: string,
    readonly failure: StoreFailure = 'unusable',
  ) {
    super(message);
    this.exitCode = STORE_EXIT_CODES[failure];
  }
}

/** What an SQLite error code means for the store; undefined for other errors. */
export function storeFailureOf(err: unknown): StoreFailure | undefined {
  const code =
    typeof err === 'object' && err !== null && 'code' in err && typeof err.code === 'string'
      ? err.code
      : '';
  if (!code.startsWith('SQLITE_')) return undefined;
  if (code.startsWith('SQLITE_BUSY') || code.startsWith('SQLITE_LOCKED')) return 'locked';
  if (code.startsWith('SQLITE_READONLY') || code === 'SQLITE_PERM') return 'read-only';
  if (code === 'SQLITE_FULL') return 'full';
  if (code.startsWith('SQLITE_CORRUPT') || code === 'SQLITE_NOTADB') return 'damaged';
  if (code.startsWith('SQLITE_IOERR') || code.startsWith('SQLITE_CANTOPEN')) return 'io';
  return undefined;
}

const FAILURE_TEXT: Readonly<Record<StoreFailure, string>> = {
  unusable: 'cannot be used',
  locked: 'is locked by another process that is writing to it; try again when it has finished',
  'read-only': 'is read-only (file or directory permissions, or a read-only file system)',
  full: 'cannot be written: the disk is full',
  damaged: 'is damaged (not a valid SQLite database); restore it from a backup or start a new one',
  io: 'cannot be read or written (input/output error)',
};

/** A storage error as a `StoreError` with its documented exit code; other errors unchanged. */
export function toStoreError(err: unknown, file?: string): unknown {
  if (err instanceof StoreError) return err;
  const failure = storeFailureOf(err);
  if (failure === undefined) return err;
  const detail = err instanceof Error ? err.message : String(err);
  return new StoreError(
    `store${file === undefined ? '' : ` ${file}`} ${FAILURE_TEXT[failure]} (${detail})`,
    failure,
  );
}

export interface OpenStoreOptions {
  readonly?: boolean;
  /** PostgreSQL: the longest a query may take before it fails (default 60 s). */
  timeoutMs?: number;
}

function message(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

class SqliteStore implements Store {
  readonly dialect = 'sqlite';
  constructor(
    private readonly db: Database.Database,
    readonly location: string,
  ) {}
  prepare(sql: string): StoreStatement {
    return this.db.prepare(sql);
  }
  transaction<T>(fn: () => T): () => T {
    return this.db.transaction(fn);
  }
  writeTransaction<T>(fn: () => T): () => T {
    const tx = this.db.transaction(fn);
    return () => tx.immediate();
  }
  exec(sql: string): void {
    this.db.exec(sql);
  }
  lockScanWriter(): void {
    // better-sqlite3 transactions take SQLite's one write lock at their first write.
  }
  schemaVersion(): number {
    return this.db.pragma('user_version', { simple: true }) as number;
  }
  setSchemaVersion(version: number): void {
    this.db.pragma(`user_version = ${String(Math.trunc(version))}`);
  }
  pragma(source: string, options?: { simple?: boolean }): unknown {
    return this.db.pragma(source, options);
  }
  close(): void {
    this.db.close();
  }
}

/** Advisory-lock key of the scan writer (any constant shared by every trustmap process). */
const SCAN_WRITER_LOCK = 7_341_001;

class PostgresStore implements Store {
  readonly dialect = 'postgres';
  private depth = 0;
  constructor(
    private readonly client: PostgresSyncClient,
    readonly location: string,
  ) {}

  private query(sql: string, args: readonly unknown[]): Record<string, unknown>[] {
    const statement = toPostgres(sql);
    return this.client.query(statement.text, bindParams(statement.params, args)).rows;
  }

  prepare(sql: string): StoreStatement {
    return {
      run: (...args) => {
        const statement = toPostgres(sql);
        const r = this.client.query(statement.text, bindParams(statement.params, args));
        return { changes: r.rowCount };
      },
      get: (...args) => this.query(sql, args)[0],
      all: (...args) => this.query(sql, args),
      iterate: (...args) => this.query(sql, args)[Symbol.iterator](),
    };
  }

  transaction<T>(fn: () => T): () => T {
    return () => {
      const savepoint = this.depth > 0 ? `trustmap_sp_${String(this.depth)}` : undefined;
      this.client.query(savepoint ? `SAVEPOINT ${savepoint}` : 'BEGIN', []);
      this.depth += 1;
      try {
        const out = fn();
        this.depth -= 1;
        this.client.query(savepoint ? `RELEASE SAVEPOINT ${savepoint}` : 'COMMIT', []);
        return out;
      } catch (err: unknown) {
        this.depth -= 1;
        try {
          this.client.query(savepoint ? `ROLLBACK TO SAVEPOINT ${savepoint}` : 'ROLLBACK', []);
        } catch {
          // The connection may be gone; PostgreSQL rolls back a transaction it cannot finish.
        }
        throw err;
      }
    };
  }

  writeTransaction<T>(fn: () => T): () => T {
    return this.transaction(() => {
      this.lockScanWriter();
      return fn();
    });
  }

  exec(sql: string): void {
    this.client.query(sql, []);
  }

  lockScanWriter(): void {
    if (this.depth === 0) throw new StoreError('lockScanWriter() outside a transaction');
    this.client.query('SELECT pg_advisory_xact_lock($1)', [SCAN_WRITER_LOCK]);
  }

  schemaVersion(): number {
    this.client.query('CREATE TABLE IF NOT EXISTS trustmap_schema (version INTEGER NOT NULL)', []);
    const row = this.client.query('SELECT max(version) AS v FROM trustmap_schema', []).rows[0];
    return typeof row?.v === 'number' ? row.v : 0;
  }

  setSchemaVersion(version: number): void {
    this.client.query('DELETE FROM trustmap_schema', []);
    this.client.query('INSERT INTO trustmap_schema (version) VALUES ($1)', [version]);
  }

  pragma(source: string): unknown {
    throw new StoreError(`PRAGMA ${source}: a PostgreSQL store has no PRAGMA`);
  }

  close(): void {
    this.client.close();
  }
}

function openSqlite(file: string, options: OpenStoreOptions): Store {
  let db: Database.Database;
  try {
    if (file !== ':memory:' && options.readonly !== true)
      mkdirSync(dirname(file), { recursive: true });
    db = new Database(file, {
      readonly: options.readonly === true,
      fileMustExist: options.readonly === true,
    });
  } catch (err: unknown) {
    throw new StoreError(`store ${file}: cannot be opened (${message(err)})`);
  }
  const store = new SqliteStore(db, file);
  try {
    db.pragma('busy_timeout = 5000');
    if (options.readonly !== true) {
      db.pragma('journal_mode = WAL');
      db.pragma('synchronous = NORMAL');
      db.pragma('foreign_keys = ON');
      migrate(store, { sqlite: true });
    }
    const tables = db
      .prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name = 'scans'")
      .all();
    if (tables.length === 0) throw new Error('no scans table');
  } catch (err: unknown) {
    db.close();
    const failure = storeFailureOf(err);
    if (failure !== undefined && failure !== 'unusable') throw toStoreError(err, file);
    throw new StoreError(`store ${file}: not a trustmap store (${message(err)})`);
  }
  return store;
}

function openPostgres(url: string, options: OpenStoreOptions): Store {
  const shown = describeStoreLocation(url);
  let client: PostgresSyncClient;
  try {
    client = new PostgresSyncClient(url, options.timeoutMs);
  } catch (err: unknown) {
    throw new StoreError(`store ${shown}: cannot be opened (${message(err)})`);
  }
  const store = new PostgresStore(client, shown);
  try {
    if (options.readonly === true) {
      client.query('SET default_transaction_read_only = on', []);
      const found = client.query("SELECT to_regclass('scans') AS t", []).rows[0];
      if (found?.t === null || found?.t === undefined) throw new Error('no scans table');
    } else {
      // One migrator at a time when several processes start together.
      store.transaction(() => {
        client.query('SELECT pg_advisory_xact_lock($1)', [SCAN_WRITER_LOCK + 1]);
        migrate(store, { sqlite: false });
      })();
    }
  } catch (err: unknown) {
    store.close();
    const reason =
      err instanceof PostgresClientError || err instanceof Error ? err.message : String(err);
    throw new StoreError(`store ${shown}: not a trustmap store (${reason})`);
  }
  return store;
}

/**
 * Opens the store at `location`: a SQLite file (`:memory:` for tests; its directory is created)
 * or a `postgres://` URL. Throws `StoreError` when it cannot be opened, is not a trustmap store,
 * or names an unsupported URL scheme.
 */
export function openStore(location: string, options: OpenStoreOptions = {}): Store {
  let parsed;
  try {
    parsed = parseStoreLocation(location);
  } catch (err: unknown) {
    if (err instanceof UnsupportedStoreUrlError) throw new StoreError(err.message);
    throw err;
  }
  return parsed.kind === 'postgres'
    ? openPostgres(parsed.url, options)
    : openSqlite(parsed.path, options);
}

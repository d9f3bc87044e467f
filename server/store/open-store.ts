/**
 * Opens (and creates, and migrates) the SQLite store: WAL mode so readers keep working while a
 * scan writes, foreign keys on, a busy timeout so a second process waits instead of failing.
 */
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import { migrate } from './migrations.js';

export type Store = Database.Database;

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

/** The store file cannot be opened, read or written. */
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
}

/** Opens the store at `file` (`:memory:` for tests), creating its directory and schema. */
export function openStore(file: string, options: OpenStoreOptions = {}): Store {
  let db: Store;
  try {
    if (file !== ':memory:' && options.readonly !== true)
      mkdirSync(dirname(file), { recursive: true });
    db = new Database(file, {
      readonly: options.readonly === true,
      fileMustExist: options.readonly === true,
    });
  } catch (err: unknown) {
    throw new StoreError(
      `store ${file}: cannot be opened (${err instanceof Error ? err.message : String(err)})`,
    );
  }
  try {
    db.pragma('busy_timeout = 5000');
    if (options.readonly !== true) {
      db.pragma('journal_mode = WAL');
      db.pragma('synchronous = NORMAL');
      db.pragma('foreign_keys = ON');
      migrate(db);
    }
    const tables = db
      .prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name = 'scans'")
      .all();
    if (tables.length === 0) throw new Error('no scans table');
  } catch (err: unknown) {
    db.close();
    const failure = storeFailureOf(err);
    if (failure !== undefined && failure !== 'unusable') throw toStoreError(err, file);
    throw new StoreError(
      `store ${file}: not a trustmap store (${err instanceof Error ? err.message : String(err)})`,
    );
  }
  return db;
}

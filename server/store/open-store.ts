/**
 * Opens (and creates, and migrates) the SQLite store: WAL mode so readers keep working while a
 * scan writes, foreign keys on, a busy timeout so a second process waits instead of failing.
 */
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import { migrate } from './migrations.js';

export type Store = Database.Database;

/** The store file cannot be opened or is not a trustmap store. */
export class StoreError extends Error {
  override readonly name = 'StoreError';
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
    throw new StoreError(
      `store ${file}: not a trustmap store (${err instanceof Error ? err.message : String(err)})`,
    );
  }
  return db;
}

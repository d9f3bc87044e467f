/**
 * Waiting for the store's one writer. SQLite lets one process write at a time; a second `scan`
 * on the same store used to fail with "database is locked" after 5 s (issue 13). A write now
 * takes the lock up front (`BEGIN IMMEDIATE`), and while another process holds it, waits in
 * short steps (the event loop, and so SIGINT/SIGTERM, keep running), says once that it is
 * waiting, and gives up after `timeoutMs` with a `StoreError` of kind `locked` (exit 5).
 */
import type { Store } from './open-store.js';
import { StoreError, storeFailureOf, toStoreError } from './open-store.js';

/** Default bound of the wait for another writer: a large organization's scan writes for minutes. */
export const DEFAULT_LOCK_WAIT_MS = 10 * 60 * 1000;
/** One attempt's busy wait inside SQLite. */
const STEP_MS = 250;

export interface WriteLockOptions {
  /** How long to wait for another writer (default `DEFAULT_LOCK_WAIT_MS`). */
  timeoutMs?: number;
  /** Called once, when the store is found locked by another writer. */
  onWait?: (message: string) => void;
  /** Ends the wait early (the process is shutting down). */
  signal?: AbortSignal;
  /** For messages. */
  file?: string;
}

/**
 * Runs `write(begin)` where `begin(fn)` runs `fn` in an immediate transaction; retries while the
 * store is locked by another process, up to the bound. `write` must do all its writing inside
 * one `begin` call so that a retry repeats nothing that was committed.
 */
export async function withWriteLock<T>(
  db: Store,
  write: () => T,
  options: WriteLockOptions = {},
): Promise<T> {
  // PostgreSQL: the advisory lock waits in the server, bounded by the store's query timeout.
  if (db.dialect !== 'sqlite') return db.writeTransaction(write)();
  const timeoutMs = options.timeoutMs ?? DEFAULT_LOCK_WAIT_MS;
  const deadline = Date.now() + timeoutMs;
  const previous = db.pragma('busy_timeout', { simple: true }) as number;
  let warned = false;
  try {
    db.pragma(`busy_timeout = ${String(STEP_MS)}`);
    for (;;) {
      const attempt = { started: false };
      try {
        return db.writeTransaction(() => {
          attempt.started = true;
          return write();
        })();
      } catch (err: unknown) {
        // Only the lock at BEGIN is waited for: an error inside the transaction is the caller's.
        if (attempt.started || storeFailureOf(err) !== 'locked')
          throw toStoreError(err, options.file);
        if (options.signal?.aborted === true || Date.now() >= deadline) {
          throw new StoreError(
            `store${options.file === undefined ? '' : ` ${options.file}`} is locked by another process that is writing to it (waited ${String(Math.round(timeoutMs / 1000))} s); try again when it has finished`,
            'locked',
          );
        }
        if (!warned) {
          warned = true;
          options.onWait?.(
            `another process is writing to the store${options.file === undefined ? '' : ` ${options.file}`}; waiting up to ${String(Math.round(timeoutMs / 1000))} s for it to finish`,
          );
        }
        await new Promise((resolve) => setTimeout(resolve, STEP_MS));
      }
    }
  } finally {
    db.pragma(`busy_timeout = ${String(previous)}`);
  }
}

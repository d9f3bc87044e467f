/**
 * A synchronous PostgreSQL client: the `pg` driver runs in a worker thread and the calling thread
 * waits for each answer with `Atomics.wait`, so that the store keeps one synchronous interface
 * for SQLite (better-sqlite3) and PostgreSQL. A query blocks the calling thread as a SQLite
 * query does; the store's queries are short (one scan is written in one transaction).
 *
 * Contract: one connection per client, queries answered in order; a query that takes longer than
 * `timeoutMs` throws `PostgresClientError` with code `TIMEOUT` (the server-side
 * `statement_timeout` is set to the same bound so the query does not run on); the worker is
 * `unref`ed, so an open client never keeps the process alive. Connection strings are never
 * logged or put in an error message.
 */
import { createRequire } from 'node:module';
import {
  MessageChannel,
  receiveMessageOnPort,
  Worker,
  type MessagePort,
} from 'node:worker_threads';

/** An error from PostgreSQL (`code` = SQLSTATE, e.g. `23505`) or from the client (`TIMEOUT`, `CONNECT`). */
export class PostgresClientError extends Error {
  override readonly name = 'PostgresClientError';
  constructor(
    message: string,
    readonly code: string | undefined,
  ) {
    super(message);
  }
}

export interface QueryResult {
  rows: Record<string, unknown>[];
  rowCount: number;
}

type Reply =
  | { ok: true; rows: Record<string, unknown>[]; rowCount: number }
  | { ok: false; message: string; code?: string };

/**
 * The worker: plain JavaScript (it runs from this string under tsx, vitest and the compiled
 * dist/ alike). It loads `pg` from the path the main thread resolved.
 */
const WORKER_SOURCE = `
const { workerData } = require('node:worker_threads');
const pg = require(workerData.pgPath);
const flag = new Int32Array(workerData.flag);
const port = workerData.port;
pg.types.setTypeParser(20, (v) => Number.parseInt(v, 10));
const client = new pg.Client({
  connectionString: workerData.url,
  statement_timeout: workerData.timeoutMs,
  connectionTimeoutMillis: workerData.timeoutMs,
  application_name: 'trustmap',
});
let ready = client.connect().then(
  () => undefined,
  (err) => { throw err; },
);
ready.catch(() => undefined);
client.on('error', () => undefined);
function reply(message) {
  port.postMessage(message);
  Atomics.store(flag, 0, 1);
  Atomics.notify(flag, 0);
}
function toBuffer(v) {
  return v instanceof Uint8Array && !Buffer.isBuffer(v) ? Buffer.from(v.buffer, v.byteOffset, v.byteLength) : v;
}
let queue = Promise.resolve();
port.on('message', (msg) => {
  queue = queue.then(async () => {
    try {
      await ready;
      if (msg.op === 'end') {
        await client.end();
        reply({ ok: true, rows: [], rowCount: 0 });
        return;
      }
      const result = await client.query({ text: msg.text, values: msg.values.map(toBuffer) });
      reply({ ok: true, rows: result.rows ?? [], rowCount: result.rowCount ?? 0 });
    } catch (err) {
      reply({ ok: false, message: String(err && err.message ? err.message : err), code: err && err.code ? String(err.code) : undefined });
    }
  });
});
`;

/** Converts the `Uint8Array`s a message brings back into `Buffer`s, as better-sqlite3 returns BLOBs. */
function withBuffers(rows: Record<string, unknown>[]): Record<string, unknown>[] {
  for (const row of rows)
    for (const [k, v] of Object.entries(row))
      if (v instanceof Uint8Array && !Buffer.isBuffer(v))
        row[k] = Buffer.from(v.buffer, v.byteOffset, v.byteLength);
  return rows;
}

export class PostgresSyncClient {
  private readonly worker: Worker;
  private readonly port: MessagePort;
  private readonly flag: Int32Array;
  private closed = false;

  /** Starts the worker and connects; throws `PostgresClientError` (code `CONNECT`) on failure. */
  constructor(
    url: string,
    private readonly timeoutMs = 60_000,
  ) {
    const shared = new SharedArrayBuffer(4);
    this.flag = new Int32Array(shared);
    const { port1, port2 } = new MessageChannel();
    this.port = port1;
    const pgPath = createRequire(import.meta.url).resolve('pg');
    this.worker = new Worker(WORKER_SOURCE, {
      eval: true,
      workerData: { pgPath, url, flag: shared, port: port2, timeoutMs },
      transferList: [port2],
    });
    this.worker.unref();
    try {
      this.query('SELECT 1', []);
    } catch (err: unknown) {
      this.terminate();
      const message = err instanceof Error ? err.message : String(err);
      throw new PostgresClientError(`cannot connect (${message})`, 'CONNECT');
    }
  }

  /** Runs one statement (`$1` parameters) and waits for its answer. */
  query(text: string, values: readonly unknown[]): QueryResult {
    if (this.closed) throw new PostgresClientError('the store is closed', 'CLOSED');
    const reply = this.call({ op: 'query', text, values });
    if (!reply.ok) throw new PostgresClientError(reply.message, reply.code);
    return { rows: withBuffers(reply.rows), rowCount: reply.rowCount };
  }

  /** Ends the connection and the worker. */
  close(): void {
    if (this.closed) return;
    try {
      this.call({ op: 'end' }, 5_000);
    } catch {
      // The worker is ended below whatever the server said.
    }
    this.terminate();
  }

  private terminate(): void {
    this.closed = true;
    this.port.close();
    void this.worker.terminate();
  }

  private call(message: unknown, timeoutMs = this.timeoutMs + 5_000): Reply {
    Atomics.store(this.flag, 0, 0);
    this.port.postMessage(message);
    const waited = Atomics.wait(this.flag, 0, 0, timeoutMs);
    const got = receiveMessageOnPort(this.port);
    if (got === undefined) {
      if (waited === 'timed-out') {
        this.terminate();
        throw new PostgresClientError(
          `no answer from PostgreSQL within ${String(Math.round(timeoutMs / 1000))} s`,
          'TIMEOUT',
        );
      }
      throw new PostgresClientError('the PostgreSQL worker stopped', 'WORKER');
    }
    return got.message as Reply;
  }
}

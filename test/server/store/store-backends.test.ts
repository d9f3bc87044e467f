/**
 * The store's contract, run against both implementations: SQLite (a temporary file) and
 * PostgreSQL (a real server started for this file, test/helpers/postgres-server.ts). The same
 * migrations, scans with findings history, edge chunks, snapshot files, filtered and paged
 * findings, failed scans, and a transaction that fails before its commit leaving the previous
 * scan intact. Then what only several processes show: on PostgreSQL, a second writer waits for
 * the first (advisory lock) and a writer killed inside its transaction leaves nothing behind.
 * And the store location: a URL is never taken for a path.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MIGRATIONS } from '../../../server/store/migrations.js';
import { openStore, StoreError, type Store } from '../../../server/store/open-store.js';
import { readFindings } from '../../../server/store/read-findings.js';
import {
  EDGE_CHUNK,
  getScan,
  latestScanId,
  listScans,
  readScanEdges,
  readScanFiles,
  recordFailedScan,
  saveScan,
  snapshotFilesOf,
  type NewScan,
} from '../../../server/store/scans.js';
import type { FindingInput } from '../../../server/store/findings-history.js';
import { resolveDbPath } from '../../../server/serve/data-dir.js';
import { describeStoreLocation } from '../../../server/store/store-location.js';
import { startPostgres, type PostgresServer } from '../../helpers/postgres-server.js';
import { runCli } from '../../helpers/run-cli.js';

let pg: PostgresServer;
let work: string;
let databases = 0;
beforeAll(async () => {
  work = mkdtempSync(join(tmpdir(), 'trustmap-backends-'));
  pg = await startPostgres();
}, 120_000);
afterAll(() => {
  pg.stop();
  rmSync(work, { recursive: true, force: true });
});

/** A new, empty store location of each kind. */
const BACKENDS: Record<string, () => string> = {
  sqlite: () => join(work, `s${String(++databases)}`, 'trustmap.db'),
  postgres: () => pg.createDatabase(`t${String(++databases)}`),
};

const f = (id: string, severity: FindingInput['severity'] = 'high'): FindingInput => ({
  id,
  rule: `rule-${id}`,
  severity,
  subject: `arn:aws:iam::111111111111:role/Role-${id}`,
  accountId: '111111111111',
  title: `title ${id}`,
  evidence: [{ reason: id }],
});

function scan(findings: FindingInput[], edges = 1, extra: Partial<NewScan> = {}): NewScan {
  return {
    startedAt: '2026-01-01T00:00:00.000Z',
    finishedAt: '2026-01-01T00:01:00.000Z',
    source: 'from-dir',
    coverage: [{ accountId: '111111111111', status: 'ok' }],
    issues: [],
    files: snapshotFilesOf({ 'organization.json': '{}', '111111111111/iam.json': '{"a":"é"}' }),
    edges: Array.from({ length: edges }, (_, i) => ({
      source: `s${String(i)}`,
      target: 't',
      kind: 'can-assume' as const,
      decision: 'allow' as const,
      conditionKeys: [],
    })),
    findings,
    counts: {
      accounts: 1,
      nodes: 2,
      edges,
      findings: findings.length,
      bySeverity: { critical: 0, high: 0, medium: 0, low: 0, info: 0 },
    },
    ...extra,
  };
}

describe.each(Object.keys(BACKENDS))('the store on %s', (backend) => {
  const open = (): { location: string; db: Store } => {
    const location = BACKENDS[backend]!();
    return { location, db: openStore(location) };
  };

  it('applies every migration once and reopens without migrating again', () => {
    const { location, db } = open();
    expect(db.dialect).toBe(backend);
    expect(db.schemaVersion()).toBe(MIGRATIONS.length);
    saveScan(db, scan([f('a')]));
    db.close();
    const again = openStore(location);
    expect(again.schemaVersion()).toBe(MIGRATIONS.length);
    expect(latestScanId(again)).toBe(1);
    again.close();
  });

  it('refuses a store written by a newer trustmap', () => {
    const { location, db } = open();
    db.transaction(() => {
      db.setSchemaVersion(MIGRATIONS.length + 1);
    })();
    db.close();
    expect(() => openStore(location)).toThrow(StoreError);
  });

  it('keeps findings history, edges in chunks and snapshot files across scans', () => {
    const { db } = open();
    const s1 = saveScan(db, scan([f('a'), f('b', 'low')], EDGE_CHUNK + 3));
    expect(s1).toMatchObject({ scanId: 1, previousScanId: undefined });
    expect(s1.delta.newIds.sort()).toEqual(['a', 'b']);
    const s2 = saveScan(db, scan([f('a'), f('c', 'critical')]));
    expect(s2.previousScanId).toBe(1);
    expect(s2.delta).toEqual({ newIds: ['c'], openIds: ['a'], resolvedIds: ['b'] });
    expect(s2.counts).toMatchObject({ newFindings: 1, resolvedFindings: 1 });

    expect(readScanEdges(db, 1)).toHaveLength(EDGE_CHUNK + 3);
    expect(readScanFiles(db, 2)).toEqual({
      'organization.json': '{}',
      '111111111111/iam.json': '{"a":"é"}',
    });
    expect(listScans(db)).toMatchObject({ total: 2, items: [{ id: 2 }, { id: 1 }] });
    expect(getScan(db, 2)).toMatchObject({
      id: 2,
      status: 'succeeded',
      coverage: [{ accountId: '111111111111' }],
    });

    const all = readFindings(db, 2, { status: ['new', 'open', 'resolved'] });
    expect(all.total).toBe(3);
    expect(all.findings.map((x) => [x.id, x.status])).toEqual([
      ['c', 'new'],
      ['a', 'open'],
      ['b', 'resolved'],
    ]);
    expect(readFindings(db, 2, { severity: 'critical' }).findings.map((x) => x.id)).toEqual(['c']);
    expect(readFindings(db, 2, { rule: 'rule-a' }).total).toBe(1);
    expect(readFindings(db, 2, { q: 'ROLE-C' }).findings.map((x) => x.id)).toEqual(['c']);
    expect(readFindings(db, 2, { limit: 1, offset: 1 }).findings.map((x) => x.id)).toEqual(['a']);
    db.close();
  });

  it('records failed scans, and a scan that fails before its commit leaves the previous intact', () => {
    const { db } = open();
    saveScan(db, scan([f('a')]));
    const failed = recordFailedScan(db, {
      startedAt: 'x',
      finishedAt: 'y',
      source: 'live',
      error: 'AccessDenied',
    });
    expect(getScan(db, failed)).toMatchObject({ status: 'failed', error: 'AccessDenied' });
    expect(() =>
      saveScan(
        db,
        scan([f('z')], 1, {
          beforeCommit: () => {
            throw new Error('disk full');
          },
        }),
      ),
    ).toThrow('disk full');
    expect(latestScanId(db)).toBe(1);
    expect(listScans(db).total).toBe(2);
    expect(readFindings(db, 1).findings.map((x) => x.id)).toEqual(['a']);
    // The store works on after the rollback.
    expect(saveScan(db, scan([f('b')])).previousScanId).toBe(1);
    db.close();
  });

  it('opens read-only only an existing store', () => {
    const { location, db } = open();
    db.close();
    const reader = openStore(location, { readonly: true });
    expect(latestScanId(reader)).toBeUndefined();
    expect(() => {
      saveScan(reader, scan([f('a')]));
    }).toThrow();
    reader.close();
  });
});

/** Starts `store-writer.ts` in a child process; resolves once it is inside its transaction. */
function startWriter(
  location: string,
  holdMs: number,
): {
  inTransaction: Promise<void>;
  exited: Promise<number | null>;
  stdout: () => string;
  kill: () => void;
} {
  const script = fileURLToPath(new URL('./store-writer.ts', import.meta.url));
  const child = spawn(process.execPath, ['--import', 'tsx', script, location, String(holdMs)], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  child.stderr.on('data', (b: Buffer) => (err += b.toString()));
  const inTransaction = new Promise<void>((resolve, reject) => {
    child.stdout.on('data', (b: Buffer) => {
      out += b.toString();
      if (out.includes('IN-TRANSACTION')) resolve();
    });
    child.once('exit', (code) => {
      if (!out.includes('IN-TRANSACTION'))
        reject(new Error(`writer exited early (${String(code)}): ${err}`));
    });
  });
  const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
  return { inTransaction, exited, stdout: () => out, kill: () => child.kill('SIGKILL') };
}

describe('PostgreSQL shared by several processes', () => {
  it('a second writer waits for the first, and then follows its scan', async () => {
    const url = pg.createDatabase('writers');
    const setup = openStore(url);
    saveScan(setup, scan([f('a')]));
    setup.close();
    const first = startWriter(url, 1500);
    await first.inTransaction;
    const second = openStore(url);
    const started = performance.now();
    const saved = saveScan(second, scan([f('a'), f('b')]));
    const waited = performance.now() - started;
    expect(await first.exited).toBe(0);
    // The first writer's scan (2) committed before this one was numbered and diffed.
    expect(saved.scanId).toBe(3);
    expect(saved.previousScanId).toBe(2);
    expect(waited).toBeGreaterThan(500);
    second.close();
  }, 60_000);

  it('a writer killed inside its transaction leaves the previous scan intact', async () => {
    const url = pg.createDatabase('killed');
    const setup = openStore(url);
    saveScan(setup, scan([f('a')]));
    setup.close();
    const writer = startWriter(url, 60_000);
    await writer.inTransaction;
    const reader = openStore(url, { readonly: true });
    expect(latestScanId(reader)).toBe(1);
    reader.close();
    writer.kill();
    await writer.exited;
    const after = openStore(url);
    // The server rolls back the dead connection's transaction; the lock is free again.
    expect(listScans(after).items.map((s) => [s.id, s.status])).toEqual([[1, 'succeeded']]);
    expect(saveScan(after, scan([f('b')])).previousScanId).toBe(1);
    after.close();
  }, 60_000);
});

describe('the store location', () => {
  it('never takes a URL for a path, and masks its password', () => {
    expect(resolveDbPath('postgres://u:secret@h:5432/db', {}, '/work')).toBe(
      'postgres://u:secret@h:5432/db',
    );
    expect(resolveDbPath(undefined, { TRUSTMAP_DB: 'postgresql://h/db' }, '/work')).toBe(
      'postgresql://h/db',
    );
    expect(resolveDbPath('data/t.db', {}, '/work')).toBe('/work/data/t.db');
    expect(describeStoreLocation('postgres://u:secret@h:5432/db')).toBe(
      'postgres://u:****@h:5432/db',
    );
    expect(() => openStore('mysql://h/db')).toThrow(/unsupported store URL scheme "mysql:\/\/"/);
  });

  it('trustmap scan and findings work on a postgres:// store, and write no file', async () => {
    const url = pg.createDatabase('cli');
    const snapshot = join(import.meta.dirname, '..', '..', 'fixtures', 'simulate', 'workloads-org');
    const cwd = mkdtempSync(join(work, 'cwd-'));
    const first = await runCli(
      // The fixture lists an organization account without a folder: coverage is partial.
      ['scan', '--from-dir', snapshot, '--db', url, '--fail-on', 'none', '--allow-partial'],
      cwd,
    );
    expect(first.code, first.stderr).toBe(0);
    const again = await runCli(
      ['scan', '--from-dir', snapshot, '--fail-on', 'none', '--allow-partial'],
      cwd,
      {
        TRUSTMAP_DB: url,
      },
    );
    expect(again.code, again.stderr).toBe(0);
    const findings = await runCli(['findings', '--db', url, '--json'], cwd);
    expect(findings.code, findings.stderr).toBe(0);
    const diff = await runCli(['diff', '--db', url, '--json'], cwd);
    expect(diff.code, diff.stderr).toBe(0);
    const store = openStore(url, { readonly: true });
    expect(listScans(store).total).toBe(2);
    store.close();
    // Nothing was written under the working directory (no "postgres:" folder).
    expect(await import('node:fs').then((fs) => fs.readdirSync(cwd))).toEqual([]);
    const bad = await runCli(['scan', '--from-dir', snapshot, '--db', 'mysql://h/db'], cwd);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('unsupported store URL scheme');
    const wrongPassword = await runCli(
      [
        'findings',
        '--db',
        url.replace('trustmap@', 'trustmap:hunter2@').replace(/\/cli$/, '/missing'),
      ],
      cwd,
    );
    expect(wrongPassword.code).toBe(2);
    expect(wrongPassword.stderr).not.toContain('hunter2');
  }, 120_000);
});

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
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
  UnknownScanError,
  type NewScan,
} from '../../../server/store/scans.js';
import type { FindingInput } from '../../../server/store/findings-history.js';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

function tempDb(): { file: string; db: Store } {
  const dir = mkdtempSync(join(tmpdir(), 'trustmap-store-'));
  dirs.push(dir);
  const file = join(dir, 'nested', 'trustmap.db');
  return { file, db: openStore(file) };
}

const f = (
  id: string,
  severity: FindingInput['severity'] = 'high',
  extra: Partial<FindingInput> = {},
): FindingInput => ({
  id,
  rule: `rule-${id}`,
  severity,
  subject: `arn:aws:iam::111111111111:role/${id}`,
  accountId: '111111111111',
  title: `title ${id}`,
  evidence: [{ reason: id }],
  ...extra,
});

const FILES = { 'organization.json': '{}', '111111111111/iam.json': '{"RoleDetailList":[]}' };
let clock = 0;
function scan(findings: FindingInput[], extra: Partial<NewScan> = {}): NewScan {
  clock += 1;
  const at = `2026-01-0${String((clock % 9) + 1)}T00:00:00.000Z`;
  return {
    startedAt: at,
    finishedAt: at,
    source: 'from-dir',
    sourceDetail: '/snap',
    coverage: [{ accountId: '111111111111', status: 'ok' }],
    issues: [],
    files: snapshotFilesOf(FILES),
    edges: [{ source: 'a', target: 'b', kind: 'can-assume', decision: 'allow', conditionKeys: [] }],
    findings,
    counts: {
      accounts: 1,
      nodes: 2,
      edges: 1,
      findings: findings.length,
      bySeverity: { critical: 0, high: 0, medium: 0, low: 0, info: 0 },
    },
    ...extra,
  };
}

describe('openStore', () => {
  it('creates the directory, applies every migration and uses WAL', () => {
    const { db } = tempDb();
    expect(db.pragma('user_version', { simple: true })).toBe(MIGRATIONS.length);
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    db.close();
  });

  it('reopening an existing store keeps its data and does not migrate twice', () => {
    const { file, db } = tempDb();
    saveScan(db, scan([f('a')]));
    db.close();
    const again = openStore(file);
    expect(latestScanId(again)).toBe(1);
    again.close();
  });

  it('refuses a store with a newer schema and a file that is not a store', () => {
    const { file, db } = tempDb();
    db.pragma(`user_version = ${String(MIGRATIONS.length + 1)}`);
    db.close();
    expect(() => openStore(file)).toThrow(StoreError);
    const dir = mkdtempSync(join(tmpdir(), 'trustmap-store-'));
    dirs.push(dir);
    expect(() => openStore(join(dir, 'missing.db'), { readonly: true })).toThrow(StoreError);
  });
});

describe('saveScan and findings history', () => {
  it('marks findings new, open and resolved across scans, with first and last seen', () => {
    const { db } = tempDb();
    const s1 = saveScan(db, scan([f('a'), f('b', 'low')]));
    expect(s1).toMatchObject({
      scanId: 1,
      previousScanId: undefined,
      delta: { newIds: ['a', 'b'], openIds: [], resolvedIds: [] },
    });
    const s2 = saveScan(db, scan([f('b', 'low'), f('c', 'critical')]));
    expect(s2.delta).toEqual({ newIds: ['c'], openIds: ['b'], resolvedIds: ['a'] });
    expect(s2.counts.newFindings).toBe(1);
    expect(s2.counts.resolvedFindings).toBe(1);
    const all = readFindings(db, 2, { status: ['new', 'open', 'resolved'] }).findings;
    expect(all.map((x) => [x.id, x.status])).toEqual([
      ['c', 'new'],
      ['a', 'resolved'],
      ['b', 'open'],
    ]);
    const b = all.find((x) => x.id === 'b');
    expect(b?.firstSeen).not.toBe(b?.lastSeen);
    expect(all.find((x) => x.id === 'a')?.resolvedIn).toBe(2);
    // a finding that comes back after being resolved is new again
    const s3 = saveScan(db, scan([f('a'), f('b', 'low'), f('c', 'critical')]));
    expect(s3.delta.newIds).toEqual(['a']);
    db.close();
  });

  it('stores the snapshot files and edges compressed and reads them back', () => {
    const { db } = tempDb();
    const s = scan([]);
    saveScan(db, s);
    expect(readScanFiles(db, 1)).toEqual(FILES);
    expect(readScanEdges(db, 1)).toEqual(s.edges);
    expect(() => readScanFiles(db, 9)).toThrow(UnknownScanError);
    db.close();
  });

  it('stores a large edge list in chunks and reads it back in order', () => {
    const { db } = tempDb();
    const edges = Array.from({ length: 2 * EDGE_CHUNK + 5 }, (_, i) => ({
      source: `s${String(i)}`,
      target: 't',
      kind: 'can-assume' as const,
      decision: 'allow' as const,
      conditionKeys: [],
    }));
    saveScan(db, scan([], { edges }));
    expect(
      (
        db.prepare('SELECT count(*) AS n FROM scan_edge_chunks WHERE scan_id = 1').get() as {
          n: number;
        }
      ).n,
    ).toBe(3);
    expect(readScanEdges(db, 1)).toEqual(edges);
    db.close();
  });

  it('a scan that fails inside its transaction leaves nothing behind and the previous scan intact', () => {
    const { db } = tempDb();
    saveScan(db, scan([f('a')]));
    expect(() =>
      saveScan(
        db,
        scan([f('b')], {
          beforeCommit: () => {
            throw new Error('killed');
          },
        }),
      ),
    ).toThrow('killed');
    expect(latestScanId(db)).toBe(1);
    expect(listScans(db).total).toBe(1);
    expect(readFindings(db, 1).findings.map((x) => [x.id, x.status])).toEqual([['a', 'new']]);
    const next = saveScan(db, scan([f('a')]));
    expect(next.delta.openIds).toEqual(['a']);
    db.close();
  });

  it('records failed scans without making them the latest', () => {
    const { db } = tempDb();
    saveScan(db, scan([f('a')]));
    const id = recordFailedScan(db, {
      startedAt: 't0',
      finishedAt: 't1',
      source: 'live',
      error: 'AccessDenied',
    });
    expect(latestScanId(db)).toBe(1);
    expect(getScan(db, id)).toEqual({
      id,
      startedAt: 't0',
      finishedAt: 't1',
      source: 'live',
      status: 'failed',
      error: 'AccessDenied',
      coverage: [],
      issues: [],
    });
    expect(listScans(db).items.map((s) => s.status)).toEqual(['failed', 'succeeded']);
    expect(() => getScan(db, 99)).toThrow(UnknownScanError);
    db.close();
  });
});

describe('readFindings filters', () => {
  it('filters by status, minimum severity, rule, account, text and suppression, and pages', () => {
    const { db } = tempDb();
    saveScan(
      db,
      scan([
        f('a', 'critical'),
        f('b', 'medium', { accountId: '222222222222' }),
        f('c', 'low', { suppressed: { reason: 'accepted risk', expires: '2099-01-01' } }),
        f('d', 'info', { title: 'Something SPECIAL' }),
      ]),
    );
    expect(readFindings(db, 1, { severity: 'medium' }).findings.map((x) => x.id)).toEqual([
      'a',
      'b',
    ]);
    expect(readFindings(db, 1, { rule: 'rule-c' }).findings.map((x) => x.id)).toEqual(['c']);
    expect(readFindings(db, 1, { accountId: '222222222222' }).findings.map((x) => x.id)).toEqual([
      'b',
    ]);
    expect(readFindings(db, 1, { q: 'special' }).findings.map((x) => x.id)).toEqual(['d']);
    expect(
      readFindings(db, 1, { suppressed: true }).findings.map((x) => [x.id, x.suppressed]),
    ).toEqual([['c', { reason: 'accepted risk', expires: '2099-01-01' }]]);
    expect(readFindings(db, 1, { status: ['resolved'] }).total).toBe(0);
    const page = readFindings(db, 1, { offset: 1, limit: 2 });
    expect(page.total).toBe(4);
    expect(page.findings.map((x) => x.id)).toEqual(['b', 'c']);
    db.close();
  });
});

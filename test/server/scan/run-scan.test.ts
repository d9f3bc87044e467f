import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Ajv } from 'ajv';
import addFormats from 'ajv-formats';
import { afterEach, describe, expect, it } from 'vitest';
import { buildScanReport } from '../../../server/report/scan-report.js';
import { buildSarif } from '../../../server/report/sarif.js';
import { runScan } from '../../../server/scan/run-scan.js';
import { diffScans } from '../../../server/scan/scan-diff.js';
import { openStore, type Store } from '../../../server/store/open-store.js';
import { readFindings } from '../../../server/store/read-findings.js';
import { latestScanId, listScans, readScanFiles } from '../../../server/store/scans.js';
import { resolveAnalysisConfig } from '../../../shared/config/analysis-config.js';
import { TEST_PIPELINE, V1, V2 } from './test-pipeline.js';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});
function tempDbFile(): string {
  const dir = mkdtempSync(join(tmpdir(), 'trustmap-scan-'));
  dirs.push(dir);
  return join(dir, 'trustmap.db');
}

const config = resolveAnalysisConfig();
const fixed = (iso: string) => (): Date => new Date(iso);

async function twoScans(db: Store, cfg = config) {
  const first = await runScan(
    db,
    { dir: V1, source: 'from-dir', config: cfg, now: fixed('2026-11-01T03:00:00Z') },
    TEST_PIPELINE,
  );
  const second = await runScan(
    db,
    { dir: V2, source: 'from-dir', config: cfg, now: fixed('2026-11-02T03:00:00Z') },
    TEST_PIPELINE,
  );
  return { first, second };
}

describe('runScan: two scans with a changed fixture', () => {
  it('the first scan has everything new and no previous scan', async () => {
    const db = openStore(tempDbFile());
    const r = await runScan(
      db,
      { dir: V1, source: 'from-dir', config, now: fixed('2026-11-01T03:00:00Z') },
      TEST_PIPELINE,
    );
    expect(r.scanId).toBe(1);
    expect(r.previousScanId).toBeUndefined();
    expect(r.diff.from).toBeNull();
    expect(r.counts).toEqual({
      accounts: 2,
      nodes: r.analysis.graph.order,
      edges: r.analysis.graph.size,
      findings: 4,
      bySeverity: { critical: 0, high: 1, medium: 0, low: 0, info: 3 },
      newFindings: 4,
      resolvedFindings: 0,
    });
    expect(Object.keys(readScanFiles(db, 1)).sort()).toEqual([
      '111111111111/iam.json',
      '222222222222/iam.json',
      '222222222222/s3.json',
      'organization.json',
    ]);
    db.close();
  });

  it('lists the new and removed outside edges first and the new and resolved findings', async () => {
    const db = openStore(tempDbFile());
    const { second } = await twoScans(db);
    const d = second.diff;
    expect(d.from).toBe(1);
    expect(d.to).toBe(2);
    expect(d.summary).toEqual({
      newFindings: 2,
      worsenedFindings: 0,
      improvedFindings: 0,
      changedEdges: 0,
      resolvedFindings: 2,
      newEdges: 3,
      removedEdges: 1,
      newOutsideEdges: 1,
    });
    expect(d.newEdges).toEqual([
      {
        source: 'arn:aws:iam::999999999999:root',
        target: 'arn:aws:iam::222222222222:role/VendorAccess',
        kind: 'can-assume',
        decision: 'allow',
        sourceScope: 'external',
        conditionKeys: [],
      },
      {
        source: 'arn:aws:iam::222222222222:role/VendorAccess',
        target: 'arn:aws:s3:::acme-data',
        kind: 'can-access',
        decision: 'allow',
        actionGroup: 'list',
        sourceScope: 'org',
        conditionKeys: [],
      },
      {
        source: 'arn:aws:iam::222222222222:role/VendorAccess',
        target: 'arn:aws:s3:::acme-data',
        kind: 'can-access',
        decision: 'allow',
        actionGroup: 'read',
        sourceScope: 'org',
        conditionKeys: [],
      },
    ]);
    expect(d.removedEdges).toEqual([
      {
        source: 'arn:aws:iam::333333333333:root',
        target: 'arn:aws:iam::222222222222:role/LegacyPartner',
        kind: 'can-assume',
        decision: 'allow',
        sourceScope: 'external',
        conditionKeys: [],
      },
    ]);
    expect(d.changedEdges).toEqual([]);
    expect(d.newFindings.map((f) => [f.id, f.status, f.firstSeen])).toEqual([
      [
        'test-external-trust:arn:aws:iam::999999999999:root->arn:aws:iam::222222222222:role/VendorAccess',
        'new',
        '2026-11-02T03:00:00.000Z',
      ],
      ['test-role:arn:aws:iam::222222222222:role/VendorAccess', 'new', '2026-11-02T03:00:00.000Z'],
    ]);
    expect(d.resolvedFindings.map((f) => [f.id, f.status])).toEqual([
      [
        'test-external-trust:arn:aws:iam::333333333333:root->arn:aws:iam::222222222222:role/LegacyPartner',
        'resolved',
      ],
      ['test-role:arn:aws:iam::222222222222:role/LegacyPartner', 'resolved'],
    ]);
    // findings seen in both scans are open, first seen in scan 1
    const open = readFindings(db, 2, { status: ['open'] }).findings;
    expect(open.map((f) => [f.id, f.firstSeen, f.lastSeen])).toEqual([
      [
        'test-role:arn:aws:iam::111111111111:role/OrgAdmin',
        '2026-11-01T03:00:00.000Z',
        '2026-11-02T03:00:00.000Z',
      ],
      [
        'test-role:arn:aws:iam::222222222222:role/DataReader',
        '2026-11-01T03:00:00.000Z',
        '2026-11-02T03:00:00.000Z',
      ],
    ]);
    // the same diff read back later, and the reverse direction
    expect(diffScans(db)).toEqual(d);
    expect(diffScans(db, 2, 1).summary).toEqual({
      newFindings: 2,
      worsenedFindings: 0,
      improvedFindings: 0,
      changedEdges: 0,
      resolvedFindings: 2,
      newEdges: 1,
      removedEdges: 3,
      newOutsideEdges: 1,
    });
    db.close();
  });

  it('applies suppressions from the config; an expired suppression no longer applies', async () => {
    const db = openStore(tempDbFile());
    const cfg = resolveAnalysisConfig({
      suppressions: [
        {
          rule: 'test-external-trust',
          subject: 'arn:aws:iam::222222222222:role/VendorAccess',
          reason: 'vendor reviewed',
          expires: '2027-01-01',
        },
        {
          rule: 'test-role',
          accountId: '111111111111',
          reason: 'management roles',
          expires: '2026-10-01',
        },
      ],
    });
    const { second } = await twoScans(db, cfg);
    const ext = second.diff.newFindings.find((f) => f.rule === 'test-external-trust');
    expect(ext?.suppressed).toEqual({ reason: 'vendor reviewed', expires: '2027-01-01' });
    const mgmt = readFindings(db, 2, { accountId: '111111111111' }).findings;
    expect(mgmt.map((f) => f.suppressed)).toEqual([undefined]);
    expect(second.counts.bySeverity.high).toBe(0);
    db.close();
  });

  it('records a scan of a directory that is not a snapshot as failed, keeping the previous one', async () => {
    const db = openStore(tempDbFile());
    await runScan(db, { dir: V1, source: 'from-dir', config }, TEST_PIPELINE);
    const empty = mkdtempSync(join(tmpdir(), 'trustmap-empty-'));
    dirs.push(empty);
    await expect(
      runScan(db, { dir: join(empty, 'missing'), source: 'from-dir', config }, TEST_PIPELINE),
    ).rejects.toThrow();
    expect(latestScanId(db)).toBe(1);
    expect(listScans(db).items.map((s) => [s.id, s.status])).toEqual([
      [2, 'failed'],
      [1, 'succeeded'],
    ]);
    db.close();
  });
});

describe('SARIF report', () => {
  it('validates against the SARIF 2.1.0 schema, with rules, help, ARN locations and fingerprints', async () => {
    const db = openStore(tempDbFile());
    const { second } = await twoScans(db);
    const report = buildScanReport(db, second.scanId, second.diff, '0.1.0');
    const sarif = buildSarif({
      version: '0.1.0',
      scanId: second.scanId,
      findings: report.findings,
    });
    const schemaFile = fileURLToPath(
      new URL('../../fixtures/sarif/sarif-schema-2.1.0.json', import.meta.url),
    );
    const schema = JSON.parse(readFileSync(schemaFile, 'utf8')) as Record<string, unknown>;
    schema.$schema = 'http://json-schema.org/draft-07/schema#';
    schema.$id = schema.id;
    delete schema.id;
    const ajv = new Ajv({ strict: false, allErrors: true, unicodeRegExp: false });
    addFormats.default(ajv);
    const validate = ajv.compile(schema);
    expect(validate(sarif), JSON.stringify(validate.errors)).toBe(true);
    const run = (sarif.runs as Record<string, unknown>[])[0] as {
      tool: { driver: { rules: { id: string; help: { text: string } }[] } };
      results: Record<string, unknown>[];
    };
    expect(run.tool.driver.rules.map((r) => r.id)).toEqual(['test-external-trust', 'test-role']);
    expect(run.tool.driver.rules.every((r) => r.help.text.length > 0)).toBe(true);
    const ext = run.results.find((r) => r.ruleId === 'test-external-trust');
    expect(ext).toMatchObject({
      level: 'error',
      locations: [
        {
          physicalLocation: { artifactLocation: { uri: '222222222222/iam.json' } },
          logicalLocations: [
            { fullyQualifiedName: 'arn:aws:iam::222222222222:role/VendorAccess', kind: 'resource' },
          ],
        },
      ],
      partialFingerprints: {
        'trustmapFindingId/v1':
          'test-external-trust:arn:aws:iam::999999999999:root->arn:aws:iam::222222222222:role/VendorAccess',
      },
    });
    expect(run.results).toHaveLength(4);
    // the validator does reject what the schema forbids
    expect(validate({ ...sarif, runs: [{ ...run, results: [{ ...ext, level: 'fatal' }] }] })).toBe(
      false,
    );
    db.close();
  });
});

describe('a scan killed midway', () => {
  it('leaves the previous scan intact, and readers keep working while it writes', async () => {
    const file = tempDbFile();
    const db = openStore(file);
    await runScan(db, { dir: V1, source: 'from-dir', config }, TEST_PIPELINE);
    db.close();
    const script = fileURLToPath(new URL('./scan-and-hang.ts', import.meta.url));
    const child = spawn(process.execPath, ['--import', 'tsx', script, file, V2], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (b: Buffer) => (stderr += b.toString()));
    await new Promise<void>((resolve, reject) => {
      child.stdout.on('data', (b: Buffer) => {
        if (b.toString().includes('IN-TRANSACTION')) resolve();
      });
      child.on('exit', (code) => {
        reject(new Error(`child exited early (${String(code)}): ${stderr}`));
      });
    });
    // the writer holds its transaction open: a reader still sees scan 1
    const reader = openStore(file, { readonly: true });
    expect(latestScanId(reader)).toBe(1);
    reader.close();
    const exited = new Promise((r) => child.once('exit', r));
    child.kill('SIGKILL');
    await exited;
    const after = openStore(file);
    expect(after.pragma('integrity_check', { simple: true })).toBe('ok');
    expect(latestScanId(after)).toBe(1);
    expect(listScans(after).items.map((s) => [s.id, s.status])).toEqual([[1, 'succeeded']]);
    expect(readFindings(after, 1).total).toBe(4);
    const next = await runScan(after, { dir: V2, source: 'from-dir', config }, TEST_PIPELINE);
    expect(next.previousScanId).toBe(1);
    after.close();
  }, 30_000);
});

// The previous generation of the demo organization (docs/demo-organization.md "Two scans"): the
// same files as the current one except two roles, and scanned before it the diff is exactly one
// role added (PartnerAuditRole) and one removed (CloudHealthRole of acme-sandbox).
import { existsSync } from 'node:fs';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { DEFAULT_ANALYSIS_CONFIG } from '../../../shared/config/analysis-config.js';
import {
  PREVIOUS_SCAN_MAX_ACCOUNTS,
  previousGenerationDir,
  scanPreviousDemoGeneration,
} from '../../../server/demo/scan-previous-generation.js';
import { writeDemoSnapshot } from '../../../server/demo/write-demo-snapshot.js';
import { DEFAULT_PIPELINE } from '../../../server/scan/default-pipeline.js';
import { runScan } from '../../../server/scan/run-scan.js';
import { diffScans } from '../../../server/scan/scan-diff.js';
import { openStore } from '../../../server/store/open-store.js';
import { getScan, listScans } from '../../../server/store/scans.js';
import {
  makeTempDir,
  managedPolicyView,
  readAllFiles,
  readJson,
  removeDir,
  roleView,
} from './demo-snapshot-view.js';

const dirs: string[] = [];
async function tempDir(): Promise<string> {
  const dir = await makeTempDir();
  dirs.push(dir);
  return dir;
}
afterAll(async () => {
  await Promise.all(dirs.map(removeDir));
});

const READ_ONLY_ACCESS = 'arn:aws:iam::aws:policy/ReadOnlyAccess';

describe('previous generation of the demo organization', () => {
  it('differs from the current one in 500000000002 (iam.json, s3.json), 500000000006 and 500000000008 only', async () => {
    const current = await tempDir();
    const previous = await tempDir();
    await writeDemoSnapshot(current, {});
    await writeDemoSnapshot(previous, {}, 'previous');
    const a = await readAllFiles(current);
    const b = await readAllFiles(previous);
    expect([...b.keys()]).toEqual([...a.keys()]);
    const differing = [...a.keys()].filter((path) => a.get(path) !== b.get(path));
    expect(differing).toEqual([
      '500000000002/iam.json',
      '500000000002/s3.json',
      '500000000006/iam.json',
      '500000000008/iam.json',
    ]);
    // Worsened since: the partner exchange's grants to 999988887777 lost their source-IP limit.
    const exchangeOf = async (dir: string): Promise<{ Statement: { Condition?: unknown }[] }> => {
      const s3 = (await readJson(dir, '500000000002/s3.json')) as {
        Buckets: { Name: string; Policy: unknown }[];
      };
      const doc = s3.Buckets.find((x) => x.Name === 'acme-partner-exchange-500000000002')?.Policy;
      return (typeof doc === 'string' ? JSON.parse(doc) : doc) as {
        Statement: { Condition?: unknown }[];
      };
    };
    expect((await exchangeOf(previous)).Statement.map((x) => x.Condition)).toEqual([
      { IpAddress: { 'aws:SourceIp': '198.51.100.0/24' } },
      { IpAddress: { 'aws:SourceIp': '198.51.100.0/24' } },
    ]);
    expect((await exchangeOf(current)).Statement.map((x) => x.Condition)).toEqual([
      undefined,
      undefined,
    ]);
    // Truncated since: the current listing of 500000000008 is one page of several.
    const analyticsNow = await readJson(current, '500000000008/iam.json');
    const analyticsThen = await readJson(previous, '500000000008/iam.json');
    expect([analyticsNow.IsTruncated, typeof analyticsNow.Marker]).toEqual([true, 'string']);
    expect(analyticsThen.IsTruncated).toBeUndefined();

    // Added since: PartnerAuditRole (trusted by 999988887777) is not in the previous generation,
    // and ReadOnlyAccess counts one attachment less there.
    const webNow = await readJson(current, '500000000002/iam.json');
    const webThen = await readJson(previous, '500000000002/iam.json');
    expect(roleView(webNow, 'PartnerAuditRole')).toBeDefined();
    expect(roleView(webThen, 'PartnerAuditRole')).toBeUndefined();
    expect(managedPolicyView(webThen, READ_ONLY_ACCESS).attachmentCount).toBe(
      managedPolicyView(webNow, READ_ONLY_ACCESS).attachmentCount - 1,
    );
    // Every other role is byte-identical (the filler is unchanged).
    const names = (iam: { RoleDetailList: { RoleName: string }[] }) =>
      iam.RoleDetailList.map((r) => r.RoleName);
    expect(names(webThen)).toEqual(names(webNow).filter((n) => n !== 'PartnerAuditRole'));

    // Removed since: a CloudHealth role without an ExternalId in acme-sandbox.
    const sandboxNow = await readJson(current, '500000000006/iam.json');
    const sandboxThen = await readJson(previous, '500000000006/iam.json');
    expect(roleView(sandboxNow, 'CloudHealthRole')).toBeUndefined();
    const removed = roleView(sandboxThen, 'CloudHealthRole');
    expect(removed?.trust.Statement[0].Principal).toEqual({
      AWS: 'arn:aws:iam::454464851268:root',
    });
    expect(removed?.trust.Statement[0].Condition).toBeUndefined();
    expect(names(sandboxThen)).toEqual([...names(sandboxNow), 'CloudHealthRole']);
  });

  it('scanned before the current generation: one role added, one removed, a finding worsened, an account truncated', async () => {
    const data = await tempDir();
    const db = openStore(join(data, 'trustmap.db'));
    try {
      const currentDir = join(data, 'demo-org-12');
      await writeDemoSnapshot(currentDir, {});
      const first = await scanPreviousDemoGeneration(
        db,
        currentDir,
        { accounts: 12, seed: 'trustmap-demo' },
        DEFAULT_ANALYSIS_CONFIG,
        DEFAULT_PIPELINE,
      );
      expect(first?.scanId).toBe(1);
      await runScan(
        db,
        { dir: currentDir, source: 'demo', config: DEFAULT_ANALYSIS_CONFIG },
        DEFAULT_PIPELINE,
      );
      expect(listScans(db, 0, 10).items.map((s) => s.sourceDetail)).toEqual([
        undefined,
        previousGenerationDir(currentDir),
      ]);
      const diff = diffScans(db);
      expect([diff.from, diff.to]).toEqual([1, 2]);
      expect(diff.removedEdges.map((e) => [e.source, e.target, e.kind])).toEqual([
        [
          'arn:aws:iam::454464851268:root',
          'arn:aws:iam::500000000006:role/CloudHealthRole',
          'can-assume',
        ],
      ]);
      const added = diff.newEdges.map((e) => [e.source, e.target]);
      expect(added).toContainEqual([
        'arn:aws:iam::999988887777:root',
        'arn:aws:iam::500000000002:role/PartnerAuditRole',
      ]);
      // Every other added edge starts at the new role (its S3 reach).
      for (const [source, target] of added)
        if (source !== 'arn:aws:iam::999988887777:root')
          expect([source, target?.startsWith('arn:aws:s3:::')]).toEqual([
            'arn:aws:iam::500000000002:role/PartnerAuditRole',
            true,
          ]);
      // The partner's grants on the exchange bucket lost their aws:SourceIp condition.
      expect(
        diff.changedEdges.map((e) => [
          e.source,
          e.target,
          e.actionGroup,
          e.previousDecision,
          e.decision,
        ]),
      ).toEqual(
        ['list', 'read', 'write'].map((g) => [
          'arn:aws:iam::999988887777:root',
          'arn:aws:s3:::acme-partner-exchange-500000000002',
          g,
          'conditional',
          'allow',
        ]),
      );
      expect(diff.worsenedFindings.map((f) => [f.rule, f.subject, f.change?.worse])).toEqual([
        [
          'bucket-reachable-from-outside-org',
          'arn:aws:s3:::acme-partner-exchange-500000000002',
          ['conditional (aws:SourceIp) → allow'],
        ],
      ]);
      expect(diff.improvedFindings).toEqual([]);
      expect(diff.newFindings.map((f) => [f.rule, f.subject])).toEqual([
        ['external-trust-unknown-account', 'arn:aws:iam::500000000002:role/PartnerAuditRole'],
        ['incomplete-coverage', 'arn:aws:iam::500000000008:root'],
      ]);
      const scan2 = getScan(db, 2);
      expect(scan2.coverage.find((c) => c.accountId === '500000000008')?.status).toBe('partial');
      expect(getScan(db, 1).coverage.find((c) => c.accountId === '500000000008')?.status).toBe(
        'ok',
      );
      expect(diff.resolvedFindings.map((f) => [f.rule, f.subject])).toEqual([
        ['vendor-trust-without-external-id', 'arn:aws:iam::500000000006:role/CloudHealthRole'],
      ]);
    } finally {
      db.close();
    }
  });

  it('is skipped for scale demos (more than PREVIOUS_SCAN_MAX_ACCOUNTS accounts)', async () => {
    const data = await mkdtemp(join(tmpdir(), 'trustmap-demo-test-'));
    dirs.push(data);
    const db = openStore(join(data, 'trustmap.db'));
    try {
      const result = await scanPreviousDemoGeneration(
        db,
        join(data, 'demo-org-1000'),
        { accounts: PREVIOUS_SCAN_MAX_ACCOUNTS + 1, seed: 'trustmap-demo' },
        DEFAULT_ANALYSIS_CONFIG,
        DEFAULT_PIPELINE,
      );
      expect(result).toBeUndefined();
      expect(listScans(db, 0, 10).total).toBe(0);
      expect(existsSync(previousGenerationDir(join(data, 'demo-org-1000')))).toBe(false);
    } finally {
      db.close();
    }
  });
});

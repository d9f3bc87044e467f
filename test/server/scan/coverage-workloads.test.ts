/**
 * Scan coverage and workloads.json (issue 14 "Data"): an account read without workloads.json has
 * `workloads: "unknown"` (never "no workloads"); with the file, even empty, it has no mark.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { computeCoverage } from '../../../server/scan/coverage.js';
import { readSnapshotDir } from '../../../server/snapshot/read-snapshot-dir.js';
import { writeScenario } from '../../helpers/write-scenario.js';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'trustmap-coverage-workloads-'));
  await writeScenario(dir, {
    accounts: {
      '111111111111': { users: [{ name: 'a' }] },
      '222222222222': { users: [{ name: 'b' }], workloads: [] },
    },
  });
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('coverage of workloads', () => {
  it('marks the account without workloads.json unknown and the one with an empty file known', async () => {
    const snapshot = await readSnapshotDir(dir);
    expect(snapshot.accounts.get('111111111111')?.workloads).toBeUndefined();
    expect(snapshot.accounts.get('222222222222')?.workloads).toEqual([]);
    expect(computeCoverage(snapshot)).toEqual([
      { accountId: '111111111111', status: 'ok', workloads: 'unknown' },
      { accountId: '222222222222', status: 'ok' },
    ]);
  });
});

/**
 * Child process of the PostgreSQL writer tests: saves one scan into the store given on the
 * command line and, inside the store transaction (after the scan writer's lock is taken),
 * announces it on stdout and holds the transaction for HOLD_MS milliseconds (or until killed).
 */
import { openStore } from '../../../server/store/open-store.js';
import { saveScan, snapshotFilesOf } from '../../../server/store/scans.js';

const [location, holdText] = process.argv.slice(2);
if (location === undefined || holdText === undefined)
  throw new Error('usage: store-writer LOCATION HOLD_MS');
const db = openStore(location);
saveScan(db, {
  startedAt: '2026-01-02T00:00:00.000Z',
  finishedAt: '2026-01-02T00:01:00.000Z',
  source: 'from-dir',
  coverage: [],
  issues: [],
  files: snapshotFilesOf({ 'organization.json': '{}' }),
  edges: [],
  findings: [
    {
      id: 'w',
      rule: 'rule-w',
      severity: 'high',
      subject: 'arn:aws:iam::111111111111:role/W',
      title: 'writer',
      evidence: [],
    },
  ],
  counts: {
    accounts: 0,
    nodes: 0,
    edges: 0,
    findings: 1,
    bySeverity: { critical: 0, high: 1, medium: 0, low: 0, info: 0 },
  },
  beforeCommit: () => {
    process.stdout.write('IN-TRANSACTION\n');
    Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, Number(holdText));
  },
});
db.close();

/**
 * Child process of the "killed midway" test: runs a scan into the store given on the command
 * line and, inside the store transaction, announces it on stdout and hangs until it is killed.
 */
import { openStore } from '../../../server/store/open-store.js';
import { runScan } from '../../../server/scan/run-scan.js';
import { resolveAnalysisConfig } from '../../../shared/config/analysis-config.js';
import { TEST_PIPELINE } from './test-pipeline.js';

const [dbFile, dir] = process.argv.slice(2);
if (dbFile === undefined || dir === undefined) throw new Error('usage: scan-and-hang DB DIR');
const db = openStore(dbFile);
await runScan(
  db,
  {
    dir,
    source: 'from-dir',
    config: resolveAnalysisConfig(),
    beforeCommit: () => {
      process.stdout.write('IN-TRANSACTION\n');
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 60_000);
    },
  },
  TEST_PIPELINE,
);

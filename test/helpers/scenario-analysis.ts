/**
 * The analysis of one scenario for a test file: written to a temporary snapshot directory and
 * analysed once before the file's tests, removed after them.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll } from 'vitest';
import { analyzeSnapshotDir, type Analysis } from '../../server/analyze/analyze-snapshot-dir.js';
import { resolveAnalysisConfig } from '../../shared/config/analysis-config.js';
import { writeScenario, type Scenario } from './write-scenario.js';

/** Registers the hooks; the returned function gives the analysis inside a test. */
export function analyzeScenarioOnce(prefix: string, scenario: Scenario): () => Analysis {
  let work: string | undefined;
  let analysis: Analysis | undefined;
  beforeAll(async () => {
    work = await mkdtemp(join(tmpdir(), prefix));
    await writeScenario(work, scenario);
    analysis = await analyzeSnapshotDir(work, resolveAnalysisConfig());
  });
  afterAll(async () => {
    if (work !== undefined) await rm(work, { recursive: true, force: true });
  });
  return () => {
    if (analysis === undefined) throw new Error(`${prefix}: the scenario was not analysed yet`);
    return analysis;
  };
}

/**
 * The production analysis stages of a scan: the snapshot loader and graph builder
 * (server/analyze) and the audit rules (shared/audit).
 */
import { analyzeSnapshotDir } from '../analyze/analyze-snapshot-dir.js';
import { computeFindings } from '../../shared/audit/compute-findings.js';
import type { ScanPipeline } from './run-scan.js';

export const DEFAULT_PIPELINE: ScanPipeline = {
  analyzeDir: analyzeSnapshotDir,
  computeFindings: (analysis, config, now) =>
    computeFindings({
      graph: analysis.graph,
      snapshot: analysis.snapshot,
      model: analysis.model,
      config,
      now,
    }),
};

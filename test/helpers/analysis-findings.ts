/** Every finding of an analyzed snapshot directory, with the default configuration. */
import type { Analysis } from '../../server/analyze/analyze-snapshot-dir.js';
import { computeFindings } from '../../shared/audit/compute-findings.js';
import { RULES } from '../../shared/audit/rules/index.js';
import type { Finding } from '../../shared/audit/types.js';
import { resolveAnalysisConfig } from '../../shared/config/analysis-config.js';

export function findingsOf(analysis: Analysis): Finding[] {
  const { graph, snapshot, model } = analysis;
  return computeFindings({ graph, snapshot, model, config: resolveAnalysisConfig() }, RULES);
}

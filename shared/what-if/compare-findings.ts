/**
 * Findings before and after a change, with the audit's own comparison
 * (shared/audit/compare-findings.ts): new (an id only after), resolved (an id only before),
 * worsened (same id; severity up, conditions lost, shorter path or wider scope — `--fail-on`
 * counts them like new) and improved.
 */
import { compareFindings as compareById } from '../audit/compare-findings.js';
import type { Finding } from '../audit/types.js';

export interface ChangedFinding {
  finding: Finding;
  before: Finding;
  /** What got worse (worsened) or better (improved), one line each. */
  reasons: readonly string[];
}

export interface FindingsComparison {
  newFindings: Finding[];
  worsenedFindings: ChangedFinding[];
  improvedFindings: ChangedFinding[];
  resolvedFindings: Finding[];
}

/** Compares two findings lists of the same analysis config. */
export function compareFindings(
  before: readonly Finding[],
  after: readonly Finding[],
): FindingsComparison {
  const c = compareById(before, after);
  return {
    newFindings: c.added,
    worsenedFindings: c.worsened.map((w) => ({
      finding: w.after,
      before: w.before,
      reasons: w.worse,
    })),
    improvedFindings: c.improved.map((w) => ({
      finding: w.after,
      before: w.before,
      reasons: w.better,
    })),
    resolvedFindings: c.removed,
  };
}

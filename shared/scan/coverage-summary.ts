/**
 * The verdict on a scan's coverage, shared by the scan summary, every report, the API and the
 * dashboard banner: complete when every account's data was read whole, else partial with the
 * accounts that were not. An account skipped on purpose (filtered out, suspended) is not a gap.
 */
import type { AccountCoverage } from '../api/types.js';

/** Statuses that leave an account's access unknown. */
export const INCOMPLETE_STATUSES: ReadonlySet<AccountCoverage['status']> = new Set([
  'partial',
  'missing',
  'denied',
  'failed',
]);

export interface CoverageSummary {
  state: 'complete' | 'partial';
  /** Accounts whose access is unknown or known only in part, in account order. */
  incomplete: readonly AccountCoverage[];
}

/** Complete, or partial with the accounts concerned. */
export function summarizeCoverage(coverage: readonly AccountCoverage[]): CoverageSummary {
  const incomplete = coverage.filter((c) => INCOMPLETE_STATUSES.has(c.status));
  return { state: incomplete.length === 0 ? 'complete' : 'partial', incomplete };
}

/** One line for terminals and reports: `partial: 2 accounts not read whole (111… partial, 222… missing)`. */
export function describeCoverage(summary: CoverageSummary, max = 5): string {
  if (summary.state === 'complete') return 'complete: every account was read whole';
  const list = summary.incomplete
    .slice(0, max)
    .map((c) => `${c.accountId} ${c.status}`)
    .join(', ');
  const more =
    summary.incomplete.length > max ? `, … ${String(summary.incomplete.length - max)} more` : '';
  const n = summary.incomplete.length;
  return `partial: ${String(n)} account${n === 1 ? '' : 's'} not read whole (${list}${more})`;
}

/**
 * The coverage banner: when the scan shown read some account only in part or not at all
 * (coverage `partial`: a truncated listing, an unreadable document, an organization account
 * without data, a denied or failed collection), a banner says so above every view, with the
 * accounts and why — missing data is never shown as "no access" (issue 12 case 2). The verdict is
 * shared/scan/coverage-summary.ts, the same as the scan summary and the reports.
 */
import type { HealthResponse, ScanDetail } from '../../../shared/api/types.js';
import { describeCoverage, summarizeCoverage } from '../../../shared/scan/coverage-summary.js';
import { getJson } from '../api/client.js';
import { useRequest } from '../api/use-request.js';
import { LoadIssuesList } from './LoadIssuesList.js';

const SHOWN = 5;

/** `scan`: the scan id of the URL (default: the latest successful scan). */
export function CoverageBanner({ scan }: { scan?: string | undefined }) {
  const state = useRequest(
    async (signal) => {
      const id =
        scan ?? (await getJson<HealthResponse>('health', {}, signal)).latestScan ?? undefined;
      if (id === undefined) return undefined;
      return getJson<ScanDetail>(`scans/${String(id)}`, {}, signal);
    },
    [scan],
  );
  if (state.status !== 'done' || state.data === undefined) return null;
  const summary = summarizeCoverage(state.data.coverage);
  if (summary.state === 'complete') return null;
  return (
    <div
      className="coverage-banner"
      role="alert"
      data-testid="coverage-banner"
      data-scan={state.data.id}
      data-accounts={summary.incomplete.map((c) => c.accountId).join(',')}
    >
      <strong>Incomplete data.</strong> Scan {state.data.id}: coverage{' '}
      {describeCoverage(summary, SHOWN)}. Access through these accounts is unknown, not absent.
      {/* The first sentence names the accounts; why, account by account, and the load issues
          unfold on demand, so the banner keeps to three lines on a small screen. */}
      <div className="coverage-more">
        <details data-testid="coverage-why">
          <summary>Why, account by account</summary>
          <ul>
            {summary.incomplete.slice(0, SHOWN).map((c) => (
              <li key={c.accountId} data-testid="coverage-account" data-status={c.status}>
                {c.accountId} — {c.status}
                {c.reasons?.[0] === undefined ? null : `: ${c.reasons[0]}`}
              </li>
            ))}
          </ul>
        </details>
        <LoadIssuesList issues={state.data.issues} />
      </div>
    </div>
  );
}

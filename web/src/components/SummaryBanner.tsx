/**
 * The review at a glance, in the header: critical and high findings of the scan shown and the
 * number of outsiders that can get in, each a link to the list that holds them.
 */
import { useCallback } from 'react';
import { getJson } from '../api/client.js';
import type { ScanSummary, ScansListResponse } from '../api/types.js';
import { useRequest } from '../api/use-request.js';
import type { Severity, View } from '../state/url-state.js';

export interface SummaryBannerProps {
  scan?: string;
  /**
   * Outsiders of the organization view (its list), also while a principal-level view is shown;
   * undefined until the organization view was loaded.
   */
  outsiders?: number;
  onOpen: (patch: {
    view: View;
    severity?: Severity | undefined;
    severityOnly?: boolean | undefined;
    accounts?: string[];
  }) => void;
}

export function SummaryBanner({ scan, outsiders, onOpen }: SummaryBannerProps) {
  const load = useCallback(
    (signal: AbortSignal) =>
      getJson<ScansListResponse>('scans', { limit: 50 }, signal).then(
        (list): ScanSummary | undefined =>
          scan === undefined
            ? list.items.find((s) => s.status === 'succeeded')
            : list.items.find((s) => String(s.id) === scan),
      ),
    [scan],
  );
  const state = useRequest(load, [scan]);
  const counts = state.status === 'done' ? state.data?.counts?.bySeverity : undefined;
  const link = (testId: string, text: string, className: string, onClick: () => void) => (
    <button
      type="button"
      className={`summary-link ${className}`}
      data-testid={testId}
      onClick={onClick}
    >
      {text}
    </button>
  );
  return (
    <div className="summary-banner" data-testid="summary-banner" role="status">
      {counts === undefined ? null : (
        <>
          {link(
            'summary-critical',
            `${String(counts.critical)} critical`,
            counts.critical > 0 ? 'severity-critical' : '',
            () => {
              onOpen({ view: 'findings', severity: 'critical', severityOnly: true });
            },
          )}
          {link(
            'summary-high',
            `${String(counts.high)} high`,
            counts.high > 0 ? 'severity-high' : '',
            () => {
              onOpen({ view: 'findings', severity: 'high', severityOnly: true });
            },
          )}
        </>
      )}
      {link(
        'summary-outsiders',
        outsiders === undefined ? 'Outsiders' : `${String(outsiders)} outsiders`,
        '',
        () => {
          onOpen({ view: 'org', accounts: [] });
        },
      )}
    </div>
  );
}

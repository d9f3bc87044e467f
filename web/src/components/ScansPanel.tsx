/**
 * Scans: the stored scans, newest first; picking one shows its graph and findings, and the diff
 * toggle highlights the edges added and removed since the scan before it.
 * Scan ids are numbers on the wire and strings in the URL.
 */
import { useCallback } from 'react';
import { getJson } from '../api/client.js';
import type { ScansListResponse } from '../api/types.js';
import { useRequest } from '../api/use-request.js';
import { RequestStatus } from './RequestStatus.js';

export interface ScansPanelProps {
  scan?: string;
  diff: boolean;
  onChange: (patch: { scan?: string | undefined; diff?: boolean }) => void;
  /** Counts of the diff shown, once loaded. */
  diffCounts?: { added: number; removed: number };
}

export function ScansPanel({ scan, diff, onChange, diffCounts }: ScansPanelProps) {
  const load = useCallback(
    (signal: AbortSignal) => getJson<ScansListResponse>('scans', { limit: 50 }, signal),
    [],
  );
  const state = useRequest(load, []);
  return (
    <section className="tool" aria-label="Scans" data-testid="scans">
      <h2>Scans</h2>
      <label className="toggle">
        <input
          type="checkbox"
          checked={diff}
          data-testid="scan-diff"
          onChange={(e) => {
            onChange({ diff: e.target.checked });
          }}
        />{' '}
        Show changes since the previous scan
      </label>
      {diff && diffCounts !== undefined ? (
        <p className="row-meta" data-testid="diff-counts">
          {diffCounts.added} edge{diffCounts.added === 1 ? '' : 's'} added, {diffCounts.removed}{' '}
          removed
        </p>
      ) : null}
      <RequestStatus
        state={state}
        what="scans"
        isEmpty={(d) => d.items.length === 0}
        emptyText="No scan stored yet."
      >
        {(data) => (
          <ul className="scan-list">
            {data.items.map((s, i) => {
              const id = String(s.id);
              const current = scan === id || (scan === undefined && i === 0);
              return (
                <li key={s.id}>
                  <button
                    type="button"
                    className={current ? 'row selected' : 'row'}
                    aria-pressed={current}
                    data-testid="scan-row"
                    onClick={() => {
                      onChange({ scan: i === 0 ? undefined : id });
                    }}
                  >
                    <span className="row-title">
                      #{id} · {s.startedAt}
                    </span>
                    <span className="row-meta">
                      {s.status} · {s.source}
                      {s.counts === undefined
                        ? ''
                        : ` · ${s.counts.findings} findings, ${s.counts.newFindings} new`}
                    </span>
                  </button>
                </li>
              );
            })}
          </ul>
        )}
      </RequestStatus>
    </section>
  );
}

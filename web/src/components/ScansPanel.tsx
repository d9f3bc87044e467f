/**
 * Scans: the stored scans, newest first; picking one shows its graph and findings, and the diff
 * toggle highlights the edges added and removed since the scan before it.
 */
import { useCallback } from 'react';
import { getJson } from '../api/client.js';
import type { ScanView } from '../api/types.js';
import { useRequest } from '../api/use-request.js';
import { RequestStatus } from './RequestStatus.js';

export interface ScansPanelProps {
  scan?: string;
  diff: boolean;
  onChange: (patch: { scan?: string | undefined; diff?: boolean }) => void;
  /** Counts of the diff shown, once loaded. */
  diffCounts?: { added: number; removed: number };
}

interface ScansAnswer {
  scans?: readonly ScanView[];
  items?: readonly ScanView[];
}

export function scanList(data: ScansAnswer | readonly ScanView[]): readonly ScanView[] {
  if (Array.isArray(data)) return data as readonly ScanView[];
  const answer = data as ScansAnswer;
  return answer.scans ?? answer.items ?? [];
}

export function ScansPanel({ scan, diff, onChange, diffCounts }: ScansPanelProps) {
  const load = useCallback(
    (signal: AbortSignal) => getJson<ScansAnswer | readonly ScanView[]>('scans', {}, signal),
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
        isEmpty={(d) => scanList(d).length === 0}
        emptyText="No scan stored yet."
      >
        {(data) => (
          <ul className="scan-list">
            {scanList(data).map((s, i) => {
              const current = scan === s.id || (scan === undefined && i === 0);
              return (
                <li key={s.id}>
                  <button
                    type="button"
                    className={current ? 'row selected' : 'row'}
                    aria-pressed={current}
                    data-testid="scan-row"
                    onClick={() => {
                      onChange({ scan: i === 0 ? undefined : s.id });
                    }}
                  >
                    <span className="row-title">{s.startedAt ?? s.id}</span>
                    <span className="row-meta">
                      {[s.status, s.source].filter(Boolean).join(' · ')}
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

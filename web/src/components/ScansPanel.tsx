/**
 * Scans: the stored scans, newest first; picking one shows its graph and findings, and the diff
 * toggle highlights the edges added and removed since the scan before it — on the graph and as
 * two lists (a row selects the edge on screen that stands for it, a removed one included), then
 * the edges whose decision changed (`conditional → allow`: an outsider's condition gone). Scan ids
 * are numbers on the wire and strings in the URL. The diff's request state (loading, error) is shown here; its edges are untrusted text.
 */
import { ChangedFindings } from './ChangedFindings.js';
import { useCallback } from 'react';
import { getJson } from '../api/client.js';
import type { DiffEdge, DiffResponse, ScansListResponse } from '../api/types.js';
import type { RequestState } from '../api/use-request.js';
import { useRequest } from '../api/use-request.js';
import { nameOfKey } from '../graph/node-name.js';
import { RequestStatus } from './RequestStatus.js';
import { TimeText } from './TimeText.js';

/** Rows shown per list; the rest are counted. */
const MAX_DIFF_ROWS = 100;

export interface ScansPanelProps {
  scan?: string;
  diff: boolean;
  onChange: (patch: { scan?: string | undefined; diff?: boolean }) => void;
  /** The diff with the previous scan, while the toggle is on. */
  diffState?: RequestState<DiffResponse>;
  /** Edges of the diff whose endpoints the graph on screen lacks (not drawn). */
  notShown?: number;
  /** Display names of the nodes on screen, by key. */
  labels: ReadonlyMap<string, string>;
  /** A row of the diff lists: the edge on screen that stands for it (a removed edge's too). */
  onSelectDiffEdge: (edge: DiffEdge, change: 'added' | 'removed') => void;
  /**
   * False while the graph the rows point into is still loading: the rows are shown but cannot
   * be picked yet (a click then would find nothing to select).
   */
  graphReady?: boolean;
}

/** An edge in both scans whose decision changed (`conditional → allow` …). */
type ChangedEdge = DiffEdge & { previousDecision?: DiffEdge['decision'] };

const LIST_TITLES = { added: 'Added', removed: 'Removed', changed: 'Decision changed' } as const;

function DiffList({
  change,
  edges,
  labels,
  onSelectDiffEdge,
  graphReady,
}: {
  change: 'added' | 'removed' | 'changed';
  edges: readonly ChangedEdge[];
  labels: ReadonlyMap<string, string>;
  onSelectDiffEdge: (edge: DiffEdge, change: 'added' | 'removed') => void;
  graphReady: boolean;
}) {
  const title = LIST_TITLES[change];
  const name = (key: string): string => labels.get(key) ?? nameOfKey(key);
  return (
    <section className={`diff-list diff-${change}`} data-testid={`diff-${change}`}>
      <h3>
        {title} ({edges.length})
      </h3>
      {edges.length === 0 ? (
        <p className="status status-empty">No edge {change}.</p>
      ) : (
        <ul>
          {edges.slice(0, MAX_DIFF_ROWS).map((e, i) => (
            <li key={`${e.source} ${e.target} ${e.kind} ${e.actionGroup ?? ''} ${String(i)}`}>
              <button
                type="button"
                className="row"
                data-testid="diff-edge"
                data-change={change}
                data-source={e.source}
                data-target={e.target}
                data-kind={e.kind}
                disabled={!graphReady}
                aria-busy={!graphReady}
                title={
                  graphReady
                    ? `${e.source} → ${e.target}`
                    : `${e.source} → ${e.target} (the graph is still loading)`
                }
                onClick={() => {
                  // A changed edge is on screen like an added one: select what stands for it.
                  onSelectDiffEdge(e, change === 'removed' ? 'removed' : 'added');
                }}
              >
                <span className="row-title">
                  {name(e.source)} → {name(e.target)}
                </span>
                <span className="row-meta">
                  {e.kind}
                  {e.actionGroup === undefined ? '' : ` (${e.actionGroup})`} ·{' '}
                  {e.previousDecision === undefined ? '' : `${e.previousDecision} → `}
                  {e.decision}
                  {e.conditionKeys.length > 0 ? ` · ${e.conditionKeys.join(', ')}` : ''}
                </span>
              </button>
            </li>
          ))}
        </ul>
      )}
      {edges.length > MAX_DIFF_ROWS ? (
        <p className="row-meta">and {edges.length - MAX_DIFF_ROWS} more</p>
      ) : null}
    </section>
  );
}

export function ScansPanel({
  scan,
  diff,
  onChange,
  diffState,
  notShown = 0,
  labels,
  onSelectDiffEdge,
  graphReady = true,
}: ScansPanelProps) {
  const load = useCallback(
    (signal: AbortSignal) => getJson<ScansListResponse>('scans', { limit: 50 }, signal),
    [],
  );
  const state = useRequest(load, []);
  return (
    <section className="tool" aria-label="Scans" data-testid="scans">
      <h2>Scans</h2>
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
                    data-scan={id}
                    onClick={() => {
                      onChange({ scan: i === 0 ? undefined : id });
                    }}
                  >
                    <span className="row-title">
                      #{id} · <TimeText iso={s.startedAt} />
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
      {diff && diffState !== undefined ? (
        <RequestStatus state={diffState} what="the changes since the previous scan">
          {(d) =>
            d.from === null ? (
              <p className="status status-empty" data-testid="diff-none">
                Scan #{d.to} is the first scan: there is no previous scan to compare with.
              </p>
            ) : (
              <div className="diff" data-testid="diff" data-from={d.from} data-to={d.to}>
                <p className="row-meta" data-testid="diff-counts">
                  Since scan #{d.from}: {d.summary.newEdges} edge
                  {d.summary.newEdges === 1 ? '' : 's'} added, {d.summary.removedEdges} removed
                  {d.changedEdges.length > 0 ? `, ${d.changedEdges.length} changed` : ''};{' '}
                  {d.summary.newFindings} new finding{d.summary.newFindings === 1 ? '' : 's'},{' '}
                  {d.worsenedFindings.length > 0 ? `${d.worsenedFindings.length} worsened, ` : ''}
                  {d.improvedFindings.length > 0 ? `${d.improvedFindings.length} improved, ` : ''}
                  {d.summary.resolvedFindings} resolved.
                  {notShown > 0
                    ? ` ${notShown} not drawn here: inside one account, or between nodes not on screen (open the account to see them).`
                    : ''}
                </p>
                <DiffList
                  change="added"
                  edges={d.newEdges}
                  labels={labels}
                  onSelectDiffEdge={onSelectDiffEdge}
                  graphReady={graphReady}
                />
                <DiffList
                  change="removed"
                  edges={d.removedEdges}
                  labels={labels}
                  onSelectDiffEdge={onSelectDiffEdge}
                  graphReady={graphReady}
                />
                {d.changedEdges.length > 0 ? (
                  <DiffList
                    change="changed"
                    edges={d.changedEdges}
                    labels={labels}
                    onSelectDiffEdge={onSelectDiffEdge}
                    graphReady={graphReady}
                  />
                ) : null}
                <ChangedFindings worsened={d.worsenedFindings} improved={d.improvedFindings} />
              </div>
            )
          }
        </RequestStatus>
      ) : null}
    </section>
  );
}

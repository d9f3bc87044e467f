/**
 * The path finder: from / to with autocomplete, a toggle for conditional edges, and the paths
 * found (shortest first) as hop lists with their evidence. The paths are also handed up so the
 * graph highlights them and greys out the rest.
 */
import { useCallback, useEffect } from 'react';
import { getJson } from '../api/client.js';
import { hopOfView, type PathHop, type PathsResponse } from '../api/types.js';
import { useRequest } from '../api/use-request.js';
import { HopList } from './HopList.js';
import { NodePicker } from './NodePicker.js';
import { RequestStatus } from './RequestStatus.js';

export interface PathFinderProps {
  from?: string;
  to?: string;
  conditional: boolean;
  scan?: string;
  labels: ReadonlyMap<string, string>;
  onChange: (patch: {
    from?: string | undefined;
    to?: string | undefined;
    conditional?: boolean;
  }) => void;
  onResult: (paths: readonly (readonly PathHop[])[]) => void;
  onSelectNode: (key: string) => void;
}

export function PathFinder({
  from,
  to,
  conditional,
  scan,
  labels,
  onChange,
  onResult,
  onSelectNode,
}: PathFinderProps) {
  const load = useCallback(
    (signal: AbortSignal) =>
      getJson<PathsResponse>(
        'paths',
        { from, to, includeConditional: conditional, scan },
        signal,
      ).then((answer) => ({
        kind: answer.kind,
        /** More paths exist than shown, or the time budget stopped the search. */
        truncated: answer.kind === 'truncated' || (answer.kind === 'found' && answer.truncated),
        hops: answer.kind === 'none' ? [] : answer.paths.map((p) => p.hops.map(hopOfView)),
      })),
    [from, to, conditional, scan],
  );
  const state = useRequest(from !== undefined && to !== undefined ? load : undefined, [
    from,
    to,
    conditional,
    scan,
  ]);
  useEffect(() => {
    onResult(state.status === 'done' ? state.data.hops : []);
    // onResult is stable for the life of the view.
  }, [state]);
  return (
    <section className="tool" aria-label="Path finder" data-testid="path-finder">
      <h2>Path finder</h2>
      <NodePicker
        label="From"
        value={from}
        testId="path-from"
        onPick={(key) => {
          onChange({ from: key });
        }}
      />
      <NodePicker
        label="To"
        value={to}
        testId="path-to"
        onPick={(key) => {
          onChange({ to: key });
        }}
      />
      <label className="toggle">
        <input
          type="checkbox"
          checked={conditional}
          data-testid="path-conditional"
          onChange={(event) => {
            onChange({ conditional: event.target.checked });
          }}
        />{' '}
        Include conditional edges
      </label>
      <RequestStatus
        state={state}
        what="paths"
        idleText="Pick a starting point and a target."
        isEmpty={(data) => data.hops.length === 0}
        emptyText={
          conditional ? 'No path.' : 'No path without conditional edges (try including them).'
        }
      >
        {(data) => (
          <div data-testid="path-results" data-result={data.kind}>
            <p className="row-meta">
              {data.hops.length} path{data.hops.length === 1 ? '' : 's'}
              {data.truncated ? ' (truncated: more may exist)' : ''}
            </p>
            {data.hops.map((hops, i) => (
              <div key={i} className="path" data-testid="path">
                <h3>
                  Path {i + 1} · {hops.length} hop{hops.length === 1 ? '' : 's'}
                </h3>
                <HopList hops={hops} labels={labels} onSelectNode={onSelectNode} />
              </div>
            ))}
          </div>
        )}
      </RequestStatus>
    </section>
  );
}

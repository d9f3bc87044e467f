/**
 * "Who from outside can get in": the outsiders of the graph as a keyboard-navigable list, worst
 * edge state first. A row selects the node in the graph.
 */
import { describeOutsider, outsiderTitle, type Outsider } from '../graph/outsiders.js';
import { EDGE_STATE_LABELS } from '../graph/edge-state.js';
import { useAccountNames } from './account-names.js';

export interface OutsidersListProps {
  outsiders: readonly Outsider[];
  /** What an empty list says (default: nothing outside can reach in). */
  emptyText?: string;
  selected?: string;
  onSelect: (key: string) => void;
  /** The list's accessible name and test ids (default: the outsiders'). */
  label?: string;
  listTestId?: string;
  rowTestId?: string;
}

export function OutsidersList({
  outsiders,
  emptyText,
  selected,
  onSelect,
  label = 'Outside the organization',
  listTestId = 'outsiders',
  rowTestId = 'outsider',
}: OutsidersListProps) {
  const accountNames = useAccountNames();
  if (outsiders.length === 0) {
    return (
      <p className="status status-empty" data-testid="outsiders-empty">
        {emptyText ?? 'Nothing outside the organization can reach in.'}
      </p>
    );
  }
  return (
    <ul className="outsiders" data-testid={listTestId} aria-label={label}>
      {outsiders.map((o) => (
        <li key={o.key}>
          <button
            type="button"
            className={o.key === selected ? 'row selected' : 'row'}
            data-testid={rowTestId}
            data-key={o.key}
            data-state={o.worst ?? 'none'}
            onClick={() => {
              onSelect(o.key);
            }}
          >
            <span className="row-title" title={o.label}>
              {outsiderTitle(o)}
            </span>
            <span className="row-meta">
              {describeOutsider(o, accountNames)}
              {o.copies > 1 ? ` in ${o.copies} accounts` : ''} · {o.edges} edge
              {o.edges === 1 ? '' : 's'}
              {o.resources > 0 ? (
                <span data-testid="outsider-resources">
                  {' '}
                  · {o.resources} key{o.resources === 1 ? '' : 's'} or resource
                  {o.resources === 1 ? '' : 's'}
                </span>
              ) : null}
            </span>
            {o.worst === undefined ? null : (
              <span className={`badge state-${o.worst}`} data-testid="outsider-state">
                {EDGE_STATE_LABELS[o.worst]}
              </span>
            )}
          </button>
        </li>
      ))}
    </ul>
  );
}

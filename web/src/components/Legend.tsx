/**
 * The legend of the graph: node kinds and scopes (colour, shape), edge states (colour; width =
 * count) and edge kinds, each with its explanation on hover — and the filters that take edges
 * inside the organization, AWS services or conditional edges off the graph (held in the URL).
 */
import {
  EDGE_STATE_COLORS,
  EDGE_STATE_LABELS,
  EDGE_STATES,
  ESCALATION_EDGE_COLOR,
  ESCALATION_EDGE_LABEL,
} from '../graph/edge-state.js';
import {
  KIND_COLORS,
  KIND_LABELS,
  KIND_SHAPES,
  SCOPE_COLORS,
  SCOPE_LABELS,
} from '../graph/node-look.js';
import type { NodeKind } from '../../../shared/graph/types.js';
import { ADDED_COLOR, REMOVED_COLOR } from '../graph/highlight.js';
import {
  EDGE_KIND_LABELS,
  EDGE_KIND_MEANINGS,
  EDGE_STATE_SENTENCES,
  NODE_KIND_MEANINGS,
} from '../graph/explain.js';
import type { EdgeKind } from '../../../shared/graph/types.js';
import { GRAPH_FILTERS, type GraphFilter } from '../state/url-state.js';

const FILTER_TEXT: Readonly<Record<GraphFilter, string>> = {
  inside: 'Only edges from outside the organization',
  services: 'Hide AWS services',
  conditional: 'Hide conditional edges',
};

/** Every node kind but accounts (listed by scope above), in the words of node-look.ts. */
const SHOWN_KINDS = (Object.keys(KIND_LABELS) as NodeKind[]).filter((k) => k !== 'account');
const KIND_TEXT: Readonly<Record<NodeKind, string>> = { ...KIND_LABELS, anyone: 'Anyone (public)' };

function Swatch({ color, shape }: { color: string; shape: string }) {
  return (
    <svg className="swatch" width="14" height="14" viewBox="0 0 14 14" aria-hidden="true">
      {shape === 'square' ? (
        <rect x="2" y="2" width="10" height="10" fill={color} />
      ) : shape === 'triangle' ? (
        <polygon points="7,1 13,13 1,13" fill={color} />
      ) : shape === 'diamond' ? (
        <polygon points="7,1 13,7 7,13 1,7" fill={color} />
      ) : shape === 'line' ? (
        <rect x="0" y="5" width="14" height="4" fill={color} />
      ) : (
        <circle cx="7" cy="7" r="6" fill={color} />
      )}
    </svg>
  );
}

export interface LegendProps {
  diff: boolean;
  hide: readonly GraphFilter[];
  onHide: (next: GraphFilter[]) => void;
}

export function Legend({ diff, hide, onHide }: LegendProps) {
  return (
    <section className="legend" aria-label="Legend" data-testid="legend">
      <h3>Show</h3>
      <ul data-testid="legend-filters">
        {GRAPH_FILTERS.map((filter) => (
          <li key={filter}>
            <label>
              <input
                type="checkbox"
                checked={hide.includes(filter)}
                data-testid={`filter-${filter}`}
                onChange={(event) => {
                  onHide(
                    event.target.checked ? [...hide, filter] : hide.filter((f) => f !== filter),
                  );
                }}
              />{' '}
              {FILTER_TEXT[filter]}
            </label>
          </li>
        ))}
      </ul>
      <h3>Accounts</h3>
      <ul>
        {(['org', 'vendor', 'external'] as const).map((scope) => (
          <li key={scope}>
            <Swatch color={SCOPE_COLORS[scope]} shape="circle" /> {SCOPE_LABELS[scope]}
          </li>
        ))}
      </ul>
      <h3>Other nodes</h3>
      <ul>
        {SHOWN_KINDS.map((kind) => (
          <li key={kind} title={NODE_KIND_MEANINGS[kind]} data-testid={`legend-kind-${kind}`}>
            <Swatch color={KIND_COLORS[kind]} shape={KIND_SHAPES[kind]} /> {KIND_TEXT[kind]}
          </li>
        ))}
      </ul>
      <h3>Edges (worst state; width = role-level edges)</h3>
      <ul>
        {EDGE_STATES.map((state) => (
          <li key={state} data-testid={`legend-edge-${state}`} title={EDGE_STATE_SENTENCES[state]}>
            <Swatch color={EDGE_STATE_COLORS[state]} shape="line" /> {EDGE_STATE_LABELS[state]}
          </li>
        ))}
        <li data-testid="legend-edge-can-escalate">
          <Swatch color={ESCALATION_EDGE_COLOR} shape="line" /> {ESCALATION_EDGE_LABEL}
        </li>
        {diff ? (
          <>
            <li>
              <Swatch color={ADDED_COLOR} shape="line" /> Added since the previous scan
            </li>
            <li>
              <Swatch color={REMOVED_COLOR} shape="line" /> Removed since the previous scan
            </li>
          </>
        ) : null}
      </ul>
      <h3>Edge kinds</h3>
      <ul data-testid="legend-edge-kinds">
        {(Object.keys(EDGE_KIND_LABELS) as EdgeKind[]).map((kind) => (
          <li key={kind} title={EDGE_KIND_MEANINGS[kind]} data-testid={`legend-edge-kind-${kind}`}>
            {EDGE_KIND_LABELS[kind]}
          </li>
        ))}
      </ul>
    </section>
  );
}

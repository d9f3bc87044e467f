/** The legend of the graph: node kinds and scopes (colour, shape) and edge states (colour), width = count. */
import {
  EDGE_STATE_COLORS,
  EDGE_STATE_LABELS,
  EDGE_STATES,
  ESCALATION_EDGE_COLOR,
  ESCALATION_EDGE_LABEL,
} from '../graph/edge-state.js';
import { KIND_COLORS, KIND_SHAPES, SCOPE_COLORS, SCOPE_LABELS } from '../graph/node-look.js';
import type { NodeKind } from '../../../shared/graph/types.js';
import { ADDED_COLOR, REMOVED_COLOR } from '../graph/highlight.js';

const SHOWN_KINDS: readonly NodeKind[] = [
  'anyone',
  'idp',
  'service',
  'role',
  'user',
  'group',
  'bucket',
  'resource',
  'workload',
];
const KIND_TEXT: Readonly<Record<NodeKind, string>> = {
  account: 'Account',
  anyone: 'Anyone (public)',
  idp: 'Identity provider',
  service: 'AWS service',
  role: 'Role',
  user: 'User',
  group: 'Group',
  bucket: 'S3 bucket',
  workload: 'Workload (Lambda, EC2 …)',
  resource: 'Resource (KMS key, secret, queue, topic, repository)',
  'sso-user': 'Person (Identity Center)',
  'sso-group': 'Group (Identity Center)',
};

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

export function Legend({ diff }: { diff: boolean }) {
  return (
    <section className="legend" aria-label="Legend" data-testid="legend">
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
          <li key={kind}>
            <Swatch color={KIND_COLORS[kind]} shape={KIND_SHAPES[kind]} /> {KIND_TEXT[kind]}
          </li>
        ))}
      </ul>
      <h3>Edges (worst state; width = role-level edges)</h3>
      <ul>
        {EDGE_STATES.map((state) => (
          <li key={state} data-testid={`legend-edge-${state}`}>
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
    </section>
  );
}

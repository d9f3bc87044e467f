/**
 * The state of an edge as the dashboard colours it, worst first: `public` (reachable by anyone),
 * `external` (from outside the organization with no condition to meet — e.g. a vendor role
 * without ExternalId), `conditional` (allowed only if request-time condition keys take certain
 * values), `internal` (inside the organization, unconditional). An aggregate edge takes the worst
 * state of the role-level edges it stands for. Pure: used by the graph reducers, the legend and
 * the tests.
 */
import type { EdgeAttributes, NodeAttributes } from '../../../shared/graph/types.js';
import { isIdentityCenterProvider } from '../../../shared/graph/sso/sso-keys.js';
import { isPublicSourceEdge } from '../../../shared/query/idp-tenancy.js';

export const EDGE_STATES = ['public', 'external', 'conditional', 'internal'] as const;
export type EdgeState = (typeof EDGE_STATES)[number];

export const EDGE_STATE_LABELS: Readonly<Record<EdgeState, string>> = {
  public: 'Public (anyone)',
  external: 'External, no ExternalId or condition',
  conditional: 'Conditional (condition keys decide)',
  internal: 'Inside the organization',
};

export const EDGE_STATE_COLORS: Readonly<Record<EdgeState, string>> = {
  public: '#d7263d',
  external: '#f46036',
  conditional: '#e2a600',
  internal: '#8a9bb0',
};

/** Privilege-escalation edges (`can-escalate`) are drawn in their own colour, whatever their state. */
export const ESCALATION_EDGE_COLOR = '#8e44ad';
export const ESCALATION_EDGE_LABEL = 'Privilege escalation (can-escalate)';

/** Rank of a state: lower is worse. */
export function edgeStateRank(state: EdgeState): number {
  return EDGE_STATES.indexOf(state);
}

/** The worse of two states. */
export function worseEdgeState(a: EdgeState, b: EdgeState): EdgeState {
  return edgeStateRank(a) <= edgeStateRank(b) ? a : b;
}

/**
 * Reads a state sent by the server (aggregate `worst`, shared/api/types.ts `AggregateWorst`);
 * unknown text reads as undefined.
 */
export function parseEdgeState(value: unknown): EdgeState | undefined {
  if (value === 'external-no-external-id') return 'external';
  return typeof value === 'string' && (EDGE_STATES as readonly string[]).includes(value)
    ? (value as EdgeState)
    : undefined;
}

/**
 * The state of one role-level edge from its source node and its attributes. `anyone` as source
 * is public whatever the decision (a condition an outsider meets at will — ExternalId, MFA, its
 * own tags — is still worth the red), unless the policy limits it to principals of other
 * organizations it names or by conditions an outsider cannot meet (`gatedForOutsiders`:
 * conditional, as the findings judge it); so is a multi-tenant identity provider whose trust has no tenant bound. A conditional edge from outside is `conditional` (the keys — typically
 * `sts:ExternalId` — must be met), an unconditional one is `external`.
 */
export function classifyEdge(
  source: Pick<NodeAttributes, 'kind' | 'scope'> &
    Partial<Pick<NodeAttributes, 'idpType' | 'idpUrl'>>,
  edge: Pick<EdgeAttributes, 'decision'> &
    Partial<Pick<EdgeAttributes, 'claims' | 'otherOrganizationsOnly' | 'gatedForOutsiders'>>,
  sourceKey = '',
): EdgeState {
  // Open to anyone: `*`, or a multi-tenant identity provider (GitHub Actions …) whose trust has
  // no tenant bound (`sub: "*"`, `aud` only) — the same judgement as the CLI's `public` scope.
  if (isPublicSourceEdge(sourceKey, source, edge)) return 'public';
  if (edge.decision === 'conditional') return 'conditional';
  // An identity provider signs in people from outside AWS — except IAM Identity Center's own
  // SAML provider, the organization's workforce sign-in (its assignments are the gate).
  const outside =
    source.scope === 'external' ||
    source.scope === 'vendor' ||
    (source.kind === 'idp' && !isIdentityCenterProvider(sourceKey)) ||
    (source.kind === 'account' && source.scope !== 'org');
  return outside ? 'external' : 'internal';
}

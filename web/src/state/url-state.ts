/**
 * The dashboard's state as it lives in the URL: which view, which node or edge is selected, the
 * path-finder and who-can-reach queries, the findings filters and the scans being compared. A
 * link is the state: `parseUrlState(formatUrlState(s))` gives `s` back, so a finding, a path or a
 * node can be shared as a link. Pure (no DOM): the app reads `location.search` and writes with
 * `history.pushState`.
 */

export const VIEWS = [
  'org',
  'drill',
  'path',
  'reach',
  'blast',
  'findings',
  'scans',
  'what-if',
] as const;
export type View = (typeof VIEWS)[number];

/** Every action group of buckets and resources (shared/query/action-groups.ts). */
export const ACTION_GROUPS = [
  'read',
  'write',
  'list',
  'admin',
  'decrypt',
  'encrypt',
  'publish',
  'subscribe',
  'pull',
  'push',
  'invoke',
  'modify',
] as const;
export type ActionGroup = (typeof ACTION_GROUPS)[number];

export const SEVERITIES = ['critical', 'high', 'medium', 'low', 'info'] as const;

/**
 * What the legend's filters take off the graph: `inside` (edges inside the organization: only
 * outside edges stay), `services` (AWS service nodes), `conditional` (conditional edges).
 */
export const GRAPH_FILTERS = ['inside', 'services', 'conditional'] as const;
export type GraphFilter = (typeof GRAPH_FILTERS)[number];
export type Severity = (typeof SEVERITIES)[number];

export interface UrlState {
  view: View;
  /** Key of the selected node (canonical ARN, `service:…` or `*`). */
  node?: string;
  /** Key of the selected edge; opaque, never parsed. */
  edge?: string;
  /** Accounts opened in the drill-down (12-digit ids). */
  accounts: readonly string[];
  /** Path finder. */
  from?: string;
  to?: string;
  /** Path finder: follow `conditional` edges too (default true: a reviewer wants every possible path). */
  conditional: boolean;
  /** Who can reach: bucket key and action group. */
  resource?: string;
  action: ActionGroup;
  /** Findings filters: `severity` is a minimum unless `severityOnly` (the header's counts). */
  severity?: Severity;
  severityOnly?: boolean;
  rule?: string;
  status?: string;
  q?: string;
  /** Findings filter: only the findings of this account (12-digit id). */
  account?: string;
  /** Blast radius: the principal or account whose reach is shown. */
  principal?: string;
  /** The finding opened in the side panel (its id). */
  finding?: string;
  /** Legend filters in force. */
  hide: readonly GraphFilter[];
  /** Scans: the scan shown, and whether the diff against the previous scan is on. */
  scan?: string;
  diff: boolean;
}

export const DEFAULT_URL_STATE: UrlState = {
  view: 'org',
  accounts: [],
  conditional: true,
  action: 'read',
  hide: [],
  diff: false,
};

/** Bound on any value read from the URL: a link is untrusted input. */
const MAX_VALUE_LENGTH = 2048;
/** As many accounts as the API takes at most (server/http/routes/graph.ts `maxOpenAccounts`). */
const MAX_ACCOUNTS = 1000;
const ACCOUNT_ID = /^\d{12}$/;

function oneOf<T extends string>(values: readonly T[], value: string | null): T | undefined {
  return value !== null && (values as readonly string[]).includes(value) ? (value as T) : undefined;
}

function bounded(value: string | null): string | undefined {
  if (value === null) return undefined;
  const trimmed = value.trim();
  return trimmed.length > 0 && trimmed.length <= MAX_VALUE_LENGTH ? trimmed : undefined;
}

/**
 * Reads the state from a query string (`location.search`, with or without the `?`). Unknown
 * parameters are ignored; malformed values fall back to the defaults rather than failing, so a
 * truncated link still opens the dashboard.
 */
export function parseUrlState(search: string): UrlState {
  const params = new URLSearchParams(search.startsWith('?') ? search.slice(1) : search);
  const accounts = (params.get('accounts') ?? '')
    .split(',')
    .map((a) => a.trim())
    .filter((a) => ACCOUNT_ID.test(a))
    .slice(0, MAX_ACCOUNTS);
  const state: UrlState = {
    view: oneOf(VIEWS, params.get('view')) ?? DEFAULT_URL_STATE.view,
    accounts: [...new Set(accounts)],
    conditional: params.get('conditional') !== '0',
    action: oneOf(ACTION_GROUPS, params.get('action')) ?? DEFAULT_URL_STATE.action,
    hide: GRAPH_FILTERS.filter((f) => (params.get('hide') ?? '').split(',').includes(f)),
    diff: params.get('diff') === '1',
  };
  const optional = {
    node: bounded(params.get('node')),
    edge: bounded(params.get('edge')),
    from: bounded(params.get('from')),
    to: bounded(params.get('to')),
    resource: bounded(params.get('resource')),
    severity: oneOf(SEVERITIES, params.get('severity')),
    severityOnly:
      params.get('severityOnly') === '1' && oneOf(SEVERITIES, params.get('severity')) !== undefined
        ? true
        : undefined,
    rule: bounded(params.get('rule')),
    status: bounded(params.get('status')),
    q: bounded(params.get('q')),
    account: ACCOUNT_ID.test(params.get('account') ?? '')
      ? (params.get('account') ?? '')
      : undefined,
    principal: bounded(params.get('principal')),
    finding: bounded(params.get('finding')),
    scan: bounded(params.get('scan')),
  };
  for (const [key, value] of Object.entries(optional)) {
    if (value !== undefined) Object.assign(state, { [key]: value });
  }
  return state;
}

/**
 * Writes the state as a query string starting with `?` (or `''` for the default state). Only
 * values that differ from the defaults are written, in a fixed order, so equal states give equal
 * links.
 */
export function formatUrlState(state: UrlState): string {
  const params = new URLSearchParams();
  if (state.view !== DEFAULT_URL_STATE.view) params.set('view', state.view);
  const put = (key: string, value: string | undefined): void => {
    if (value !== undefined && value !== '') params.set(key, value);
  };
  put('node', state.node);
  put('edge', state.edge);
  if (state.accounts.length > 0) params.set('accounts', state.accounts.join(','));
  put('from', state.from);
  put('to', state.to);
  if (!state.conditional) params.set('conditional', '0');
  put('resource', state.resource);
  if (state.action !== DEFAULT_URL_STATE.action) params.set('action', state.action);
  put('severity', state.severity);
  if (state.severity !== undefined && state.severityOnly === true) params.set('severityOnly', '1');
  put('rule', state.rule);
  put('status', state.status);
  put('q', state.q);
  put('account', state.account);
  put('principal', state.principal);
  put('finding', state.finding);
  if (state.hide.length > 0)
    params.set('hide', GRAPH_FILTERS.filter((f) => state.hide.includes(f)).join(','));
  put('scan', state.scan);
  if (state.diff) params.set('diff', '1');
  const text = params.toString();
  return text === '' ? '' : `?${text}`;
}

/**
 * The account-level web of trust: the access graph with every role, user, group and bucket
 * folded into its account, and IAM Identity Center's per-account SAML providers
 * (`AWSSSO_…_DO_NOT_DELETE`) folded into one "IAM Identity Center" node. Account, `anyone`,
 * other IdP and service nodes stay; the role-level
 * `can-assume` and `can-access` edges between two of them become one edge with the number of
 * edges it stands for and the worst trust among them. Edges inside one account are not drawn.
 */
import { isPublicSourceEdge } from '../query/idp-tenancy.js';
import type {
  AccountEdgeAttributes,
  AccountNodeAttributes,
  AggregateWorst,
  SerializedGraph,
} from '../api/types.js';
import { IDENTITY_CENTER_KEY, isIdentityCenterProvider } from './sso/add-identity-center.js';
import type { AccessGraph, EdgeAttributes, NodeAttributes } from './types.js';

/** From worst to best. */
export const AGGREGATE_WORST_ORDER: readonly AggregateWorst[] = [
  'public',
  'external-no-external-id',
  'conditional',
  'internal',
];

export type AccountLevelGraph = SerializedGraph<AccountNodeAttributes, AccountEdgeAttributes>;

export interface AggregateOptions {
  /** Open findings per account id, shown on account nodes. */
  findingsByAccount?: ReadonlyMap<string, number>;
  /** Identities (`source target kind actionGroup`, see shared/diff) of edges new since the previous scan. */
  isNewEdge?: (source: string, target: string, attrs: EdgeAttributes) => boolean;
}

/**
 * The trust an edge represents, judged by its source and decision. An edge open to anyone (from
 * `*`, or from a multi-tenant identity provider without a tenant bound: GitHub `sub: "*"` or
 * `aud` only) is `public`, as the CLI's scope says (idp-tenancy.ts `isPublicSourceEdge`).
 */
export function worstOfEdge(
  source: NodeAttributes,
  edge: EdgeAttributes,
  sourceKey = '',
): AggregateWorst {
  if (isPublicSourceEdge(sourceKey, source, edge)) return 'public';
  if (edge.decision === 'conditional') return 'conditional';
  const outside = source.scope === 'external' || source.scope === 'vendor';
  return outside ? 'external-no-external-id' : 'internal';
}

function worse(a: AggregateWorst, b: AggregateWorst): AggregateWorst {
  return AGGREGATE_WORST_ORDER.indexOf(a) <= AGGREGATE_WORST_ORDER.indexOf(b) ? a : b;
}

/** Edge kinds the account level aggregates (the role-level edges an aggregate stands for). */
export function isAggregatedKind(kind: EdgeAttributes['kind']): boolean {
  return kind === 'can-assume' || kind === 'can-access';
}

/** Node kinds the account level keeps; every other node folds into its account. */
export const KEPT_KINDS: ReadonlySet<string> = new Set(['account', 'anyone', 'idp', 'service']);

/**
 * Builds the account-level aggregate of `graph` as graphology `export()` JSON (directed,
 * not multi). Node keys are the access graph's keys; edge keys are `JSON.stringify([source, target])`.
 */
export function aggregateAccounts(
  graph: AccessGraph,
  options: AggregateOptions = {},
): AccountLevelGraph {
  const accountKeyById = new Map<string, string>();
  const nodes = new Map<string, AccountNodeAttributes>();
  const hub = graph.hasNode(IDENTITY_CENTER_KEY);
  const isFolded = (key: string, a: NodeAttributes): boolean =>
    hub && a.kind === 'idp' && a.idpType === 'saml' && isIdentityCenterProvider(key);
  let providers = 0;
  graph.forEachNode((key, a) => {
    if (!KEPT_KINDS.has(a.kind)) return;
    if (isFolded(key, a)) {
      providers += 1;
      return;
    }
    const attrs: AccountNodeAttributes = {
      kind: a.kind as AccountNodeAttributes['kind'],
      label: a.label,
    };
    if (a.accountId !== undefined) attrs.accountId = a.accountId;
    if (a.kind === 'anyone') attrs.scope = 'public';
    else if (a.scope !== undefined) attrs.scope = a.scope;
    if (a.vendor !== undefined) attrs.vendor = a.vendor;
    if (a.accountName !== undefined) attrs.accountName = a.accountName;
    if (a.ouPath !== undefined) attrs.ouPath = a.ouPath;
    if (a.scanned !== undefined) attrs.scanned = a.scanned;
    if (a.kind === 'account') {
      if (a.accountId !== undefined) accountKeyById.set(a.accountId, key);
      attrs.principals = 0;
      const n = a.accountId === undefined ? undefined : options.findingsByAccount?.get(a.accountId);
      if (n !== undefined) attrs.findings = n;
    }
    nodes.set(key, attrs);
  });
  const hubAttrs = nodes.get(IDENTITY_CENTER_KEY);
  if (hubAttrs !== undefined) hubAttrs.providers = providers;
  const fold = (key: string, a: NodeAttributes): string | undefined => {
    if (isFolded(key, a)) return IDENTITY_CENTER_KEY;
    if (KEPT_KINDS.has(a.kind)) return key;
    return a.accountId === undefined ? undefined : accountKeyById.get(a.accountId);
  };
  graph.forEachNode((_key, a) => {
    if (a.kind !== 'role' && a.kind !== 'user') return;
    const acct = a.accountId === undefined ? undefined : accountKeyById.get(a.accountId);
    const attrs = acct === undefined ? undefined : nodes.get(acct);
    if (attrs !== undefined) attrs.principals = (attrs.principals ?? 0) + 1;
  });
  const edges = new Map<
    string,
    { source: string; target: string; attributes: AccountEdgeAttributes }
  >();
  // KMS keys and resource-policy resources each aggregated edge reaches (counted, not listed).
  const resourcesOf = new Map<string, Set<string>>();
  graph.forEachEdge((_key, e, source, target, sa, ta) => {
    if (!isAggregatedKind(e.kind)) return;
    const s = fold(source, sa);
    const t = fold(target, ta);
    if (s === undefined || t === undefined || s === t) return;
    const key = JSON.stringify([s, t]);
    const w = worstOfEdge(sa, e, source);
    const outside =
      w === 'public' || sa.kind === 'anyone' || sa.scope === 'external' || sa.scope === 'vendor';
    const isNew = options.isNewEdge?.(source, target, e) === true;
    if (ta.kind === 'resource') {
      let set = resourcesOf.get(key);
      if (set === undefined) resourcesOf.set(key, (set = new Set()));
      set.add(target);
    }
    const seen = edges.get(key);
    if (seen === undefined) {
      const attributes: AccountEdgeAttributes = {
        count: 1,
        worst: w,
        vendor: sa.scope === 'vendor',
        external: outside,
        kinds: [e.kind],
      };
      if (isNew) attributes.isNew = true;
      edges.set(key, { source: s, target: t, attributes });
      return;
    }
    const a = seen.attributes;
    a.count += 1;
    a.worst = worse(a.worst, w);
    a.vendor ||= sa.scope === 'vendor';
    a.external ||= outside;
    if (!a.kinds.includes(e.kind)) a.kinds = [...a.kinds, e.kind].sort();
    if (isNew) a.isNew = true;
  });
  for (const [key, set] of resourcesOf) {
    const e = edges.get(key);
    if (e !== undefined) e.attributes.resources = set.size;
  }
  return {
    attributes: { level: 'account' },
    options: { type: 'directed', multi: false, allowSelfLoops: false },
    nodes: [...nodes].map(([key, attributes]) => ({ key, attributes })),
    edges: [...edges].map(([key, e]) => ({ key, ...e })),
  };
}

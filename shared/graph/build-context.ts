/**
 * What the edge builders share while one access graph is built: the graph, the compiled model,
 * the account directory, the permission indexes, and one place that records an edge.
 */
import type { AuthorizationResult, AuthzModel, CallerProfile } from '../authorize/types.js';
import { isPublicEdge } from '../audit/public-edges.js';
import { NAMED_ORGANIZATION_NOTE } from './callers/foreign-organizations.js';
import { ANYONE_KEY } from './callers/opaque-callers.js';
import { edgeKey } from './edge-key.js';
import type { AccountDirectory } from './nodes/account-nodes.js';
import type { AccessGraph, EdgeAttributes, EdgeKind, NodeAttributes } from './types.js';

export interface BuildContext {
  graph: AccessGraph;
  model: AuthzModel;
  accounts: AccountDirectory;
  /** Organization facts of an org account's principals, for opaque callers of that account. */
  orgFacts(accountId: string): { orgId: string; orgPaths?: readonly string[] } | undefined;
  /** Scanned principals by account id. */
  principalsByAccount: ReadonlyMap<string, readonly CallerProfile[]>;
  /** Role ARN by `<accountId>/<lower-cased role name>` (role names are unique case-insensitively). */
  roleByName: ReadonlyMap<string, string>;
  /** Counts for the build report. */
  stats: { evaluations: number; edges: number };
}

const RANK = { deny: 0, conditional: 1, allow: 2 } as const;

/** The better of two results for the caller (allow > conditional > deny). */
export function bestResult(
  a: AuthorizationResult | undefined,
  b: AuthorizationResult,
): AuthorizationResult {
  if (a === undefined) return b;
  return RANK[b.decision] > RANK[a.decision] ? b : a;
}

/** Adds the node if missing (attributes of an existing node are kept). */
export function ensureNode(ctx: BuildContext, key: string, attrs: NodeAttributes): void {
  if (!ctx.graph.hasNode(key)) ctx.graph.addNode(key, attrs);
}

/**
 * The node of a user or role that a policy names but the model does not hold, and its account's
 * node. It is `unresolved` when its account was scanned (it should be there and is not); in an
 * account we cannot see it is simply a principal of that account.
 */
export function ensureNamedPrincipalNode(
  ctx: BuildContext,
  key: string,
  kind: 'user' | 'role',
  accountId: string,
): void {
  ctx.accounts.ensureAccount(accountId);
  const scanned = ctx.accounts.scannedAccountIds.has(accountId);
  const attrs: NodeAttributes = {
    kind,
    label: key.slice(key.lastIndexOf('/') + 1),
    accountId,
    scope: ctx.accounts.scopeOf(accountId),
    scanned,
  };
  const vendor = ctx.accounts.vendorOf(accountId);
  if (vendor !== undefined) attrs.vendor = vendor;
  if (scanned) attrs.unresolved = true;
  ensureNode(ctx, key, attrs);
}

/** Records `result` as an edge unless it is a deny. Returns whether an edge was added. */
export function addDecisionEdge(
  ctx: BuildContext,
  kind: EdgeKind,
  source: string,
  target: string,
  variant: string,
  result: AuthorizationResult,
  extra: Partial<EdgeAttributes> = {},
): boolean {
  if (result.decision === 'deny') return false;
  const key = edgeKey(kind, source, target, variant);
  const attrs: EdgeAttributes = {
    kind,
    decision: result.decision,
    conditionKeys: result.decision === 'conditional' ? exact(result.conditionKeys) : NONE,
    evidence: exact(result.evidence),
    ...extra,
  };
  const notes =
    result.notes.length === 0
      ? extra.notes
      : extra.notes === undefined || extra.notes.length === 0
        ? result.notes
        : [...extra.notes, ...result.notes];
  if (notes !== undefined && notes.length > 0) attrs.notes = exact(notes);
  if (result.notes.includes(NAMED_ORGANIZATION_NOTE)) attrs.otherOrganizationsOnly = true;
  else if (
    source === ANYONE_KEY &&
    result.decision === 'conditional' &&
    !isPublicEdge(ctx.model, target, attrs)
  )
    attrs.gatedForOutsiders = true;
  try {
    // The graph refuses a key it holds before changing anything; asking first would look the
    // key up twice for every edge, and a second decision for the same edge is rare.
    ctx.graph.addDirectedEdgeWithKey(key, source, target, attrs);
  } catch (err: unknown) {
    if (!ctx.graph.hasEdge(key)) throw err;
    const old = ctx.graph.getEdgeAttributes(key);
    if (RANK[old.decision] >= RANK[result.decision]) return false;
    ctx.graph.replaceEdgeAttributes(key, attrs);
    return true;
  }
  ctx.stats.edges++;
  return true;
}

const NONE: readonly never[] = Object.freeze([]);

/**
 * The list as the graph keeps it: the shared empty list, or an exact-size copy. A list built by
 * `push` keeps room to grow (17 slots for one item), and the graph of a large organization keeps
 * several lists per edge, hundreds of thousands of edges.
 */
function exact<T>(list: readonly T[]): readonly T[] {
  return list.length === 0 ? NONE : list.slice();
}

/** The caller's organization facts, when it is an IAM principal of an org account. */
export function isOrgCaller(ctx: BuildContext, caller: CallerProfile): boolean {
  return caller.accountId !== undefined && ctx.accounts.orgAccountIds.has(caller.accountId);
}

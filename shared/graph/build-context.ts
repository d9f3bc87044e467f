/**
 * What the edge builders share while one access graph is built: the graph, the compiled model,
 * the account directory, the permission indexes, and one place that records an edge.
 */
import type { AuthorizationResult, AuthzModel, CallerProfile } from '../authorize/types.js';
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
    conditionKeys: result.decision === 'conditional' ? result.conditionKeys : [],
    evidence: result.evidence,
    ...extra,
  };
  const notes = [...(extra.notes ?? []), ...result.notes];
  if (notes.length > 0) attrs.notes = notes;
  if (ctx.graph.hasEdge(key)) {
    const old = ctx.graph.getEdgeAttributes(key);
    if (RANK[old.decision] >= RANK[result.decision]) return false;
    ctx.graph.replaceEdgeAttributes(key, attrs);
    return true;
  }
  ctx.graph.addDirectedEdgeWithKey(key, source, target, attrs);
  ctx.stats.edges++;
  return true;
}

/** The caller's organization facts, when it is an IAM principal of an org account. */
export function isOrgCaller(ctx: BuildContext, caller: CallerProfile): boolean {
  return caller.accountId !== undefined && ctx.accounts.orgAccountIds.has(caller.accountId);
}

/**
 * Builds the access graph of a snapshot (DESIGN.md "The access graph"): account, principal,
 * service, identity-provider, anyone and bucket nodes; `member-of`, `can-assume` and
 * `can-access` edges, each decided by the policy engine with the caller's facts known and
 * request-time keys unknown. A pure function of its inputs.
 */
import Graph from 'graphology';
import type { AuthzModel, CallerProfile } from '../authorize/types.js';
import type { AnalysisConfig } from '../config/analysis-config.js';
import type { Snapshot } from '../snapshot/types.js';
import type { BuildContext } from './build-context.js';
import { addCanAccessEdges, S3_INDEXED_ACTIONS } from './edges/can-access.js';
import { addCanAssumeEdges } from './edges/can-assume.js';
import { addResourceAccessEdges, addResourceNodes } from './edges/can-access-resource.js';
import { addCanEscalateEdges } from './edges/can-escalate/index.js';
import { bucketPatternKey, PermissionIndex, rolePatternKey } from './index/permission-index.js';
import {
  addAccountNodes,
  type AccountDirectory,
  type VendorLookup,
} from './nodes/account-nodes.js';
import { markAdminsAndCrownJewels } from './nodes/admin-principals.js';
import { addPrincipalNodes } from './nodes/principal-nodes.js';
import { addIdentityCenter, addIdentityCenterHub } from './sso/add-identity-center.js';
import type { AccessGraph } from './types.js';

export interface BuildOptions {
  config: AnalysisConfig;
  lookupVendor: VendorLookup;
  /** Recorded in the graph attributes. */
  builtAt?: string;
}

export interface BuildReport {
  evaluations: number;
  edges: number;
  nodes: number;
}

/** The partition of the snapshot's data (from the first ARN seen). */
function partitionOf(snapshot: Snapshot): string {
  for (const a of snapshot.accounts.values()) return a.partition;
  const arn = snapshot.organization?.arn;
  return arn?.split(':')[1] ?? 'aws';
}

/** Builds the access graph; `report` receives counts for logs and benchmarks. */
export function buildAccessGraph(
  snapshot: Snapshot,
  model: AuthzModel,
  options: BuildOptions,
  report?: (r: BuildReport) => void,
): AccessGraph {
  const partition = partitionOf(snapshot);
  const graph: AccessGraph = new Graph.MultiDirectedGraph({ allowSelfLoops: true });
  graph.replaceAttributes({
    partition,
    ...(model.organizationId ? { organizationId: model.organizationId } : {}),
    ...(options.builtAt ? { builtAt: options.builtAt } : {}),
  });
  const accounts = addAccountNodes(
    graph,
    snapshot,
    options.config,
    options.lookupVendor,
    partition,
  );
  addPrincipalNodes(graph, snapshot, accounts);

  const ctx = createBuildContext(graph, snapshot, model, accounts);

  const assumeIndex = new PermissionIndex(
    model.principals.values(),
    ['sts:AssumeRole'],
    rolePatternKey,
  );
  addCanAssumeEdges(ctx, assumeIndex);
  const s3Index = new PermissionIndex(
    model.principals.values(),
    S3_INDEXED_ACTIONS,
    bucketPatternKey,
  );
  addCanAccessEdges(ctx, s3Index);
  addResourceNodes(ctx);
  addResourceAccessEdges(ctx);
  addIdentityCenter(ctx, snapshot);
  addIdentityCenterHub(graph);
  const admins = markAdminsAndCrownJewels(graph, model, options.config.crownJewels);
  addCanEscalateEdges(ctx, snapshot, admins);

  report?.({ evaluations: ctx.stats.evaluations, edges: graph.size, nodes: graph.order });
  return graph;
}

/**
 * The context the edge builders share, for `graph` whose account nodes `accounts` added: the
 * scanned principals by account, roles by name, organization facts. What-if builds the same
 * context on a copied graph to rebuild the edges of changed roles and buckets.
 */
export function createBuildContext(
  graph: AccessGraph,
  snapshot: Snapshot,
  model: AuthzModel,
  accounts: AccountDirectory,
): BuildContext {
  const principalsByAccount = new Map<string, CallerProfile[]>();
  for (const p of model.principals.values()) {
    if (p.accountId === undefined) continue;
    let list = principalsByAccount.get(p.accountId);
    if (!list) principalsByAccount.set(p.accountId, (list = []));
    list.push(p);
  }
  const roleByName = new Map<string, string>();
  for (const r of model.roles.values())
    roleByName.set(`${r.accountId}/${r.name.toLowerCase()}`, r.arn);
  const orgPaths = orgPathsByAccount(snapshot);

  return {
    graph,
    model,
    accounts,
    principalsByAccount,
    roleByName,
    orgFacts: (accountId) =>
      model.organizationId !== undefined && accounts.orgAccountIds.has(accountId)
        ? {
            orgId: model.organizationId,
            ...(orgPaths.has(accountId) ? { orgPaths: orgPaths.get(accountId) } : {}),
          }
        : undefined,
    stats: { evaluations: 0, edges: 0 },
  };
}

/** `aws:PrincipalOrgPaths` of each organization account: `o-…/r-…/ou-…/…/`. */
function orgPathsByAccount(snapshot: Snapshot): Map<string, string[]> {
  const out = new Map<string, string[]>();
  const org = snapshot.organization;
  if (!org?.id) return out;
  const parents = new Map(org.ous.map((ou) => [ou.id, ou.parentId]));
  for (const [accountId, parent] of Object.entries(org.accountParents)) {
    const chain: string[] = [];
    const seen = new Set<string>();
    let at: string | undefined = parent;
    while (at !== undefined && !seen.has(at)) {
      seen.add(at);
      chain.unshift(at);
      at = parents.get(at);
    }
    out.set(accountId, [`${org.id}/${chain.join('/')}/`]);
  }
  return out;
}

/**
 * The scope of a starting point in query results (IAM-SEMANTICS.md §9): `org`, `vendor`,
 * `external` or `public`.
 *
 * - `*` (anyone) is `public`, unless its first edge holds only for principals of other
 *   organizations the policy names (`aws:PrincipalOrgID`) or under conditions an outsider cannot
 *   meet (`gatedForOutsiders`): then `external`.
 * - Accounts and their principals carry the scope of their account (set by the graph builder);
 *   a node without one is `external` (false positives over false negatives, §9).
 * - An AWS service acts on behalf of resources of the account it serves: its scope is that of
 *   the node it reaches first. Whether another account can steer it is the concern of the
 *   `service-trust-without-source` finding, not of reachability.
 * - An OIDC provider of a multi-tenant issuer (GitHub, GitLab.com, Google, Cognito …) is
 *   `public` when the first hop's trust tests no tenant claim or a broad one (`repo:*`), else
 *   `external` (the tokens are minted outside AWS, for the named tenant). Other identity
 *   providers (SAML, EKS, a single-tenant issuer) carry the scope of the account that registered
 *   them.
 */
import type { AccessGraph, EdgeAttributes, Scope } from '../graph/types.js';
import { claimTenancy, nodeIssuer } from './idp-tenancy.js';
import type { StartingPoint } from './types.js';

/** The scope of `key` as the start of a path whose first edge is `firstEdge` (to `firstTarget`). */
export function startScope(
  graph: AccessGraph,
  key: string,
  firstTarget?: string,
  firstEdge?: EdgeAttributes,
): Scope {
  const attrs = graph.getNodeAttributes(key);
  switch (attrs.kind) {
    case 'anyone':
      // `*` that the policy limits to principals of other organizations it names, or by
      // conditions an outsider cannot meet (aws:SourceArn, aws:PrincipalAccount …): external.
      return firstEdge?.otherOrganizationsOnly === true || firstEdge?.gatedForOutsiders === true
        ? 'external'
        : 'public';
    case 'service': {
      if (firstTarget === undefined || !graph.hasNode(firstTarget)) return 'org';
      return graph.getNodeAttribute(firstTarget, 'scope') ?? 'org';
    }
    case 'idp': {
      const issuer = nodeIssuer(graph, key);
      if (issuer !== undefined)
        return claimTenancy(issuer, firstEdge?.claims) === 'public' ? 'public' : 'external';
      return attrs.scope ?? 'external';
    }
    case 'account':
    case 'user':
    case 'group':
    case 'role':
    case 'bucket':
    case 'resource':
    case 'workload':
      return attrs.scope ?? 'external';
    case 'sso-user':
    case 'sso-group':
      // The organization's own workforce directory.
      return attrs.scope ?? 'org';
  }
}

/** The description of a starting point: key, kind, account, scope, vendor. */
export function describeStart(
  graph: AccessGraph,
  key: string,
  firstTarget?: string,
  firstEdge?: EdgeAttributes,
): StartingPoint {
  const attrs = graph.getNodeAttributes(key);
  const out: StartingPoint = {
    principal: key,
    kind: attrs.kind,
    scope: startScope(graph, key, firstTarget, firstEdge),
  };
  if (attrs.accountId !== undefined) out.accountId = attrs.accountId;
  if (attrs.vendor !== undefined) out.vendor = attrs.vendor;
  return out;
}

const SCOPE_RANK: Readonly<Record<Scope, number>> = { public: 0, external: 1, vendor: 2, org: 3 };

/** Orders scopes from the least trusted (`public`) to the organization. */
export function compareScopes(a: Scope, b: Scope): number {
  return SCOPE_RANK[a] - SCOPE_RANK[b];
}

/**
 * `who-can-reach <resource> [--action]` (IAM-SEMANTICS.md §7.5): every starting point —
 * principal, account, vendor, identity provider, service or anyone — with a path to the bucket
 * or resource (KMS key, secret, queue, topic, repository) for the action group (default: the
 * target's first, e.g. `read`, `decrypt`, `publish`, `pull`), or to the role, each with its shortest explained path
 * and scope. One backward BFS from the resource answers for everybody at once.
 *
 * A start's decision is the best over all its paths: `allow` when some path within `maxDepth` has
 * no conditional hop (then the shortest such path is shown), else `conditional` with the
 * shortest path, among equally short ones that with the fewest conditional hops (issue 12 case 8). One exception to "shortest": an identity provider of a
 * multi-tenant issuer (GitHub, GitLab.com, Google …) that reaches the resource through *some*
 * trust without a tenant constraint is `public`, and the path shown is the shortest such one —
 * the path that explains the scope (IAM-SEMANTICS.md §9). Order of the answer: least trusted scope first (`public`,
 * `external`, `vendor`, `org`), then shorter paths, then by key — so a `maxResults` cap keeps
 * what a reviewer looks for first.
 */
import type { AccessGraph, EdgeAttributes, Scope } from '../graph/types.js';
import { resolveActionGroup } from './action-groups.js';
import { claimTenancy, nodeIssuer } from './idp-tenancy.js';
import { hopsToOrigin, layeredBfs, type Link } from './layered-bfs.js';
import { UnknownNodeError, WrongNodeKindError } from './query-errors.js';
import { collectPeople, isHiddenStart, isPeopleNode } from './people-reach.js';
import { compareScopes, describeStart, startScope } from './start-scope.js';
import {
  compareKeys,
  compareParallelEdges,
  hopOf,
  isPathEdge,
  matchesAction,
  positiveCap,
  resolveSearch,
  unionKeys,
} from './traversal.js';
import {
  DEFAULT_MAX_RESULTS,
  type Reacher,
  type WhoCanReachOptions,
  type WhoCanReachResult,
} from './types.js';

/**
 * Who can reach `resourceKey` (a bucket, a resource or a role). Throws `UnknownNodeError` when
 * the key is not in the graph, `WrongNodeKindError` for other node kinds and
 * `WrongActionGroupError` for an action group the target does not have.
 */
export function findWhoCanReach(
  graph: AccessGraph,
  resourceKey: string,
  options: WhoCanReachOptions = {},
): WhoCanReachResult {
  if (!graph.hasNode(resourceKey)) throw new UnknownNodeError(resourceKey, []);
  const kind = graph.getNodeAttribute(resourceKey, 'kind');
  if (kind !== 'bucket' && kind !== 'role' && kind !== 'resource')
    throw new WrongNodeKindError(resourceKey, kind, ['bucket', 'resource', 'role']);
  const { includeConditional, maxDepth, budget } = resolveSearch(options);
  const maxResults = positiveCap('maxResults', options.maxResults, DEFAULT_MAX_RESULTS);
  const action = resolveActionGroup(graph, resourceKey, options.action);

  // Into a target with action groups only its `can-access` edges of the group count (a Lambda
  // function's takeover edges, which also end at it, are not an invocation).
  const accept = (attrs: EdgeAttributes, _source: string, target: string): boolean =>
    isPathEdge(attrs, includeConditional) &&
    (attrs.kind === 'can-access'
      ? target === resourceKey && matchesAction(attrs, action)
      : action === undefined || target !== resourceKey);
  const { links, stopped } = layeredBfs(graph, resourceKey, 'backward', maxDepth, budget, accept);
  // A start's decision is the best over all its paths (allow beats conditional) and the path
  // shown the shortest with that decision: unconditional paths are searched for on their own.
  const acceptAllow = (attrs: EdgeAttributes, source: string, target: string): boolean =>
    attrs.decision === 'allow' && accept(attrs, source, target);
  let allow: ReadonlyMap<string, Link> | undefined;
  if (includeConditional && [...links.values()].some((l) => l.conditional > 0))
    allow = layeredBfs(graph, resourceKey, 'backward', maxDepth, budget, acceptAllow).links;

  // Order light records first; build the paths of the kept ones only.
  const records: { node: string; link: Link; scope: Scope; map: ReadonlyMap<string, Link> }[] = [];
  for (const [node, found] of links) {
    if (isPeopleNode(graph, node) || isHiddenStart(graph, node)) continue;
    const allowFound = allow?.get(node);
    const fromAllow =
      allow === undefined || allowFound === undefined
        ? undefined
        : (publicIdpLink(graph, node, resourceKey, allow, maxDepth, acceptAllow) ?? allowFound);
    const publicAny = publicIdpLink(graph, node, resourceKey, links, maxDepth, accept);
    // A public identity provider's scope is explained by its untethered trust: keep that path
    // unless an unconditional one explains the same scope.
    if (
      fromAllow !== undefined &&
      allow !== undefined &&
      (publicAny === undefined ||
        startScope(graph, node, fromAllow.via, fromAllow.attrs) ===
          startScope(graph, node, publicAny.via, publicAny.attrs))
    )
      records.push({
        node,
        link: fromAllow,
        scope: startScope(graph, node, fromAllow.via, fromAllow.attrs),
        map: allow,
      });
    else {
      const link = publicAny ?? found;
      records.push({
        node,
        link,
        scope: startScope(graph, node, link.via, link.attrs),
        map: links,
      });
    }
  }
  records.sort(
    (a, b) =>
      compareScopes(a.scope, b.scope) || a.link.depth - b.link.depth || compareKeys(a.node, b.node),
  );
  const kept: Reacher[] = records.slice(0, maxResults).map(({ node, link, map }) => {
    const path = [hopOf(node, link.via, link.attrs), ...hopsToOrigin(map, link.via)];
    return {
      ...describeStart(graph, node, link.via, link.attrs),
      decision: link.conditional > 0 ? 'conditional' : 'allow',
      conditionKeys: unionKeys(path),
      path,
    };
  });
  const people = collectPeople(graph, resourceKey, links, accept, maxResults, allow);
  if (stopped)
    return {
      kind: 'truncated',
      reason: 'time-budget',
      resource: resourceKey,
      action,
      principals: kept,
      ...(people !== undefined ? { people } : {}),
    };
  if (records.length === 0 && people === undefined)
    return { kind: 'none', resource: resourceKey, action };
  return {
    kind: 'found',
    resource: resourceKey,
    action,
    principals: kept,
    truncated:
      records.length > maxResults ||
      (people !== undefined && (people.totalUsers > maxResults || people.totalGroups > maxResults)),
    ...(people !== undefined ? { people } : {}),
  };
}

/**
 * For an identity provider of a multi-tenant issuer: the best first edge whose trust has no
 * tenant constraint (or a broad one) and that continues to the resource within `maxDepth` —
 * shortest, then fewest conditional hops, then by key. Undefined for other nodes or when every
 * trust of the provider is bounded.
 */
function publicIdpLink(
  graph: AccessGraph,
  node: string,
  origin: string,
  links: ReadonlyMap<string, Link>,
  maxDepth: number,
  accept: (attrs: EdgeAttributes, source: string, target: string) => boolean,
): Link | undefined {
  const issuer = nodeIssuer(graph, node);
  if (issuer === undefined) return undefined;
  let best: Link | undefined;
  graph.forEachOutEdge(node, (edgeKey, attrs, source, target) => {
    if (!accept(attrs, source, target) || claimTenancy(issuer, attrs.claims) !== 'public') return;
    const rest = target === origin ? { depth: 0, conditional: 0 } : links.get(target);
    if (rest === undefined || rest.depth + 1 > maxDepth) return;
    const cand: Link = {
      via: target,
      edgeKey,
      attrs,
      depth: rest.depth + 1,
      conditional: rest.conditional + (attrs.decision === 'conditional' ? 1 : 0),
    };
    if (best === undefined || firstIsBetter(cand, best)) best = cand;
  });
  return best;
}

function firstIsBetter(a: Link, b: Link): boolean {
  return (
    (a.depth - b.depth ||
      a.conditional - b.conditional ||
      compareKeys(a.via, b.via) ||
      compareParallelEdges(
        { key: a.edgeKey, attrs: a.attrs },
        { key: b.edgeKey, attrs: b.attrs },
      )) < 0
  );
}

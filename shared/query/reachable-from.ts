/**
 * `reachable-from <principal or account>`: the blast radius — every role reachable over
 * `can-assume` edges and every bucket reachable per action group (the last hop is a
 * `can-access` edge), each with its best explained path: the shortest unconditional path when
 * one exists, else the shortest path (allow beats conditional, issue 12 case 8); among equally
 * short ones, the one whose last edge allows the most actions. One forward BFS over roles; buckets
 * are read off the reached nodes' `can-access` edges.
 */
import type { AccessGraph, ActionGroup, EdgeAttributes } from '../graph/types.js';
import { hopsFromOrigin, layeredBfs, type Link } from './layered-bfs.js';
import { UnknownNodeError, WrongNodeKindError } from './query-errors.js';
import { startScope } from './start-scope.js';
import {
  compareKeys,
  compareParallelEdges,
  hopOf,
  isPathEdge,
  positiveCap,
  resolveSearch,
  unionKeys,
} from './traversal.js';
import {
  DEFAULT_MAX_RESULTS,
  type AdminAccount,
  type ReachableBucket,
  type ReachableFromOptions,
  type ReachableFromResult,
  type ReachableRole,
} from './types.js';

const GROUP_ORDER: readonly ActionGroup[] = [
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
];

interface BucketReach {
  bucket: string;
  group: ActionGroup;
  from: string;
  edgeKey: string;
  attrs: EdgeAttributes;
  depth: number;
  conditional: number;
  /** The BFS links that explain the path to `from`. */
  map: ReadonlyMap<string, Link>;
}

function betterReach(a: BucketReach, b: BucketReach): boolean {
  // Allow beats conditional, whatever the length (issue 12 case 8).
  if ((a.conditional === 0) !== (b.conditional === 0)) return a.conditional === 0;
  if (a.depth !== b.depth) return a.depth < b.depth;
  if (a.conditional !== b.conditional) return a.conditional < b.conditional;
  // Among equally good paths, the one whose last edge allows the most actions of the group, so
  // that `actions` is not a narrower grant found first (a delete-only role before a read-write one).
  const widthA = a.attrs.actions?.length ?? 0;
  const widthB = b.attrs.actions?.length ?? 0;
  if (widthA !== widthB) return widthA > widthB;
  const f = compareKeys(a.from, b.from);
  if (f !== 0) return f < 0;
  return (
    compareParallelEdges({ key: a.edgeKey, attrs: a.attrs }, { key: b.edgeKey, attrs: b.attrs }) < 0
  );
}

/**
 * What `principalKey` can reach. Throws `UnknownNodeError` when the key is not in the graph and
 * `WrongNodeKindError` for a bucket or a group (neither acts on its own).
 */
export function findReachableFrom(
  graph: AccessGraph,
  principalKey: string,
  options: ReachableFromOptions = {},
): ReachableFromResult {
  if (!graph.hasNode(principalKey)) throw new UnknownNodeError(principalKey, []);
  const kind = graph.getNodeAttribute(principalKey, 'kind');
  if (kind === 'bucket' || kind === 'group')
    throw new WrongNodeKindError(principalKey, kind, [
      'sso-user',
      'sso-group',
      'user',
      'role',
      'account',
      'idp',
      'service',
      'anyone',
    ]);
  const { includeConditional, maxDepth, budget } = resolveSearch(options);
  const maxResults = positiveCap('maxResults', options.maxResults, DEFAULT_MAX_RESULTS);

  const { links, stopped } = layeredBfs(
    graph,
    principalKey,
    'forward',
    maxDepth,
    budget,
    (attrs) => attrs.kind !== 'can-access' && isPathEdge(attrs, includeConditional),
  );
  // The decision of what is reached is the best over all paths (allow beats conditional) and
  // the path shown the shortest with that decision: unconditional paths are searched on their own.
  let allow: ReadonlyMap<string, Link> | undefined;
  // A search that ran out of time answers `truncated` with what it found; no second search.
  if (!stopped && includeConditional && [...links.values()].some((l) => l.conditional > 0))
    allow = layeredBfs(
      graph,
      principalKey,
      'forward',
      maxDepth,
      budget,
      (attrs) =>
        attrs.decision === 'allow' &&
        attrs.kind !== 'can-access' &&
        isPathEdge(attrs, includeConditional),
    ).links;

  // Buckets: the can-access edges of the start and of every node reached in fewer than maxDepth hops.
  const reaches = new Map<string, BucketReach>();
  const origin: Pick<Link, 'depth' | 'conditional'> = { depth: 0, conditional: 0 };
  const sources: [string, Pick<Link, 'depth' | 'conditional'>, ReadonlyMap<string, Link>][] = [
    [principalKey, origin, links],
    ...[...links].map(([n, l]): [string, Link, ReadonlyMap<string, Link>] => [n, l, links]),
    ...[...(allow ?? [])].map(([n, l]): [string, Link, ReadonlyMap<string, Link>] => [
      n,
      l,
      allow ?? links,
    ]),
  ];
  for (const [node, link, map] of sources) {
    if (budget.expired) break;
    if (link.depth >= maxDepth) continue;
    graph.forEachOutEdge(node, (key, attrs, _source, target) => {
      budget.spend();
      if (attrs.kind !== 'can-access' || attrs.actionGroup === undefined) return;
      if (!isPathEdge(attrs, includeConditional)) return;
      const cand: BucketReach = {
        bucket: target,
        group: attrs.actionGroup,
        from: node,
        edgeKey: key,
        attrs,
        depth: link.depth + 1,
        conditional: link.conditional + (attrs.decision === 'conditional' ? 1 : 0),
        map,
      };
      const id = `${target}\u0000${attrs.actionGroup}`;
      const old = reaches.get(id);
      if (old === undefined || betterReach(cand, old)) reaches.set(id, cand);
    });
  }

  const roles: ReachableRole[] = [];
  for (const [node, link] of links) {
    const attrs = graph.getNodeAttributes(node);
    if (attrs.kind !== 'role') continue;
    const best = link.conditional > 0 && allow?.has(node) === true ? allow : links;
    const path = hopsFromOrigin(best, node);
    const entry: ReachableRole = {
      role: node,
      scope: startScope(graph, node),
      admin: attrs.admin === true,
      decision: best === links && link.conditional > 0 ? 'conditional' : 'allow',
      conditionKeys: unionKeys(path),
      path,
    };
    if (attrs.accountId !== undefined) entry.accountId = attrs.accountId;
    roles.push(entry);
  }
  roles.sort((a, b) => a.path.length - b.path.length || compareKeys(a.role, b.role));

  const buckets: ReachableBucket[] = [];
  for (const r of reaches.values()) {
    const path = [...hopsFromOrigin(r.map, r.from), hopOf(r.from, r.bucket, r.attrs)];
    const entry: ReachableBucket = {
      bucket: r.bucket,
      action: r.group,
      actions: r.attrs.actions ?? [],
      decision: r.conditional > 0 ? 'conditional' : 'allow',
      conditionKeys: unionKeys(path),
      path,
    };
    const accountId = graph.getNodeAttribute(r.bucket, 'accountId');
    if (accountId !== undefined) entry.accountId = accountId;
    const service = graph.getNodeAttribute(r.bucket, 'service');
    if (service !== undefined) entry.service = service;
    buckets.push(entry);
  }
  buckets.sort(
    (a, b) =>
      compareKeys(a.bucket, b.bucket) ||
      GROUP_ORDER.indexOf(a.action) - GROUP_ORDER.indexOf(b.action),
  );

  const admin = adminAccounts(graph, principalKey, links);

  const keptRoles = roles.slice(0, maxResults);
  const keptBuckets = buckets.slice(0, maxResults);
  if (stopped || budget.expired)
    return {
      kind: 'truncated',
      reason: 'time-budget',
      from: principalKey,
      roles: keptRoles,
      buckets: keptBuckets,
      admin,
    };
  if (roles.length === 0 && buckets.length === 0 && admin.length === 0)
    return { kind: 'none', from: principalKey };
  return {
    kind: 'found',
    from: principalKey,
    roles: keptRoles,
    buckets: keptBuckets,
    admin,
    truncated: roles.length > maxResults || buckets.length > maxResults,
  };
}

/**
 * The accounts in which the start can become an administrator: the account nodes reached (an
 * account node stands for its administrators, and only administrators and escalations lead to
 * it), and the start's own account with an empty path when the start already is an
 * administrator (or is the account node). Shortest first, then by account id.
 */
function adminAccounts(
  graph: AccessGraph,
  start: string,
  links: ReadonlyMap<string, Link>,
): AdminAccount[] {
  const out = new Map<string, AdminAccount>();
  const startAttrs = graph.getNodeAttributes(start);
  if (
    (startAttrs.admin === true || startAttrs.kind === 'account') &&
    startAttrs.accountId !== undefined
  )
    out.set(startAttrs.accountId, {
      accountId: startAttrs.accountId,
      path: [],
      decision: 'allow',
      conditionKeys: [],
    });
  for (const [node, link] of links) {
    const attrs = graph.getNodeAttributes(node);
    if (attrs.kind !== 'account' || attrs.accountId === undefined || out.has(attrs.accountId))
      continue;
    const path = hopsFromOrigin(links, node);
    out.set(attrs.accountId, {
      accountId: attrs.accountId,
      path,
      decision: link.conditional > 0 ? 'conditional' : 'allow',
      conditionKeys: unionKeys(path),
    });
  }
  return [...out.values()].sort(
    (a, b) => a.path.length - b.path.length || compareKeys(a.accountId, b.accountId),
  );
}

/**
 * The paths a change opens (DESIGN.md "What-if"): organization nodes that become reachable from
 * outside the organization, and nodes that gain a path to an administrator or a crown jewel —
 * each with the explained path (its hops and their evidence) in the graph after the change.
 *
 * Reachability is computed in both graphs with the same rules as `external-path-to-admin`:
 * outside starts are external and vendor accounts and principals, `*` through public trusts and
 * grants (public-edges.ts), and multi-tenant OIDC providers through trusts without a tenant bound
 * (oidc-trust.ts); a path stops at the first administrator it reaches (an administrator controls
 * its account; the first one is where the fix belongs). Each search runs twice, over every path
 * edge and over `allow` edges only, so that a path that loses its last condition is reported too.
 */
import { ANYONE_KEY } from '../graph/callers/opaque-callers.js';
import type { AuthzModel } from '../authorize/types.js';
import type { AccessGraph, EdgeAttributes } from '../graph/types.js';
import { oidcTrusts } from '../audit/oidc-trust.js';
import { isPublicEdge } from '../audit/public-edges.js';
import { compareKeys, hopOf, isPathEdge } from '../query/traversal.js';
import type { Hop } from '../query/types.js';

export type NewPathCategory =
  'outside-to-admin' | 'outside-to-crown-jewel' | 'outside' | 'to-admin' | 'to-crown-jewel';

export interface NewPath {
  category: NewPathCategory;
  /** Where the path starts (an outside node, or the node that gains the path). */
  start: string;
  /** The node newly reached. */
  target: string;
  /** `allow` when every hop is; a path that only lost its conditions has `wasConditional`. */
  decision: 'allow' | 'conditional';
  /**
   * The start reached such a node before only through conditional edges; now a path without
   * conditions exists.
   */
  wasConditional?: boolean;
  hops: readonly Hop[];
}

export interface AnalyzedGraph {
  graph: AccessGraph;
  model: AuthzModel;
}

interface Reach {
  /** node → the edge that reached it (source, key, attrs); starts map to null. */
  parent: Map<string, { from: string; attrs: EdgeAttributes } | null>;
}

/** Outside starting points, each with the first edges it may use (undefined = all). */
function outsideStarts({ graph, model }: AnalyzedGraph): Map<string, Set<string> | undefined> {
  const starts = new Map<string, Set<string> | undefined>();
  graph.forEachNode((key, a) => {
    if (a.unresolved === true) return;
    if (
      (a.kind === 'account' || a.kind === 'user' || a.kind === 'role') &&
      (a.scope === 'external' || a.scope === 'vendor')
    )
      starts.set(key, undefined);
  });
  if (graph.hasNode(ANYONE_KEY)) {
    const open = new Set<string>();
    graph.forEachOutEdge(ANYONE_KEY, (edgeKey, attrs, _s, target) => {
      if (
        ((attrs.kind === 'can-assume' || attrs.kind === 'can-access') &&
          isPublicEdge(model, target, attrs)) ||
        (attrs.kind === 'can-escalate' && attrs.decision === 'allow')
      )
        open.add(edgeKey);
    });
    if (open.size > 0) starts.set(ANYONE_KEY, open);
  }
  for (const t of oidcTrusts(graph, model)) {
    if (t.verdict === 'bounded') continue;
    let open = starts.get(t.edge.source);
    if (open === undefined) starts.set(t.edge.source, (open = new Set()));
    open.add(t.edge.key);
  }
  return starts;
}

/**
 * What the comparison needs of the graph before the change, computed before the graph after it
 * exists (what-if builds the graph after in place of the one before): the reach from outside and
 * towards administrators and crown jewels, and which nodes were administrators or crown jewels.
 */
export interface PathsBefore {
  outside: { was: Reach; wasAllow: Reach };
  inside: Record<InsideTarget, { was: Reach; wasAllow: Reach }>;
  admins: ReadonlySet<string>;
  crownJewels: ReadonlySet<string>;
}

export function pathsBefore(before: AnalyzedGraph): PathsBefore {
  const starts = outsideStarts(before);
  const admins = new Set<string>();
  const crownJewels = new Set<string>();
  before.graph.forEachNode((key, a) => {
    if (a.admin === true) admins.add(key);
    if (a.crownJewel === true) crownJewels.add(key);
  });
  return {
    outside: {
      was: reachForward(before.graph, starts, false),
      wasAllow: reachForward(before.graph, starts, true),
    },
    inside: {
      admin: {
        was: reachBackward(before.graph, false, 'admin'),
        wasAllow: reachBackward(before.graph, true, 'admin'),
      },
      crownJewel: {
        was: reachBackward(before.graph, false, 'crownJewel'),
        wasAllow: reachBackward(before.graph, true, 'crownJewel'),
      },
    },
    admins,
    crownJewels,
  };
}

/** `categoryOf` in the graph before the change. */
function categoryBefore(before: PathsBefore, node: string): NewPathCategory {
  return before.admins.has(node)
    ? 'outside-to-admin'
    : before.crownJewels.has(node)
      ? 'outside-to-crown-jewel'
      : 'outside';
}

/** The category of a path from outside that ends at `node`. */
function categoryOf(graph: AccessGraph, node: string): NewPathCategory {
  if (!graph.hasNode(node)) return 'outside';
  const a = graph.getNodeAttributes(node);
  return a.admin === true
    ? 'outside-to-admin'
    : a.crownJewel === true
      ? 'outside-to-crown-jewel'
      : 'outside';
}

/**
 * Multi-source BFS forwards from `starts`; stops past administrators. A node reached over
 * `can-access` is reached but not continued from (access to a resource never continues: reading
 * or invoking a Lambda function does not give its role's permissions, IAM-SEMANTICS.md §7a.6);
 * reached later over another edge (a takeover), it continues from there.
 */
function reachForward(
  graph: AccessGraph,
  starts: Map<string, Set<string> | undefined>,
  allowOnly: boolean,
): Reach {
  const parent: Reach['parent'] = new Map();
  const accessOnly = new Set<string>();
  let frontier = [...starts.keys()].sort(compareKeys);
  for (const s of frontier) parent.set(s, null);
  while (frontier.length > 0) {
    const next: string[] = [];
    for (const node of frontier) {
      // A path ends at the first administrator it reaches.
      if (parent.get(node) !== null && graph.getNodeAttribute(node, 'admin') === true) continue;
      const firstEdges = starts.get(node);
      const out: { target: string; attrs: EdgeAttributes }[] = [];
      graph.forEachOutEdge(node, (key, attrs, _s, target) => {
        if (!isPathEdge(attrs, !allowOnly)) return;
        if (parent.get(node) === null && firstEdges !== undefined && !firstEdges.has(key)) return;
        out.push({ target, attrs });
      });
      out.sort((x, y) => compareKeys(x.target, y.target));
      for (const { target, attrs } of out) {
        const access = attrs.kind === 'can-access';
        if (parent.has(target) && !(accessOnly.has(target) && !access)) continue;
        parent.set(target, { from: node, attrs });
        if (access) accessOnly.add(target);
        else {
          accessOnly.delete(target);
          next.push(target);
        }
      }
    }
    frontier = next;
  }
  return { parent };
}

/** What an inside path ends at: an administrator, or a crown jewel. */
type InsideTarget = 'admin' | 'crownJewel';

/**
 * Multi-source BFS backwards from the organization's administrators, or from its crown jewels
 * (each start is a target). The two are searched apart so that a principal that reached a crown
 * jewel before and now reaches an administrator is a new path (and the other way round).
 */
function reachBackward(graph: AccessGraph, allowOnly: boolean, towards: InsideTarget): Reach {
  const parent: Reach['parent'] = new Map();
  let frontier: string[] = [];
  graph.forEachNode((key, a) => {
    if (a.scope === 'org' && a[towards] === true) frontier.push(key);
  });
  frontier.sort(compareKeys);
  for (const s of frontier) parent.set(s, null);
  while (frontier.length > 0) {
    const next: string[] = [];
    for (const node of frontier) {
      const inc: { source: string; attrs: EdgeAttributes }[] = [];
      // A `can-access` edge only ends a path, at a crown jewel (a start): see reachForward.
      const start = parent.get(node) === null;
      graph.forEachInEdge(node, (_key, attrs, source) => {
        if (isPathEdge(attrs, !allowOnly) && (start || attrs.kind !== 'can-access'))
          inc.push({ source, attrs });
      });
      inc.sort((x, y) => compareKeys(x.source, y.source));
      for (const { source, attrs } of inc) {
        if (parent.has(source)) continue;
        // An administrator is the end of a path, never a step towards another one.
        if (graph.getNodeAttribute(source, 'admin') === true) continue;
        parent.set(source, { from: node, attrs });
        next.push(source);
      }
    }
    frontier = next;
  }
  return { parent };
}

function forwardHops(reach: Reach, node: string): Hop[] {
  const hops: Hop[] = [];
  let at = node;
  for (let p = reach.parent.get(at); p; p = reach.parent.get(at)) {
    hops.unshift(hopOf(p.from, at, p.attrs));
    at = p.from;
  }
  return hops;
}

function backwardHops(reach: Reach, node: string): Hop[] {
  const hops: Hop[] = [];
  let at = node;
  for (let p = reach.parent.get(at); p; p = reach.parent.get(at)) {
    hops.push(hopOf(at, p.from, p.attrs));
    at = p.from;
  }
  return hops;
}

function decisionOf(hops: readonly Hop[]): 'allow' | 'conditional' {
  return hops.some((h) => h.decision === 'conditional') ? 'conditional' : 'allow';
}

/** Caps the work: beyond this many new paths per category only the count is kept. */
export const MAX_PATHS_PER_CATEGORY = 500;

export interface NewPathsResult {
  paths: NewPath[];
  /** Paths per category, including those left out beyond the cap. */
  counts: Readonly<Record<NewPathCategory, number>>;
}

/** The paths present in `after` and absent from `before`. */
export function findNewPaths(before: PathsBefore, after: AnalyzedGraph): NewPathsResult {
  const counts: Record<NewPathCategory, number> = {
    'outside-to-admin': 0,
    'outside-to-crown-jewel': 0,
    outside: 0,
    'to-admin': 0,
    'to-crown-jewel': 0,
  };
  const paths: NewPath[] = [];
  const add = (p: NewPath): void => {
    counts[p.category]++;
    if (counts[p.category] <= MAX_PATHS_PER_CATEGORY) paths.push(p);
  };

  const startsAfter = outsideStarts(after);
  const outside = {
    ...before.outside,
    now: reachForward(after.graph, startsAfter, false),
    nowAllow: reachForward(after.graph, startsAfter, true),
  };
  for (const allowOnly of [false, true]) {
    const now = allowOnly ? outside.nowAllow : outside.now;
    const was = allowOnly ? outside.wasAllow : outside.was;
    for (const [node, p] of [...now.parent].sort(([a], [b]) => compareKeys(a, b))) {
      if (p === null) continue;
      const a = after.graph.getNodeAttributes(node);
      if (a.scope !== 'org') continue;
      // Reached before as the same kind of target: nothing new (a node that becomes an
      // administrator or crown jewel is a new target even if outsiders reached it before).
      if (was.parent.has(node) && categoryBefore(before, node) === categoryOf(after.graph, node))
        continue;
      // Newly unconditional: only when some (conditional) path existed before.
      if (allowOnly && !outside.was.parent.has(node)) continue;
      if (allowOnly && categoryBefore(before, node) !== categoryOf(after.graph, node)) continue;
      const hops = forwardHops(now, node);
      const path: NewPath = {
        category: categoryOf(after.graph, node),
        start: hops[0]?.from ?? node,
        target: node,
        decision: decisionOf(hops),
        hops,
      };
      if (allowOnly) path.wasConditional = true;
      add(path);
    }
  }
  // A path already reported from outside is not reported again as a path to an administrator.
  const outsidePairs = new Set(paths.map((p) => `${p.start}\u0000${p.target}`));
  for (const towards of ['admin', 'crownJewel'] as const) {
    const inside = {
      ...before.inside[towards],
      now: reachBackward(after.graph, false, towards),
      nowAllow: reachBackward(after.graph, true, towards),
    };
    for (const allowOnly of [false, true]) {
      const now = allowOnly ? inside.nowAllow : inside.now;
      const was = allowOnly ? inside.wasAllow : inside.was;
      for (const [node, p] of [...now.parent].sort(([a], [b]) => compareKeys(a, b))) {
        if (p === null || was.parent.has(node)) continue;
        if (allowOnly && !inside.was.parent.has(node)) continue;
        const hops = backwardHops(now, node);
        const end = hops[hops.length - 1]?.to ?? node;
        if (outsidePairs.has(`${node}\u0000${end}`)) continue;
        const path: NewPath = {
          category: towards === 'admin' ? 'to-admin' : 'to-crown-jewel',
          start: node,
          target: end,
          decision: decisionOf(hops),
          hops,
        };
        if (allowOnly) path.wasConditional = true;
        add(path);
      }
    }
  }
  return { paths, counts };
}

/** Principals that are administrators after the change and were not before. */
export function findNewAdmins(before: PathsBefore, after: AccessGraph): string[] {
  const out: string[] = [];
  after.forEachNode((key, a) => {
    if (a.admin !== true) return;
    if (before.admins.has(key)) return;
    out.push(key);
  });
  return out.sort(compareKeys);
}

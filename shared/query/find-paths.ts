/**
 * `path <from> <to>`: the shortest paths over `can-assume` / `can-access` edges
 * (IAM-SEMANTICS.md §4.5: each hop is evaluated on its own; a path's condition set is the union
 * of its hops' keys), and the `member-of` / `can-sign-in` edges of IAM Identity Center people.
 * `dangling-trust` edges are never part of a path; an IAM user's path starts at the user, whose
 * edges already include its groups' policies (IAM groups have no edges of their own).
 *
 * Algorithm (k-shortest by BFS layering, never enumerating all simple paths):
 * 1. Bidirectional BFS, always growing the smaller frontier, until the two balls meet: that gives
 *    the minimal length L and, for every node on a shortest path, its exact distance from `from`
 *    and to `to`.
 * 2. Every shortest path is enumerated from the meeting layer outwards, along nodes whose
 *    distance drops by one per hop: there are no dead ends, so the work is proportional to the
 *    paths produced (capped).
 * 3. When at most `maxPaths` were found, longer simple paths (L+1 … maxDepth) are searched
 *    depth-first from one end, pruned by the exact distance to the other end (one ball grown to
 *    `maxDepth - 1`). A work cap and the time budget bound this phase; hitting either marks the
 *    result `truncated`.
 *
 * Order: shorter paths first; among equally long ones, fewer conditional hops first, then by the
 * sequence of node keys. Between two nodes the best edge is used (allow over conditional; for
 * buckets `read`, `write`, `list`, `admin`), so paths differ by their nodes.
 */
import type { AccessGraph, EdgeAttributes } from '../graph/types.js';
import { UnknownNodeError } from './query-errors.js';
import {
  compareKeys,
  compareParallelEdges,
  hopOf,
  isPathEdge,
  matchesAction,
  pathOf,
  positiveCap,
  resolveSearch,
  type QueryBudget,
} from './traversal.js';
import {
  DEFAULT_MAX_PATHS,
  type AccessPath,
  type Hop,
  type PathOptions,
  type PathResult,
} from './types.js';

/** Shortest paths enumerated before ordering them (a multiple of `maxPaths`). */
const SHORTEST_ENUMERATION_FACTOR = 20;
/** Node expansions allowed to the longer-path search. */
const LONGER_SEARCH_WORK_CAP = 200_000;
/** Nodes a ball may hold while it is grown for the longer-path search. */
const BALL_NODE_CAP = 200_000;

type Direction = 'forward' | 'backward';

interface Step {
  node: string;
  edgeKey: string;
  attrs: EdgeAttributes;
}

/** The graph seen from one end: neighbours along accepted edges, best edge per neighbour. */
class Walker {
  constructor(
    private readonly graph: AccessGraph,
    private readonly accept: (attrs: EdgeAttributes, target: string) => boolean,
    private readonly budget: QueryBudget,
  ) {}

  /** Visits every accepted neighbour edge of `u` in direction `dir` (no ordering, may repeat nodes). */
  each(dir: Direction, u: string, visit: (v: string) => void): void {
    if (dir === 'forward')
      this.graph.forEachOutEdge(u, (_key, attrs, _source, target) => {
        this.budget.spend();
        if (this.accept(attrs, target)) visit(target);
      });
    else
      this.graph.forEachInEdge(u, (_key, attrs, source, target) => {
        this.budget.spend();
        if (this.accept(attrs, target)) visit(source);
      });
  }

  /** Accepted neighbours of `u` with their best edge, sorted by node key. */
  steps(dir: Direction, u: string, keep: (v: string) => boolean): Step[] {
    const best = new Map<string, Step>();
    const consider = (key: string, attrs: EdgeAttributes, v: string, target: string): void => {
      this.budget.spend();
      if (!keep(v) || !this.accept(attrs, target)) return;
      const old = best.get(v);
      if (
        old === undefined ||
        compareParallelEdges({ key, attrs }, { key: old.edgeKey, attrs: old.attrs }) < 0
      )
        best.set(v, { node: v, edgeKey: key, attrs });
    };
    if (dir === 'forward')
      this.graph.forEachOutEdge(u, (key, attrs, _source, target) => {
        consider(key, attrs, target, target);
      });
    else
      this.graph.forEachInEdge(u, (key, attrs, source, target) => {
        consider(key, attrs, source, target);
      });
    return [...best.values()].sort((a, b) => compareKeys(a.node, b.node));
  }
}

/** A BFS ball grown one layer at a time: exact distances from its centre. */
class Ball {
  readonly dist = new Map<string, number>();
  frontier: string[];
  radius = 0;

  constructor(
    readonly centre: string,
    readonly dir: Direction,
  ) {
    this.dist.set(centre, 0);
    this.frontier = [centre];
  }

  /** Grows one layer; returns the new nodes. */
  grow(walker: Walker): string[] {
    const next: string[] = [];
    const d = this.radius + 1;
    for (const u of this.frontier)
      walker.each(this.dir, u, (v) => {
        if (this.dist.has(v)) return;
        this.dist.set(v, d);
        next.push(v);
      });
    this.radius = d;
    this.frontier = next;
    return next;
  }
}

function hopsOf(steps: readonly { from: string; to: string; attrs: EdgeAttributes }[]): Hop[] {
  return steps.map((s) => hopOf(s.from, s.to, s.attrs));
}

function conditionalCount(p: AccessPath): number {
  let n = 0;
  for (const h of p.hops) if (h.decision === 'conditional') n++;
  return n;
}

function comparePaths(a: AccessPath, b: AccessPath): number {
  if (a.hops.length !== b.hops.length) return a.hops.length - b.hops.length;
  const c = conditionalCount(a) - conditionalCount(b);
  if (c !== 0) return c;
  for (let i = 0; i < a.hops.length; i++) {
    const x = compareKeys(a.hops[i]?.to ?? '', b.hops[i]?.to ?? '');
    if (x !== 0) return x;
  }
  return 0;
}

/**
 * The shortest paths from `from` to `to` (see the file header for the order and caps). Throws
 * `UnknownNodeError` when either key is not in the graph; `{ kind: 'none' }` when no path of at
 * most `maxDepth` hops exists (or `from === to`).
 */
export function findPaths(
  graph: AccessGraph,
  from: string,
  to: string,
  options: PathOptions = {},
): PathResult {
  for (const key of [from, to]) if (!graph.hasNode(key)) throw new UnknownNodeError(key, []);
  const { includeConditional, maxDepth, budget } = resolveSearch(options);
  const maxPaths = positiveCap('maxPaths', options.maxPaths, DEFAULT_MAX_PATHS);
  if (from === to) return { kind: 'none' };
  const action = options.action;
  // can-access edges end at buckets, which have no way out: only those into `to` are useful.
  const accept = (attrs: EdgeAttributes, target: string): boolean =>
    isPathEdge(attrs, includeConditional) &&
    (attrs.kind !== 'can-access' || (target === to && matchesAction(attrs, action)));
  const walker = new Walker(graph, accept, budget);

  // 1. Bidirectional BFS to the meeting layer.
  const fwd = new Ball(from, 'forward');
  const bwd = new Ball(to, 'backward');
  let meeting: string[] = [];
  while (fwd.radius + bwd.radius < maxDepth) {
    if (fwd.frontier.length === 0 || bwd.frontier.length === 0) return { kind: 'none' };
    const growForward = fwd.frontier.length <= bwd.frontier.length;
    const grown = growForward ? fwd : bwd;
    const other = growForward ? bwd : fwd;
    const added = grown.grow(walker);
    if (budget.expired) return { kind: 'truncated', reason: 'time-budget', paths: [] };
    meeting = added.filter((v) => other.dist.has(v));
    if (meeting.length > 0) break;
  }
  if (meeting.length === 0) return { kind: 'none' };
  meeting.sort(compareKeys);

  // 2. Every shortest path, through the meeting layer.
  const cap = maxPaths * SHORTEST_ENUMERATION_FACTOR;
  const shortest = enumerateShortest(walker, fwd, bwd, meeting, cap, budget);
  if (budget.expired && shortest.length === 0)
    return { kind: 'truncated', reason: 'time-budget', paths: [] };
  shortest.sort(comparePaths);
  let truncated = shortest.length > maxPaths || budget.expired;
  const paths = shortest.slice(0, maxPaths);

  // 3. Longer simple paths while there is room (with no room left: whether one exists at all).
  const length = fwd.radius + bwd.radius;
  if (!truncated && length < maxDepth) {
    const room = maxPaths - paths.length;
    // One more than there is room for: finding it is what says "there are more".
    const longer = findLongerPaths(walker, fwd, bwd, length, maxDepth, room + 1, budget);
    paths.push(...longer.paths.slice(0, room));
    truncated ||= longer.stopped || longer.paths.length > room;
  }
  return { kind: 'found', paths, truncated };
}

/** Shortest paths through the meeting nodes; at most `cap`. */
function enumerateShortest(
  walker: Walker,
  fwd: Ball,
  bwd: Ball,
  meeting: readonly string[],
  cap: number,
  budget: QueryBudget,
): AccessPath[] {
  const out: AccessPath[] = [];
  type Link = { from: string; to: string; attrs: EdgeAttributes };
  // Halves from `from` to m (built backwards along df - 1) and from m to `to` (along db - 1).
  const halves = (m: string, ball: Ball, dir: Direction): Link[][] => {
    const result: Link[][] = [];
    const walk = (u: string, acc: Link[]): void => {
      if (result.length >= cap || budget.expired) return;
      const d = ball.dist.get(u) ?? 0;
      if (d === 0) {
        result.push(dir === 'backward' ? [...acc].reverse() : [...acc]);
        return;
      }
      const steps = walker.steps(dir, u, (v) => ball.dist.get(v) === d - 1);
      for (const s of steps) {
        const link =
          dir === 'backward'
            ? { from: s.node, to: u, attrs: s.attrs }
            : { from: u, to: s.node, attrs: s.attrs };
        acc.push(link);
        walk(s.node, acc);
        acc.pop();
      }
    };
    walk(m, []);
    return result;
  };
  for (const m of meeting) {
    // From `from` to m: step backwards over in-edges whose source is one layer closer to `from`.
    const heads = halves(m, fwd, 'backward');
    // From m to `to`: step forwards over out-edges whose target is one layer closer to `to`.
    const tails = halves(m, bwd, 'forward');
    for (const h of heads)
      for (const t of tails) {
        if (out.length >= cap) return out;
        out.push(pathOf(hopsOf([...h, ...t])));
      }
  }
  return out;
}

/**
 * Simple paths of length `shortest + 1` … `maxDepth`, at most `need`, shorter first. One ball is
 * grown to `maxDepth - 1` (the one with the smaller frontier); the search runs from the other
 * end, pruned by the grown ball's exact distances. `stopped`: the work cap or the time budget
 * ended the search early.
 */
function findLongerPaths(
  walker: Walker,
  fwd: Ball,
  bwd: Ball,
  shortest: number,
  maxDepth: number,
  need: number,
  budget: QueryBudget,
): { paths: AccessPath[]; stopped: boolean } {
  const ball = bwd.frontier.length <= fwd.frontier.length ? bwd : fwd;
  const start = ball === bwd ? fwd.centre : bwd.centre;
  const dir: Direction = ball === bwd ? 'forward' : 'backward';
  const target = ball.centre;
  while (ball.radius < maxDepth - 1 && ball.frontier.length > 0) {
    ball.grow(walker);
    if (budget.expired || ball.dist.size > BALL_NODE_CAP) return { paths: [], stopped: true };
  }
  const paths: AccessPath[] = [];
  // Mutated inside the recursive search (an object, so the flow analysis sees it change).
  const state = { work: 0, stopped: false };
  const onPath = new Set<string>([start]);
  const links: { from: string; to: string; attrs: EdgeAttributes }[] = [];

  const done = (): boolean => paths.length >= need || state.stopped;
  const dfs = (u: string, depth: number, length: number): void => {
    if (done()) return;
    if (++state.work > LONGER_SEARCH_WORK_CAP || budget.expired) {
      state.stopped = true;
      return;
    }
    const steps = walker.steps(dir, u, (v) => {
      if (v === target) return depth + 1 === length;
      if (onPath.has(v)) return false;
      const rest = ball.dist.get(v);
      return rest !== undefined && depth + 1 + rest <= length;
    });
    for (const s of steps) {
      links.push(
        dir === 'forward'
          ? { from: u, to: s.node, attrs: s.attrs }
          : { from: s.node, to: u, attrs: s.attrs },
      );
      if (s.node === target) {
        const ordered = dir === 'forward' ? [...links] : [...links].reverse();
        paths.push(pathOf(hopsOf(ordered)));
      } else {
        onPath.add(s.node);
        dfs(s.node, depth + 1, length);
        onPath.delete(s.node);
      }
      links.pop();
      if (done()) return;
    }
  };

  for (
    let length = shortest + 1;
    length <= maxDepth && paths.length < need && !state.stopped;
    length++
  ) {
    const before = paths.length;
    dfs(start, 0, length);
    const sorted = paths.slice(before).sort(comparePaths);
    paths.splice(before, sorted.length, ...sorted);
  }
  return { paths, stopped: state.stopped };
}

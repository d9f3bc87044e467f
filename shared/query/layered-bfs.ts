/**
 * One layered BFS over path edges, from one node, forwards (out-edges) or backwards (in-edges),
 * recording for every node reached its distance and the one edge that continues its shortest
 * path. Among equally short continuations the one with fewer conditional hops wins, then the
 * smaller neighbour key, then the better parallel edge — so the result does not depend on edge
 * insertion order. Shared by who-can-reach (backwards) and reachable-from (forwards).
 */
import type { AccessGraph, EdgeAttributes } from '../graph/types.js';
import { compareKeys, compareParallelEdges, hopOf, type QueryBudget } from './traversal.js';
import type { Hop } from './types.js';

/** How a node continues towards (backwards) or came from (forwards) the BFS origin. */
export interface Link {
  /** The neighbour one hop closer to the origin. */
  via: string;
  edgeKey: string;
  attrs: EdgeAttributes;
  /** Distance from the origin, in hops. */
  depth: number;
  /** Conditional hops on the chosen path to the origin. */
  conditional: number;
}

export interface BfsResult {
  /** Every node reached except the origin, with its link. */
  links: Map<string, Link>;
  /** The time budget ran out before the BFS completed. */
  stopped: boolean;
}

/** Whether continuing through `via` over (`edgeKey`, `attrs`) beats the current link. */
function better(
  link: Link,
  conditional: number,
  via: string,
  edgeKey: string,
  attrs: EdgeAttributes,
): boolean {
  if (conditional !== link.conditional) return conditional < link.conditional;
  const v = compareKeys(via, link.via);
  if (v !== 0) return v < 0;
  return (
    compareParallelEdges({ key: edgeKey, attrs }, { key: link.edgeKey, attrs: link.attrs }) < 0
  );
}

/**
 * BFS from `origin` up to `maxDepth` hops. `accept(attrs, source, target, key)` says whether an edge
 * may be used; `expand(node)` whether the search continues past a node (default: always).
 */
export function layeredBfs(
  graph: AccessGraph,
  origin: string,
  direction: 'forward' | 'backward',
  maxDepth: number,
  budget: QueryBudget,
  accept: (attrs: EdgeAttributes, source: string, target: string, edgeKey: string) => boolean,
  expand: (node: string) => boolean = () => true,
): BfsResult {
  const links = new Map<string, Link>();
  const conditionalOf = (node: string): number =>
    node === origin ? 0 : (links.get(node)?.conditional ?? 0);
  let layer: string[] = [origin];
  for (let depth = 1; depth <= maxDepth && layer.length > 0; depth++) {
    const next: string[] = [];
    for (const v of layer) {
      if (v !== origin && !expand(v)) continue;
      const base = conditionalOf(v);
      const consider = (key: string, attrs: EdgeAttributes, u: string): void => {
        if (u === origin) return;
        const conditional = base + (attrs.decision === 'conditional' ? 1 : 0);
        const old = links.get(u);
        if (old === undefined) {
          links.set(u, { via: v, edgeKey: key, attrs, depth, conditional });
          next.push(u);
        } else if (old.depth === depth && better(old, conditional, v, key, attrs)) {
          old.via = v;
          old.edgeKey = key;
          old.attrs = attrs;
          old.conditional = conditional;
        }
      };
      if (direction === 'backward')
        graph.forEachInEdge(v, (key, attrs, source, target) => {
          budget.spend();
          if (accept(attrs, source, target, key)) consider(key, attrs, source);
        });
      else
        graph.forEachOutEdge(v, (key, attrs, source, target) => {
          budget.spend();
          if (accept(attrs, source, target, key)) consider(key, attrs, target);
        });
      if (budget.expired) return { links, stopped: true };
    }
    layer = next;
  }
  return { links, stopped: false };
}

/** The hops from `node` to the origin of a backward BFS (`node` first). */
export function hopsToOrigin(links: ReadonlyMap<string, Link>, node: string): Hop[] {
  const hops: Hop[] = [];
  let at = node;
  for (let link = links.get(at); link !== undefined; link = links.get(at)) {
    hops.push(hopOf(at, link.via, link.attrs));
    at = link.via;
  }
  return hops;
}

/** The hops from the origin of a forward BFS to `node` (origin first). */
export function hopsFromOrigin(links: ReadonlyMap<string, Link>, node: string): Hop[] {
  const hops: Hop[] = [];
  let at = node;
  for (let link = links.get(at); link !== undefined; link = links.get(at)) {
    hops.push(hopOf(link.via, at, link.attrs));
    at = link.via;
  }
  return hops.reverse();
}

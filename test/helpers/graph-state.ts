/**
 * A graph's exact state, to check that something which changes a graph and undoes the change
 * (what-if's GraphJournal) gives it back as it was: the same node and edge keys, the same
 * attribute objects (by identity), the same contents.
 */
import { expect } from 'vitest';
import type { AccessGraph } from '../../shared/graph/types.js';

export interface GraphState {
  nodes: Map<string, { attrs: object; json: string }>;
  edges: Map<string, { attrs: object; json: string }>;
}

export function graphState(g: AccessGraph): GraphState {
  const nodes = new Map<string, { attrs: object; json: string }>();
  g.forEachNode((key, a) => nodes.set(key, { attrs: a, json: JSON.stringify(a) }));
  const edges = new Map<string, { attrs: object; json: string }>();
  g.forEachEdge((key, a, s, t) => edges.set(key, { attrs: a, json: JSON.stringify([s, t, a]) }));
  return { nodes, edges };
}

/** `g` is exactly in `before`'s state. */
export function expectGraphState(g: AccessGraph, before: GraphState): void {
  const now = graphState(g);
  for (const what of ['nodes', 'edges'] as const) {
    expect([...now[what].keys()].sort()).toEqual([...before[what].keys()].sort());
    for (const [k, v] of before[what]) {
      const n = now[what].get(k);
      expect(n?.attrs === v.attrs, `${what} ${k} keeps its attribute object`).toBe(true);
      expect(n?.json, k).toBe(v.json);
    }
  }
}

// Edges as lines on very large graphs (web/src/graph/line-edges-layer.ts): every visible edge
// between visible nodes, centre to centre, in its colour after the highlight.
import { describe, expect, it } from 'vitest';
import { packEdges } from '../../web/src/graph/line-edges-layer.js';

const nodes: Record<string, { x: number; y: number; visibility?: string }> = {
  a: { x: 0, y: 0 },
  b: { x: 1, y: 0.5 },
  c: { x: 0.25, y: 1 },
  hiddenNode: { x: 0.5, y: 0.5, visibility: 'hidden' },
};
const edges: { key: string; source: string; target: string; look: Record<string, unknown> }[] = [
  { key: 'ab', source: 'a', target: 'b', look: { color: '#ff0000' } },
  { key: 'bc', source: 'b', target: 'c', look: { color: '#00ff00', opacity: 0.5 } },
  // A removed edge outside diff mode: hidden by the reducer.
  { key: 'removed', source: 'a', target: 'c', look: { color: '#0000ff', visibility: 'hidden' } },
  // An edge to a hidden node is not drawn either.
  { key: 'toHidden', source: 'a', target: 'hiddenNode', look: { color: '#0000ff' } },
];
const source = {
  getGraph: () => ({
    forEachEdge: (cb: (key: string, attributes: unknown, s: string, t: string) => void) => {
      for (const e of edges) cb(e.key, {}, e.source, e.target);
    },
  }),
  getNodeDisplayData: (key: string) => nodes[key],
  getEdgeDisplayData: (key: string) =>
    edges.find((e) => e.key === key)?.look as { color: string } | undefined,
};

describe('packEdges', () => {
  it('packs two vertices per visible edge between visible nodes, with colour and opacity', () => {
    const out = { data: new Float32Array(4) };
    expect(packEdges(source, out)).toBe(2);
    const vertex = (i: number): number[] => Array.from(out.data.slice(i * 6, i * 6 + 6));
    expect(vertex(0)).toEqual([0, 0, 1, 0, 0, 1]);
    expect(vertex(1)).toEqual([1, 0.5, 1, 0, 0, 1]);
    expect(vertex(2)).toEqual([1, 0.5, 0, 1, 0, 0.5]);
    expect(vertex(3)).toEqual([0.25, 1, 0, 1, 0, 0.5]);
  });
});

// What the dashboard's own WebGL layers draw (web/src/graph/pack-display-data.ts): nodes while
// the camera moves (colours read as Sigma reads them, hidden nodes left out, label-only nodes
// transparent, raised nodes drawn last) and edges as lines (every visible edge between visible
// nodes, centre to centre, in its colour after the highlight).
import { describe, expect, it } from 'vitest';
import {
  NODE_STRIDE,
  packEdges,
  packNodes,
  parseColor,
  SHAPE_IDS,
} from '../../web/src/graph/pack-display-data.js';

describe('parseColor', () => {
  const cases: { name: string; color: string; rgba: readonly number[] }[] = [
    { name: '#rrggbb', color: '#ff0080', rgba: [1, 0, 128 / 255, 1] },
    { name: '#rgb expands each digit', color: '#f08', rgba: [1, 0, 136 / 255, 1] },
    { name: '#rrggbbaa keeps alpha', color: '#00000080', rgba: [0, 0, 0, 128 / 255] },
    { name: 'rgba()', color: 'rgba(255, 0, 0, 0.5)', rgba: [1, 0, 0, 0.5] },
    { name: 'rgb()', color: 'rgb(0, 255, 0)', rgba: [0, 1, 0, 1] },
    { name: 'unknown: mid-grey, never a failed frame', color: 'teal', rgba: [0.5, 0.5, 0.5, 1] },
  ];
  for (const c of cases)
    it(c.name, () => {
      const got = parseColor(c.color);
      c.rgba.forEach((v, i) => {
        expect(got[i]).toBeCloseTo(v, 5);
      });
    });
});

describe('packNodes', () => {
  const display: Record<string, Record<string, unknown>> = {
    a: { x: 0.1, y: 0.2, size: 3, color: '#ff0000', zIndex: 0, shape: 'triangle' },
    selected: { x: 0.5, y: 0.5, size: 6, color: '#000000', zIndex: 3, shape: 'square' },
    hidden: { x: 0.9, y: 0.9, size: 3, color: '#ff0000', visibility: 'hidden' },
    ouLabel: { x: 0.3, y: 0.3, size: 1, color: '#5b6b7f', opacity: 0 },
    focused: { x: 0.4, y: 0.4, size: 4, color: '#00ff00', zIndex: 2, shape: 'hexagon' },
    big: { x: 0.6, y: 0.6, size: 9, color: '#0000ff', visibility: 'hidden', shape: 'diamond' },
  };
  const source = {
    getGraph: () => ({
      forEachNode: (cb: (key: string) => void) => {
        Object.keys(display).forEach(cb);
      },
    }),
    getNodeDisplayData: (key: string) =>
      display[key] as { x: number; y: number; size: number; color: string } | undefined,
  };

  it('packs visible nodes, raised ones last in zIndex order, label-only nodes transparent', () => {
    const out = { data: new Float32Array(2) };
    const { count, largestSize } = packNodes(source, out);
    expect(count).toBe(4);
    // The hidden node (size 9) is not drawn, so it does not count.
    expect(largestSize).toBe(6);
    const rows = Array.from({ length: count }, (_, i) =>
      Array.from(out.data.slice(i * NODE_STRIDE, (i + 1) * NODE_STRIDE)),
    );
    // Order: a, ouLabel (zIndex 0), then focused (2), then selected (3).
    expect(rows.map((r) => r[2])).toEqual([3, 1, 4, 6]);
    expect(rows[0]?.slice(0, 2).map((v) => Math.round(v * 10) / 10)).toEqual([0.1, 0.2]);
    expect(rows[1]?.[6]).toBe(0);
    expect(rows[3]?.slice(3, 7)).toEqual([0, 0, 0, 1]);
    // Shapes: triangle, none (a disc), an unknown one (a disc), square.
    expect(rows.map((r) => r[7])).toEqual([
      SHAPE_IDS.triangle,
      SHAPE_IDS.circle,
      SHAPE_IDS.circle,
      SHAPE_IDS.square,
    ]);
  });
});

const lineNodes: Record<string, { x: number; y: number; visibility?: string }> = {
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
const lineSource = {
  getGraph: () => ({
    forEachEdge: (cb: (key: string, attributes: unknown, s: string, t: string) => void) => {
      for (const e of edges) cb(e.key, {}, e.source, e.target);
    },
  }),
  getNodeDisplayData: (key: string) => lineNodes[key],
  getEdgeDisplayData: (key: string) =>
    edges.find((e) => e.key === key)?.look as { color: string } | undefined,
};

describe('packEdges', () => {
  it('packs two vertices per visible edge between visible nodes, with colour and opacity', () => {
    const out = { data: new Float32Array(4) };
    expect(packEdges(lineSource, out)).toBe(2);
    const vertex = (i: number): number[] => Array.from(out.data.slice(i * 6, i * 6 + 6));
    expect(vertex(0)).toEqual([0, 0, 1, 0, 0, 1]);
    expect(vertex(1)).toEqual([1, 0.5, 1, 0, 0, 1]);
    expect(vertex(2)).toEqual([1, 0.5, 0, 1, 0, 0.5]);
    expect(vertex(3)).toEqual([0.25, 1, 0, 1, 0, 0.5]);
  });
});

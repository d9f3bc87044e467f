// The nodes drawn while the camera moves (web/src/graph/moving-nodes-layer.ts): colours read as
// Sigma reads them, hidden and label-only nodes left out, raised nodes drawn last.
import { describe, expect, it } from 'vitest';
import { packNodes, parseColor } from '../../web/src/graph/moving-nodes-layer.js';

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
    a: { x: 0.1, y: 0.2, size: 3, color: '#ff0000', zIndex: 0 },
    selected: { x: 0.5, y: 0.5, size: 6, color: '#000000', zIndex: 3 },
    hidden: { x: 0.9, y: 0.9, size: 3, color: '#ff0000', visibility: 'hidden' },
    ouLabel: { x: 0.3, y: 0.3, size: 1, color: '#5b6b7f', opacity: 0 },
    focused: { x: 0.4, y: 0.4, size: 4, color: '#00ff00', zIndex: 2 },
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
    const count = packNodes(source, out);
    expect(count).toBe(4);
    const rows = Array.from({ length: count }, (_, i) =>
      Array.from(out.data.slice(i * 7, i * 7 + 7)),
    );
    // Order: a, ouLabel (zIndex 0), then focused (2), then selected (3).
    expect(rows.map((r) => r[2])).toEqual([3, 1, 4, 6]);
    expect(rows[0]?.slice(0, 2).map((v) => Math.round(v * 10) / 10)).toEqual([0.1, 0.2]);
    expect(rows[1]?.[6]).toBe(0);
    expect(rows[3]?.slice(3)).toEqual([0, 0, 0, 1]);
  });
});

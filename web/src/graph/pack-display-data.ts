/**
 * What the dashboard's own WebGL layers draw, packed from Sigma's display data (positions already
 * normalized, sizes and colours after the reducers) into flat vertex arrays: nodes for
 * point-nodes-layer.ts, edges for line-edges-layer.ts. Pure (no DOM, no WebGL), so it is tested
 * on its own.
 */

/** What the node layer reads from the renderer (Sigma's display data). */
export interface NodeSource {
  getGraph(): { forEachNode(callback: (key: string) => void): void };
  getNodeDisplayData(key: string): NodeDisplay | undefined;
}

/** Floats per vertex: x, y, size, r, g, b, a, shape. */
export const NODE_STRIDE = 8;

/** The shape ids of point-nodes-layer.ts's fragment shader; anything else is a disc. */
export const SHAPE_IDS: Readonly<Record<string, number>> = {
  circle: 0,
  square: 1,
  triangle: 2,
  diamond: 3,
};

const colorCache = new Map<string, readonly [number, number, number, number]>();

/**
 * `#rgb`, `#rrggbb`, `#rrggbbaa` or `rgb(a)(…)` → RGBA in 0–1 (the colours the dashboard uses);
 * anything else is drawn mid-grey rather than failing a frame.
 */
export function parseColor(color: string): readonly [number, number, number, number] {
  const cached = colorCache.get(color);
  if (cached !== undefined) return cached;
  let rgba: [number, number, number, number] = [0.5, 0.5, 0.5, 1];
  const hex = /^#([0-9a-f]{3}|[0-9a-f]{6}|[0-9a-f]{8})$/i.exec(color)?.[1];
  if (hex !== undefined) {
    const full =
      hex.length === 3
        ? hex
            .split('')
            .map((c) => c + c)
            .join('')
        : hex;
    const byte = (i: number): number => parseInt(full.slice(i, i + 2), 16) / 255;
    rgba = [byte(0), byte(2), byte(4), full.length === 8 ? byte(6) : 1];
  } else {
    const fn = /^rgba?\(([^)]*)\)$/i.exec(color.trim())?.[1];
    const parts = fn?.split(',').map((s) => Number(s.trim()));
    if (parts !== undefined && parts.length >= 3 && parts.every((n) => Number.isFinite(n)))
      rgba = [(parts[0] ?? 0) / 255, (parts[1] ?? 0) / 255, (parts[2] ?? 0) / 255, parts[3] ?? 1];
  }
  if (colorCache.size < 1024) colorCache.set(color, rgba);
  return rgba;
}

interface NodeDisplay {
  x: number;
  y: number;
  size: number;
  color: string;
  shape?: string;
  visibility?: string;
  opacity?: number;
  zIndex?: number;
}

/**
 * Packs the visible nodes of `source` into the layer's vertex layout, nodes raised by the
 * highlight (selection, focus: zIndex above 0) last so that they are drawn on top, as Sigma
 * draws them. Returns the node count and the largest node size; `out.data` grows as needed.
 */
export function packNodes(
  source: NodeSource,
  out: { data: Float32Array },
): { count: number; largestSize: number } {
  let count = 0;
  let largestSize = 0;
  const raised: NodeDisplay[] = [];
  const put = (d: NodeDisplay): void => {
    if ((count + 1) * NODE_STRIDE > out.data.length) {
      const grown = new Float32Array(Math.max(1024, out.data.length * 2));
      grown.set(out.data);
      out.data = grown;
    }
    const [r, g, b, a] = parseColor(d.color);
    const o = count * NODE_STRIDE;
    out.data[o] = d.x;
    out.data[o + 1] = d.y;
    out.data[o + 2] = d.size;
    out.data[o + 3] = r;
    out.data[o + 4] = g;
    out.data[o + 5] = b;
    out.data[o + 6] = a * (typeof d.opacity === 'number' ? d.opacity : 1);
    out.data[o + 7] = SHAPE_IDS[d.shape ?? 'circle'] ?? 0;
    if (d.size > largestSize) largestSize = d.size;
    count += 1;
  };
  source.getGraph().forEachNode((key) => {
    const d = source.getNodeDisplayData(key);
    if (d === undefined || d.visibility === 'hidden') return;
    if (typeof d.zIndex === 'number' && d.zIndex > 0) raised.push(d);
    else put(d);
  });
  raised.sort((a, b) => (a.zIndex ?? 0) - (b.zIndex ?? 0)).forEach(put);
  return { count, largestSize };
}

/** What the edge layer reads from the renderer (Sigma's display data). */
export interface EdgeSource {
  getGraph(): {
    forEachEdge(
      callback: (key: string, attributes: unknown, source: string, target: string) => void,
    ): void;
  };
  getNodeDisplayData(key: string): { x: number; y: number; visibility?: string } | undefined;
  getEdgeDisplayData(
    key: string,
  ): { color: string; visibility?: string; opacity?: number } | undefined;
}

/** Floats per vertex: x, y, r, g, b, a (two vertices per edge). */
export const EDGE_STRIDE = 6;

/** Packs the visible edges between visible nodes, two vertices each; returns the edge count. */
export function packEdges(source: EdgeSource, out: { data: Float32Array }): number {
  let count = 0;
  source.getGraph().forEachEdge((key, _attributes, from, to) => {
    const e = source.getEdgeDisplayData(key);
    if (e === undefined || e.visibility === 'hidden') return;
    const a = source.getNodeDisplayData(from);
    const b = source.getNodeDisplayData(to);
    if (
      a === undefined ||
      b === undefined ||
      a.visibility === 'hidden' ||
      b.visibility === 'hidden'
    )
      return;
    if ((count + 1) * 2 * EDGE_STRIDE > out.data.length) {
      const grown = new Float32Array(Math.max(2048, out.data.length * 2));
      grown.set(out.data);
      out.data = grown;
    }
    const [r, g, bl, alpha] = parseColor(e.color);
    const opacity = alpha * (typeof e.opacity === 'number' ? e.opacity : 1);
    let o = count * 2 * EDGE_STRIDE;
    for (const p of [a, b]) {
      out.data[o] = p.x;
      out.data[o + 1] = p.y;
      out.data[o + 2] = r;
      out.data[o + 3] = g;
      out.data[o + 4] = bl;
      out.data[o + 5] = opacity;
      o += EDGE_STRIDE;
    }
    count += 1;
  });
  return count;
}

/**
 * Sunflower (Vogel) spiral: n points packed evenly in a disc, the i-th at distance
 * `spacing·√i` from the centre. Deterministic and O(n), so positions exist before the first
 * frame whatever the size of the graph.
 */

const GOLDEN_ANGLE = Math.PI * (3 - Math.sqrt(5));

export interface Point {
  x: number;
  y: number;
}

/** The i-th point of a spiral centred on (cx, cy). */
export function spiralPoint(i: number, spacing: number, cx = 0, cy = 0): Point {
  const r = spacing * Math.sqrt(i + 0.5);
  const a = i * GOLDEN_ANGLE;
  return { x: cx + r * Math.cos(a), y: cy + r * Math.sin(a) };
}

/** Radius of the disc that holds n points of the spiral. */
export function spiralRadius(n: number, spacing: number): number {
  return spacing * Math.sqrt(Math.max(n, 1) + 0.5);
}

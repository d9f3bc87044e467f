/**
 * Kleene three-valued truth as small integers for the evaluation hot path (IAM-SEMANTICS.md
 * §5.2), and the conversion to the public `Tri`. Functions that may return `UNKNOWN` push the
 * keys that leave the result undecided onto a caller-provided array; a function that ends up
 * returning FALSE or TRUE removes whatever it pushed (the keys did not decide anything).
 */
import type { Tri } from './types.js';

export const FALSE = 0;
export const TRUE = 1;
export const UNKNOWN = 2;
export type Truth = typeof FALSE | typeof TRUE | typeof UNKNOWN;

export function toTri(t: Truth): Tri {
  return t === TRUE ? true : t === FALSE ? false : 'unknown';
}

/** Lower-cased unique keys in first-seen order, keeping the first spelling of each. */
export function uniqueKeys(keys: readonly string[]): string[] {
  if (keys.length <= 1) return keys.slice();
  if (keys.length === 2) {
    const [a, b] = keys as [string, string];
    return a.toLowerCase() === b.toLowerCase() ? [a] : [a, b];
  }
  const seen = new Set<string>();
  const out: string[] = [];
  for (const k of keys) {
    const lower = k.toLowerCase();
    if (seen.has(lower)) continue;
    seen.add(lower);
    out.push(k);
  }
  return out;
}

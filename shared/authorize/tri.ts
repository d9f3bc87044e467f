/**
 * Three-valued truth with the condition keys it hangs on (IAM-SEMANTICS.md §5.2): the gates of a
 * decision (trust, identity, boundary, SCP levels …) are combined with Kleene AND / OR, and an
 * `unknown` result remembers which keys would decide it.
 *
 * Invariant: `keys` is empty unless `value === 'unknown'`.
 */
import type { Tri } from '../policy/types.js';

export interface TriKeys {
  readonly value: Tri;
  readonly keys: readonly string[];
}

export const TRUE: TriKeys = Object.freeze({
  value: true,
  keys: Object.freeze([]),
});
export const FALSE: TriKeys = Object.freeze({
  value: false,
  keys: Object.freeze([]),
});

/** An undecided value that depends on `keys`. */
export function unknownOn(keys: readonly string[]): TriKeys {
  return { value: 'unknown', keys };
}

function mergeKeys(a: readonly string[], b: readonly string[]): readonly string[] {
  if (a.length === 0) return b;
  if (b.length === 0) return a;
  const out = [...a];
  for (const k of b) if (!out.includes(k)) out.push(k);
  return out;
}

/** Kleene AND: false wins, then unknown (keys of every unknown operand), then true. */
export function and(a: TriKeys, b: TriKeys): TriKeys {
  if (a.value === false || b.value === false) return FALSE;
  if (a.value === true) return b;
  if (b.value === true) return a;
  return unknownOn(mergeKeys(a.keys, b.keys));
}

/** Kleene OR: true wins, then unknown (keys of every unknown operand), then false. */
export function or(a: TriKeys, b: TriKeys): TriKeys {
  if (a.value === true || b.value === true) return TRUE;
  if (a.value === false) return b;
  if (b.value === false) return a;
  return unknownOn(mergeKeys(a.keys, b.keys));
}

/** Sorted, unique keys. */
export function sortedKeys(keys: Iterable<string>): string[] {
  return [...new Set(keys)].sort();
}

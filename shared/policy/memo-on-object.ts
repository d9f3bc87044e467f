/**
 * Values derived from an immutable object (a caller profile, a policy ref …) and kept on the
 * object itself, under a non-enumerable symbol: invisible to JSON, spreads and key listings, and
 * much cheaper to read than a WeakMap on the graph builder's hot path. Frozen objects fall back to
 * a WeakMap.
 */

/** A per-object memo of one derived value. */
export interface ObjectMemo<O extends object, V> {
  get(owner: O): V | undefined;
  set(owner: O, value: V): V;
}

/** Creates a memo whose values are stored on their owners under a fresh symbol named `name`. */
export function objectMemo<O extends object, V>(name: string): ObjectMemo<O, V> {
  const key = Symbol(name);
  const frozen = new WeakMap<O, V>();
  return {
    get: (owner) => (owner as { [key]?: V })[key] ?? frozen.get(owner),
    set: (owner, value) => {
      if (Object.isExtensible(owner)) Object.defineProperty(owner, key, { value });
      else frozen.set(owner, value);
      return value;
    },
  };
}

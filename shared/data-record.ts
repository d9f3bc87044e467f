/**
 * Records keyed by data (condition operators and keys, principal maps, tags, account ids): a key
 * named `__proto__`, `constructor` or `prototype` is data too (CONVENTIONS.md "Errors").
 *
 * `dataRecord()` has no prototype, so no key reads an inherited member and `__proto__` is an
 * ordinary own key; `ownValue()` reads a plain JSON object (from `JSON.parse`) without ever
 * returning an inherited member such as `Object.prototype.constructor`.
 */

/** An empty record with no prototype: every key, `__proto__` included, is an own data key. */
export function dataRecord<T>(): Record<string, T> {
  return Object.create(null) as Record<string, T>;
}

/** Sets `record[key] = value` as an own data property, whatever the key and the prototype. */
export function setDataKey<T>(record: Record<string, T>, key: string, value: T): void {
  Object.defineProperty(record, key, {
    value,
    enumerable: true,
    writable: true,
    configurable: true,
  });
}

/** `record[key]` when it is the record's own property; undefined for inherited members. */
export function ownValue<T>(record: Readonly<Record<string, T>>, key: string): T | undefined {
  return Object.hasOwn(record, key) ? record[key] : undefined;
}

/**
 * Turns SDK outputs into the JSON the AWS CLI prints: no `$metadata`, no `undefined`, dates as
 * ISO 8601 strings in UTC with an explicit `+00:00` offset (the CLI's `iso8601` timestamp format,
 * e.g. `2019-08-19T17:19:09+00:00`). Strings are kept byte for byte: policy documents stay
 * URL-encoded exactly as the API returned them; decoding them is the snapshot loader's job.
 */

/** JSON value as written to a snapshot file. */
export type JsonValue =
  string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };

/** Formats a date the way the AWS CLI prints timestamps (microseconds only when non-zero). */
export function formatCliTimestamp(date: Date): string {
  const iso = date.toISOString(); // 2019-08-19T17:19:09.123Z
  const seconds = iso.slice(0, 19);
  const millis = date.getUTCMilliseconds();
  const fraction = millis === 0 ? '' : `.${String(millis).padStart(3, '0')}000`;
  return `${seconds}${fraction}+00:00`;
}

/**
 * Deep-copies an SDK output into plain JSON: drops `$metadata` and pagination bookkeeping the
 * caller names in `dropKeys` (top level only), drops `undefined`, formats dates.
 * Invalid dates (which the SDK never produces) become `null` rather than throwing.
 */
export function toCliJson(value: unknown, dropKeys: readonly string[] = []): JsonValue {
  const drop = new Set(['$metadata', ...dropKeys]);
  return convert(value, drop);
}

function convert(value: unknown, dropTopLevel: ReadonlySet<string> | undefined): JsonValue {
  if (value === null || value === undefined) return null;
  if (value instanceof Date) {
    return Number.isNaN(value.getTime()) ? null : formatCliTimestamp(value);
  }
  if (typeof value === 'string' || typeof value === 'boolean') return value;
  if (typeof value === 'number') return Number.isFinite(value) ? value : null;
  if (typeof value === 'bigint') return value.toString();
  if (Array.isArray(value)) return value.map((item: unknown) => convert(item, undefined));
  if (typeof value === 'object') {
    const out: Record<string, JsonValue> = {};
    for (const [key, item] of Object.entries(value)) {
      if (item === undefined) continue;
      if (key === '$metadata' || dropTopLevel?.has(key) === true) continue;
      // defineProperty: a key named `__proto__` in an AWS answer stays data.
      Object.defineProperty(out, key, {
        value: convert(item, undefined),
        enumerable: true,
        writable: true,
        configurable: true,
      });
    }
    return out;
  }
  return null;
}

/**
 * Where a store lives: a SQLite file path, or a PostgreSQL URL (`postgres://` or
 * `postgresql://`). A URL is never taken for a path: any other `scheme://` is refused.
 */

export type StoreLocation = { kind: 'sqlite'; path: string } | { kind: 'postgres'; url: string };

/** `scheme://` at the start of a `--db` value or `TRUSTMAP_DB`. */
const URL_SCHEME = /^([A-Za-z][A-Za-z0-9+.-]*):\/\//;

/** Whether `value` is a URL (and so must not be resolved as a file path). */
export function isStoreUrl(value: string): boolean {
  return URL_SCHEME.test(value);
}

/** The store `value` names; throws `UnsupportedStoreUrlError` for a URL of another scheme. */
export function parseStoreLocation(value: string): StoreLocation {
  const m = URL_SCHEME.exec(value);
  if (!m) return { kind: 'sqlite', path: value };
  const scheme = (m[1] ?? '').toLowerCase();
  if (scheme === 'postgres' || scheme === 'postgresql') return { kind: 'postgres', url: value };
  throw new UnsupportedStoreUrlError(scheme);
}

/** A `--db` URL whose scheme trustmap cannot store in. */
export class UnsupportedStoreUrlError extends Error {
  override readonly name = 'UnsupportedStoreUrlError';
  constructor(readonly scheme: string) {
    super(
      `unsupported store URL scheme "${scheme}://": expected a SQLite file path or postgres://user@host:port/database`,
    );
  }
}

/** The location for messages and logs: a URL's password replaced by `****`. */
export function describeStoreLocation(value: string): string {
  if (!isStoreUrl(value)) return value;
  try {
    const url = new URL(value);
    if (url.password !== '') url.password = '****';
    url.searchParams.forEach((_, key) => {
      if (/pass|secret|key|token/i.test(key)) url.searchParams.set(key, '****');
    });
    return url.toString();
  } catch {
    return value.replace(/\/\/[^@/]*@/, '//****@');
  }
}

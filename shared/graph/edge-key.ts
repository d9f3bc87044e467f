/**
 * The one function that builds edge keys. Keys are opaque: nothing ever parses them back;
 * every fact about an edge is in its attributes.
 */
import type { EdgeKind } from './types.js';

/** Text that JSON writes as it is: no quote, backslash, control character or surrogate. */
// eslint-disable-next-line no-control-regex -- control characters are what JSON escapes
const VERBATIM = /^[^"\\\u0000-\u001f\ud800-\udfff]*$/;

function jsonBody(s: string): string {
  return VERBATIM.test(s) ? s : JSON.stringify(s).slice(1, -1);
}

/**
 * Key of the edge of `kind` from `source` to `target`. `variant` separates parallel edges of the
 * same kind (e.g. the S3 action group, or the STS action). The key is the JSON text of
 * `[kind, source, target, variant]`, built as one flat string: the graph hashes every key it
 * stores, and a string made by concatenation would first be copied flat.
 */
export function edgeKey(kind: EdgeKind, source: string, target: string, variant = ''): string {
  return [
    '["',
    kind,
    '","',
    jsonBody(source),
    '","',
    jsonBody(target),
    '","',
    jsonBody(variant),
    '"]',
  ].join('');
}

/**
 * The variant `v` for which `edgeKey(kind, source, target, v)` is `key`, or `undefined` when no
 * variant gives that key. Used only to send keys compactly (shared/api/compact-graph.ts: the
 * receiver builds the key again from its parts); a variant is returned only when `edgeKey` gives
 * the key back from it, so nothing is ever read out of a key that `edgeKey` did not put there.
 */
export function edgeKeyVariant(
  key: string,
  kind: string,
  source: string,
  target: string,
): string | undefined {
  // What `edgeKey(kind, source, target, v)` starts with, whatever `v`.
  const head = ['["', kind, '","', jsonBody(source), '","', jsonBody(target), '","'].join('');
  if (key.length < head.length + 2 || !key.startsWith(head) || !key.endsWith('"]'))
    return undefined;
  const body = key.slice(head.length, -2);
  // Text JSON writes as it is: `edgeKey` writes `body` back unchanged, giving `key`.
  if (VERBATIM.test(body)) return body;
  let variant: unknown;
  try {
    variant = JSON.parse(`"${body}"`);
  } catch {
    return undefined;
  }
  if (typeof variant !== 'string') return undefined;
  return edgeKey(kind as EdgeKind, source, target, variant) === key ? variant : undefined;
}

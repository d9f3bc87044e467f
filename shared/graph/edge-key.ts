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

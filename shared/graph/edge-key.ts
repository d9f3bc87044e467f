/**
 * The one function that builds edge keys. Keys are opaque: nothing ever parses them back;
 * every fact about an edge is in its attributes.
 */
import type { EdgeKind } from './types.js';

/**
 * Key of the edge of `kind` from `source` to `target`. `variant` separates parallel edges of the
 * same kind (e.g. the S3 action group, or the STS action).
 */
export function edgeKey(kind: EdgeKind, source: string, target: string, variant = ''): string {
  return JSON.stringify([kind, source, target, variant]);
}

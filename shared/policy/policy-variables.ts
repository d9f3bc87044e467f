/**
 * Policy variables (IAM-SEMANTICS.md §1 "Version / variables"): `${aws:username}`,
 * `${aws:PrincipalTag/team}`, `${aws:username, 'default'}`, and the escapes `${*}`, `${?}`,
 * `${$}`. Substituted only in `"Version": "2012-10-17"` documents, in `Resource`/`NotResource`
 * and in the values of string and ARN conditions.
 *
 * Contract of `resolveTemplate`: a variable whose key is absent (and has no default) makes the
 * whole value "effectively null" (`null`); a variable whose key is unknown makes it unknown
 * (`UNRESOLVED`, the key is reported). Substituted text and escapes are literals: a `*` that
 * comes from a tag value is never a wildcard.
 */
import type { ContextLookup, RequestContextLike } from './types.js';
import type { GlobPart } from './wildcard.js';

export type TemplatePiece =
  | { readonly kind: 'text'; readonly text: string }
  | { readonly kind: 'literal'; readonly text: string }
  | {
      readonly kind: 'variable';
      readonly key: string;
      readonly lowerKey: string;
      readonly defaultValue: string | undefined;
    };

export interface Template {
  readonly pieces: readonly TemplatePiece[];
  /** The variable keys, as written. */
  readonly keys: readonly string[];
}

const ESCAPES: Readonly<Record<string, string>> = { '*': '*', '?': '?', $: '$' };
const VARIABLE = /^\s*([^\s,'][^,']*?)\s*(?:,\s*'([^']*)'\s*)?$/;

/**
 * Parses the `${…}` variables of a value. Undefined when the value has none (then it is plain
 * text). A `${` without a closing `}`, or whose content is not a key with an optional quoted
 * default, stays literal text.
 */
export function parseTemplate(value: string): Template | undefined {
  if (!value.includes('${')) return undefined;
  const pieces: TemplatePiece[] = [];
  const keys: string[] = [];
  let text = '';
  let i = 0;
  while (i < value.length) {
    const open = value.indexOf('${', i);
    if (open < 0) break;
    const close = value.indexOf('}', open + 2);
    if (close < 0) break;
    const inner = value.slice(open + 2, close);
    const escaped = ESCAPES[inner];
    const m = escaped === undefined ? VARIABLE.exec(inner) : null;
    if (escaped === undefined && (m === null || m[1] === undefined)) {
      text += value.slice(i, open + 2);
      i = open + 2;
      continue;
    }
    text += value.slice(i, open);
    if (text !== '') pieces.push({ kind: 'text', text });
    text = '';
    if (escaped !== undefined) {
      pieces.push({ kind: 'literal', text: escaped });
    } else if (m?.[1] !== undefined) {
      const key = m[1];
      keys.push(key);
      pieces.push({ kind: 'variable', key, lowerKey: key.toLowerCase(), defaultValue: m[2] });
    }
    i = close + 1;
  }
  text += value.slice(i);
  if (text !== '') pieces.push({ kind: 'text', text });
  if (!pieces.some((p) => p.kind !== 'text')) return undefined;
  return { pieces, keys };
}

/** Marker: the value depends on an unknown key. */
export const UNRESOLVED = Symbol('unresolved');

/** Looks a key up through the fast path when the context offers it. */
export function lookupKey(
  context: RequestContextLike,
  key: string,
  lowerKey: string,
): ContextLookup {
  return context.lookupLowerCase !== undefined
    ? context.lookupLowerCase(lowerKey)
    : context.lookup(key);
}

/**
 * Substitutes the variables of `template` from `context`. Returns the parts of the resolved
 * pattern (see `GlobPart`), `null` when a variable is absent without default (the value is
 * effectively null), or `UNRESOLVED` after pushing the unknown keys to `unknownKeys`.
 * A multivalued key cannot be a policy variable; one with several values counts as unknown.
 */
export function resolveTemplate(
  template: Template,
  context: RequestContextLike,
  unknownKeys: string[],
): GlobPart[] | null | typeof UNRESOLVED {
  const out: GlobPart[] = [];
  const mark = unknownKeys.length;
  let unresolved = false;
  let absent = false;
  for (const piece of template.pieces) {
    if (piece.kind === 'text') out.push(piece.text);
    else if (piece.kind === 'literal') out.push({ literal: piece.text });
    else {
      const found = lookupKey(context, piece.key, piece.lowerKey);
      if (found.kind === 'known' && found.values.length === 1) {
        out.push({ literal: found.values[0] as string });
      } else if (found.kind === 'unknown' || (found.kind === 'known' && found.values.length > 1)) {
        unresolved = true;
        unknownKeys.push(piece.key);
      } else if (piece.defaultValue !== undefined) {
        out.push({ literal: piece.defaultValue });
      } else {
        absent = true;
      }
    }
  }
  if (absent) {
    if (unknownKeys.length !== mark) unknownKeys.length = mark;
    return null;
  }
  if (unresolved) return UNRESOLVED;
  return out;
}

/** The resolved parts as one string (for operators without wildcards). */
export function partsToString(parts: readonly GlobPart[]): string {
  let s = '';
  for (const p of parts) s += typeof p === 'string' ? p : p.literal;
  return s;
}

/**
 * The `BinaryEquals` condition operator (IAM-SEMANTICS.md §5.1): policy and request values are
 * base64; they match when they decode to the same bytes.
 */
import { partsToString } from '../policy-variables.js';
import type { GlobPart } from '../wildcard.js';
import type { OperatorFamily, ValueMatcher } from './operator-family.js';

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

/** Decodes base64 (standard alphabet, padding optional) to a string of bytes; undefined if invalid. */
export function decodeBase64(text: string): string | undefined {
  const s = text.replace(/\s+/g, '').replace(/={1,2}$/, '');
  if (s.length % 4 === 1) return undefined;
  let bits = 0;
  let acc = 0;
  let out = '';
  for (let i = 0; i < s.length; i++) {
    const v = ALPHABET.indexOf(s.charAt(i));
    if (v < 0) return undefined;
    acc = ((acc << 6) | v) & 0xffffff;
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out += String.fromCharCode((acc >> bits) & 0xff);
    }
  }
  return out;
}

function compileBinary(parts: readonly GlobPart[]): ValueMatcher | string {
  const bytes = decodeBase64(partsToString(parts));
  if (bytes === undefined) return 'expected a base64 value';
  return { test: (r) => decodeBase64(r) === bytes };
}

export const BINARY_OPERATORS: OperatorFamily = {
  name: 'Binary',
  operators: { binaryequals: { positive: 'binaryequals', negated: false } },
  variables: false,
  compile: compileBinary,
};

/**
 * A policy document as snapshot files hold it becomes a `PolicyJson` object. Three encodings
 * occur (DESIGN.md "Snapshot directory"): a JSON object (the AWS CLI decodes documents), a JSON
 * string (`get-bucket-policy`, `describe-policy`), and a URL-encoded JSON string (the IAM API:
 * "URL-encoded compliant with RFC 3986"; SDKs other than the CLI do not decode it).
 *
 * Contract: never throws. Stray whitespace (see stray-whitespace.ts) is removed outside string
 * values and trimmed from the ends of keys; string values are left exactly as they are. Content
 * is not validated: that is the policy engine's job.
 */
import type { PolicyJson } from './types.js';
import { locateJsonSyntaxError } from './locate-json-syntax-error.js';
import { describeJsonValue, quote } from './json-reader.js';
import { keyNeedsTrim, stripStrayWhitespace, trimKey } from './stray-whitespace.js';

export type DocumentEncoding = 'object' | 'json-string' | 'url-encoded';

export type DecodedPolicyDocument =
  | {
      ok: true;
      document: PolicyJson;
      encoding: DocumentEncoding;
      /** What was cleaned up (stray whitespace removed, keys trimmed); empty when nothing. */
      notes: string[];
    }
  | {
      ok: false;
      /** Why the document could not be decoded, e.g. `not valid JSON after URL-decoding: …`. */
      reason: string;
    };

/** Deeper than any policy document can be (IAM policies nest about six levels). */
export const MAX_DOCUMENT_DEPTH = 64;

/** How many times a string may hold another encoded string (`"\"{…}\""`: once). */
const MAX_NESTED_ENCODINGS = 1;

/**
 * Decodes a policy document given as an object, a JSON string or a URL-encoded JSON string.
 * @example decodePolicyDocument('%7B%22Version%22%3A%222012-10-17%22%7D') // ok, encoding 'url-encoded'
 */
export function decodePolicyDocument(value: unknown): DecodedPolicyDocument {
  try {
    if (typeof value === 'string') return decodeString(value, 0);
    return decodeParsed(value, 'object', []);
  } catch (err: unknown) {
    // Nothing above throws by design; a RangeError from a pathological input is still a
    // document that could not be decoded, never a failed load.
    return {
      ok: false,
      reason: `could not be decoded (${err instanceof Error ? err.name : 'error'})`,
    };
  }
}

function decodeString(text: string, depth: number): DecodedPolicyDocument {
  const original = text.trim();
  const stripped = stripStrayWhitespace(original);
  const body = stripped.text.trim();
  const notes = strayNote(stripped);
  if (body === '') return { ok: false, reason: 'is an empty string, expected a policy document' };
  const first = body[0];
  if (first === '{' || first === '[' || first === '"') {
    const parsed = parseJson(body, original);
    if (!parsed.ok) return { ok: false, reason: `not valid JSON: ${parsed.reason}` };
    return decodeNested(parsed.value, depth, 'json-string', notes);
  }
  if (first === '%') return decodeUrlEncoded(body, depth, notes);
  return {
    ok: false,
    reason: `expected a policy document (a JSON object, a JSON string or URL-encoded JSON), found text starting with ${quote(body.slice(0, 20))}`,
  };
}

function decodeUrlEncoded(body: string, depth: number, notes: string[]): DecodedPolicyDocument {
  let decoded: string;
  try {
    decoded = decodeURIComponent(body);
  } catch {
    return {
      ok: false,
      reason: 'not valid URL-encoding (a % not followed by two hexadecimal digits of UTF-8)',
    };
  }
  let attempt = parseUrlDecoded(decoded, depth, notes);
  // RFC 3986 encodes a space as %20; form encoding (Java's URLEncoder) writes '+'. A '+' left
  // after decoding cannot be JSON between tokens, so when the text fails and holds a '+', read it
  // once more as form encoding.
  if (!attempt.ok && body.includes('+')) {
    let formDecoded: string | undefined;
    try {
      formDecoded = decodeURIComponent(body.replace(/\+/g, '%20'));
    } catch {
      formDecoded = undefined;
    }
    if (formDecoded !== undefined) {
      const second = parseUrlDecoded(formDecoded, depth, [
        ...notes,
        "read as form encoding ('+' for a space)",
      ]);
      if (second.ok) attempt = second;
    }
  }
  return attempt;
}

function parseUrlDecoded(text: string, depth: number, notes: string[]): DecodedPolicyDocument {
  const original = text.trim();
  const stripped = stripStrayWhitespace(original);
  const body = stripped.text.trim();
  const parsed = parseJson(body, original);
  if (!parsed.ok)
    return { ok: false, reason: `not valid JSON after URL-decoding: ${parsed.reason}` };
  return decodeNested(parsed.value, depth, 'url-encoded', [...notes, ...strayNote(stripped)]);
}

function decodeNested(
  value: unknown,
  depth: number,
  encoding: DocumentEncoding,
  notes: string[],
): DecodedPolicyDocument {
  if (typeof value === 'string') {
    if (depth >= MAX_NESTED_ENCODINGS) {
      return {
        ok: false,
        reason: 'is a string encoded more than twice, expected a policy document',
      };
    }
    const inner = decodeString(value, depth + 1);
    if (!inner.ok) return inner;
    return {
      ...inner,
      encoding,
      notes: [...notes, 'encoded twice (a JSON string holding the document)', ...inner.notes],
    };
  }
  return decodeParsed(value, encoding, notes);
}

function decodeParsed(
  value: unknown,
  encoding: DocumentEncoding,
  notes: string[],
): DecodedPolicyDocument {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return {
      ok: false,
      reason: `expected a policy document (a JSON object), found ${describeJsonValue(value)}`,
    };
  }
  const scan = scanKeys(value, 0);
  if (scan === 'too-deep') {
    return { ok: false, reason: `is nested deeper than ${MAX_DOCUMENT_DEPTH} levels` };
  }
  if (scan === 'clean') return { ok: true, document: value as PolicyJson, encoding, notes };
  const cleaned = cleanKeys(value, 0);
  if (!cleaned.ok) return cleaned;
  const keyNotes =
    cleaned.trimmed.length > 0
      ? [
          `trimmed whitespace from keys ${cleaned.trimmed
            .slice(0, 5)
            .map((k) => quote(k, 60))
            .join(', ')}${cleaned.trimmed.length > 5 ? ', …' : ''}`,
        ]
      : [];
  return {
    ok: true,
    document: cleaned.value as PolicyJson,
    encoding,
    notes: [...notes, ...keyNotes],
  };
}

/**
 * Whether any key in `value` needs trimming, without allocating: the common case (nothing to
 * clean) costs one walk and no copy.
 */
function scanKeys(value: unknown, depth: number): 'clean' | 'dirty' | 'too-deep' {
  if (typeof value !== 'object' || value === null) return 'clean';
  if (depth > MAX_DOCUMENT_DEPTH) return 'too-deep';
  if (Array.isArray(value)) {
    for (const item of value as unknown[]) {
      const r = scanKeys(item, depth + 1);
      if (r !== 'clean') return r;
    }
    return 'clean';
  }
  const record = value as Record<string, unknown>;
  for (const key of Object.keys(record)) {
    if (keyNeedsTrim(key)) return 'dirty';
    const r = scanKeys(record[key], depth + 1);
    if (r !== 'clean') return r;
  }
  return 'clean';
}

type Cleaned = { ok: true; value: unknown; trimmed: string[] } | { ok: false; reason: string };

/**
 * Returns `value` with every key trimmed. Objects are copied only when a key changes. Two keys
 * that become equal make the document ambiguous: it is refused rather than guessed.
 */
function cleanKeys(value: unknown, depth: number): Cleaned {
  if (typeof value !== 'object' || value === null) return { ok: true, value, trimmed: [] };
  if (depth > MAX_DOCUMENT_DEPTH) {
    return { ok: false, reason: `is nested deeper than ${MAX_DOCUMENT_DEPTH} levels` };
  }
  const trimmed: string[] = [];
  if (Array.isArray(value)) {
    let copy: unknown[] | undefined;
    for (let i = 0; i < value.length; i += 1) {
      const item: unknown = value[i];
      const r = cleanKeys(item, depth + 1);
      if (!r.ok) return r;
      trimmed.push(...r.trimmed);
      if (r.value !== item) {
        copy ??= value.slice();
        copy[i] = r.value;
      }
    }
    return { ok: true, value: copy ?? value, trimmed };
  }
  const entries = Object.entries(value);
  let changed = false;
  const out: [string, unknown][] = [];
  const seen = new Map<string, string>();
  for (const [key, item] of entries) {
    const clean = trimKey(key);
    const earlier = seen.get(clean);
    if (earlier !== undefined) {
      return {
        ok: false,
        reason: `has keys ${quote(earlier, 60)} and ${quote(key, 60)}, which are the same key once whitespace is trimmed`,
      };
    }
    seen.set(clean, key);
    const r = cleanKeys(item, depth + 1);
    if (!r.ok) return r;
    trimmed.push(...r.trimmed);
    if (clean !== key) trimmed.push(key);
    if (clean !== key || r.value !== item) changed = true;
    out.push([clean, r.value]);
  }
  if (!changed) return { ok: true, value, trimmed };
  const copy: Record<string, unknown> = {};
  // defineProperty: a key "__proto__" must stay an own data property, never set the prototype.
  for (const [key, item] of out) {
    Object.defineProperty(copy, key, {
      value: item,
      enumerable: true,
      writable: true,
      configurable: true,
    });
  }
  return { ok: true, value: copy, trimmed };
}

type Parsed = { ok: true; value: unknown } | { ok: false; reason: string };

/** Parses `text` (stripped of stray whitespace); errors are located in `original`. */
function parseJson(text: string, original: string): Parsed {
  try {
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch {
    const located = locateJsonSyntaxError(original, { strayWhitespaceIsWhitespace: true });
    if (located === undefined) return { ok: false, reason: 'the JSON parser rejected it' };
    return {
      ok: false,
      reason: `line ${located.line} column ${located.column}: ${located.message}`,
    };
  }
}

function strayNote(stripped: ReturnType<typeof stripStrayWhitespace>): string[] {
  if (stripped.removed === 0) return [];
  return [
    `removed ${stripped.removed} stray whitespace character${stripped.removed === 1 ? '' : 's'} (${stripped.characters.join(', ')}) outside string values`,
  ];
}

/**
 * Stray whitespace in JSON text: characters that look like spaces (or nothing) but are not JSON
 * whitespace — non-breaking spaces pasted from web pages, byte order marks, zero-width spaces,
 * Unicode line separators. `JSON.parse` rejects them between tokens; inside keys they make
 * `"Effect\u00a0"` a different key from `"Effect"`.
 *
 * Contract: only characters outside string literals are removed, and only from the ends of keys
 * are they trimmed. String values are never changed: a policy value is data whose exact bytes
 * decide a match, and the policy engine judges it.
 */

/**
 * Every stray character: Unicode space separators other than U+0020, U+0085, the BOM / zero
 * width no-break space, zero-width space / joiners, word joiner, Mongolian vowel separator,
 * line and paragraph separators, vertical tab and form feed.
 */
const STRAY_CLASS =
  '\\u000B\\u000C\\u0085\\u00A0\\u1680\\u180E\\u2000-\\u200D\\u2028\\u2029\\u202F\\u205F\\u2060\\u3000\\uFEFF';
const STRAY_ANYWHERE = new RegExp(`[${STRAY_CLASS}]`);
const STRAY_SET: ReadonlySet<number> = new Set(
  [
    0x0b, 0x0c, 0x85, 0xa0, 0x1680, 0x180e, 0x2028, 0x2029, 0x202f, 0x205f, 0x2060, 0x3000, 0xfeff,
  ].concat(Array.from({ length: 0x200d - 0x2000 + 1 }, (_, i) => 0x2000 + i)),
);
/** JSON whitespace plus the stray characters, at either end of a key. */
const TRIM_ENDS = new RegExp(`^[\\s${STRAY_CLASS}]+|[\\s${STRAY_CLASS}]+$`, 'g');

const NAMES: Readonly<Record<number, string>> = {
  0x0b: 'vertical tab',
  0x0c: 'form feed',
  0x85: 'next line',
  0xa0: 'no-break space',
  0x200b: 'zero-width space',
  0x200c: 'zero-width non-joiner',
  0x200d: 'zero-width joiner',
  0x2028: 'line separator',
  0x2029: 'paragraph separator',
  0x2060: 'word joiner',
  0xfeff: 'byte order mark',
};

/** True for a character code that is stray whitespace (see the file header). */
export function isStrayWhitespace(code: number): boolean {
  return STRAY_SET.has(code);
}

/** `U+00A0 (no-break space)`: how a stray character is named in messages. */
export function describeStrayCharacter(code: number): string {
  const hex = `U+${code.toString(16).toUpperCase().padStart(4, '0')}`;
  const name = NAMES[code];
  return name === undefined ? hex : `${hex} (${name})`;
}

export interface StrippedText {
  text: string;
  /** How many characters were removed. */
  removed: number;
  /** The distinct characters removed, named as `describeStrayCharacter` does. */
  characters: string[];
}

/**
 * Removes stray whitespace that lies outside JSON string literals. Text with no stray character
 * at all is returned as it is (one regular-expression test, fast on large files). Text that is
 * not valid JSON is still processed; string boundaries are then best-effort.
 */
export function stripStrayWhitespace(text: string): StrippedText {
  if (!STRAY_ANYWHERE.test(text)) return { text, removed: 0, characters: [] };
  const parts: string[] = [];
  const seen = new Set<number>();
  let removed = 0;
  let start = 0;
  let inString = false;
  for (let i = 0; i < text.length; i += 1) {
    const code = text.charCodeAt(i);
    if (inString) {
      if (code === 0x5c)
        i += 1; // backslash: the next character is escaped
      else if (code === 0x22) inString = false;
    } else if (code === 0x22) {
      inString = true;
    } else if (STRAY_SET.has(code)) {
      parts.push(text.slice(start, i));
      start = i + 1;
      removed += 1;
      seen.add(code);
    }
  }
  if (removed === 0) return { text, removed: 0, characters: [] };
  parts.push(text.slice(start));
  return { text: parts.join(''), removed, characters: [...seen].map(describeStrayCharacter) };
}

/** True when `trimKey` would change `key` (a cheap test: two character codes). */
export function keyNeedsTrim(key: string): boolean {
  if (key.length === 0) return false;
  return isTrimmable(key.charCodeAt(0)) || isTrimmable(key.charCodeAt(key.length - 1));
}

function isTrimmable(code: number): boolean {
  if (code === 0x20 || code === 0x09 || code === 0x0a || code === 0x0d) return true;
  return (code <= 0x0c || code >= 0x85) && STRAY_SET.has(code);
}

/** Trims JSON whitespace and stray whitespace from both ends of a key. */
export function trimKey(key: string): string {
  return keyNeedsTrim(key) ? key.replace(TRIM_ENDS, '') : key;
}

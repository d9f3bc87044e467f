/**
 * The one sanitizer for untrusted text shown to a person (terminal, reports, dashboard): role
 * names, paths, tags, descriptions, policy text and error messages come from AWS or from
 * whoever wrote the snapshot, and may hold escape sequences, control characters, bidirectional
 * overrides or invisible characters that would rewrite a screen or disguise a name, and may be
 * hundreds of thousands of characters long (docs/security.md).
 *
 * Such characters are shown, not dropped: each becomes a visible escape `\u202e` so that a reader
 * sees that the name holds one. Every field is cut to a bounded length; the full value stays in
 * the JSON outputs.
 */

/** Longest field printed by default, in code points. */
export const DEFAULT_FIELD_MAX = 300;

/**
 * C0 controls, DEL, C1 controls, the soft hyphen, the Arabic letter mark, the Mongolian vowel
 * separator, zero-width characters and directional marks, line and paragraph separators,
 * bidirectional embeddings / overrides / isolates, invisible operators, the BOM, interlinear
 * annotation characters and Unicode tag characters.
 */
const INVISIBLE =
  // eslint-disable-next-line no-control-regex -- matching control characters is the point
  /[\u0000-\u001f\u007f-\u009f\u00ad\u061c\u180e\u200b-\u200f\u2028-\u202e\u2060-\u206f\ufeff\ufff9-\ufffb]|\udb40[\udc00-\udc7f]/g;

/** Whether `text` holds a character that `escapeInvisible` would escape. */
export function hasInvisible(text: string): boolean {
  INVISIBLE.lastIndex = 0;
  const found = INVISIBLE.test(text);
  INVISIBLE.lastIndex = 0;
  return found;
}

/** Every control, bidirectional or invisible character as a visible escape (`\u001b`). */
export function escapeInvisible(text: string): string {
  return text.replace(INVISIBLE, (ch) => {
    const code = ch.codePointAt(0) ?? 0;
    return code > 0xffff ? `\\u{${code.toString(16)}}` : `\\u${code.toString(16).padStart(4, '0')}`;
  });
}

/** The number of code points. */
export function textWidth(text: string): number {
  let n = 0;
  for (const _ of text) n++;
  return n;
}

/** Cuts `text` to at most `max` code points, ending with an ellipsis when cut. */
export function truncateText(text: string, max: number): string {
  if (max <= 0) return '';
  if (text.length <= max) return text;
  if (textWidth(text) <= max) return text;
  let out = '';
  let n = 0;
  for (const ch of text) {
    if (n >= max - 1) break;
    out += ch;
    n++;
  }
  return `${out}…`;
}

/**
 * Safe and bounded: what every untrusted field goes through before a person sees it. Line
 * breaks and tabs are escaped too, so a field is always one line.
 */
export function visibleField(text: string, max = DEFAULT_FIELD_MAX): string {
  // Cut first (bounded work on huge input), escape, then cut again (escapes are longer).
  return truncateText(escapeInvisible(truncateText(text, max + 1)), max);
}

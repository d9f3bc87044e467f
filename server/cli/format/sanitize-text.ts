/**
 * Untrusted text made safe for a terminal: role names, tags, policy text and error messages
 * come from AWS (or from whoever wrote the snapshot) and may hold escape sequences, control
 * characters or bidirectional overrides that would rewrite the screen or disguise a name.
 */

/**
 * C0 and C1 controls, DEL, and the invisible formatting characters that reorder or hide text
 * (bidirectional embeddings, overrides and isolates, zero-width characters, the BOM).
 */
const UNSAFE =
  // eslint-disable-next-line no-control-regex -- matching control characters is the point
  /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u200b-\u200f\u202a-\u202e\u2060-\u2069\ufeff]/g;
const WHITESPACE = /[\t\n\r]+/g;

/** Replaces unsafe characters with U+FFFD and line breaks and tabs with one space. */
export function stripUnsafe(text: string): string {
  return text.replace(WHITESPACE, ' ').replace(UNSAFE, '\ufffd');
}

/** The number of code points (what a cell's width is measured in). */
export function textWidth(text: string): number {
  let n = 0;
  for (const _ of text) n++;
  return n;
}

/** Cuts `text` to at most `max` code points, ending with an ellipsis when cut. */
export function truncate(text: string, max: number): string {
  if (max <= 0) return '';
  if (textWidth(text) <= max) return text;
  return `${Array.from(text)
    .slice(0, Math.max(0, max - 1))
    .join('')}…`;
}

/** Safe and bounded: what every untrusted string goes through before it is printed. */
export function cleanText(text: string, max = 300): string {
  return truncate(stripUnsafe(text), max);
}

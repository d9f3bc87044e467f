/**
 * Untrusted text made safe for a terminal. The sanitizer itself is shared/text/visible-text.ts
 * (one for every human output: CLI, reports, dashboard); this module keeps the CLI's names.
 */
import {
  escapeInvisible,
  textWidth,
  truncateText,
  visibleField,
} from '../../../shared/text/visible-text.js';

export { textWidth };

/** Control, bidirectional and invisible characters as visible escapes; tabs and line breaks
 * become one space (a table cell stays one line and readable). */
export function stripUnsafe(text: string): string {
  return escapeInvisible(text.replace(/[\t\n\r]+/g, ' '));
}

/** Cuts `text` to at most `max` code points, ending with an ellipsis when cut. */
export function truncate(text: string, max: number): string {
  return truncateText(text, max);
}

/** Safe and bounded: what every untrusted string goes through before it is printed. */
export function cleanText(text: string, max = 300): string {
  return truncateText(stripUnsafe(truncateText(text, max + 1)), max);
}

export { visibleField };

/**
 * A message for stderr (errors, warnings, progress) that may quote data: each line cleaned and
 * bounded, line breaks kept.
 */
export function cleanMessage(text: string, maxLine = 2000): string {
  return text
    .split('\n')
    .map((line) => cleanText(line, maxLine))
    .join('\n');
}

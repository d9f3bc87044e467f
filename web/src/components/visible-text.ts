/**
 * What `VisibleText` shows for an untrusted string (docs/security.md): control, bidirectional and
 * invisible characters as escapes, cut to `max` characters unless expanded.
 */
import {
  escapeInvisible,
  hasInvisible,
  textWidth,
  truncateText,
} from '../../../shared/text/visible-text.js';

export interface VisibleTextView {
  /** The text to render (as text, never HTML). */
  shown: string;
  /** Longer than `max`: a "show all" control is offered. */
  long: boolean;
  /** Length in code points. */
  total: number;
  /** Holds characters shown as escapes. */
  marked: boolean;
}

export function visibleTextView(text: string, max: number, expanded: boolean): VisibleTextView {
  const total = textWidth(text);
  const long = total > max;
  return {
    shown: escapeInvisible(expanded || !long ? text : truncateText(text, max)),
    long,
    total,
    marked: hasInvisible(text),
  };
}

/**
 * Untrusted text in the Markdown and HTML reports (docs/security.md): ARNs, names, paths, tags,
 * descriptions and titles come from the snapshot. Every renderer calls these helpers, so a new
 * section gets the same treatment:
 *
 * - control, bidirectional and invisible characters are shown as escapes (`\u202e`), never
 *   passed through (shared/text/visible-text.ts);
 * - every field is cut to a length (the full value stays in `--report json`);
 * - Markdown: data goes into code spans (no links, no autolinks, no `@team` mentions, no
 *   entities such as `&rlm;` decoded), backticks and table pipes handled; free text escapes
 *   every metacharacter and `&`;
 * - HTML: escaped, and a long value shows its start with the rest in a closed `<details>` so the
 *   browser does not lay out 100,000-character strings.
 */
import { escapeInvisible, truncateText } from '../../shared/text/visible-text.js';
import { escapeHtml } from './escape-html.js';

/** Longest value shown in a Markdown cell (code points). */
export const MD_FIELD_MAX = 200;
/** Longest value shown inline in the HTML report; the rest is behind "show all". */
export const HTML_FIELD_MAX = 200;
/** Longest value kept at all in the HTML report (the JSON report has everything). */
export const HTML_FULL_MAX = 20_000;

/** `text` made one visible line and cut to `max` code points. */
function visible(text: string, max: number): string {
  return truncateText(escapeInvisible(truncateText(text, max + 1).replace(/[\r\n\t]+/g, ' ')), max);
}

/**
 * A Markdown code span holding `text` literally: the fence is longer than any run of backticks
 * inside, padded when the text starts or ends with one; `|` is escaped for GFM tables (the table
 * parser removes the backslash before the code span is read).
 */
export function mdCode(text: string, max = MD_FIELD_MAX): string {
  const shown = visible(text, max).replace(/\|/g, '\\|');
  if (shown === '') return '` `';
  let longest = 0;
  for (const run of shown.match(/`+/g) ?? []) longest = Math.max(longest, run.length);
  const fence = '`'.repeat(longest + 1);
  const pad = shown.startsWith('`') || shown.endsWith('`') || shown.startsWith(' ') ? ' ' : '';
  return `${fence}${pad}${shown}${pad}${fence}`;
}

/**
 * Free text for Markdown: every Markdown and HTML metacharacter escaped (`/` too, and the `:`
 * of a URL scheme), `&` as `&amp;` (so `&ZeroWidthSpace;` stays text), `@` escaped, one line,
 * cut to `max`.
 */
export function mdText(text: string, max = MD_FIELD_MAX): string {
  return (
    visible(text, max)
      .replace(/&/g, '&amp;')
      .replace(/[\\`*_{}[\]()#+\-.!|<>~@/]/g, (c) => `\\${c}`)
      // No scheme stays whole (`https\:`), so no extended autolink starts here.
      .replace(/([A-Za-z][A-Za-z0-9+.-]*):(?=\\\/)/g, '$1\\:')
  );
}

/** Text for HTML: visible, escaped; past `max` the rest is in a closed `<details>`. */
export function htmlText(text: string, max = HTML_FIELD_MAX): string {
  const oneLine = text.replace(/[\r\n\t]+/g, ' ');
  if (oneLine.length <= max) return escapeHtml(escapeInvisible(oneLine));
  const head = escapeHtml(escapeInvisible(truncateText(oneLine, max)));
  const full = truncateText(oneLine, HTML_FULL_MAX);
  const note =
    full.length < oneLine.length
      ? ` (cut at ${String(HTML_FULL_MAX)} characters; the JSON report has the full value)`
      : '';
  return `${head}<details class="full"><summary>show all ${String(oneLine.length)} characters</summary><code>${escapeHtml(escapeInvisible(full))}</code>${note}</details>`;
}

/** GitHub's limit on a comment body (characters); a Markdown report stays below it. */
export const GITHUB_COMMENT_LIMIT = 65_536;

/**
 * Plain-text tables for the terminal: a header row and left-aligned columns separated by two
 * spaces. Every cell is cleaned (sanitize-text.ts) and cut to its column's maximum width with an
 * ellipsis, so a long or hostile string never breaks the layout.
 */
import { cleanText, textWidth } from './sanitize-text.js';

export interface Column {
  header: string;
  /** Widest the column may be, in characters (default 60). */
  max?: number;
}

const DEFAULT_MAX = 60;

/** Renders rows under the columns' headers; a missing cell is empty. Ends with a newline. */
export function formatTable(
  columns: readonly Column[],
  rows: readonly (readonly string[])[],
): string {
  const cells = [columns.map((c) => c.header), ...rows].map((row) =>
    columns.map((c, i) => cleanText(row[i] ?? '', c.max ?? DEFAULT_MAX)),
  );
  const widths = columns.map((_, i) => Math.max(...cells.map((r) => textWidth(r[i] ?? ''))));
  const lines = cells.map((r) =>
    r
      .map((cell, i) =>
        i === r.length - 1 ? cell : cell + ' '.repeat((widths[i] ?? 0) - textWidth(cell)),
      )
      .join('  ')
      .trimEnd(),
  );
  return `${lines.join('\n')}\n`;
}

/**
 * The load issues of an analysis on stderr, for every analyzing command's text output (issue 13,
 * item 4): a count, then the errors first, at most `max` lines, each cleaned and bounded
 * (format-load-issues.ts). `--json` outputs carry the full list instead.
 */
import type { LoadIssue } from '../../../shared/snapshot/types.js';
import { formatLoadIssues, summarizeLoadIssues } from '../../snapshot/format-load-issues.js';
import type { CliIo } from '../io.js';

/** Writes `trustmap COMMAND: N errors and M warnings while loading the snapshot:` and the lines. */
export function printLoadIssues(
  io: CliIo,
  command: string,
  issues: readonly LoadIssue[],
  max = 10,
): void {
  if (issues.length === 0) return;
  const lines = formatLoadIssues(issues, { max });
  io.err(
    `trustmap ${command}: ${summarizeLoadIssues(issues)}:\n${lines.map((l) => `  ${l}\n`).join('')}`,
  );
}

/**
 * The load issues of the scan shown (file, JSON path, problem), reachable from the coverage
 * banner: what could not be read, so that missing access is never taken for no access. Every
 * value is untrusted text, shown through VisibleText.
 */
import { loadIssuesView, type LoadIssueRow } from './load-issues-view.js';
import { VisibleText } from './VisibleText.js';

const SHOWN = 50;

export function LoadIssuesList({ issues }: { issues: readonly LoadIssueRow[] }) {
  if (issues.length === 0) return null;
  const view = loadIssuesView(issues, SHOWN);
  return (
    <details className="load-issues" data-testid="load-issues">
      <summary>
        {issues.length} load issue{issues.length === 1 ? '' : 's'} ({view.errors} error
        {view.errors === 1 ? '' : 's'}): what could not be read
      </summary>
      <ul>
        {view.rows.map((i, n) => (
          <li key={n} data-testid="load-issue" data-severity={i.severity}>
            {i.severity}:{' '}
            <code>
              <VisibleText text={i.file} max={120} />
            </code>{' '}
            <code>
              <VisibleText text={i.path} max={200} />
            </code>
            {' — '}
            <VisibleText text={i.message} max={300} />
          </li>
        ))}
      </ul>
      {view.hidden > 0 ? <p>… and {view.hidden} more (see the scan's JSON).</p> : null}
    </details>
  );
}

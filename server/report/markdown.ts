/**
 * Markdown report of a scan (for pull-request comments and job summaries). Every string from
 * the snapshot goes through report-text.ts: ARNs and names in code spans, free text escaped,
 * each field cut; the whole report stays under GitHub's 65,536-character comment limit.
 */
import type { AccountCoverage, DiffEdge, FindingView } from '../../shared/api/types.js';
import { describeCoverage } from '../../shared/scan/coverage-summary.js';
import { GITHUB_COMMENT_LIMIT, mdCode, mdText } from './report-text.js';
import type { ScanReport } from './scan-report.js';

/** Escapes untrusted free text for Markdown (metacharacters, `&`, `@`, invisible characters). */
export function escapeMarkdown(text: string): string {
  return mdText(text, 1000);
}

function findingRow(f: FindingView): string {
  const sup = f.suppressed === undefined ? '' : ` (suppressed: ${mdCode(f.suppressed.reason)})`;
  return `| ${mdText(f.severity, 20)} | ${mdText(f.status, 20)} | ${mdCode(f.rule, 80)} | ${mdCode(f.subject)} | ${mdCode(f.title, 300)}${sup} |`;
}

function edgeRow(e: DiffEdge): string {
  const scope = mdText(e.sourceScope ?? '', 20);
  const vendor = e.vendor === undefined ? '' : ` (${mdCode(e.vendor, 80)})`;
  const kind = `${e.kind}${e.actionGroup === undefined ? '' : ` ${e.actionGroup}`}`;
  return `| ${scope}${vendor} | ${mdCode(e.source)} | ${mdCode(kind, 60)} | ${mdCode(e.target)} | ${mdText(e.decision, 20)} |`;
}

function changedRow(f: FindingView): string {
  const c = f.change;
  const what = c === undefined ? '' : [...c.worse, ...c.better].join('; ');
  return `| ${mdText(f.severity, 20)} | ${mdText(c?.previousSeverity ?? '', 20)} | ${mdCode(f.rule, 80)} | ${mdCode(f.subject)} | ${mdText(what, 300)} | ${mdCode(f.title, 300)} |`;
}

function changedEdgeRow(e: DiffEdge & { previousDecision: string }): string {
  const scope = mdText(e.sourceScope ?? '', 20);
  const keys = e.conditionKeys.length > 0 ? ` (${mdCode(e.conditionKeys.join(', '))})` : '';
  const kind = `${e.kind}${e.actionGroup === undefined ? '' : ` ${e.actionGroup}`}`;
  return `| ${scope} | ${mdCode(e.source)} | ${mdCode(kind, 60)} | ${mdCode(e.target)} | ${mdText(e.previousDecision, 20)} → ${mdText(e.decision, 20)}${keys} |`;
}

function coverageRow(c: AccountCoverage): string {
  return `| ${mdText(c.accountId, 40)} | ${mdText(c.status, 20)} | ${mdText((c.reasons ?? c.errors ?? []).join('; '), 500)} |`;
}

const LOAD_ISSUE_HEAD = '| severity | file | JSON path | problem |\n|---|---|---|---|';

function loadIssueRow(i: ScanReport['scan']['issues'][number]): string {
  return `| ${mdText(i.severity, 10)} | ${mdCode(i.file, 100)} | ${mdCode(i.path, 300)} | ${mdText(i.message, 500)} |`;
}

/** Room kept free under the comment limit for the closing note. */
const CLOSING_ROOM = 2000;

const FINDING_HEAD = '| severity | status | rule | subject | title |\n|---|---|---|---|---|';
const CHANGED_HEAD =
  '| severity | was | rule | subject | change | title |\n|---|---|---|---|---|---|';
const CHANGED_EDGE_HEAD =
  '| source scope | source | edge | target | decision |\n|---|---|---|---|---|';
const COVERAGE_HEAD = '| account | coverage | why |\n|---|---|---|';
const EDGE_HEAD = '| source scope | source | edge | target | decision |\n|---|---|---|---|---|';

/**
 * The Markdown text. Lists are capped at `limit` rows each, and rows stop when the report would
 * pass `maxChars` (default: GitHub's comment limit); a closing note counts what was left out and
 * points to the full report.
 */
export function renderMarkdown(
  report: ScanReport,
  limit = 200,
  maxChars = GITHUB_COMMENT_LIMIT,
): string {
  const { scan, diff } = report;
  const c = scan.counts;
  const lines: string[] = [];
  lines.push(`# trustmap scan ${String(scan.id)}`, '');
  lines.push(
    `Scanned ${mdCode(scan.finishedAt ?? scan.startedAt, 40)} from ${mdText(scan.source, 20)}${scan.sourceDetail === undefined ? '' : ` (${mdCode(scan.sourceDetail)})`}; compared with ${diff.from === null ? 'nothing (first scan)' : `scan ${String(diff.from)}`}.`,
    '',
  );
  if (c !== undefined) {
    lines.push('| accounts | nodes | edges | findings | critical | high | medium | low | info |');
    lines.push('|---|---|---|---|---|---|---|---|---|');
    const s = c.bySeverity;
    lines.push(
      `| ${String(c.accounts)} | ${String(c.nodes)} | ${String(c.edges)} | ${String(c.findings)} | ${String(s.critical)} | ${String(s.high)} | ${String(s.medium)} | ${String(s.low)} | ${String(s.info)} |`,
      '',
    );
  }
  const d = diff.summary;
  lines.push(
    `**Coverage:** ${escapeMarkdown(describeCoverage(report.coverage))}.`,
    '',
    `**Changes:** ${String(d.newFindings)} new findings, ${String(diff.worsenedFindings.length)} worsened, ${String(diff.improvedFindings.length)} improved, ${String(d.resolvedFindings)} resolved; ${String(d.newEdges)} new edges (${String(d.newOutsideEdges)} from outside the organization), ${String(diff.changedEdges.length)} changed, ${String(d.removedEdges)} removed.`,
    '',
  );
  let size = lines.reduce((n, l) => n + l.length + 1, 0);
  let omitted = 0;
  const push = (...more: string[]): void => {
    for (const l of more) {
      lines.push(l);
      size += l.length + 1;
    }
  };
  const budget = maxChars - CLOSING_ROOM;
  const section = (title: string, head: string, rows: string[]): void => {
    push(`## ${title}`, '');
    if (rows.length === 0) {
      push('None.', '');
      return;
    }
    push(head);
    let shown = 0;
    for (const row of rows.slice(0, limit)) {
      if (size + row.length + 1 > budget) break;
      push(row);
      shown++;
    }
    const left = rows.length - shown;
    if (left > 0) {
      push('', `… and ${String(left)} more.`);
      if (shown < Math.min(limit, rows.length)) omitted += Math.min(limit, rows.length) - shown;
    }
    push('');
  };
  if (report.coverage.state === 'partial')
    section('Incomplete coverage', COVERAGE_HEAD, report.coverage.incomplete.map(coverageRow));
  section('New findings', FINDING_HEAD, diff.newFindings.map(findingRow));
  section('Worsened findings', CHANGED_HEAD, diff.worsenedFindings.map(changedRow));
  section('New edges', EDGE_HEAD, diff.newEdges.map(edgeRow));
  section('Changed edges', CHANGED_EDGE_HEAD, diff.changedEdges.map(changedEdgeRow));
  section('Improved findings', CHANGED_HEAD, diff.improvedFindings.map(changedRow));
  section('Resolved findings', FINDING_HEAD, diff.resolvedFindings.map(findingRow));
  section('Removed edges', EDGE_HEAD, diff.removedEdges.map(edgeRow));
  section(
    'Open findings',
    FINDING_HEAD,
    report.findings.filter((f) => f.status === 'open').map(findingRow),
  );
  // What could not be read: the findings above may miss access (docs/security.md).
  const issues = [...scan.issues].sort((a, b) =>
    a.severity === b.severity ? 0 : a.severity === 'error' ? -1 : 1,
  );
  section('Load issues', LOAD_ISSUE_HEAD, issues.map(loadIssueRow));
  if (omitted > 0)
    push(
      `_Report cut to stay under GitHub's ${String(maxChars)}-character comment limit: ${String(omitted)} more rows are not shown. The full report: \`trustmap scan --report html\` or \`--report json\`, or the dashboard (\`trustmap serve\`)._`,
    );
  return `${lines.join('\n')}\n`;
}

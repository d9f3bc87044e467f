/**
 * Markdown report of a scan (for pull-request comments and job summaries). Every string from
 * AWS is escaped so that it renders as text.
 */
import type { AccountCoverage, DiffEdge, FindingView } from '../../shared/api/types.js';
import { describeCoverage } from '../../shared/scan/coverage-summary.js';
import type { ScanReport } from './scan-report.js';

/** Escapes Markdown and HTML metacharacters and line breaks in untrusted text. */
export function escapeMarkdown(text: string): string {
  return text.replace(/[\\`*_{}[\]()#+\-.!|<>~]/g, (c) => `\\${c}`).replace(/[\r\n]+/g, ' ');
}

function findingRow(f: FindingView): string {
  const sup =
    f.suppressed === undefined ? '' : ` (suppressed: ${escapeMarkdown(f.suppressed.reason)})`;
  return `| ${f.severity} | ${f.status} | \`${f.rule}\` | ${escapeMarkdown(f.subject)} | ${escapeMarkdown(f.title)}${sup} |`;
}

function edgeRow(e: DiffEdge): string {
  const scope = e.sourceScope ?? '';
  const vendor = e.vendor === undefined ? '' : ` (${escapeMarkdown(e.vendor)})`;
  return `| ${scope}${vendor} | ${escapeMarkdown(e.source)} | ${e.kind}${e.actionGroup === undefined ? '' : ` ${e.actionGroup}`} | ${escapeMarkdown(e.target)} | ${e.decision} |`;
}

function changedRow(f: FindingView): string {
  const c = f.change;
  const what = c === undefined ? '' : [...c.worse, ...c.better].join('; ');
  return `| ${f.severity} | ${c?.previousSeverity ?? ''} | \`${f.rule}\` | ${escapeMarkdown(f.subject)} | ${escapeMarkdown(what)} | ${escapeMarkdown(f.title)} |`;
}

function changedEdgeRow(e: DiffEdge & { previousDecision: string }): string {
  const scope = e.sourceScope ?? '';
  const keys = e.conditionKeys.length > 0 ? ` (${escapeMarkdown(e.conditionKeys.join(', '))})` : '';
  return `| ${scope} | ${escapeMarkdown(e.source)} | ${e.kind}${e.actionGroup === undefined ? '' : ` ${e.actionGroup}`} | ${escapeMarkdown(e.target)} | ${e.previousDecision} → ${e.decision}${keys} |`;
}

function coverageRow(c: AccountCoverage): string {
  return `| ${c.accountId} | ${c.status} | ${escapeMarkdown((c.reasons ?? c.errors ?? []).join('; '))} |`;
}

const FINDING_HEAD = '| severity | status | rule | subject | title |\n|---|---|---|---|---|';
const CHANGED_HEAD =
  '| severity | was | rule | subject | change | title |\n|---|---|---|---|---|---|';
const CHANGED_EDGE_HEAD =
  '| source scope | source | edge | target | decision |\n|---|---|---|---|---|';
const COVERAGE_HEAD = '| account | coverage | why |\n|---|---|---|';
const EDGE_HEAD = '| source scope | source | edge | target | decision |\n|---|---|---|---|---|';

/** The Markdown text. Lists are capped at `limit` rows each. */
export function renderMarkdown(report: ScanReport, limit = 200): string {
  const { scan, diff } = report;
  const c = scan.counts;
  const lines: string[] = [];
  lines.push(`# trustmap scan ${String(scan.id)}`, '');
  lines.push(
    `Scanned ${scan.finishedAt ?? scan.startedAt} from ${scan.source}${scan.sourceDetail === undefined ? '' : ` (${escapeMarkdown(scan.sourceDetail)})`}; compared with ${diff.from === null ? 'nothing (first scan)' : `scan ${String(diff.from)}`}.`,
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
  const section = (title: string, head: string, rows: string[]): void => {
    lines.push(`## ${title}`, '');
    if (rows.length === 0) lines.push('None.', '');
    else {
      lines.push(head, ...rows.slice(0, limit));
      if (rows.length > limit) lines.push('', `… and ${String(rows.length - limit)} more.`);
      lines.push('');
    }
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
  return `${lines.join('\n')}\n`;
}

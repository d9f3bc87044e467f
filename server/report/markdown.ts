/**
 * Markdown report of a scan (for pull-request comments and job summaries). Every string from
 * AWS is escaped so that it renders as text.
 */
import type { DiffEdge, FindingView } from '../../shared/api/types.js';
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

const FINDING_HEAD = '| severity | status | rule | subject | title |\n|---|---|---|---|---|';
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
    `**Changes:** ${String(d.newFindings)} new findings, ${String(d.resolvedFindings)} resolved; ${String(d.newEdges)} new edges (${String(d.newOutsideEdges)} from outside the organization), ${String(d.removedEdges)} removed.`,
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
  section('New findings', FINDING_HEAD, diff.newFindings.map(findingRow));
  section('New edges', EDGE_HEAD, diff.newEdges.map(edgeRow));
  section('Resolved findings', FINDING_HEAD, diff.resolvedFindings.map(findingRow));
  section('Removed edges', EDGE_HEAD, diff.removedEdges.map(edgeRow));
  section(
    'Open findings',
    FINDING_HEAD,
    report.findings.filter((f) => f.status === 'open').map(findingRow),
  );
  return `${lines.join('\n')}\n`;
}

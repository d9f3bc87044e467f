/**
 * The HTML report: one self-contained file (inline CSS, inline SVG, no scripts, no external
 * resources) that a reviewer can open from an email or a CI artifact. It shows the account-level
 * web of trust with new edges highlighted, the changes since the previous scan and the new and
 * open findings. Every string from the snapshot goes through report-text.ts: escaped, invisible
 * characters shown as escapes, long values cut with the rest behind a closed "show all".
 */
import type { AccountCoverage, DiffEdge, FindingView } from '../../shared/api/types.js';
import { describeCoverage } from '../../shared/scan/coverage-summary.js';
import {
  NEW_EDGE_COLOUR,
  NODE_COLOURS,
  renderAccountWebSvg,
  WORST_COLOURS,
} from './account-web-svg.js';
import { htmlText } from './report-text.js';
import type { ScanReport } from './scan-report.js';

const CSS = `body{font:14px/1.45 system-ui,sans-serif;margin:24px;color:#222;max-width:1200px}
h1{font-size:22px}h2{font-size:17px;margin-top:28px}table{border-collapse:collapse;width:100%}
th,td{border-bottom:1px solid #ddd;padding:4px 8px;text-align:left;vertical-align:top}
th{background:#f4f4f4;white-space:nowrap}td{overflow-wrap:anywhere}td.nowrap{white-space:nowrap}.sev-critical{color:#b00020;font-weight:bold}.sev-high{color:#d9480f;font-weight:bold}
.sev-medium{color:#b7791f}.new{background:#fff4f4}.legend span{display:inline-block;margin-right:14px}
.dot{display:inline-block;width:10px;height:10px;border-radius:50%;margin-right:4px}
figure{margin:0;border:1px solid #ddd}svg{max-width:100%;height:auto}
details.full{display:inline}details.full code{display:block;white-space:pre-wrap}`;

function findingsTable(rows: readonly FindingView[], limit: number): string {
  if (rows.length === 0) return '<p>None.</p>';
  const body = rows
    .slice(0, limit)
    .map(
      (f) =>
        `<tr class="${f.status === 'new' ? 'new' : ''}"><td class="nowrap sev-${f.severity}">${f.severity}</td><td class="nowrap">${f.status}</td><td class="nowrap"><code>${htmlText(f.rule)}</code></td><td>${htmlText(f.subject)}</td><td>${htmlText(f.title, 400)}${f.suppressed === undefined ? '' : ` <em>(suppressed: ${htmlText(f.suppressed.reason)})</em>`}</td><td class="nowrap">${htmlText(f.firstSeen, 40)}</td></tr>`,
    )
    .join('\n');
  const more = rows.length > limit ? `<p>… and ${String(rows.length - limit)} more.</p>` : '';
  return `<table><thead><tr><th>severity</th><th>status</th><th>rule</th><th>subject</th><th>title</th><th>first seen</th></tr></thead><tbody>${body}</tbody></table>${more}`;
}

function edgesTable(rows: readonly DiffEdge[], limit: number): string {
  if (rows.length === 0) return '<p>None.</p>';
  const body = rows
    .slice(0, limit)
    .map(
      (e) =>
        `<tr><td>${htmlText(e.sourceScope ?? '')}${e.vendor === undefined ? '' : ` (${htmlText(e.vendor)})`}</td><td>${htmlText(e.source)}</td><td>${htmlText(`${e.kind}${e.actionGroup === undefined ? '' : ` ${e.actionGroup}`}`)}</td><td>${htmlText(e.target)}</td><td>${htmlText(e.decision)}${e.conditionKeys.length > 0 ? ` (${htmlText(e.conditionKeys.join(', '))})` : ''}</td></tr>`,
    )
    .join('\n');
  const more = rows.length > limit ? `<p>… and ${String(rows.length - limit)} more.</p>` : '';
  return `<table><thead><tr><th>source scope</th><th>source</th><th>edge</th><th>target</th><th>decision</th></tr></thead><tbody>${body}</tbody></table>${more}`;
}

const LEGEND = [
  ['org', 'organization'],
  ['vendor', 'known vendor'],
  ['external', 'external (unknown)'],
  ['public', 'anyone'],
  ['idp', 'identity provider'],
  ['service', 'AWS service'],
]
  .map(
    ([key, text]) =>
      `<span><i class="dot" style="background:${NODE_COLOURS[key ?? ''] ?? '#888'}"></i>${text ?? ''}</span>`,
  )
  .concat(
    [
      ['public', 'public edge'],
      ['external-no-external-id', 'external, no ExternalId or condition'],
      ['conditional', 'conditional'],
      ['internal', 'inside the organization'],
    ].map(
      ([key, text]) =>
        `<span style="color:${WORST_COLOURS[key ?? ''] ?? '#888'}">━ ${text ?? ''}</span>`,
    ),
    [`<span style="color:${NEW_EDGE_COLOUR}">━ new edge</span>`],
  )
  .join('');

function changedTable(rows: readonly FindingView[], limit: number): string {
  if (rows.length === 0) return '<p>None.</p>';
  const body = rows
    .slice(0, limit)
    .map((f) => {
      const c = f.change;
      const what = c === undefined ? '' : [...c.worse, ...c.better].join('; ');
      return `<tr class="${c?.kind === 'worsened' ? 'new' : ''}"><td class="nowrap sev-${f.severity}">${f.severity}</td><td class="nowrap">${c?.previousSeverity ?? ''}</td><td class="nowrap"><code>${htmlText(f.rule)}</code></td><td>${htmlText(f.subject)}</td><td>${htmlText(what)}</td><td>${htmlText(f.title)}</td></tr>`;
    })
    .join('\n');
  const more = rows.length > limit ? `<p>… and ${String(rows.length - limit)} more.</p>` : '';
  return `<table><thead><tr><th>severity</th><th>was</th><th>rule</th><th>subject</th><th>change</th><th>title</th></tr></thead><tbody>${body}</tbody></table>${more}`;
}

function changedEdgesTable(
  rows: readonly (DiffEdge & { previousDecision: string })[],
  limit: number,
): string {
  if (rows.length === 0) return '<p>None.</p>';
  const body = rows
    .slice(0, limit)
    .map(
      (e) =>
        `<tr><td>${htmlText(e.sourceScope ?? '')}</td><td>${htmlText(e.source)}</td><td>${e.kind}${e.actionGroup === undefined ? '' : ` ${e.actionGroup}`}</td><td>${htmlText(e.target)}</td><td>${e.previousDecision} → ${e.decision}${e.conditionKeys.length > 0 ? ` (${htmlText(e.conditionKeys.join(', '))})` : ''}</td></tr>`,
    )
    .join('\n');
  const more = rows.length > limit ? `<p>… and ${String(rows.length - limit)} more.</p>` : '';
  return `<table><thead><tr><th>source scope</th><th>source</th><th>edge</th><th>target</th><th>decision</th></tr></thead><tbody>${body}</tbody></table>${more}`;
}

function coverageTable(rows: readonly AccountCoverage[], limit: number): string {
  const body = rows
    .slice(0, limit)
    .map(
      (c) =>
        `<tr><td>${htmlText(c.accountId)}</td><td>${c.status}</td><td>${htmlText((c.reasons ?? c.errors ?? []).join('; '))}</td></tr>`,
    )
    .join('\n');
  return `<table><thead><tr><th>account</th><th>coverage</th><th>why</th></tr></thead><tbody>${body}</tbody></table>`;
}

/** What could not be read (file, JSON path, problem), errors first. */
function loadIssuesTable(issues: ScanReport['scan']['issues'], limit: number): string {
  if (issues.length === 0) return '<p>None: every file was read whole.</p>';
  const sorted = [...issues].sort((a, b) =>
    a.severity === b.severity ? 0 : a.severity === 'error' ? -1 : 1,
  );
  const body = sorted
    .slice(0, limit)
    .map(
      (i) =>
        `<tr><td>${htmlText(i.severity)}</td><td><code>${htmlText(i.file)}</code></td><td><code>${htmlText(i.path, 300)}</code></td><td>${htmlText(i.message, 500)}</td></tr>`,
    )
    .join('\n');
  const more = issues.length > limit ? `<p>… and ${String(issues.length - limit)} more.</p>` : '';
  return `<table><thead><tr><th>severity</th><th>file</th><th>JSON path</th><th>problem</th></tr></thead><tbody>${body}</tbody></table>${more}`;
}

/** The HTML document. */
export function renderHtml(report: ScanReport, limit = 500): string {
  const { scan, diff } = report;
  const d = diff.summary;
  const c = scan.counts;
  const svg =
    report.accountGraph === undefined
      ? '<p>The account-level picture is not available for this report.</p>'
      : `<figure>${renderAccountWebSvg(report.accountGraph)}</figure>
<p class="legend">${LEGEND}</p>`;
  const newAndOpen = report.findings.filter((f) => f.status === 'new' || f.status === 'open');
  return `<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">
<title>trustmap scan ${String(scan.id)}</title><style>${CSS}</style></head><body>
<h1>trustmap scan ${String(scan.id)}</h1>
<p>Scanned ${htmlText(scan.finishedAt ?? scan.startedAt)} from ${htmlText(scan.source)}${scan.sourceDetail === undefined ? '' : ` (${htmlText(scan.sourceDetail)})`}; compared with ${diff.from === null ? 'nothing (first scan)' : `scan ${String(diff.from)}`}.
${c === undefined ? '' : `${String(c.accounts)} accounts, ${String(c.nodes)} nodes, ${String(c.edges)} edges; ${String(c.bySeverity.critical)} critical, ${String(c.bySeverity.high)} high, ${String(c.bySeverity.medium)} medium findings.`}</p>
<p class="coverage-${report.coverage.state}"${report.coverage.state === 'partial' ? ' style="background:#fff4e5;border:1px solid #d9480f;padding:6px"' : ''}><strong>Coverage ${htmlText(describeCoverage(report.coverage))}</strong></p>
<p><strong>${String(d.newFindings)} new findings</strong>, <strong>${String(diff.worsenedFindings.length)} worsened</strong>, ${String(diff.improvedFindings.length)} improved, ${String(d.resolvedFindings)} resolved; <strong>${String(d.newEdges)} new edges</strong> (${String(d.newOutsideEdges)} from outside the organization), ${String(diff.changedEdges.length)} changed, ${String(d.removedEdges)} removed.</p>
${report.coverage.state === 'partial' ? `<h2>Incomplete coverage</h2>\n${coverageTable(report.coverage.incomplete, limit)}` : ''}
<h2>Account-level web of trust</h2>
${svg}
<h2>Worsened findings</h2>
${changedTable(diff.worsenedFindings, limit)}
<h2>New edges</h2>
${edgesTable(diff.newEdges, limit)}
<h2>Changed edges</h2>
${changedEdgesTable(diff.changedEdges, limit)}
<h2>New and open findings</h2>
${findingsTable(newAndOpen, limit)}
<h2>Improved findings</h2>
${changedTable(diff.improvedFindings, limit)}
<h2>Resolved findings</h2>
${findingsTable(diff.resolvedFindings, limit)}
<h2>Removed edges</h2>
${edgesTable(diff.removedEdges, limit)}
<h2>Load issues</h2>
${loadIssuesTable(scan.issues, limit)}
</body></html>
`;
}

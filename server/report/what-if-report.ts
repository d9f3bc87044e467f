/**
 * The what-if answer as text (terminal), Markdown (a pull-request comment, under GitHub's
 * 65,536-character limit) and SARIF 2.1.0 (code scanning; each result located at the Terraform
 * resource address that causes it). Every string from the plan or from AWS is untrusted: it is
 * escaped in Markdown and cleaned of control characters in text.
 */
import type { Severity } from '../../shared/api/types.js';
import type { Hop } from '../../shared/query/types.js';
import {
  NEW_ADMIN_SEVERITY,
  PATH_SEVERITY,
  type WhatIfPath,
  type WhatIfResult,
} from '../../shared/what-if/what-if-result.js';
import type { NewPathCategory } from '../../shared/what-if/new-paths.js';
import { cleanText } from '../cli/format/sanitize-text.js';
import { escapeMarkdown } from './markdown.js';
import { LEVEL, SECURITY_SEVERITY } from './sarif.js';
import { describeRules } from './rule-catalog.js';

export const WHAT_IF_REPORT_FORMATS = ['json', 'sarif', 'markdown'] as const;
export type WhatIfReportFormat = (typeof WHAT_IF_REPORT_FORMATS)[number];

/** GitHub refuses a comment body longer than this. */
export const GITHUB_COMMENT_LIMIT = 65_536;

const CATEGORY_TEXT: Readonly<Record<NewPathCategory, string>> = {
  'outside-to-admin': 'from outside the organization to an administrator',
  'outside-to-crown-jewel': 'from outside the organization to a crown jewel',
  outside: 'from outside the organization',
  'to-admin': 'to an administrator',
  'to-crown-jewel': 'to a crown jewel',
};

/** One line per hop: who, how, to what, and the statement that allows it. */
function hopLines(hops: readonly Hop[]): string[] {
  return hops.map((h) => {
    const grant = h.evidence.find((e) => e.role === 'grants');
    const cond =
      h.decision === 'conditional' ? ` conditional on ${h.conditionKeys.join(', ')}` : '';
    return `${h.from} —${h.kind}${cond}→ ${h.to}${grant ? ` (${grant.reason})` : ''}`;
  });
}

function verdict(r: WhatIfResult): string {
  const s = r.summary;
  if (s.failing > 0)
    return `opens ${String(s.failing)} thing(s) at or above ${s.failOn} (most severe: ${s.maxSeverity ?? s.failOn})`;
  if (s.maxSeverity !== undefined)
    return `opens nothing at or above ${s.failOn} (most severe: ${s.maxSeverity})`;
  return 'opens nothing';
}

function pathCount(r: WhatIfResult): number {
  return Object.values(r.summary.newPaths).reduce((a, b) => a + b, 0);
}

/** Terminal text. */
export function renderWhatIfText(r: WhatIfResult): string {
  const s = r.summary;
  const t = (x: string): string => cleanText(x, 400);
  const lines: string[] = [
    `what-if (${r.format}: ${String(s.changes)} change(s), ${String(s.applied)} applied) on ${t(r.base)}: ${verdict(r)}`,
    `  ${String(pathCount(r))} new path(s), ${String(s.newFindings)} new, ${String(s.worsenedFindings)} worsened, ${String(s.resolvedFindings)} resolved finding(s); edges +${String(s.newEdges)} −${String(s.removedEdges)} ~${String(s.changedEdges)}; graph rebuilt ${r.rebuild.mode} in ${String(Math.round(r.rebuild.ms))} ms`,
  ];
  const section = (title: string, items: string[]): void => {
    if (items.length === 0) return;
    lines.push('', `${title} (${String(items.length)}):`, ...items);
  };
  section(
    'New paths',
    r.paths.map(
      (p) =>
        `  ${p.severity} ${t(p.start)} → ${t(p.target)}: ${CATEGORY_TEXT[p.category]}${p.wasConditional === true ? ' (before: only with conditions)' : ''} [${p.addresses.map(t).join(', ')}]\n` +
        hopLines(p.hops)
          .map((l) => `      ${t(l)}`)
          .join('\n'),
    ),
  );
  section(
    'New administrators',
    r.newAdmins.map((a) => `  ${t(a.arn)} [${a.addresses.map(t).join(', ')}]`),
  );
  section(
    'New findings',
    r.findings.new.map(
      (f) =>
        `  ${f.severity} ${f.rule} ${t(f.subject)}: ${t(f.title)} [${f.addresses.map(t).join(', ')}]`,
    ),
  );
  section(
    'Worsened findings',
    r.findings.worsened.map(
      (f) =>
        `  ${f.severity} ${f.rule} ${t(f.subject)}: ${f.reasons.join('; ')} [${f.addresses.map(t).join(', ')}]`,
    ),
  );
  section(
    'Resolved findings',
    r.findings.resolved.map((f) => `  ${f.severity} ${f.rule} ${t(f.subject)}: ${t(f.title)}`),
  );
  section('Edges', [
    ...r.edges.newEdges.map(
      (e) =>
        `  + ${e.sourceScope ?? ''} ${t(e.source)} → ${t(e.target)} ${e.kind}${e.actionGroup === undefined ? '' : ` ${e.actionGroup}`} (${e.decision})`,
    ),
    ...r.edges.removedEdges.map(
      (e) =>
        `  - ${e.sourceScope ?? ''} ${t(e.source)} → ${t(e.target)} ${e.kind}${e.actionGroup === undefined ? '' : ` ${e.actionGroup}`}`,
    ),
    ...r.edges.changedEdges.map(
      (e) => `  ~ ${t(e.source)} → ${t(e.target)} ${e.kind}: ${e.previousDecision} → ${e.decision}`,
    ),
  ]);
  section(
    'Not known until apply, or not analyzed',
    r.unresolved.map(
      (u) =>
        `  ${t(u.origin.address)}${u.origin.field === undefined ? '' : ` (${t(u.origin.field)})`}: ${t(u.message)}`,
    ),
  );
  if (r.unchanged.length > 0)
    lines.push('', `Unchanged (moved or no-op): ${r.unchanged.map(t).join(', ')}`);
  if (r.ignored.length > 0)
    lines.push('', `Not IAM/S3 (ignored): ${String(r.ignored.length)} resource change(s)`);
  return `${lines.join('\n')}\n`;
}

const md = escapeMarkdown;
const code = (s: string): string => `\`${s.replace(/`/g, "'")}\``;

/** Markdown for a pull-request comment; lists shrink until the text fits `limit`. */
export function renderWhatIfMarkdown(
  r: WhatIfResult,
  limit = GITHUB_COMMENT_LIMIT - 1_000,
): string {
  for (const rows of [200, 50, 10, 0]) {
    const text = markdownWith(r, rows);
    if (text.length <= limit) return text;
  }
  return markdownWith(r, 0).slice(0, limit);
}

function markdownWith(r: WhatIfResult, rows: number): string {
  const s = r.summary;
  const lines: string[] = ['## trustmap what-if', ''];
  const icon = s.failing > 0 ? '🔴' : s.maxSeverity !== undefined ? '🟡' : '🟢';
  lines.push(`${icon} **This change ${md(verdict(r))}.**`, '');
  lines.push(
    `Compared with ${md(r.base)}: ${String(s.changes)} change(s) (${String(s.applied)} applied), ${String(pathCount(r))} new path(s), ${String(s.newFindings)} new / ${String(s.worsenedFindings)} worsened / ${String(s.resolvedFindings)} resolved finding(s), ${String(s.newEdges)} new and ${String(s.removedEdges)} removed edge(s).`,
    '',
  );
  const table = <T>(
    title: string,
    head: string,
    items: readonly T[],
    row: (x: T) => string,
  ): void => {
    if (items.length === 0) return;
    lines.push(`### ${title} (${String(items.length)})`, '', head);
    for (const x of items.slice(0, rows)) lines.push(row(x));
    if (items.length > rows)
      lines.push('', `…and ${String(items.length - rows)} more (see the SARIF or JSON report).`);
    lines.push('');
  };
  table(
    'New paths',
    '| severity | from | to | what | via | resource |\n|---|---|---|---|---|---|',
    r.paths,
    (p: WhatIfPath) =>
      `| ${p.severity} | ${md(p.start)} | ${md(p.target)} | ${CATEGORY_TEXT[p.category]}${p.wasConditional === true ? ' (before: only with conditions)' : ''} | ${p.hops
        .map(
          (h) =>
            `${md(h.from)} → ${md(h.to)}${h.decision === 'conditional' ? ` (if ${md(h.conditionKeys.join(', '))})` : ''}`,
        )
        .join('<br>')} | ${p.addresses.map(code).join(' ')} |`,
  );
  table(
    'New administrators',
    '| principal | resource |\n|---|---|',
    r.newAdmins,
    (a) => `| ${md(a.arn)} | ${a.addresses.map(code).join(' ')} |`,
  );
  table(
    'New findings',
    '| severity | rule | subject | title | resource |\n|---|---|---|---|---|',
    r.findings.new,
    (f) =>
      `| ${f.severity} | ${code(f.rule)} | ${md(f.subject)} | ${md(f.title)} | ${f.addresses.map(code).join(' ')} |`,
  );
  table(
    'Worsened findings',
    '| severity | rule | subject | what got worse | resource |\n|---|---|---|---|---|',
    r.findings.worsened,
    (f) =>
      `| ${f.severity} | ${code(f.rule)} | ${md(f.subject)} | ${md(f.reasons.join('; '))} | ${f.addresses.map(code).join(' ')} |`,
  );
  table(
    'Resolved findings',
    '| severity | rule | subject | title |\n|---|---|---|---|',
    r.findings.resolved,
    (f) => `| ${f.severity} | ${code(f.rule)} | ${md(f.subject)} | ${md(f.title)} |`,
  );
  const edgeRow =
    (sign: string) =>
    (e: WhatIfResult['edges']['newEdges'][number]): string =>
      `| ${sign} | ${e.sourceScope ?? ''} | ${md(e.source)} | ${e.kind}${e.actionGroup === undefined ? '' : ` ${e.actionGroup}`} | ${md(e.target)} | ${e.decision} |`;
  table(
    'Edges',
    '| | source scope | source | edge | target | decision |\n|---|---|---|---|---|---|',
    [
      ...r.edges.newEdges.map((e) => ({ e, sign: '+' })),
      ...r.edges.removedEdges.map((e) => ({ e, sign: '−' })),
      ...r.edges.changedEdges.map((e) => ({ e, sign: '~' })),
    ],
    ({ e, sign }) => edgeRow(sign)(e),
  );
  table(
    'Not known until apply, or not analyzed',
    '| resource | field | why |\n|---|---|---|',
    r.unresolved,
    (u) =>
      `| ${code(u.origin.address)} | ${u.origin.field === undefined ? '' : code(u.origin.field)} | ${md(u.message)} |`,
  );
  lines.push(
    `<sub>trustmap what-if · graph rebuilt ${r.rebuild.mode} · fail-on ${s.failOn}</sub>`,
    '',
  );
  return lines.join('\n');
}

const PATH_RULE_HELP =
  'A planned change opens a path that the last scan does not have. The path lists every hop and ' +
  'the statement that allows it; the location is the Terraform resource whose change opens it. ' +
  'Fix: bind the trust (ExternalId, exact principal, organization condition) or remove the ' +
  'permission that makes the hop possible, then plan again.';

/**
 * SARIF 2.1.0: one result per new path, new or worsened finding, and unknown value; each located
 * at its Terraform resource address (a logical location) in `planFile` (the physical location
 * GitHub requires).
 */
export function buildWhatIfSarif(
  r: WhatIfResult,
  version: string,
  planFile: string,
): Record<string, unknown> {
  const findingRules = describeRules([...r.findings.new, ...r.findings.worsened]);
  const pathRules = (Object.keys(PATH_SEVERITY) as NewPathCategory[]).map((c) => ({
    id: `what-if/${c}`,
    severity: PATH_SEVERITY[c],
    title: `New path ${CATEGORY_TEXT[c]}`,
    help: PATH_RULE_HELP,
  }));
  const unresolvedRule = {
    id: 'what-if/unresolved',
    severity: 'info' as Severity,
    title: 'Not known until apply, or not analyzed',
    help: 'A value of the plan is known only after apply (or the resource type is not modelled): trustmap does not guess it, so what it decides is not in the answer. Re-run what-if on a plan where it is known, or review it by hand.',
  };
  const newAdminRule = {
    id: 'what-if/new-admin',
    severity: NEW_ADMIN_SEVERITY,
    title: 'A principal becomes an administrator',
    help: 'After the change the principal holds `*` or `iam:*` on every resource (within its boundary and SCPs): it controls its account. Fix: grant the actions it needs instead.',
  };
  const rules = [...findingRules, ...pathRules, newAdminRule, unresolvedRule];
  const index = new Map(rules.map((x, i) => [x.id, i]));
  const locations = (addresses: readonly string[]): unknown[] =>
    (addresses.length > 0 ? addresses : ['(plan)']).slice(0, 10).map((a) => ({
      physicalLocation: { artifactLocation: { uri: planFile }, region: { startLine: 1 } },
      logicalLocations: [{ fullyQualifiedName: a, kind: 'resource' }],
    }));
  const result = (
    ruleId: string,
    severity: Severity,
    text: string,
    addresses: readonly string[],
    fingerprint: string,
    properties: Record<string, unknown>,
  ): Record<string, unknown> => ({
    ruleId,
    ruleIndex: index.get(ruleId) ?? 0,
    level: LEVEL[severity],
    message: { text },
    locations: locations(addresses),
    partialFingerprints: { 'trustmapWhatIf/v1': fingerprint },
    properties: { severity, ...properties },
  });
  const results = [
    ...r.paths.map((p) =>
      result(
        `what-if/${p.category}`,
        p.severity,
        `${p.addresses.join(', ')} opens a path ${CATEGORY_TEXT[p.category]}: ${hopLines(p.hops).join(' ; ')}`,
        p.addresses,
        `${p.category}|${p.start}|${p.target}`,
        { start: p.start, target: p.target, hops: p.hops.length },
      ),
    ),
    ...r.newAdmins.map((a) =>
      result(
        'what-if/new-admin',
        NEW_ADMIN_SEVERITY,
        `${a.arn} becomes an administrator`,
        a.addresses,
        `new-admin|${a.arn}`,
        { principal: a.arn },
      ),
    ),
    ...r.findings.new.map((f) =>
      result(f.rule, f.severity, `New finding: ${f.title}: ${f.subject}`, f.addresses, f.id, {
        subject: f.subject,
        status: 'new',
      }),
    ),
    ...r.findings.worsened.map((f) =>
      result(
        f.rule,
        f.severity,
        `Worsened (${f.reasons.join('; ')}): ${f.title}: ${f.subject}`,
        f.addresses,
        f.id,
        {
          subject: f.subject,
          status: 'worsened',
        },
      ),
    ),
    ...r.unresolved.map((u) =>
      result(
        'what-if/unresolved',
        'info',
        `${u.origin.field === undefined ? '' : `${u.origin.field}: `}${u.message}`,
        [u.origin.address],
        `${u.origin.address}|${u.origin.field ?? ''}|${u.reason}`,
        { reason: u.reason },
      ),
    ),
  ];
  return {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'trustmap',
            version,
            informationUri: 'https://github.com/trustmap/trustmap',
            rules: rules.map((x) => ({
              id: x.id,
              name: x.id
                .split(/[-/]/)
                .map((w) => w.charAt(0).toUpperCase() + w.slice(1))
                .join(''),
              shortDescription: { text: x.title },
              fullDescription: { text: x.help },
              help: { text: x.help, markdown: x.help },
              defaultConfiguration: { level: LEVEL[x.severity] },
              properties: {
                tags: ['security', 'iam'],
                'security-severity': SECURITY_SEVERITY[x.severity],
              },
            })),
          },
        },
        automationDetails: { id: 'trustmap/what-if/' },
        results,
      },
    ],
  };
}

/** The report in `format`. */
export function renderWhatIfReport(
  r: WhatIfResult,
  format: WhatIfReportFormat,
  version: string,
  planFile: string,
): string {
  switch (format) {
    case 'json':
      return `${JSON.stringify(r, null, 2)}\n`;
    case 'markdown':
      return renderWhatIfMarkdown(r);
    case 'sarif':
      return `${JSON.stringify(buildWhatIfSarif(r, version, planFile), null, 2)}\n`;
  }
}

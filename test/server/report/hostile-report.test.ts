/**
 * Markdown and HTML reports of hostile names (issue 13, items 7 and 8): a role path that GitHub
 * would autolink, entities that decode to invisible or bidi characters, `@org/team` mentions,
 * backticks and pipes, 100,000-character ARNs, and a report that must stay under GitHub's
 * 65,536-character comment limit.
 */
import { describe, expect, it } from 'vitest';
import { renderHtml } from '../../../server/report/html.js';
import { renderMarkdown } from '../../../server/report/markdown.js';
import { htmlText, mdCode, mdText } from '../../../server/report/report-text.js';
import type { ScanReport } from '../../../server/report/scan-report.js';
import type { DiffEdge, FindingView } from '../../../shared/api/types.js';

const EVIL_PATH = 'arn:aws:iam::111111111111:role/https://evil%2Eexample%2Ecom/login/Admin';

function finding(subject: string, title: string, i = 0): FindingView {
  return {
    id: `f${String(i)}`,
    rule: 'public-trust',
    severity: 'critical',
    subject,
    title,
    evidence: [],
    status: 'new',
    firstSeen: '2026-12-01T00:00:00Z',
    lastSeen: '2026-12-01T00:00:00Z',
  };
}
function edge(source: string, target: string): DiffEdge {
  return {
    source,
    target,
    kind: 'can-assume',
    decision: 'allow',
    sourceScope: 'external',
    conditionKeys: [],
  };
}

function report(findings: FindingView[], edges: DiffEdge[] = []): ScanReport {
  return {
    version: '0.1.0',
    scan: {
      id: 2,
      startedAt: '2026-12-01T00:00:00Z',
      finishedAt: '2026-12-01T00:01:00Z',
      source: 'from-dir',
      status: 'succeeded',
      coverage: [],
      issues: [
        { file: '111111111111/iam.json', path: '$.x', severity: 'error', message: 'a\u202eb' },
      ],
    },
    diff: {
      from: 1,
      to: 2,
      summary: {
        newFindings: findings.length,
        resolvedFindings: 0,
        newEdges: edges.length,
        removedEdges: 0,
        newOutsideEdges: edges.length,
      },
      newFindings: findings,
      resolvedFindings: [],
      newEdges: edges,
      removedEdges: [],
      changedEdges: [],
      worsenedFindings: [],
      improvedFindings: [],
    },
    findings,
    coverage: { state: 'complete', incomplete: [] },
  };
}

/** The text of a Markdown table row's cells outside code spans. */
function outsideCode(md: string): string {
  return md.replace(/(`+)[^`]*?\1/g, '');
}

describe('Markdown report of hostile names', () => {
  it('puts ARNs and names in code spans: no live link, no mention, no decoded entity', () => {
    const md = renderMarkdown(
      report(
        [finding(EVIL_PATH, 'Role trusted by @acme/security-team&rlm;&ZeroWidthSpace;')],
        [edge('arn:aws:iam::999999999999:root', EVIL_PATH)],
      ),
    );
    expect(md).toContain(
      '`arn:aws:iam::111111111111:role/https://evil%2Eexample%2Ecom/login/Admin`',
    );
    const bare = outsideCode(md);
    expect(bare).not.toContain('https://');
    expect(bare).not.toContain('@acme');
    expect(bare).not.toMatch(/&(rlm|ZeroWidthSpace);/);
    expect(md).toContain('`Role trusted by @acme/security-team&rlm;&ZeroWidthSpace;`');
  });

  it('code spans survive backticks, pipes and control characters', () => {
    expect(mdCode('a`b')).toBe('``a`b``');
    expect(mdCode('`x`')).toBe('`` `x` ``');
    expect(mdCode('a|b')).toBe('`a\\|b`');
    expect(mdCode('x\u202ey\u0000')).toBe('`x\\u202ey\\u0000`');
    expect(mdText('Tom & Jerry @team <b>')).toBe('Tom &amp; Jerry \\@team \\<b\\>');
  });

  it('stays under 65,536 characters with a count and a pointer to the full report', () => {
    const many = Array.from({ length: 3000 }, (_, i) =>
      finding(
        `arn:aws:iam::111111111111:role/${'x'.repeat(150)}${String(i)}`,
        `title ${String(i)}`,
        i,
      ),
    );
    const md = renderMarkdown(report(many), 5000);
    expect(md.length).toBeLessThan(65_536);
    expect(md).toMatch(
      /Report cut to stay under GitHub's 65536-character comment limit: \d+ more rows are not shown/,
    );
    expect(md).toContain('--report json');
    const shown = md.split('\n').filter((l) => l.startsWith('| critical')).length;
    expect(shown).toBeGreaterThan(100);
  });

  it('cuts a 100,000-character ARN in a cell', () => {
    const md = renderMarkdown(report([finding(`arn:aws:iam::1:role/${'a'.repeat(100_000)}`, 't')]));
    expect(md.length).toBeLessThan(5_000);
    expect(md).toContain('…');
  });
});

describe('HTML report of hostile names', () => {
  it('71 ARNs of 100,000 characters: each shows its start, the rest closed behind "show all"', () => {
    const huge = Array.from({ length: 71 }, (_, i) =>
      finding(`arn:aws:iam::111111111111:role/${String(i)}${'a'.repeat(100_000)}`, 't', i),
    );
    const html = renderHtml(report(huge));
    // 71 × (200 shown + 20,000 behind details) instead of 71 × 2 × 100,000 laid out.
    expect(html.length).toBeLessThan(71 * 21_000 + 20_000);
    expect(
      html.match(/<details class="full"><summary>show all 1000\d\d characters<\/summary>/g)?.length,
    ).toBe(71);
    expect(html).toContain('the JSON report has the full value');
  });

  it('shows bidi and control characters as escapes and escapes markup', () => {
    expect(htmlText('admin\u202eelor<script>')).toBe('admin\\u202eelor&lt;script&gt;');
    const html = renderHtml(report([finding('arn:aws:iam::1:role/a\u202eb\u0007', '<img src=x>')]));
    expect(html).toContain('arn:aws:iam::1:role/a\\u202eb\\u0007');
    expect(html).not.toContain('\u202e');
    expect(html).not.toContain('<img');
  });
});

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { renderAccountWebSvg } from '../../../server/report/account-web-svg.js';
import { renderHtml } from '../../../server/report/html.js';
import { escapeMarkdown, renderMarkdown } from '../../../server/report/markdown.js';
import { renderReport } from '../../../server/report/render-report.js';
import { buildScanReport, type ScanReport } from '../../../server/report/scan-report.js';
import { runScan } from '../../../server/scan/run-scan.js';
import { openStore, type Store } from '../../../server/store/open-store.js';
import { resolveAnalysisConfig } from '../../../shared/config/analysis-config.js';
import { TEST_PIPELINE, V1, V2 } from '../scan/test-pipeline.js';

let dir: string;
let db: Store;
let report: ScanReport;
beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'trustmap-report-'));
  db = openStore(join(dir, 't.db'));
  const config = resolveAnalysisConfig();
  await runScan(db, { dir: V1, source: 'from-dir', config }, TEST_PIPELINE);
  const second = await runScan(db, { dir: V2, source: 'from-dir', config }, TEST_PIPELINE);
  report = buildScanReport(db, second.scanId, second.diff, '0.1.0', second.analysis.graph);
});
afterAll(() => {
  db.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('Markdown report', () => {
  it('summarises the changes and lists new findings and new edges', () => {
    const md = renderMarkdown(report);
    expect(md).toContain('# trustmap scan 2');
    expect(md).toContain(
      '**Changes:** 2 new findings, 0 worsened, 0 improved, 2 resolved; 3 new edges (1 from outside the organization), 0 changed, 1 removed.',
    );
    expect(md).toContain(
      '| high | new | `test-external-trust` | `arn:aws:iam::222222222222:role/VendorAccess` |',
    );
    expect(md).toContain(
      '| external | `arn:aws:iam::999999999999:root` | `can-assume` | `arn:aws:iam::222222222222:role/VendorAccess` | allow |',
    );
  });

  it('escapes untrusted text so it renders as text', () => {
    expect(escapeMarkdown('<img src=x onerror=alert(1)> | *bold*\nnext')).toBe(
      '\\<img src=x onerror=alert\\(1\\)\\> \\| \\*bold\\* next',
    );
  });
});

describe('HTML report', () => {
  it('is one self-contained file: no scripts, no external resources, a CSP that forbids them', () => {
    const html = renderHtml(report);
    expect(html).not.toMatch(/<script/i);
    expect(html).not.toMatch(/(src|href)="https?:/i);
    expect(html).toContain(
      `content="default-src 'none'; style-src 'unsafe-inline'; img-src data:"`,
    );
    expect(html).toContain('<svg');
    expect(html).toContain('class="new-edge"');
    expect(html).toContain('<h2>New and open findings</h2>');
  });

  it('escapes untrusted names in the page and the SVG', () => {
    const evil = '<script>alert(1)</script>';
    const doctored: ScanReport = {
      ...report,
      findings: report.findings.map((f) => ({ ...f, title: evil })),
      accountGraph:
        report.accountGraph === undefined
          ? undefined
          : {
              ...report.accountGraph,
              nodes: report.accountGraph.nodes.map((n) => ({
                ...n,
                attributes:
                  n.attributes === undefined
                    ? undefined
                    : { ...n.attributes, label: evil, accountName: evil },
              })),
            },
    };
    const html = renderHtml(doctored);
    expect(html).not.toContain(evil);
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
  });

  it('marks outside accounts and highlights new edges in the SVG', () => {
    const graph = report.accountGraph;
    expect(graph).toBeDefined();
    if (graph === undefined) return;
    const svg = renderAccountWebSvg(graph);
    expect(svg.match(/class="new-edge"/g)).toHaveLength(1);
    expect(svg.match(/<g class="outside">/g)).toHaveLength(1);
    expect(svg).toContain('arn:aws:iam::999999999999:root (external)');
  });
});

describe('renderReport', () => {
  it('json is the whole report', () => {
    const parsed = JSON.parse(renderReport(report, 'json')) as ScanReport;
    expect(parsed.scan.id).toBe(2);
    expect(parsed.diff.summary.newOutsideEdges).toBe(1);
    expect(parsed.findings).toHaveLength(4);
  });
});

/** Renders a scan report in the format chosen with `--report`. */
import { renderHtml } from './html.js';
import { renderMarkdown } from './markdown.js';
import { buildSarif } from './sarif.js';
import type { ScanReport } from './scan-report.js';

export const REPORT_FORMATS = ['json', 'sarif', 'markdown', 'html'] as const;
export type ReportFormat = (typeof REPORT_FORMATS)[number];

export function renderReport(report: ScanReport, format: ReportFormat): string {
  switch (format) {
    case 'json':
      return `${JSON.stringify(report, null, 2)}\n`;
    case 'sarif':
      return `${JSON.stringify(
        buildSarif({
          version: report.version,
          scanId: report.scan.id,
          findings: report.findings,
          incompleteCoverage: report.coverage.incomplete,
        }),
        null,
        2,
      )}\n`;
    case 'markdown':
      return renderMarkdown(report);
    case 'html':
      return renderHtml(report);
  }
}

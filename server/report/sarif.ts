/**
 * SARIF 2.1.0 report of a scan, as GitHub code scanning accepts it: one run, rules with help
 * text, one result per present finding with the subject ARN as its (logical) location, the
 * snapshot file of the subject's account as its physical location, and the stable finding id
 * as a partial fingerprint. Suppressed findings carry a SARIF suppression.
 */
import type { AccountCoverage, FindingView, Severity } from '../../shared/api/types.js';
import { describeRules } from './rule-catalog.js';

/** SARIF result level of each severity. */
export const LEVEL: Readonly<Record<Severity, 'error' | 'warning' | 'note'>> = {
  critical: 'error',
  high: 'error',
  medium: 'warning',
  low: 'note',
  info: 'note',
};

/** GitHub's `security-severity` property (0–10). */
export const SECURITY_SEVERITY: Readonly<Record<Severity, string>> = {
  critical: '9.5',
  high: '8.0',
  medium: '5.5',
  low: '3.0',
  info: '1.0',
};

export interface SarifInput {
  version: string;
  scanId: number;
  /** Findings present in the scan (new and open); worsened and improved ones carry `change`. */
  findings: readonly FindingView[];
  /** Accounts read only in part or not at all: one warning notification each. */
  incompleteCoverage?: readonly AccountCoverage[];
}

/**
 * SARIF `baselineState`: `new` (first seen in this scan), `updated` (seen before, and worse or
 * better since: its `change` says how), `unchanged`.
 */
function baselineState(f: FindingView): 'new' | 'updated' | 'unchanged' {
  if (f.status === 'new') return 'new';
  return f.change === undefined ? 'unchanged' : 'updated';
}

function artifactOf(f: FindingView): string {
  const account = f.accountId ?? /:(\d{12}):/.exec(f.subject)?.[1];
  if (account === undefined) return 'organization.json';
  return f.subject.includes(':s3:::') ? `${account}/s3.json` : `${account}/iam.json`;
}

/** The SARIF log (a plain JSON value). */
export function buildSarif(input: SarifInput): Record<string, unknown> {
  const rules = describeRules(input.findings);
  const index = new Map(rules.map((r, i) => [r.id, i]));
  return {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'trustmap',
            version: input.version,
            informationUri: 'https://github.com/trustmap/trustmap',
            rules: rules.map((r) => ({
              id: r.id,
              name: r.id
                .split('-')
                .map((w) => w.charAt(0).toUpperCase() + w.slice(1))
                .join(''),
              shortDescription: { text: r.title },
              fullDescription: { text: r.help },
              help: { text: r.help, markdown: r.help },
              defaultConfiguration: { level: LEVEL[r.severity] },
              properties: {
                tags: ['security', 'iam'],
                'security-severity': SECURITY_SEVERITY[r.severity],
              },
            })),
          },
        },
        automationDetails: { id: `trustmap/scan/${String(input.scanId)}` },
        invocations: [
          {
            executionSuccessful: true,
            properties: {
              coverage: (input.incompleteCoverage ?? []).length > 0 ? 'partial' : 'complete',
            },
            toolExecutionNotifications: (input.incompleteCoverage ?? []).map((c) => ({
              level: 'warning',
              descriptor: { id: 'incomplete-coverage' },
              message: {
                text: `Account ${c.accountId} coverage ${c.status}${c.reasons?.[0] === undefined ? '' : `: ${c.reasons[0]}`}`,
              },
            })),
          },
        ],
        results: input.findings.map((f) => {
          const result: Record<string, unknown> = {
            ruleId: f.rule,
            ruleIndex: index.get(f.rule) ?? 0,
            level: LEVEL[f.severity],
            message: { text: `${f.title}: ${f.subject}` },
            locations: [
              {
                physicalLocation: {
                  artifactLocation: { uri: artifactOf(f) },
                  region: { startLine: 1 },
                },
                logicalLocations: [{ fullyQualifiedName: f.subject, kind: 'resource' }],
              },
            ],
            partialFingerprints: { 'trustmapFindingId/v1': f.id },
            baselineState: baselineState(f),
            properties: {
              ...(f.change === undefined
                ? {}
                : {
                    change: f.change.kind,
                    changes: [...f.change.worse, ...f.change.better],
                    previousSeverity: f.change.previousSeverity,
                  }),
              ...(f.mergedFrom === undefined ? {} : { mergedFrom: f.mergedFrom }),
              subject: f.subject,
              status: f.status,
              firstSeen: f.firstSeen,
              severity: f.severity,
              ...(f.accountId === undefined ? {} : { accountId: f.accountId }),
            },
          };
          if (f.suppressed !== undefined)
            result.suppressions = [{ kind: 'external', justification: f.suppressed.reason }];
          return result;
        }),
      },
    ],
  };
}

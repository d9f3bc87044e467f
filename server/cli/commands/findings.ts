/**
 * `trustmap findings [--from-dir DIR | --db FILE [--scan ID]] [--config FILE] [--json]
 * [--severity MIN] [--rule ID] [--include-suppressed] [--status new|open|resolved (with --db)]`: the findings of one analysis
 * (docs/findings.md), most severe first. Suppressed findings are left out unless asked for.
 * Exit code 0: failing a build on findings is `trustmap scan --fail-on`.
 */
import type { Command } from 'commander';
import { computeFindings } from '../../../shared/audit/compute-findings.js';
import { RULES } from '../../../shared/audit/rules/index.js';
import { SEVERITY_ORDER, type Severity } from '../../../shared/audit/types.js';
import { UsageError } from '../errors.js';
import { findingsJson, findingsText } from '../format/findings-output.js';
import { cleanText } from '../format/sanitize-text.js';
import { printJson, type CliIo } from '../io.js';
import { parseScanFlag } from './diff.js';
import { parseStatuses, printFindingsHistory } from './findings-history.js';
import { addAnalysisOptions, loadAnalysis, parseCount, type AnalysisFlags } from './query.js';

interface FindingsFlags extends AnalysisFlags {
  maxResults?: string;
  severity?: string;
  rule?: string[];
  includeSuppressed?: boolean;
  status?: string[];
}

/** `--severity`: the least severe level shown. */
export function parseSeverity(value: string | undefined): Severity {
  if (value === undefined) return 'info';
  const v = value.trim().toLowerCase();
  if ((SEVERITY_ORDER as readonly string[]).includes(v)) return v as Severity;
  throw new UsageError(
    `--severity: expected one of ${SEVERITY_ORDER.join(', ')}, got "${cleanText(value, 40)}"`,
  );
}

/** `--rule`: known rule ids only. */
export function parseRules(values: readonly string[] | undefined): Set<string> | undefined {
  if (values === undefined || values.length === 0) return undefined;
  const ids = new Set(RULES.map((r) => r.id as string));
  for (const v of values)
    if (!ids.has(v))
      throw new UsageError(
        `--rule: "${cleanText(v, 60)}" is not a rule; one of ${[...ids].join(', ')}`,
      );
  return new Set(values);
}

const repeated = (value: string, previous: string[] | undefined): string[] => [
  ...(previous ?? []),
  ...value
    .split(',')
    .map((v) => v.trim())
    .filter((v) => v !== ''),
];

export function register(program: Command, io: CliIo): void {
  addAnalysisOptions(
    program
      .command('findings')
      .description(
        'Findings: public and external trust, vendor and OIDC gaps, paths to admins, exposed buckets',
      ),
  )
    .option(
      '--severity <level>',
      `show findings at or above it (${SEVERITY_ORDER.join(', ')}; default info)`,
    )
    .option('--rule <id>', 'only this rule (repeatable, or comma-separated)', repeated)
    .option('--include-suppressed', 'also show findings that a suppression of the config covers')
    .option('--max-results <n>', 'most findings shown, 1-100000 (most severe first)')
    .option(
      '--status <status>',
      'with --db: findings of the stored scan with this history status: new (since the previous scan), open, resolved (repeatable, or comma-separated)',
      repeated,
    )
    .addHelpText('after', '\nThe rules, their severities and fixes: docs/findings.md\n')
    .action(async (flags: FindingsFlags) => {
      const min = SEVERITY_ORDER.indexOf(parseSeverity(flags.severity));
      const rules = parseRules(flags.rule);
      const maxResults = parseCount(flags.maxResults, '--max-results', 1, 100_000);
      if (flags.status !== undefined) {
        if (flags.fromDir !== undefined)
          throw new UsageError(
            '--status: needs --db (the status comes from the scan history); --from-dir has none',
          );
        printFindingsHistory(
          {
            db: flags.db,
            scan: parseScanFlag(flags.scan, '--scan'),
            statuses: parseStatuses(flags.status),
            severity: parseSeverity(flags.severity),
            rules,
            includeSuppressed: flags.includeSuppressed === true,
            maxResults,
            json: flags.json === true,
          },
          io,
        );
        return;
      }
      const a = await loadAnalysis(flags, io);
      const all = computeFindings({
        graph: a.graph,
        snapshot: a.snapshot,
        model: a.model,
        config: a.config,
      }).filter(
        (f) =>
          SEVERITY_ORDER.indexOf(f.severity) <= min &&
          // A finding that merges several rules' reasons matches each of them.
          (rules === undefined ||
            rules.has(f.rule) ||
            (f.mergedFrom?.some((r) => rules.has(r.rule)) ?? false)),
      );
      const listed =
        flags.includeSuppressed === true ? all : all.filter((f) => f.suppressed === undefined);
      const shown = maxResults === undefined ? listed : listed.slice(0, maxResults);
      if (flags.json === true) printJson(io, findingsJson(shown));
      else
        io.out(
          findingsText(shown, all.length - listed.length) +
            (listed.length > shown.length
              ? `(${String(listed.length - shown.length)} more finding(s) not shown: raise --max-results)\n`
              : ''),
        );
    });
}

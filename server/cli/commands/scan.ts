/**
 * `trustmap scan [--from-dir DIR | live collect flags] [--db FILE] [--config FILE]
 * [--report json|sarif|markdown|html --report-file FILE] [--fail-on SEVERITY] [--json]`:
 * collect or read → analyze → store → compare with the previous scan → report → exit code.
 * Exit codes: 0 nothing new or worsened at or above --fail-on, 1 new or worsened findings at or
 * above it, 2 usage error, 3 collection failed, 4 coverage partial (some account's data is missing
 * or was read only in part) unless --allow-partial.
 */
import { stat, writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import type { Command } from 'commander';
import { SEVERITIES, type Severity } from '../../../shared/api/types.js';
import { loadAnalysisConfig } from '../../config/load-analysis-config.js';
import { renderReport, REPORT_FORMATS, type ReportFormat } from '../../report/render-report.js';
import { buildScanReport } from '../../report/scan-report.js';
import { DEFAULT_PIPELINE } from '../../scan/default-pipeline.js';
import { runScan, type ScanResult } from '../../scan/run-scan.js';
import { resolveDbPath } from '../../serve/data-dir.js';
import { openStore, StoreError } from '../../store/open-store.js';
import { severitiesAtLeast } from '../../store/read-findings.js';
import { UsageError } from '../errors.js';
import { edgeText, findingText } from '../format/diff-text.js';
import { printLoadIssues } from '../format/load-issues-output.js';
import { cleanText } from '../format/sanitize-text.js';
import { printJson, type CliIo } from '../io.js';
import { TRUSTMAP_VERSION } from '../../serve/version.js';
import { describeCoverage, type CoverageSummary } from '../../../shared/scan/coverage-summary.js';

interface ScanFlags {
  fromDir?: string;
  db?: string;
  config?: string;
  report?: string;
  reportFile?: string;
  failOn?: string;
  allowPartial?: boolean;
  json?: boolean;
  quiet?: boolean;
  profile?: string;
  region?: string;
  endpointUrl?: string;
  roleName?: string;
  externalId?: string;
  roleSessionName?: string;
  accounts?: string[];
  excludeAccounts?: string[];
  ou?: string[];
  regions?: string[];
  identityCenterRegion?: string;
  concurrency?: string;
  timeout?: string;
  requestTimeout?: string;
  lockWait?: string;
}

/** `--lock-wait SECONDS`: 0 to 86400; undefined = the store's default (600 s). */
export function parseLockWait(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const n = /^\d{1,5}$/.test(value.trim()) ? Number(value.trim()) : Number.NaN;
  if (!Number.isInteger(n) || n > 86_400)
    throw new UsageError(
      `--lock-wait: expected a number of seconds from 0 to 86400, got "${value}"`,
    );
  return n * 1000;
}

/** `--fail-on`: a severity, or `none` to never fail on findings. Default `high`. */
export function parseFailOn(value: string | undefined): Severity | 'none' {
  if (value === undefined) return 'high';
  const v = value.trim().toLowerCase();
  if (v === 'none' || (SEVERITIES as readonly string[]).includes(v)) return v as Severity | 'none';
  throw new UsageError(`--fail-on: expected one of ${SEVERITIES.join(', ')}, none; got "${value}"`);
}

export function parseReportFormat(value: string | undefined): ReportFormat | undefined {
  if (value === undefined) return undefined;
  if ((REPORT_FORMATS as readonly string[]).includes(value)) return value as ReportFormat;
  throw new UsageError(`--report: expected one of ${REPORT_FORMATS.join(', ')}; got "${value}"`);
}

/** Exit code of a scan whose coverage is partial (without `--allow-partial`). */
export const EXIT_PARTIAL = 4;

/** New and worsened unsuppressed findings at or above `failOn`. */
export function countFailing(result: ScanResult, failOn: Severity | 'none'): number {
  if (failOn === 'none') return 0;
  const sev = new Set<string>(severitiesAtLeast(failOn));
  return [...result.diff.newFindings, ...result.diff.worsenedFindings].filter(
    (f) => sev.has(f.severity) && f.suppressed === undefined,
  ).length;
}

/** The exit code: 4 for partial coverage (unless allowed), else 1 when findings fail, else 0. */
export function scanExitCode(
  failing: number,
  coverage: CoverageSummary,
  allowPartial: boolean,
): number {
  if (coverage.state === 'partial' && !allowPartial) return EXIT_PARTIAL;
  return failing > 0 ? 1 : 0;
}

const repeated = (value: string, previous: string[] | undefined): string[] => [
  ...(previous ?? []),
  value,
];

function summary(
  result: ScanResult,
  failing: number,
  failOn: string,
  coverage: CoverageSummary,
  exitCode: number,
): string {
  const c = result.counts;
  const d = result.diff.summary;
  const s = c.bySeverity;
  const t = (text: string): string => cleanText(text, 400);
  const lines = [
    `scan ${String(result.scanId)} stored${result.previousScanId === undefined ? ' (first scan)' : `, compared with scan ${String(result.previousScanId)}`}`,
    `  ${String(c.accounts)} accounts, ${String(c.nodes)} nodes, ${String(c.edges)} edges`,
    `  findings: ${String(c.findings)} (critical ${String(s.critical)}, high ${String(s.high)}, medium ${String(s.medium)}, low ${String(s.low)}, info ${String(s.info)})`,
    `  changes: ${String(d.newFindings)} new findings, ${String(result.diff.worsenedFindings.length)} worsened, ${String(result.diff.improvedFindings.length)} improved, ${String(d.resolvedFindings)} resolved; ${String(d.newEdges)} new edges (${String(d.newOutsideEdges)} from outside the organization), ${String(result.diff.changedEdges.length)} changed, ${String(d.removedEdges)} removed`,
    `  coverage ${t(describeCoverage(coverage))}`,
  ];
  for (const a of coverage.incomplete.slice(0, 10))
    lines.push(
      `  INCOMPLETE ${a.accountId} ${a.status}${a.reasons?.[0] === undefined ? '' : `: ${t(a.reasons[0])}`}`,
    );
  for (const f of result.diff.newFindings.slice(0, 10)) lines.push(`  NEW ${findingText(f)}`);
  if (result.diff.newFindings.length > 10)
    lines.push(`  … ${String(result.diff.newFindings.length - 10)} more new findings`);
  for (const f of result.diff.worsenedFindings.slice(0, 10))
    lines.push(`  WORSENED ${findingText(f)}  (${t(f.change?.worse.join('; ') ?? '')})`);
  if (result.diff.worsenedFindings.length > 10)
    lines.push(`  … ${String(result.diff.worsenedFindings.length - 10)} more worsened findings`);
  for (const f of result.diff.improvedFindings.slice(0, 10))
    lines.push(`  IMPROVED ${findingText(f)}  (${t(f.change?.better.join('; ') ?? '')})`);
  for (const e of result.diff.newEdges.filter((x) => x.sourceScope !== 'org').slice(0, 10))
    lines.push(`  NEW EDGE ${edgeText(e)} (${cleanText(e.decision, 20)})`);
  for (const e of result.diff.changedEdges.slice(0, 10))
    lines.push(
      `  CHANGED EDGE ${edgeText(e)} (${cleanText(e.previousDecision, 20)} → ${cleanText(e.decision, 20)})`,
    );
  if (failing > 0)
    lines.push(`  ${String(failing)} new or worsened finding(s) at or above ${failOn}`);
  else lines.push(`  nothing new or worsened at or above ${failOn}`);
  if (exitCode === EXIT_PARTIAL)
    lines.push(
      '  coverage is partial: exit 4 (the findings above may miss access; pass --allow-partial to accept)',
    );
  else if (exitCode === 1) lines.push('  exit 1');
  return `${lines.join('\n')}\n`;
}

export function register(program: Command, io: CliIo, setExit: (code: number) => void): void {
  program
    .command('scan')
    .description('Collect (or read --from-dir), analyze, store and compare with the previous scan')
    .option('--from-dir <dir>', 'analyze this snapshot directory instead of collecting live')
    .option('--db <file>', 'store file (default: TRUSTMAP_DB, else <data dir>/trustmap.db)')
    .option('--config <file>', 'analysis config: trusted accounts, crown jewels, suppressions')
    .option('--report <format>', `write a report: ${REPORT_FORMATS.join(', ')}`)
    .option('--report-file <file>', 'where to write the report (default: stdout)')
    .option(
      '--fail-on <severity>',
      `exit 1 when a new or worsened finding is at or above it (${SEVERITIES.join(', ')}, none; default high)`,
    )
    .option(
      '--allow-partial',
      'do not exit 4 when some account was read only in part or not at all (coverage partial)',
    )
    .option('--json', 'print the whole result as JSON')
    .option('--quiet', 'no progress output')
    .option('--profile <name>', 'live: AWS CLI profile')
    .option('--region <region>', 'live: home region')
    .option('--endpoint-url <url>', 'live: send every call to this endpoint')
    .option('--role-name <name>', 'live: role assumed in each member account')
    .option('--external-id <id>', 'live: ExternalId passed to AssumeRole')
    .option('--role-session-name <name>', 'live: session name of the assumed roles')
    .option('--accounts <ids>', 'live: collect only these accounts', repeated)
    .option('--exclude-accounts <ids>', 'live: do not collect these accounts', repeated)
    .option('--ou <id>', 'live: collect only accounts under this OU or root', repeated)
    .option(
      '--regions <regions>',
      "live: regions whose workloads and resources are read (default: each account's enabled regions)",
      repeated,
    )
    .option(
      '--identity-center-region <region>',
      'live: region of the IAM Identity Center instance (default: the home region)',
    )
    .option('--concurrency <n>', 'live: accounts collected at once')
    .option('--timeout <seconds>', 'live: deadline of the whole collection (default: none)')
    .option(
      '--request-timeout <seconds>',
      'live: one request without an answer fails (and is retried) after this (default 120)',
    )
    .option(
      '--lock-wait <seconds>',
      'wait this long for another process writing to the same store (default 600)',
    )
    .addHelpText(
      'after',
      '\nExit codes (docs/security.md):\n  0  nothing new or worsened at or above --fail-on\n  1  new or worsened findings at or above --fail-on\n  2  usage error\n  3  collection failed\n  4  coverage partial: some account was read only in part or not at all (unless --allow-partial)\n  5  the store stayed locked by another writer past --lock-wait\n  6  the store is read-only, full or damaged\n  130/143  interrupted by SIGINT/SIGTERM (nothing stored)\n' +
        '\nExamples:\n  trustmap scan --from-dir ./snapshot --report sarif --report-file trustmap.sarif\n' +
        '  trustmap scan --profile audit --fail-on critical --report html --report-file report.html\n',
    )
    .action(async (flags: ScanFlags) => {
      const failOn = parseFailOn(flags.failOn);
      const lockWaitMs = parseLockWait(flags.lockWait);
      const format = parseReportFormat(flags.report);
      if (flags.reportFile !== undefined && format === undefined)
        throw new UsageError('--report-file: also give --report json|sarif|markdown|html');
      const config = await loadAnalysisConfig(
        flags.config === undefined ? undefined : resolve(io.cwd, flags.config),
        io.env,
      );
      const dbPath = resolveDbPath(flags.db, io.env, io.cwd);
      let db;
      try {
        db = openStore(dbPath);
      } catch (err: unknown) {
        if (err instanceof StoreError && err.exitCode === 2)
          throw new UsageError(`--db: ${err.message}`);
        throw err;
      }
      const progress = (message: string): void => {
        if (flags.quiet !== true && flags.json !== true) io.err(`trustmap scan: ${message}\n`);
      };
      try {
        let dir: string;
        let dispose: (() => Promise<void>) | undefined;
        if (flags.fromDir !== undefined) {
          dir = resolve(io.cwd, flags.fromDir);
          const isDir = await stat(dir).then(
            (s) => s.isDirectory(),
            () => false,
          );
          if (!isDir) throw new UsageError(`--from-dir: ${dir} is not a directory`);
        } else {
          progress('collecting live from AWS …');
          const {
            fromDir: _f,
            db: _d,
            config: _c,
            report: _r,
            reportFile: _rf,
            failOn: _fo,
            allowPartial: _ap,
            json: _j,
            quiet: _q,
            lockWait: _lw,
            ...live
          } = flags;
          // The AWS SDK loads only for a live scan.
          const { collectToTempDir } = await import('../../scan/collect-to-temp-dir.js');
          const collected = await collectToTempDir(live, io.env, io.cwd, io.stopSignal?.());
          dir = collected.dir;
          dispose = collected.dispose;
          if (collected.outcome === 'partial')
            progress('collection partial: some accounts could not be read (incomplete-coverage)');
        }
        let result: ScanResult;
        try {
          result = await runScan(
            db,
            {
              dir,
              source: flags.fromDir === undefined ? 'live' : 'from-dir',
              sourceDetail: flags.fromDir === undefined ? 'live' : dir,
              config,
              onProgress: (p) => {
                if (p.message !== undefined) progress(p.message);
              },
              ...(lockWaitMs === undefined ? {} : { lockWaitMs }),
            },
            DEFAULT_PIPELINE,
          );
        } catch (err: unknown) {
          if (err instanceof Error && err.name === 'NotASnapshotError')
            throw new UsageError(`--from-dir: ${err.message}`);
          throw err;
        } finally {
          await dispose?.();
        }
        if (flags.quiet !== true && flags.json !== true)
          printLoadIssues(io, 'scan', result.analysis.snapshot.issues);
        const failing = countFailing(result, failOn);
        const report = buildScanReport(
          db,
          result.scanId,
          result.diff,
          TRUSTMAP_VERSION,
          result.analysis.graph,
        );
        const coverage = report.coverage;
        const exitCode = scanExitCode(failing, coverage, flags.allowPartial === true);
        if (format !== undefined) {
          const text = renderReport(report, format);
          if (flags.reportFile === undefined) io.out(text);
          else {
            const file = resolve(io.cwd, flags.reportFile);
            try {
              await writeFile(file, text, 'utf8');
            } catch (err: unknown) {
              throw new UsageError(
                `--report-file: cannot write ${file} (${err instanceof Error ? err.message : String(err)})`,
              );
            }
            progress(`${format} report written to ${file}`);
          }
        }
        if (flags.json === true) {
          const { accountGraph: _g, ...rest } = report;
          printJson(io, { ...rest, failOn, failing, exitCode });
        } else if (format === undefined || flags.reportFile !== undefined) {
          io.err(summary(result, failing, failOn, coverage, exitCode));
        }
        if (exitCode !== 0) setExit(exitCode);
      } finally {
        db.close();
      }
    });
}

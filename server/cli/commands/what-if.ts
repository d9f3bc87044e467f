/**
 * `trustmap what-if --plan FILE [--from-dir DIR | --db FILE [--scan ID]] [--account ID]
 * [--fail-on SEVERITY] [--report json|sarif|markdown --report-file F] [--json]`: applies a
 * planned change (Terraform's `terraform show -json` output, or trustmap's change file) to a
 * snapshot or a stored scan and reports what it opens and closes (docs/what-if.md).
 *
 * Exit codes: 0 nothing opened at or above --fail-on, 1 something is, 2 bad input (the message
 * names the resource address and field).
 */
import { readFile, writeFile } from 'node:fs/promises';
import { basename, resolve } from 'node:path';
import type { Command } from 'commander';
import { lookupVendor } from '../../../shared/accounts/known-accounts.js';
import { WhatIfInputError } from '../../../shared/what-if/errors.js';
import { parseChangeInput, runWhatIf } from '../../../shared/what-if/run-what-if.js';
import {
  renderWhatIfReport,
  renderWhatIfText,
  WHAT_IF_REPORT_FORMATS,
  type WhatIfReportFormat,
} from '../../report/what-if-report.js';
import { TRUSTMAP_VERSION } from '../../serve/version.js';
import { UsageError } from '../errors.js';
import { cleanText } from '../format/sanitize-text.js';
import { printJson, type CliIo } from '../io.js';
import { addAnalysisOptions, loadAnalysis, type AnalysisFlags } from './query.js';
import { parseFailOn } from './scan.js';

interface WhatIfFlags extends AnalysisFlags {
  plan: string;
  account?: string;
  failOn?: string;
  report?: string;
  reportFile?: string;
}

/** Plans larger than this are refused (a plan of thousands of IAM resources is a few MB). */
export const MAX_PLAN_BYTES = 64 * 1024 * 1024;

function parseReport(value: string | undefined): WhatIfReportFormat | undefined {
  if (value === undefined) return undefined;
  if ((WHAT_IF_REPORT_FORMATS as readonly string[]).includes(value))
    return value as WhatIfReportFormat;
  throw new UsageError(
    `--report: expected one of ${WHAT_IF_REPORT_FORMATS.join(', ')}; got "${cleanText(value, 40)}"`,
  );
}

/** `--account`: a 12-digit account id. */
export function parseAccountFlag(value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  if (!/^\d{12}$/.test(value))
    throw new UsageError(
      `--account: expected a 12-digit account id, got "${cleanText(value, 40)}"`,
    );
  return value;
}

export function register(program: Command, io: CliIo, setExit: (code: number) => void): void {
  addAnalysisOptions(
    program
      .command('what-if')
      .description(
        'Apply a planned change (Terraform plan JSON or a trustmap change file) to the last scan and report the paths and findings it opens or closes',
      )
      .requiredOption(
        '--plan <file>',
        'the change: `terraform show -json PLANFILE` output, or a trustmap change file',
      ),
  )
    .option(
      '--account <id>',
      'account of resources whose account the plan does not state (no ARN, no provider allowed_account_ids / assume_role)',
    )
    .option(
      '--fail-on <severity>',
      'exit 1 when the change opens a path or a new/worsened finding at or above it (critical, high, medium, low, info, none; default high)',
    )
    .option('--report <format>', `write a report: ${WHAT_IF_REPORT_FORMATS.join(', ')}`)
    .option('--report-file <file>', 'where to write the report (default: stdout)')
    .addHelpText(
      'after',
      '\nWhat it reports: new and removed edges; new paths from outside the organization, to\n' +
        'administrators and to crown jewels, each with its hops and the statements that allow them;\n' +
        'new, worsened and resolved findings; values the plan knows only after apply (never guessed).\n' +
        'Severities of new paths: outside → admin or crown jewel critical, inside → admin or crown\n' +
        'jewel high, outside → anything else medium; a principal that becomes an administrator\n' +
        'high; new and worsened findings their own severity.\n' +
        '\nExit codes:\n  0  nothing opened at or above --fail-on\n  1  something opened at or above --fail-on\n  2  bad input (the message names the resource address and field) or usage error\n' +
        '\nExamples:\n' +
        '  terraform plan -out plan.bin && terraform show -json plan.bin > plan.json\n' +
        '  trustmap what-if --plan plan.json --db nightly.db --report markdown --report-file comment.md\n' +
        '  trustmap what-if --plan changes.json --from-dir ./snapshot --fail-on critical --json\n' +
        '\nFormats, the change file and CI workflows: docs/what-if.md\n',
    )
    .action(async (flags: WhatIfFlags) => {
      const failOn = parseFailOn(flags.failOn);
      const format = parseReport(flags.report);
      if (flags.reportFile !== undefined && format === undefined)
        throw new UsageError('--report-file: also give --report json|sarif|markdown');
      const account = parseAccountFlag(flags.account);
      const planPath = resolve(io.cwd, flags.plan);
      let text: string;
      try {
        const buf = await readFile(planPath);
        if (buf.length > MAX_PLAN_BYTES)
          throw new UsageError(
            `--plan: ${planPath} is larger than ${String(MAX_PLAN_BYTES)} bytes`,
          );
        text = buf.toString('utf8');
      } catch (err: unknown) {
        if (err instanceof UsageError) throw err;
        const code = err instanceof Error && 'code' in err ? String(err.code) : 'unreadable';
        throw new UsageError(`--plan: cannot read ${planPath} (${code})`);
      }
      const base = await loadAnalysis(flags, io);
      let result;
      try {
        const changeSet = parseChangeInput(text, base.snapshot, account);
        const options: Parameters<typeof runWhatIf>[2] = {
          config: base.config,
          lookupVendor,
          failOn,
        };
        if (account !== undefined) options.defaultAccountId = account;
        result = runWhatIf(base, changeSet, options);
      } catch (err: unknown) {
        if (err instanceof WhatIfInputError)
          throw new UsageError(`--plan ${flags.plan}: ${err.message}`);
        throw err;
      }
      if (format !== undefined) {
        const report = renderWhatIfReport(result, format, TRUSTMAP_VERSION, basename(flags.plan));
        if (flags.reportFile === undefined) io.out(report);
        else {
          const out = resolve(io.cwd, flags.reportFile);
          try {
            await writeFile(out, report, 'utf8');
          } catch (err: unknown) {
            const code = err instanceof Error && 'code' in err ? String(err.code) : 'error';
            throw new UsageError(`--report-file: cannot write ${out} (${code})`);
          }
        }
      }
      if (flags.json === true) printJson(io, result);
      else if (format === undefined || flags.reportFile !== undefined)
        io.out(renderWhatIfText(result));
      if (result.summary.failing > 0) setExit(1);
    });
}

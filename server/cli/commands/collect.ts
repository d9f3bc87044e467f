/**
 * `trustmap collect --out DIR`: live collection across the AWS Organization (or the caller's
 * account alone) into a snapshot directory (docs/collect.md). Exit codes: 0 complete,
 * 4 partial (some accounts or calls failed; listed on stderr and in collection.json),
 * 3 nothing could be collected, 2 usage error.
 */
import type { Command } from 'commander';
import {
  CollectOptionError,
  DEFAULT_COLLECT_SETTINGS,
  describeCollectOptions,
  MAX_CONCURRENCY,
  resolveCollectOptions,
  type CollectFlags,
} from '../../collect/collect-options.js';
import type { CollectResult } from '../../collect/collect-organization.js';
import { PreviousCollectionError } from '../../collect/collection-state.js';
import { CollectionFailedError, UsageError } from '../errors.js';
import { cleanText } from '../format/sanitize-text.js';
import { printJson, type CliIo } from '../io.js';

/** Exit code of a partial collection: a snapshot was written, but some accounts or calls failed. */
export const EXIT_PARTIAL = 4;

const collectRepeated = (value: string, previous: string[] | undefined): string[] => [
  ...(previous ?? []),
  value,
];

export function register(program: Command, io: CliIo, setExit: (code: number) => void): void {
  program
    .command('collect')
    .description(
      'Read IAM, identity providers, S3, workloads, resource policies, Identity Center and the organization from AWS into a snapshot directory',
    )
    .option('--out <dir>', 'snapshot directory to write (new or empty, or the one to --resume)')
    .option(
      '--profile <name>',
      'AWS CLI profile for the caller credentials (default: AWS_PROFILE, then the default chain)',
    )
    .option(
      '--region <region>',
      'home region for the API calls (default: AWS_REGION, the profile, us-east-1)',
    )
    .option(
      '--endpoint-url <url>',
      'send every call to this endpoint (default: AWS_ENDPOINT_URL_<SERVICE>, then AWS_ENDPOINT_URL)',
    )
    .option(
      '--role-name <name>',
      `role assumed in each member account (default: TRUSTMAP_ROLE_NAME or ${DEFAULT_COLLECT_SETTINGS.roleName})`,
    )
    .option('--external-id <id>', 'ExternalId passed to AssumeRole (default: TRUSTMAP_EXTERNAL_ID)')
    .option(
      '--role-session-name <name>',
      `session name of the assumed roles (default: ${DEFAULT_COLLECT_SETTINGS.roleSessionName})`,
    )
    .option(
      '--accounts <ids>',
      'collect only these accounts (comma-separated, repeatable)',
      collectRepeated,
    )
    .option(
      '--exclude-accounts <ids>',
      'do not collect these accounts (comma-separated, repeatable)',
      collectRepeated,
    )
    .option(
      '--ou <id>',
      'collect only accounts under this OU or root (repeatable)',
      collectRepeated,
    )
    .option(
      '--regions <regions>',
      "regions whose workloads and resources are read, comma-separated, repeatable (default: TRUSTMAP_REGIONS, else each account's enabled regions)",
      collectRepeated,
    )
    .option(
      '--identity-center-region <region>',
      'region of the IAM Identity Center instance (default: TRUSTMAP_IDENTITY_CENTER_REGION, else the home region)',
    )
    .option(
      '--concurrency <n>',
      `accounts collected at once, 1-${MAX_CONCURRENCY} (default: TRUSTMAP_CONCURRENCY or ${DEFAULT_COLLECT_SETTINGS.concurrency})`,
    )
    .option(
      '--timeout <seconds>',
      'deadline of the whole collection; past it the collection stops, keeping what it read (default: TRUSTMAP_TIMEOUT or none)',
    )
    .option(
      '--request-timeout <seconds>',
      'a request without an answer fails after this and is retried (default: TRUSTMAP_REQUEST_TIMEOUT or 120)',
    )
    .option('--resume', 'continue an interrupted collection in --out: finished accounts are kept')
    .option('--quiet', 'no progress output (failed accounts are still listed on stderr)')
    .option('--json', 'print the collection record (collection.json) on stdout')
    .addHelpText(
      'after',
      '\nExit codes:\n' +
        '  0  complete: every selected account was read\n' +
        `  ${EXIT_PARTIAL}  partial: some accounts or calls failed (listed on stderr and in collection.json);\n` +
        '     analysis reports them as incomplete-coverage\n' +
        '  3  nothing could be collected, or --timeout passed\n' +
        '  2  usage error\n' +
        '  130/143  stopped by SIGINT/SIGTERM (collection.json kept: --resume continues)\n' +
        '\nCredentials come from the AWS SDK default chain (environment, profiles, SSO, instance roles).\n' +
        'The IAM policies the collector and the member-account role need: docs/collect.md\n' +
        '\nExamples:\n' +
        '  trustmap collect --out ./snapshot --profile audit\n' +
        '  trustmap collect --out ./snapshot --role-name TrustmapAudit --external-id "$EXT_ID" --ou ou-ab12-cdefgh34\n' +
        '  trustmap collect --out ./snapshot --resume\n',
    )
    .action(async (flags: CollectFlags) => {
      let options;
      try {
        options = resolveCollectOptions(flags, io.env, io.cwd);
      } catch (err: unknown) {
        if (err instanceof CollectOptionError) throw new UsageError(err.message);
        throw err;
      }
      if (!options.quiet) {
        io.err(`trustmap collect: ${JSON.stringify(describeCollectOptions(options))}\n`);
      }
      // The AWS SDK loads only when a collection runs: `trustmap --help` and the offline
      // commands start without it.
      const [{ createCallMeter }, { collectOrganization }, { createProgressReporter }] =
        await Promise.all([
          import('../../collect/aws-clients.js'),
          import('../../collect/collect-organization.js'),
          import('../../collect/progress.js'),
        ]);
      const meter = createCallMeter();
      const progress = createProgressReporter({
        write: (text) => {
          io.err(text);
        },
        isTty: io.isTty,
        quiet: options.quiet,
        meter,
      });
      let result: CollectResult;
      try {
        const signal = io.stopSignal?.();
        result = await collectOrganization(options, {
          meter,
          progress,
          ...(signal === undefined ? {} : { signal }),
        });
      } catch (err: unknown) {
        if (err instanceof CollectOptionError || err instanceof PreviousCollectionError) {
          throw new UsageError(err.message);
        }
        throw err;
      }
      reportResult(io, options.outDir, options.json, result);
      if (result.outcome === 'failed') {
        throw new CollectionFailedError(result.failure ?? 'nothing could be collected');
      }
      if (result.outcome === 'partial') setExit(EXIT_PARTIAL);
    });
}

function reportResult(io: CliIo, outDir: string, json: boolean, result: CollectResult): void {
  const collection = result.collection;
  if (collection !== undefined) {
    for (const accountId of result.incompleteAccounts) {
      const record = collection.accounts[accountId];
      const calls = [...new Set((record?.errors ?? []).map((e) => `${e.call} ${e.errorName}`))];
      io.err(
        `trustmap collect: account ${cleanText(accountId, 40)} ${record?.status ?? 'failed'}: ${cleanText(calls.slice(0, 5).join('; '), 1000)}\n`,
      );
    }
    const orgErrors = collection.errors.filter((e) => e.call.startsWith('organizations:'));
    for (const error of orgErrors) {
      io.err(
        `trustmap collect: organization ${cleanText(error.call, 100)} ${cleanText(error.errorName, 200)}\n`,
      );
    }
    const identityCenter = collection.identityCenter;
    if (identityCenter?.status === 'denied' || identityCenter?.status === 'failed') {
      const calls = collection.errors
        .filter((e) => e.call.startsWith('sso:') || e.call.startsWith('identitystore:'))
        .map((e) => `${e.call} ${e.errorName}`);
      io.err(
        `trustmap collect: Identity Center ${identityCenter.status} (identity-center.json not written): ${cleanText([...new Set(calls)].slice(0, 5).join('; '), 1000)}\n`,
      );
    }
  }
  if (json) {
    printJson(io, collection ?? { outcome: result.outcome, failure: result.failure });
    return;
  }
  if (collection === undefined) return;
  const counts = { ok: 0, denied: 0, failed: 0, skipped: 0 };
  for (const record of Object.values(collection.accounts)) counts[record.status] += 1;
  const seconds = (result.durationMs / 1000).toFixed(1);
  io.out(
    `${result.outcome === 'complete' ? 'Collected' : 'Partially collected'} ${outDir}: ` +
      `${counts.ok} ok, ${counts.denied} denied, ${counts.failed} failed, ${counts.skipped} skipped ` +
      `(${result.collectedThisRun} read now, ${result.resumed} kept from the interrupted run; ` +
      `${result.meter.calls} calls in ${seconds}s)\n`,
  );
}

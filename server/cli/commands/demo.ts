/**
 * `trustmap demo --out DIR [--accounts N] [--seed S]`: writes the demo organization
 * (docs/demo-organization.md) as a snapshot directory that every analyzing command reads with
 * `--from-dir DIR`.
 */
import { readdir, stat } from 'node:fs/promises';
import { resolve } from 'node:path';
import type { Command } from 'commander';
import {
  DEFAULT_DEMO_OPTIONS,
  MAX_DEMO_ACCOUNTS,
  MIN_DEMO_ACCOUNTS,
} from '../../demo/demo-options.js';
import { writeDemoSnapshot } from '../../demo/write-demo-snapshot.js';
import { UsageError } from '../errors.js';
import { printJson, type CliIo } from '../io.js';

interface DemoFlags {
  out: string;
  accounts?: string;
  seed?: string;
  json?: boolean;
}

/** `--accounts`: a whole number in range, written in decimal digits only. */
export function parseAccountsFlag(value: string | undefined): number {
  if (value === undefined) return DEFAULT_DEMO_OPTIONS.accounts;
  const n = /^\d{1,6}$/.test(value.trim()) ? Number(value.trim()) : Number.NaN;
  if (!Number.isInteger(n) || n < MIN_DEMO_ACCOUNTS || n > MAX_DEMO_ACCOUNTS)
    throw new UsageError(
      `--accounts: expected a whole number from ${MIN_DEMO_ACCOUNTS} to ${MAX_DEMO_ACCOUNTS}, got "${value}"`,
    );
  return n;
}

/** `--out` must be a new or empty directory: the demo never mixes with other files. */
async function checkOutDir(dir: string): Promise<void> {
  let isDir: boolean;
  try {
    isDir = (await stat(dir)).isDirectory();
  } catch (err: unknown) {
    if (err instanceof Error && 'code' in err && err.code === 'ENOENT') return;
    throw err;
  }
  if (!isDir) throw new UsageError(`--out: ${dir} exists and is not a directory`);
  if ((await readdir(dir)).length > 0)
    throw new UsageError(`--out: ${dir} is not empty; choose a new or empty directory`);
}

export function register(program: Command, io: CliIo): void {
  program
    .command('demo')
    .description('Write a synthetic AWS Organization (snapshot directory) to explore trustmap with')
    .requiredOption('--out <dir>', 'directory to write (new or empty)')
    .option(
      '--accounts <n>',
      `accounts in the organization, ${MIN_DEMO_ACCOUNTS}-${MAX_DEMO_ACCOUNTS} (1000 for the scale data)`,
    )
    .option(
      '--seed <seed>',
      `seed of the generated filler (default "${String(DEFAULT_DEMO_OPTIONS.seed)}")`,
    )
    .option('--json', 'print a JSON summary')
    .addHelpText(
      'after',
      '\nThe planted scenarios and their expected findings: docs/demo-organization.md\n' +
        'Then: trustmap findings --from-dir DIR\n',
    )
    .action(async (flags: DemoFlags) => {
      const accounts = parseAccountsFlag(flags.accounts);
      const seed = flags.seed ?? String(DEFAULT_DEMO_OPTIONS.seed);
      if (seed === '' || seed.length > 200)
        throw new UsageError('--seed: expected a non-empty string of at most 200 characters');
      const dir = resolve(io.cwd, flags.out);
      await checkOutDir(dir);
      const summary = await writeDemoSnapshot(dir, { accounts, seed });
      if (flags.json === true) {
        printJson(io, { out: dir, ...summary });
        return;
      }
      io.out(
        `Wrote the demo organization to ${dir}: ${summary.accounts} accounts ` +
          `(${summary.accountFolders} readable), ${summary.principals} principals, ${summary.buckets} buckets, ` +
          `${summary.resources} keys, secrets, queues, topics and repositories.\n`,
      );
    });
}

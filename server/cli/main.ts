/**
 * The `trustmap` command line: one binary, one sub-command per file in ./commands.
 * `main(argv)` returns the exit code: 0 done, 1 new findings at or above --fail-on (scan),
 * 2 usage error, 3 collection failed.
 */
import { Command, CommanderError } from 'commander';
import { processIo, type CliIo } from './io.js';
import { COMMANDS } from './commands/index.js';
import { InterruptedError } from './errors.js';
import { cleanMessage } from './format/sanitize-text.js';
import { toStoreError } from '../store/open-store.js';

/**
 * The program with every command: the module of `invoked` (the sub-command named on the command
 * line, if any) registered for real, the others as names and summaries for `--help` only.
 */
export async function buildProgram(
  io: CliIo,
  setExit: (code: number) => void,
  invoked?: string,
): Promise<Command> {
  const program = new Command('trustmap')
    .description(
      'Who can reach what across an AWS Organization: role trust, chains of role assumptions, ' +
        'privilege escalation, and the principals that can reach a bucket, KMS key, secret, queue, ' +
        'topic, function or repository, each with the policy statements that allow it.',
    )
    .version(VERSION, '-V, --version')
    .showHelpAfterError('(run with --help for usage)')
    .exitOverride()
    .configureOutput({
      writeOut: (s) => {
        io.out(s);
      },
      writeErr: (s) => {
        io.err(s);
      },
    });
  for (const entry of COMMANDS) {
    if (entry.name === invoked) (await entry.load()).register(program, io, setExit);
    else program.command(entry.name).description(entry.summary);
  }
  program.addHelpText(
    'after',
    '\nExamples:\n' +
      '  trustmap demo --out ./demo-org\n' +
      '  trustmap query who-can-reach arn:aws:s3:::acme-logs --from-dir ./demo-org\n' +
      '  trustmap simulate --from-dir ./demo-org --request request.json\n' +
      '  trustmap serve --demo\n',
  );
  return program;
}

const VERSION = '0.1.0';

export async function main(argv: readonly string[], io: CliIo = processIo()): Promise<number> {
  let exitCode = 0;
  // `help X` is `X --help`: X's module gives its options.
  const first = argv[0] === 'help' ? argv[1] : argv[0];
  const invoked = COMMANDS.find((c) => c.name === first)?.name;
  const program = await buildProgram(
    io,
    (code) => {
      exitCode = Math.max(exitCode, code);
    },
    invoked,
  );
  try {
    await program.parseAsync([...argv], { from: 'user' });
    return exitCode;
  } catch (caught: unknown) {
    // Stopped by SIGINT/SIGTERM: whatever failed because of it, the exit code says why.
    const signal = io.stopSignal?.();
    const reason: unknown = signal?.aborted === true ? signal.reason : undefined;
    // A storage error from anywhere (locked, read-only, disk full, damaged) gets its exit code.
    const err = reason instanceof InterruptedError ? reason : toStoreError(caught);
    if (err instanceof CommanderError) {
      // --help and --version end here with exit code 0; usage mistakes with 1 → 2.
      return err.exitCode === 0 ? 0 : 2;
    }
    if (err instanceof Error && 'exitCode' in err && typeof err.exitCode === 'number') {
      io.err(`trustmap: ${cleanMessage(err.message)}\n`);
      return err.exitCode;
    }
    io.err(
      `trustmap: unexpected error: ${cleanMessage(err instanceof Error ? err.message : String(err))}\n`,
    );
    return 70;
  }
}

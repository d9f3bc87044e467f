import { InterruptedError } from './errors.js';

/**
 * Where a command writes. Commands never touch process.stdout directly, so tests can capture
 * output by passing their own `CliIo`.
 */
export interface CliIo {
  out(text: string): void;
  err(text: string): void;
  /** stderr is a terminal (progress bars are drawn only then). */
  readonly isTty: boolean;
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly cwd: string;
  /**
   * A signal aborted by SIGINT or SIGTERM, for commands that can stop cleanly (collect, scan,
   * serve's scans). The handlers are installed on the first call only, so other commands keep
   * the default Ctrl-C; a second SIGINT or SIGTERM ends the process at once.
   */
  stopSignal?: () => AbortSignal;
}

export function processIo(): CliIo {
  // `trustmap … | head`: the reader went away; the output is no longer wanted, which is no error.
  process.stdout.on('error', (err: NodeJS.ErrnoException) => {
    if (err.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    throw err;
  });

  let stop: AbortController | undefined;
  return {
    stopSignal: () => {
      if (stop === undefined) {
        const controller = new AbortController();
        stop = controller;
        for (const name of ['SIGINT', 'SIGTERM'] as const)
          process.once(name, () => {
            controller.abort(new InterruptedError(name));
          });
      }
      return stop.signal;
    },
    out: (text) => process.stdout.write(text),
    err: (text) => process.stderr.write(text),
    isTty: process.stderr.isTTY,
    env: process.env,
    cwd: process.cwd(),
  };
}

/** Prints a value as JSON with a trailing newline. */
export function printJson(io: CliIo, value: unknown): void {
  io.out(`${JSON.stringify(value, null, 2)}\n`);
}

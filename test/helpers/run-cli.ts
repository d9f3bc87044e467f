/**
 * Runs the `trustmap` command line in-process through `main()` with a captured `CliIo`, as the
 * CLI tests do: what it printed on stdout and stderr, and its exit code.
 */
import type { CliIo } from '../../server/cli/io.js';
import { main } from '../../server/cli/main.js';

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs `trustmap ARGS` in `cwd` with the environment `env` (nothing of the real one). */
export async function runCli(
  args: readonly string[],
  cwd: string,
  env: Readonly<Record<string, string>> = {},
): Promise<CliRun> {
  let stdout = '';
  let stderr = '';
  const io: CliIo = {
    out: (t) => {
      stdout += t;
    },
    err: (t) => {
      stderr += t;
    },
    isTty: false,
    env,
    cwd,
  };
  const code = await main(args, io);
  return { code, stdout, stderr };
}

/**
 * Typed CLI errors. A command throws these; `main()` turns them into a message on stderr and an
 * exit code. Tests check the class, not the text.
 */

/** The caller's words are wrong: a bad flag, a missing file, an unknown ARN. Exit 2. */
export class UsageError extends Error {
  override readonly name = 'UsageError';
  readonly exitCode = 2;
}

/** Live collection failed as a whole (no account could be read). Exit 3. */
export class CollectionFailedError extends Error {
  override readonly name = 'CollectionFailedError';
  readonly exitCode = 3;
}

/**
 * The command was stopped by SIGINT (exit 130) or SIGTERM (exit 143), the shell's convention of
 * 128 + the signal number; nothing half-done was stored.
 */
export class InterruptedError extends Error {
  override readonly name = 'InterruptedError';
  readonly exitCode: number;
  constructor(readonly signal: 'SIGINT' | 'SIGTERM') {
    super(`interrupted by ${signal}; nothing half-done was stored`);
    this.exitCode = signal === 'SIGINT' ? 130 : 143;
  }
}

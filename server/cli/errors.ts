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

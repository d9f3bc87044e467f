/**
 * Reads and parses one JSON file of a snapshot directory. Never throws: a file that is absent
 * is `absent`; one that cannot be read or parsed is `failed` with a `LoadIssue` naming the file,
 * the line and column, and what the failure means for the load.
 *
 * Text encodings met in hand-made dumps are accepted: UTF-8 with or without a byte order mark,
 * and UTF-16 with a byte order mark (what Windows PowerShell 5 writes for `aws … > iam.json`).
 * Stray whitespace outside strings (non-breaking spaces pasted into a file) is removed with a
 * warning when the file would not parse otherwise.
 */
import { readFile } from 'node:fs/promises';
import { locateJsonSyntaxError } from '../../shared/snapshot/locate-json-syntax-error.js';
import { stripStrayWhitespace } from '../../shared/snapshot/stray-whitespace.js';
import type { LoadIssue } from '../../shared/snapshot/types.js';

export type JsonFileResult =
  | { kind: 'absent' }
  | { kind: 'ok'; value: unknown }
  /** Reported in `issues`. */
  | { kind: 'failed' };

/**
 * @param path absolute path of the file.
 * @param file the file relative to the snapshot directory, for messages.
 * @param consequence what a failure means, e.g. `the account is skipped`.
 */
export async function readJsonFile(
  path: string,
  file: string,
  consequence: string,
  issues: LoadIssue[],
): Promise<JsonFileResult> {
  const fail = (message: string): JsonFileResult => {
    issues.push({ file, path: '$', severity: 'error', message: `${message}; ${consequence}` });
    return { kind: 'failed' };
  };
  let bytes: Buffer;
  try {
    bytes = await readFile(path);
  } catch (err: unknown) {
    const code = errorCode(err);
    if (code === 'ENOENT') return { kind: 'absent' };
    if (code === 'EISDIR') return fail('is a directory, expected a JSON file');
    return fail(
      `cannot be read (${code ?? (err instanceof Error ? err.message : 'unknown error')})`,
    );
  }
  let text: string;
  try {
    text = decodeText(bytes, file, issues);
  } catch (err: unknown) {
    // ERR_STRING_TOO_LONG: beyond V8's largest string (about 512 MiB of text).
    const size = `${Math.round(bytes.length / 1024 / 1024)} MiB`;
    return fail(`is too large to read as text (${size}; ${errorCode(err) ?? 'error'})`);
  }
  if (text.trim() === '') return fail('is empty, expected JSON');
  try {
    return { kind: 'ok', value: JSON.parse(text) as unknown };
  } catch {
    // Retry without stray whitespace; locate the first error that remains in the original text.
    const stripped = stripStrayWhitespace(text);
    if (stripped.removed > 0) {
      try {
        const value = JSON.parse(stripped.text) as unknown;
        issues.push({
          file,
          path: '$',
          severity: 'warning',
          message: `removed ${stripped.removed} stray whitespace character${stripped.removed === 1 ? '' : 's'} (${stripped.characters.join(', ')}) outside string values`,
        });
        return { kind: 'ok', value };
      } catch {
        // reported below
      }
    }
    const located = locateJsonSyntaxError(text, { strayWhitespaceIsWhitespace: true });
    return fail(
      located === undefined
        ? 'is not valid JSON'
        : `is not valid JSON: line ${located.line} column ${located.column}: ${located.message}`,
    );
  }
}

/** UTF-8 (BOM optional) or UTF-16 with a BOM; invalid UTF-8 is replaced and reported. */
function decodeText(bytes: Buffer, file: string, issues: LoadIssue[]): string {
  if (bytes.length >= 2 && bytes[0] === 0xff && bytes[1] === 0xfe) {
    warn(issues, file, 'is UTF-16 (little-endian) text; read as such');
    return bytes.subarray(2).toString('utf16le');
  }
  if (bytes.length >= 2 && bytes[0] === 0xfe && bytes[1] === 0xff) {
    warn(issues, file, 'is UTF-16 (big-endian) text; read as such');
    const swapped = Buffer.from(bytes.subarray(2, bytes.length - (bytes.length % 2)));
    swapped.swap16();
    return swapped.toString('utf16le');
  }
  const body =
    bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf
      ? bytes.subarray(3)
      : bytes;
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(body);
  } catch (err: unknown) {
    if (!(err instanceof TypeError)) throw err;
    warn(issues, file, 'is not valid UTF-8: invalid bytes were replaced by U+FFFD');
    return new TextDecoder('utf-8').decode(body);
  }
}

function warn(issues: LoadIssue[], file: string, message: string): void {
  issues.push({ file, path: '$', severity: 'warning', message });
}

function errorCode(err: unknown): string | undefined {
  if (typeof err === 'object' && err !== null && 'code' in err && typeof err.code === 'string') {
    return err.code;
  }
  return undefined;
}

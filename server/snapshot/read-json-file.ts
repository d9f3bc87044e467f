/**
 * Reads and parses one JSON file of a snapshot directory. Never throws: a file that is absent
 * is `absent`; one that cannot be read or parsed is `failed` with a `LoadIssue` naming the file,
 * the line and column, and what the failure means for the load.
 *
 * Text encodings met in hand-made dumps are accepted: UTF-8 with or without a byte order mark,
 * and UTF-16 with a byte order mark (what Windows PowerShell 5 writes for `aws … > iam.json`).
 * Stray whitespace outside strings (non-breaking spaces pasted into a file) is removed with a
 * warning when the file would not parse otherwise.
 *
 * Only regular files are read (a FIFO would hang the load, a device such as /dev/zero would fill
 * the memory), at most `maxBytes` of them, and a symbolic link is followed only when its target
 * stays inside the snapshot directory (docs/security.md).
 */
import { constants } from 'node:fs';
import { lstat, open, realpath } from 'node:fs/promises';
import { sep } from 'node:path';
import { locateJsonSyntaxError } from '../../shared/snapshot/locate-json-syntax-error.js';
import { stripStrayWhitespace } from '../../shared/snapshot/stray-whitespace.js';
import type { LoadIssue } from '../../shared/snapshot/types.js';

/** Largest snapshot file read by default: far above the largest real dump (about 100 MiB). */
export const DEFAULT_MAX_FILE_BYTES = 512 * 1024 * 1024;

export interface ReadJsonFileOptions {
  /** Largest file read, in bytes (default `DEFAULT_MAX_FILE_BYTES`). */
  maxBytes?: number;
}

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
  options: ReadJsonFileOptions = {},
): Promise<JsonFileResult> {
  const fail = (message: string): JsonFileResult => {
    issues.push({ file, path: '$', severity: 'error', message: `${message}; ${consequence}` });
    return { kind: 'failed' };
  };
  const read = await readRegularFile(path, file, options.maxBytes ?? DEFAULT_MAX_FILE_BYTES);
  if (read.kind === 'absent') return read;
  if (read.kind === 'refused') return fail(read.reason);
  const bytes = read.bytes;
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

type RawRead =
  { kind: 'absent' } | { kind: 'refused'; reason: string } | { kind: 'ok'; bytes: Buffer };

const MIB = 1024 * 1024;
const mib = (n: number): string => `${(n / MIB).toFixed(n < 10 * MIB ? 1 : 0)} MiB`;

/**
 * The bytes of `path` when it is a regular file of at most `maxBytes` whose real location is
 * inside the snapshot directory. The directory is `path` without its trailing `file` (the
 * relative name every caller passes), so a new snapshot file gets the same checks.
 */
async function readRegularFile(path: string, file: string, maxBytes: number): Promise<RawRead> {
  let real: string;
  try {
    real = await realpath(path);
  } catch (err: unknown) {
    const code = errorCode(err);
    if (code === 'ENOENT') {
      // A dangling symbolic link is not an absent file: say so.
      return (await isDanglingLink(path))
        ? { kind: 'refused', reason: 'is a symbolic link to nothing' }
        : { kind: 'absent' };
    }
    if (code === 'ELOOP') return { kind: 'refused', reason: 'is a symbolic link loop' };
    return { kind: 'refused', reason: `cannot be read (${code ?? 'error'})` };
  }
  const relative = file.split('/').join(sep);
  if (path.endsWith(relative)) {
    const rootPath = path.slice(0, path.length - relative.length);
    let root: string | undefined;
    try {
      root = await realpath(rootPath === '' ? '.' : rootPath);
    } catch {
      root = undefined;
    }
    if (root !== undefined && !real.startsWith(root.endsWith(sep) ? root : `${root}${sep}`)) {
      return {
        kind: 'refused',
        reason: `is a symbolic link to ${real}, outside the snapshot directory; refused (copy the file into the snapshot instead)`,
      };
    }
  }
  let handle;
  try {
    // O_NONBLOCK: opening a FIFO must not wait for a writer.
    handle = await open(real, constants.O_RDONLY | constants.O_NONBLOCK);
  } catch (err: unknown) {
    const code = errorCode(err);
    if (code === 'ENOENT') return { kind: 'absent' };
    if (code === 'EISDIR')
      return { kind: 'refused', reason: 'is a directory, expected a JSON file' };
    return { kind: 'refused', reason: `cannot be read (${code ?? 'error'})` };
  }
  try {
    const info = await handle.stat();
    if (info.isDirectory())
      return { kind: 'refused', reason: 'is a directory, expected a JSON file' };
    if (!info.isFile()) {
      const what = info.isFIFO()
        ? 'a named pipe (FIFO)'
        : info.isCharacterDevice() || info.isBlockDevice()
          ? 'a device'
          : info.isSocket()
            ? 'a socket'
            : 'not a regular file';
      return { kind: 'refused', reason: `is ${what}, not a regular file; refused` };
    }
    if (info.size > maxBytes) {
      return {
        kind: 'refused',
        reason: `is ${mib(info.size)}, more than the limit of ${mib(maxBytes)} (raise it with maxSnapshotFileMiB in the config file or TRUSTMAP_MAX_SNAPSHOT_FILE_MIB)`,
      };
    }
    // Read at most maxBytes + 1: a file that grows while it is read is still bounded.
    const buffer = Buffer.alloc(Math.min(info.size, maxBytes) + 1);
    let length = 0;
    for (;;) {
      const { bytesRead } = await handle.read(buffer, length, buffer.length - length, length);
      if (bytesRead === 0) break;
      length += bytesRead;
      if (length >= buffer.length) break;
    }
    if (length > maxBytes)
      return {
        kind: 'refused',
        reason: `grew beyond the limit of ${mib(maxBytes)} while it was read`,
      };
    return { kind: 'ok', bytes: buffer.subarray(0, length) };
  } catch (err: unknown) {
    return { kind: 'refused', reason: `cannot be read (${errorCode(err) ?? 'error'})` };
  } finally {
    await handle.close();
  }
}

async function isDanglingLink(path: string): Promise<boolean> {
  try {
    return (await lstat(path)).isSymbolicLink();
  } catch {
    return false;
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

/**
 * Reading one untrusted snapshot file: typed accessors that never throw, each value carrying its
 * JSON path, and every problem recorded as a `LoadIssue` naming the file and the path.
 *
 * Real dumps have quirks; the accessors absorb the harmless ones and report them:
 * - a single object or string where a list is expected is read as a list of one (warning);
 * - a key with stray whitespace at its ends, or in another letter case, is read as the key it
 *   means (one warning per file and spelling);
 * - unknown keys are ignored without an issue (AWS adds fields; the CLI prints many we do not
 *   use).
 */
import type { DecodedPolicyDocument } from './decode-policy-document.js';
import type { LoadIssue } from './types.js';
import { keyNeedsTrim, trimKey } from './stray-whitespace.js';

/** A value and where it is in its file. */
export interface JsonNode {
  value: unknown;
  /** JSON path, e.g. `$.RoleDetailList[3].AssumeRolePolicyDocument`. */
  path: string;
}

/** The root node of a file. */
export function rootNode(value: unknown): JsonNode {
  return { value, path: '$' };
}

const IDENTIFIER = /^[A-Za-z_$][A-Za-z0-9_$]*$/;

/**
 * `$.Key`, or `$["odd key"]` when the key is not an identifier. Keys come from the data: a path
 * names at most the first 200 characters of one.
 */
export function childPath(path: string, key: string | number): string {
  if (typeof key === 'number') return `${path}[${key}]`;
  if (key.length > 200)
    return `${path}[${escapeInvisible(JSON.stringify(`${key.slice(0, 200)}…`))}]`;
  let plain = identifierKeys.get(key);
  if (plain === undefined) {
    plain = IDENTIFIER.test(key);
    if (identifierKeys.size < 10_000) identifierKeys.set(key, plain);
  }
  return plain ? `${path}.${key}` : `${path}[${escapeInvisible(JSON.stringify(key))}]`;
}

/** Memo of `IDENTIFIER.test` for the few distinct keys of snapshot files (bounded). */
const identifierKeys = new Map<string, boolean>();

/**
 * A string quoted for a message: JSON-escaped, invisible and look-alike-space characters written
 * as `\uXXXX` (so that `"RoleName\u00a0"` shows what is wrong with it), cut to `max` characters.
 */
export function quote(value: string, max = 120): string {
  const cut = value.length > max ? `${value.slice(0, max)}…` : value;
  return escapeInvisible(JSON.stringify(cut));
}

function escapeInvisible(text: string): string {
  return text.replace(INVISIBLE, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/** C1 controls, DEL, no-break and other Unicode spaces, zero-width and bidi characters, BOM. */
const INVISIBLE = /[\u007f-\u00a0\u1680\u180e\u2000-\u200f\u2028-\u202f\u205f-\u206f\u3000\ufeff]/g;

/** `a number`, `an array`, `null`, …: how a JSON value's type is named in messages. */
export function describeJsonValue(value: unknown): string {
  if (value === null) return 'null';
  if (value === undefined) return 'nothing';
  if (Array.isArray(value)) return 'an array';
  const type = typeof value;
  if (type === 'object') return 'an object';
  return `a ${type}`;
}

/** A JSON object (not null, not an array). */
export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Decoded policy documents of one load, by their text as the file holds it: the policies of a
 * large organization repeat the same documents (trust policies of the same services, the same
 * inline policies) thousands of times, and each is decoded once and kept once. Shared documents
 * are frozen.
 */
export type DocumentCache = Map<string, DecodedPolicyDocument>;

/** Reads one file; issues go to the shared list. */
export class FileReader {
  readonly file: string;
  private readonly issues: LoadIssue[];
  private readonly reportedSpellings = new Set<string>();
  /** Documents already decoded in this load (see `DocumentCache`), when the loader shares one. */
  readonly documents: DocumentCache | undefined;

  constructor(file: string, issues: LoadIssue[], documents?: DocumentCache) {
    this.file = file;
    this.issues = issues;
    this.documents = documents;
  }

  /**
   * Records an error. `hidesData`: principals or policies of the account are missing because of
   * it (a skipped entry, an unreadable document, a truncated listing): the account is `partial`.
   */
  error(path: string, message: string, hidesData = false): void {
    const issue: LoadIssue = { file: this.file, path, severity: 'error', message };
    if (hidesData) issue.hidesData = true;
    this.issues.push(issue);
  }

  warning(path: string, message: string): void {
    this.issues.push({ file: this.file, path, severity: 'warning', message });
  }

  /**
   * The field `key` of an object node: the exact key, else a key equal to it once trimmed of
   * whitespace and compared without case (reported once per spelling). Absent, or not an object:
   * `value` is undefined and the path is where the field would be.
   */
  field(node: JsonNode, key: string): JsonNode {
    const obj = node.value;
    if (!isRecord(obj)) return { value: undefined, path: childPath(node.path, key) };
    if (Object.hasOwn(obj, key)) return { value: obj[key], path: childPath(node.path, key) };
    const wanted = key.toLowerCase();
    for (const actual of Object.keys(obj)) {
      // Cheap rejection first: a matching key is as long as `key` once trimmed.
      if (actual.length < key.length) continue;
      if (actual.length > key.length && !keyNeedsTrim(actual)) continue;
      if (trimKey(actual).toLowerCase() !== wanted) continue;
      const path = childPath(node.path, actual);
      const spelling = `${key}\u0000${actual}`;
      if (!this.reportedSpellings.has(spelling)) {
        this.reportedSpellings.add(spelling);
        this.warning(path, `key ${quote(actual)} read as ${quote(key)}`);
      }
      return { value: obj[actual], path };
    }
    return { value: undefined, path: childPath(node.path, key) };
  }

  /** The value of `field(node, key)`, for chains such as `r.get(r.field(n, 'A'), 'B')`. */
  get(node: JsonNode, key: string): unknown {
    return this.field(node, key).value;
  }

  /**
   * The items of a list node. Absent or null: no items. A single object or string: a list of
   * one (warning). Anything else: no items (error). `what` names the items in messages.
   */
  list(node: JsonNode, what: string): JsonNode[] {
    const { value, path } = node;
    if (value === undefined || value === null) return [];
    if (Array.isArray(value))
      return value.map((item: unknown, i) => ({ value: item, path: `${path}[${i}]` }));
    if (isRecord(value) || typeof value === 'string') {
      this.warning(
        path,
        `expected a list of ${what}, found a single ${isRecord(value) ? 'object' : 'string'}: read as a list of one`,
      );
      return [node];
    }
    this.error(path, `expected a list of ${what}, found ${describeJsonValue(value)}`);
    return [];
  }

  /**
   * A string node's value. Absent (or null, or empty when `required`): undefined, and an error
   * when `required` names what it is. Another type: undefined and an error.
   */
  string(node: JsonNode, required?: string): string | undefined {
    const { value, path } = node;
    if (value === undefined || value === null || (value === '' && required !== undefined)) {
      if (required !== undefined) this.error(path, `${required} is missing`);
      return undefined;
    }
    if (typeof value === 'string') return value;
    this.error(path, `expected a string, found ${describeJsonValue(value)}`);
    return undefined;
  }

  /** A boolean node's value; the strings "true" / "false" are accepted with a warning. */
  boolean(node: JsonNode): boolean | undefined {
    const { value, path } = node;
    if (value === undefined || value === null) return undefined;
    if (typeof value === 'boolean') return value;
    if (value === 'true' || value === 'false') {
      this.warning(
        path,
        `expected true or false, found the string ${quote(value)}: read as ${value}`,
      );
      return value === 'true';
    }
    this.error(path, `expected true or false, found ${describeJsonValue(value)}`);
    return undefined;
  }

  /** A number node's value (finite numbers only). */
  number(node: JsonNode): number | undefined {
    const { value, path } = node;
    if (value === undefined || value === null) return undefined;
    if (typeof value === 'number' && Number.isFinite(value)) return value;
    this.error(path, `expected a number, found ${describeJsonValue(value)}`);
    return undefined;
  }

  /** An object node, or undefined (an error when present but not an object). */
  object(node: JsonNode, what: string): JsonNode | undefined {
    if (node.value === undefined || node.value === null) return undefined;
    if (isRecord(node.value)) return node;
    this.error(node.path, `expected ${what} (an object), found ${describeJsonValue(node.value)}`);
    return undefined;
  }

  /**
   * IAM tags: `[{"Key","Value"}]` as the CLI prints them, or a plain `{key: value}` object.
   * A tag that is not a string pair is skipped with an error.
   */
  tags(node: JsonNode): Record<string, string> {
    const out: Record<string, string> = {};
    const set = (key: string, value: string): void => {
      Object.defineProperty(out, key, {
        value,
        enumerable: true,
        writable: true,
        configurable: true,
      });
    };
    if (isRecord(node.value) && !Object.hasOwn(node.value, 'Key')) {
      for (const [key, value] of Object.entries(node.value)) {
        if (typeof value === 'string') set(key, value);
        else
          this.error(
            childPath(node.path, key),
            `expected a tag value (a string), found ${describeJsonValue(value)}`,
          );
      }
      return out;
    }
    for (const item of this.list(node, 'tags')) {
      const key = this.string(this.field(item, 'Key'), 'tag Key');
      if (key === undefined) continue;
      const valueNode = this.field(item, 'Value');
      const value = valueNode.value === undefined ? '' : this.string(valueNode);
      if (value !== undefined) set(key, value);
    }
    return out;
  }
}

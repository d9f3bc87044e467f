/**
 * A workloads.json list that is read whole or not at all (a function's `FunctionUrls`,
 * `Aliases`): absent (or null) = unknown; not a list, or any entry unreadable = reported and read
 * as unknown, never as a shorter list — a dropped entry might be the one that admits callers.
 */
import { describeJsonValue, type FileReader, type JsonNode } from './json-reader.js';

/**
 * The entries of the list at `node`, each read by `readItem` (which reports its own errors and
 * returns undefined for an unreadable entry); undefined = unknown. `expected` names the list in
 * the error, `unknown` says what follows.
 */
export function readWholeList<T>(
  reader: FileReader,
  node: JsonNode,
  expected: string,
  unknown: string,
  readItem: (item: JsonNode) => T | undefined,
): T[] | undefined {
  const { value, path } = node;
  if (value === undefined || value === null) return undefined;
  if (!Array.isArray(value)) {
    reader.error(path, `expected ${expected}, found ${describeJsonValue(value)}: ${unknown}`);
    return undefined;
  }
  const out: T[] = [];
  for (const [i, item] of value.entries()) {
    const read = readItem({ value: item as unknown, path: `${path}[${i}]` });
    if (read === undefined) return undefined;
    out.push(read);
  }
  return out;
}

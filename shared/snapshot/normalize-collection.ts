/**
 * collection.json (docs/snapshot-format.md) becomes `CollectionInfo`: when and by whom the
 * snapshot was collected, and each account's status and errors.
 *
 * Contract: a status that cannot be read is taken as `failed`, never as `ok`, so that an account
 * whose collection is in doubt is reported as incomplete coverage rather than read as "no
 * access". Error messages come from AWS and are untrusted: they are cut to a bounded length.
 */
import { isAccountId } from '../arn/parse-arn.js';
import { isRecord, quote, rootNode, type FileReader, type JsonNode } from './json-reader.js';
import type { AccountCollectionStatus, CollectionError, CollectionInfo } from './types.js';

const STATUSES: readonly AccountCollectionStatus[] = ['ok', 'denied', 'failed', 'skipped'];

/** Longest error message kept (the collector writes at most 1,000 characters). */
const MAX_MESSAGE_LENGTH = 2000;

/** Reads collection.json; undefined (reported) when the file is not an object. */
export function normalizeCollection(raw: unknown, reader: FileReader): CollectionInfo | undefined {
  if (!isRecord(raw)) {
    reader.error('$', 'expected an object (the record of a collection); the file is ignored');
    return undefined;
  }
  const root = rootNode(raw);
  const info: CollectionInfo = { accounts: {}, errors: [] };
  for (const key of ['startedAt', 'finishedAt', 'collectedBy'] as const) {
    const value = reader.string(reader.field(root, key));
    if (value !== undefined) info[key] = value;
  }
  const available = reader.boolean(reader.field(root, 'organizationAvailable'));
  if (available !== undefined) info.organizationAvailable = available;

  const accounts: Record<string, CollectionInfo['accounts'][string]> = {};
  const accountsNode = reader.object(reader.field(root, 'accounts'), 'accounts');
  if (accountsNode !== undefined && isRecord(accountsNode.value)) {
    for (const id of Object.keys(accountsNode.value)) {
      const node = reader.field(accountsNode, id);
      if (!isAccountId(id)) {
        reader.error(
          node.path,
          `${quote(id, 40)} is not a 12-digit account id; the entry is ignored`,
        );
        continue;
      }
      const entry = readAccountEntry(node, reader);
      Object.defineProperty(accounts, id, {
        value: entry,
        enumerable: true,
        writable: true,
        configurable: true,
      });
    }
  }
  info.accounts = accounts;
  info.errors = readErrors(reader.field(root, 'errors'), reader);
  return info;
}

function readAccountEntry(node: JsonNode, reader: FileReader): CollectionInfo['accounts'][string] {
  const statusNode = reader.field(node, 'status');
  const text = reader.string(statusNode);
  let status = STATUSES.find((s) => s === text);
  if (status === undefined) {
    const found =
      text === undefined ? 'missing' : `${quote(text, 40)}, not one of ${STATUSES.join(', ')}`;
    reader.error(
      statusNode.path,
      `status is ${found}: the account is taken as failed (incomplete coverage)`,
    );
    status = 'failed';
  }
  const entry: CollectionInfo['accounts'][string] = {
    status,
    errors: readErrors(reader.field(node, 'errors'), reader),
  };
  const reason = reader.string(reader.field(node, 'reason'));
  if (reason !== undefined) entry.reason = reason;
  return entry;
}

function readErrors(node: JsonNode, reader: FileReader): CollectionError[] {
  const out: CollectionError[] = [];
  for (const item of reader.list(node, 'errors')) {
    if (!isRecord(item.value)) {
      reader.error(item.path, 'expected an error record (an object); it is ignored');
      continue;
    }
    const error: CollectionError = {
      call: reader.string(reader.field(item, 'call')) ?? 'unknown',
      errorName: reader.string(reader.field(item, 'errorName')) ?? 'Error',
      message: bound(reader.string(reader.field(item, 'message')) ?? ''),
    };
    const accountId = reader.string(reader.field(item, 'accountId'));
    if (accountId !== undefined) error.accountId = accountId;
    const resource = reader.string(reader.field(item, 'resource'));
    if (resource !== undefined) error.resource = resource;
    out.push(error);
  }
  return out;
}

function bound(message: string): string {
  return message.length > MAX_MESSAGE_LENGTH ? `${message.slice(0, MAX_MESSAGE_LENGTH)}…` : message;
}

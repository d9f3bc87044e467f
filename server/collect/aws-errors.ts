/**
 * How the collector reads AWS errors. Errors are matched by the SDK's `name` (the service's error
 * code), never by message text. The message is untrusted text from AWS: it is bounded in size
 * before it is recorded.
 */
import type { CollectionError } from '../../shared/snapshot/types.js';

/** An AWS answer that parsed but cannot be used (a missing field, an impossible value). */
export class MalformedResponseError extends Error {
  override readonly name = 'MalformedResponse';
}

/** Error codes meaning "this identity may not do this" (collection status `denied`). */
const ACCESS_DENIED_NAMES: ReadonlySet<string> = new Set([
  'AccessDenied',
  'AccessDeniedException',
  'AuthorizationError',
  'UnauthorizedOperation',
  'UnauthorizedAccess',
  'Forbidden',
  'AllAccessDisabled',
]);

/** Error codes meaning the credentials themselves are no longer (or never were) valid. */
const CREDENTIAL_ERROR_NAMES: ReadonlySet<string> = new Set([
  'ExpiredToken',
  'ExpiredTokenException',
  'InvalidClientTokenId',
  'InvalidAccessKeyId',
  'SignatureDoesNotMatch',
  'UnrecognizedClientException',
  'TokenRefreshRequired',
]);

/** Longest error message kept in collection.json. */
const MAX_MESSAGE_LENGTH = 1000;

/** The error's name as the SDK reports it (`AccessDenied`, `Throttling`, …), or `Error`. */
export function errorNameOf(err: unknown): string {
  if (err instanceof Error) return err.name || 'Error';
  if (typeof err === 'object' && err !== null && 'name' in err && typeof err.name === 'string') {
    return err.name;
  }
  return 'Error';
}

/** The error message, bounded in length, with control characters replaced. */
export function errorMessageOf(err: unknown): string {
  const raw = err instanceof Error ? err.message : typeof err === 'string' ? err : '';
  // eslint-disable-next-line no-control-regex
  const clean = raw.replace(/[\u0000-\u0008\u000b-\u001f\u007f]/g, ' ');
  return clean.length > MAX_MESSAGE_LENGTH ? `${clean.slice(0, MAX_MESSAGE_LENGTH)}…` : clean;
}

export function isAccessDeniedName(name: string): boolean {
  return ACCESS_DENIED_NAMES.has(name);
}

export function isCredentialErrorName(name: string): boolean {
  return CREDENTIAL_ERROR_NAMES.has(name);
}

/**
 * One failed call as written to collection.json: the fields of `CollectionError` plus, when the
 * call was about one resource (a bucket, a provider), its name, and for a regional service the
 * region it was called in.
 */
export type CollectionErrorRecord = CollectionError & { resource?: string; region?: string };

/** The record of one failed call. */
export function toCollectionError(
  call: string,
  err: unknown,
  accountId?: string,
  resource?: string,
): CollectionErrorRecord {
  const unreadable = unreadableAnswer(err);
  const record: CollectionErrorRecord = {
    call,
    errorName: unreadable === undefined ? errorNameOf(err) : UNREADABLE_RESPONSE,
    message: unreadable ?? errorMessageOf(err),
  };
  if (accountId !== undefined) record.accountId = accountId;
  if (resource !== undefined) record.resource = resource;
  return record;
}

/** Name recorded for an answer that is not in the service's format (see unreadableAnswer). */
export const UNREADABLE_RESPONSE = 'UnreadableResponse';

/**
 * When the SDK could not parse the answer at all (`SyntaxError`: not the JSON of the service but,
 * say, the web page an AWS emulator without this service, a proxy or a wrong endpoint URL
 * returns), what to record instead of the parser's own message: the HTTP status and what it
 * likely means. Undefined for any other error.
 */
function unreadableAnswer(err: unknown): string | undefined {
  if (errorNameOf(err) !== 'SyntaxError' || typeof err !== 'object' || err === null)
    return undefined;
  const response = (err as { $response?: { statusCode?: unknown } }).$response;
  const meta = (err as { $metadata?: { httpStatusCode?: unknown } }).$metadata;
  const raw = response?.statusCode ?? meta?.httpStatusCode;
  const status = typeof raw === 'number' ? `HTTP ${String(raw)}` : 'an answer';
  return `${status} that is not in this service's format: the endpoint does not seem to serve it (an AWS emulator without this service, a proxy's page, or a wrong endpoint URL)`;
}

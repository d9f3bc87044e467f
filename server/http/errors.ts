/**
 * The API's errors: one body shape `{ error: { code, message, details? } }` with a code from the
 * closed list of shared/api/types.ts, and the one error handler, registered last. It maps the
 * typed errors of the store and the queries to their status; anything else is a 500 whose body
 * names only the request id (never a stack trace or an internal message).
 */
import type { ErrorRequestHandler, RequestHandler } from 'express';
import type { ApiErrorBody, ApiErrorCode } from '../../shared/api/types.js';
import {
  AmbiguousNodeError,
  UnknownNodeError,
  WrongActionGroupError,
  WrongNodeKindError,
} from '../../shared/query/index.js';
import { NoScanError } from '../scan/scan-diff.js';
import { UnknownScanError } from '../store/scans.js';

const STATUS: Readonly<Record<ApiErrorCode, number>> = {
  'bad-request': 400,
  unauthorized: 401,
  'config-read-only': 403,
  'forbidden-origin': 403,
  'misdirected-host': 421,
  'unsupported-media-type': 415,
  'not-found': 404,
  'unknown-scan': 404,
  'unknown-node': 404,
  'scan-running': 409,
  'body-too-large': 413,
  'no-scan': 503,
  'live-collection-not-configured': 503,
  internal: 500,
};

/** An error the API answers with as is. */
export class ApiError extends Error {
  override readonly name = 'ApiError';
  readonly status: number;
  constructor(
    readonly code: ApiErrorCode,
    message: string,
    readonly details?: Readonly<Record<string, unknown>>,
  ) {
    super(message);
    this.status = STATUS[code];
  }
}

export function errorBody(
  code: ApiErrorCode,
  message: string,
  details?: Readonly<Record<string, unknown>>,
): ApiErrorBody {
  return { error: details === undefined ? { code, message } : { code, message, details } };
}

/** Turns any thrown value into an `ApiError`. */
export function toApiError(err: unknown, requestId: string): ApiError {
  if (err instanceof ApiError) return err;
  if (err instanceof UnknownScanError)
    return new ApiError('unknown-scan', err.message, { scan: String(err.scanId) });
  if (err instanceof NoScanError) return new ApiError('no-scan', err.message);
  if (err instanceof UnknownNodeError)
    return new ApiError('unknown-node', err.message, {
      key: err.input,
      suggestions: [...err.suggestions],
    });
  if (err instanceof AmbiguousNodeError)
    return new ApiError('bad-request', err.message, {
      key: err.input,
      candidates: [...err.candidates],
    });
  if (err instanceof WrongActionGroupError)
    return new ApiError('bad-request', err.message, {
      key: err.key,
      action: err.action,
      expected: [...err.expected],
    });
  if (err instanceof WrongNodeKindError)
    return new ApiError('bad-request', err.message, {
      key: err.key,
      kind: err.actual,
      expected: [...err.expected],
    });
  if (typeof err === 'object' && err !== null && 'type' in err) {
    // body-parser errors
    if (err.type === 'entity.too.large')
      return new ApiError('body-too-large', 'the request body is too large');
    if (err.type === 'entity.parse.failed')
      return new ApiError('bad-request', 'the request body is not valid JSON');
  }
  return new ApiError('internal', `internal error (request id ${requestId})`);
}

/** 404 for every `/api` path no route answered. */
export const notFoundHandler: RequestHandler = (req, res) => {
  res.status(404).json(errorBody('not-found', `no such endpoint: ${req.method} ${req.path}`));
};

/** The one error handler; `onInternal` receives unexpected errors for the log. */
export function errorHandler(
  onInternal: (err: unknown, requestId: string) => void,
): ErrorRequestHandler {
  return (err: unknown, req, res, _next) => {
    const requestId = String(res.getHeader('x-request-id') ?? '-');
    const apiError = toApiError(err, requestId);
    if (apiError.code === 'internal') onInternal(err, requestId);
    if (res.headersSent) return;
    res.status(apiError.status).json(errorBody(apiError.code, apiError.message, apiError.details));
  };
}

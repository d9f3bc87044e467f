/**
 * The typed client of the trustmap HTTP API (`/api/*`). One function per endpoint; every call
 * takes an AbortSignal so a view that changes cancels what it no longer needs. Errors come back
 * as `ApiError` carrying the server's `{ error: { code, message, details } }`; the bearer token,
 * when the server requires one, is kept for the browser session only.
 */

const TOKEN_KEY = 'trustmap.token';

export class ApiError extends Error {
  readonly code: string;
  readonly status: number;
  readonly details: unknown;
  constructor(status: number, code: string, message: string, details?: unknown) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
    this.code = code;
    this.details = details;
  }
}

export function setToken(token: string | undefined): void {
  if (token === undefined || token === '') sessionStorage.removeItem(TOKEN_KEY);
  else sessionStorage.setItem(TOKEN_KEY, token);
}

function token(): string | undefined {
  return sessionStorage.getItem(TOKEN_KEY) ?? undefined;
}

export type Query = Readonly<Record<string, string | number | boolean | undefined>>;

/** `api/<path>?<query>`, relative to the page (empty values left out). */
export function buildUrl(path: string, query: Query): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value !== undefined && value !== '') params.set(key, String(value));
  }
  const text = params.toString();
  return `api/${path}${text === '' ? '' : `?${text}`}`;
}

/** The server's error body (`{ error: { code, message, details } }`) as an `ApiError`. */
export function readError(status: number, body: unknown): ApiError {
  if (typeof body === 'object' && body !== null && 'error' in body) {
    const e = body.error;
    if (typeof e === 'object' && e !== null) {
      const { code, message, details } = e as Record<string, unknown>;
      return new ApiError(
        status,
        typeof code === 'string' ? code : 'error',
        typeof message === 'string' ? message : `HTTP ${status}`,
        details,
      );
    }
  }
  return new ApiError(status, status === 404 ? 'not-found' : 'http-error', `HTTP ${status}`);
}

/** The request headers of every API call (JSON, and the bearer token when there is one). */
export function requestHeaders(): Record<string, string> {
  const headers: Record<string, string> = { accept: 'application/json' };
  const t = token();
  if (t !== undefined) headers.authorization = `Bearer ${t}`;
  return headers;
}

/** GET `/api/<path>?<query>` and parse JSON. Throws `ApiError` on any non-2xx answer. */
export async function getJson<T>(path: string, query: Query, signal?: AbortSignal): Promise<T> {
  const init: RequestInit = { headers: requestHeaders() };
  if (signal !== undefined) init.signal = signal;
  const response = await fetch(buildUrl(path, query), init);
  let body: unknown;
  try {
    body = await response.json();
  } catch {
    body = undefined;
  }
  if (!response.ok) throw readError(response.status, body);
  if (body === undefined)
    throw new ApiError(response.status, 'bad-response', `/api/${path}: the answer is not JSON`);
  return body as T;
}

/**
 * POST `/api/<path>` with a JSON body (the only body type the API takes) and parse the JSON
 * answer. Same-origin, with the bearer token when there is one. Throws `ApiError` on non-2xx.
 */
export async function postJson<T>(path: string, body: unknown, signal?: AbortSignal): Promise<T> {
  const init: RequestInit = {
    method: 'POST',
    headers: { ...requestHeaders(), 'content-type': 'application/json' },
    body: JSON.stringify(body),
    credentials: 'same-origin',
  };
  if (signal !== undefined) init.signal = signal;
  const response = await fetch(buildUrl(path, {}), init);
  let answer: unknown;
  try {
    answer = await response.json();
  } catch {
    answer = undefined;
  }
  if (!response.ok) throw readError(response.status, answer);
  if (answer === undefined)
    throw new ApiError(response.status, 'bad-response', `/api/${path}: the answer is not JSON`);
  return answer as T;
}

/**
 * What every fake service handler sees of a request, and the answer it gives. The caller's
 * account comes from the access key id in the SigV4 `Authorization` header (signatures are not
 * verified): `AKIA<account>TEST` for the identity running the collector, `ASIA<account>XXXX` for
 * sessions the fake's AssumeRole handed out.
 */
import type { IncomingHttpHeaders } from 'node:http';

export interface FakeRequest {
  method: string;
  path: string;
  query: URLSearchParams;
  headers: IncomingHttpHeaders;
  body: string;
  accessKeyId: string;
  /** Account of the credentials that signed the request. */
  callerAccount: string;
  /** Region and service of the SigV4 credential scope. */
  region: string;
  service: string;
  requestId: string;
}

export interface FakeResponse {
  status: number;
  headers?: Record<string, string>;
  body: string;
}

/** An AWS error the handler answers with; each protocol renders it its own way. */
export class FakeApiError extends Error {
  constructor(
    readonly code: string,
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

/** One service of the fake endpoint. */
export interface FakeService {
  /** `service:Operation` of the request, the account it acts in, and the resource it is about. */
  identify(req: FakeRequest): { operation: string; accountId: string; resource?: string };
  respond(req: FakeRequest, operation: string): FakeResponse;
  error(req: FakeRequest, error: FakeApiError): FakeResponse;
}

/** The access key id the fake recognizes for the identity running the collector. */
export function callerAccessKeyId(accountId: string): string {
  return `AKIA${accountId}TEST`;
}

/** Account encoded in an access key id; undefined for keys the fake did not hand out. */
export function accountOfAccessKey(accessKeyId: string): string | undefined {
  return /^A[KS]IA(\d{12})[A-Z0-9]{4}$/.exec(accessKeyId)?.[1];
}

/** Parses `AWS4-HMAC-SHA256 Credential=KEY/DATE/REGION/SERVICE/aws4_request, …`. */
export function parseAuthorization(
  header: string | undefined,
): { accessKeyId: string; region: string; service: string } | undefined {
  const match = /Credential=([^/]+)\/\d{8}\/([^/]+)\/([^/]+)\/aws4_request/.exec(header ?? '');
  if (match === null) return undefined;
  return { accessKeyId: match[1]!, region: match[2]!, service: match[3]! };
}

/** Splits a list into pages; the token is opaque to the client. */
export function pageOf<T>(
  items: readonly T[],
  token: string | null | undefined,
  size: number,
): { items: T[]; next: string | undefined } {
  const start = token === undefined || token === null || token === '' ? 0 : decodeToken(token);
  const end = start + Math.max(1, size);
  return {
    items: items.slice(start, end),
    next: end < items.length ? Buffer.from(`page:${end}`).toString('base64') : undefined,
  };
}

function decodeToken(token: string): number {
  const match = /^page:(\d+)$/.exec(Buffer.from(token, 'base64').toString('utf8'));
  if (match === null) throw new FakeApiError('InvalidInputException', 400, 'bad pagination token');
  return Number(match[1]);
}

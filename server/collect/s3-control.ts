/**
 * The account-level S3 Block Public Access setting (S3 Control GetPublicAccessBlock,
 * `GET /v20180820/configuration/publicAccessBlock` with `x-amz-account-id`). The S3 Control
 * client is not among the project's dependencies, so this one read-only call is signed with the
 * SDK's own SigV4 signer and sent over the collection's shared sockets, with the same retry
 * policy for throttling as the SDK clients.
 */
import { createHash, createHmac, type BinaryLike } from 'node:crypto';
import { request as httpRequest, type Agent as HttpAgent, type IncomingMessage } from 'node:http';
import { request as httpsRequest, type Agent as HttpsAgent } from 'node:https';
import { SignatureV4 } from '@smithy/signature-v4';
import type { AwsCredentialIdentityProvider } from '@aws-sdk/types';
import type { CallMeter } from './aws-clients.js';
import { MalformedResponseError } from './aws-errors.js';

export interface S3ControlSettings {
  region: string;
  /** Custom endpoint (path-style); undefined for `https://ACCOUNT.s3-control.REGION.DNS-SUFFIX`. */
  endpoint: string | undefined;
  maxAttempts: number;
  meter: CallMeter;
  httpAgent: HttpAgent;
  httpsAgent: HttpsAgent;
  /** Backoff base; tests may shorten it. */
  baseDelayMs?: number;
}

/** The S3 Control answer as an error: `name` is the service's error code. */
export class S3ControlError extends Error {
  readonly statusCode: number;
  constructor(name: string, message: string, statusCode: number) {
    super(message);
    this.name = name;
    this.statusCode = statusCode;
  }
}

/** The four settings as the CLI prints them (`PublicAccessBlockConfiguration`). */
export type PublicAccessBlockJson = Partial<
  Record<
    'BlockPublicAcls' | 'IgnorePublicAcls' | 'BlockPublicPolicy' | 'RestrictPublicBuckets',
    boolean
  >
>;

const PAB_FIELDS = [
  'BlockPublicAcls',
  'IgnorePublicAcls',
  'BlockPublicPolicy',
  'RestrictPublicBuckets',
] as const;
const THROTTLING_CODES = new Set([
  'Throttling',
  'ThrottlingException',
  'SlowDown',
  'TooManyRequestsException',
  'RequestLimitExceeded',
]);
const MAX_BODY_BYTES = 64 * 1024;
const MAX_DELAY_MS = 20_000;

/**
 * Reads the account's Block Public Access configuration; `undefined` when none is set
 * (`NoSuchPublicAccessBlockConfiguration`). Other errors are thrown as `S3ControlError`.
 */
export async function readAccountPublicAccessBlock(
  credentials: AwsCredentialIdentityProvider,
  accountId: string,
  settings: S3ControlSettings,
): Promise<PublicAccessBlockJson | undefined> {
  settings.meter.calls += 1;
  let attempt = 0;
  for (;;) {
    attempt += 1;
    settings.meter.requests += 1;
    try {
      const response = await sendSigned(credentials, accountId, settings);
      if (response.status === 200) return parsePublicAccessBlock(response.body);
      const code = xmlText(response.body, 'Code') ?? `HTTP${response.status}`;
      if (code === 'NoSuchPublicAccessBlockConfiguration') return undefined;
      const err = new S3ControlError(
        code,
        xmlText(response.body, 'Message') ?? '',
        response.status,
      );
      const retryable =
        THROTTLING_CODES.has(code) || response.status === 429 || response.status >= 500;
      if (!retryable || attempt >= settings.maxAttempts) throw err;
    } catch (err: unknown) {
      const transient =
        !(err instanceof S3ControlError) && !(err instanceof MalformedResponseError);
      if (!transient || attempt >= settings.maxAttempts) {
        settings.meter.failedCalls += 1;
        throw err;
      }
    }
    const base = settings.baseDelayMs ?? 100;
    await sleep(Math.random() * Math.min(MAX_DELAY_MS, base * 2 ** attempt));
  }
}

interface RawResponse {
  status: number;
  body: string;
}

async function sendSigned(
  credentials: AwsCredentialIdentityProvider,
  accountId: string,
  settings: S3ControlSettings,
): Promise<RawResponse> {
  const base = new URL(
    settings.endpoint ??
      `https://${accountId}.s3-control.${settings.region}.${dnsSuffix(settings.region)}`,
  );
  const basePath = base.pathname.replace(/\/+$/, '');
  const path = `${basePath}/v20180820/configuration/publicAccessBlock`;
  const signer = new SignatureV4({
    service: 's3',
    region: settings.region,
    credentials,
    sha256: NodeSha256,
    uriEscapePath: false,
  });
  const signed = await signer.sign({
    method: 'GET',
    protocol: base.protocol,
    hostname: base.hostname,
    ...(base.port === '' ? {} : { port: Number(base.port) }),
    path,
    query: {},
    headers: { host: base.host, 'x-amz-account-id': accountId },
  });
  const send = base.protocol === 'https:' ? httpsRequest : httpRequest;
  return new Promise<RawResponse>((resolve, reject) => {
    const req = send(
      {
        protocol: base.protocol,
        hostname: base.hostname,
        port: base.port === '' ? undefined : Number(base.port),
        path,
        method: 'GET',
        headers: signed.headers,
        agent: base.protocol === 'https:' ? settings.httpsAgent : settings.httpAgent,
        timeout: 120_000,
      },
      (res: IncomingMessage) => {
        const chunks: Buffer[] = [];
        let size = 0;
        res.on('data', (chunk: Buffer) => {
          size += chunk.length;
          if (size <= MAX_BODY_BYTES) chunks.push(chunk);
        });
        res.on('end', () => {
          if (size > MAX_BODY_BYTES) {
            reject(
              new MalformedResponseError('s3control:GetPublicAccessBlock: response too large'),
            );
            return;
          }
          resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') });
        });
        res.on('error', reject);
      },
    );
    req.on('timeout', () => req.destroy(new Error('request timed out')));
    req.on('error', reject);
    req.end();
  });
}

function parsePublicAccessBlock(body: string): PublicAccessBlockJson {
  const out: PublicAccessBlockJson = {};
  for (const field of PAB_FIELDS) {
    const text = xmlText(body, field);
    if (text === undefined) continue;
    if (text !== 'true' && text !== 'false') {
      throw new MalformedResponseError(
        `s3control:GetPublicAccessBlock: ${field} is ${JSON.stringify(text.slice(0, 40))}, expected true or false`,
      );
    }
    out[field] = text === 'true';
  }
  return out;
}

/** Text of the first `<name>` element (these responses are flat and carry no attributes). */
function xmlText(body: string, name: string): string | undefined {
  const match = new RegExp(`<${name}>([^<]*)</${name}>`).exec(body);
  return match?.[1]?.trim();
}

function dnsSuffix(region: string): string {
  return region.startsWith('cn-') ? 'amazonaws.com.cn' : 'amazonaws.com';
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** SHA-256 (or HMAC-SHA-256 with a secret) for the signer, from node:crypto. */
interface Digester {
  update(data: BinaryLike): unknown;
  digest(): Buffer;
}

class NodeSha256 {
  private hash: Digester;
  private readonly secret: BinaryLike | undefined;
  constructor(secret?: unknown) {
    this.secret = toBinary(secret);
    this.hash = this.fresh();
  }
  update(chunk: unknown): void {
    const data = toBinary(chunk);
    if (data !== undefined) this.hash.update(data);
  }
  digest(): Promise<Uint8Array> {
    return Promise.resolve(new Uint8Array(this.hash.digest()));
  }
  reset(): void {
    this.hash = this.fresh();
  }
  private fresh(): Digester {
    return this.secret === undefined ? createHash('sha256') : createHmac('sha256', this.secret);
  }
}

function toBinary(value: unknown): BinaryLike | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value === 'string') return value;
  if (value instanceof Uint8Array) return value;
  if (value instanceof ArrayBuffer) return new Uint8Array(value);
  if (ArrayBuffer.isView(value))
    return new Uint8Array(value.buffer, value.byteOffset, value.byteLength);
  return undefined;
}

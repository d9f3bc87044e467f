/**
 * XML for the fake AWS endpoint: escaping, and the AWS query protocol's shape (objects become
 * elements, lists become `<member>` children), used by the IAM and STS responses.
 */

export function escapeXml(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;');
}

/** Keys whose values are timestamps (held in the scenario as the CLI prints them). */
const TIMESTAMP_KEYS = new Set([
  'CreateDate',
  'UpdateDate',
  'LastUsedDate',
  'ValidUntil',
  'Expiration',
  'CreationDate',
]);

/** A CLI timestamp (`2020-01-02T03:04:05+00:00`) as the wire's ISO 8601 (`…Z`). */
export function wireTimestamp(value: string): string {
  const time = Date.parse(value);
  if (Number.isNaN(time)) throw new Error(`scenario timestamp ${value} is not a date`);
  return new Date(time).toISOString().replace('.000Z', 'Z');
}

/** Serializes a JSON value in the query protocol's XML shape. */
export function queryXml(name: string, value: unknown): string {
  if (value === undefined || value === null) return '';
  if (Array.isArray(value)) {
    return `<${name}>${value.map((item) => queryXml('member', item)).join('')}</${name}>`;
  }
  if (typeof value === 'object') {
    const inner = Object.entries(value as Record<string, unknown>)
      .map(([key, item]) => queryXml(key, item))
      .join('');
    return `<${name}>${inner}</${name}>`;
  }
  if (typeof value === 'string') {
    const text = TIMESTAMP_KEYS.has(name) ? wireTimestamp(value) : value;
    return `<${name}>${escapeXml(text)}</${name}>`;
  }
  if (typeof value === 'number' || typeof value === 'boolean') return `<${name}>${value}</${name}>`;
  throw new Error(`cannot serialize ${typeof value} in XML`);
}

/** A whole query-protocol response: `<OpResponse><OpResult>…</OpResult><ResponseMetadata/>`. */
export function queryResponse(
  action: string,
  namespace: string,
  result: Record<string, unknown>,
  requestId: string,
): string {
  const inner = Object.entries(result)
    .map(([key, value]) => queryXml(key, value))
    .join('');
  return (
    `<?xml version="1.0" encoding="UTF-8"?>\n<${action}Response xmlns="${namespace}">` +
    `<${action}Result>${inner}</${action}Result>` +
    `<ResponseMetadata><RequestId>${requestId}</RequestId></ResponseMetadata></${action}Response>`
  );
}

export function queryError(
  namespace: string,
  code: string,
  message: string,
  requestId: string,
): string {
  return (
    `<?xml version="1.0" encoding="UTF-8"?>\n<ErrorResponse xmlns="${namespace}">` +
    `<Error><Type>Sender</Type><Code>${escapeXml(code)}</Code><Message>${escapeXml(message)}</Message></Error>` +
    `<RequestId>${requestId}</RequestId></ErrorResponse>`
  );
}

/** S3's error body. */
export function s3Error(code: string, message: string, requestId: string): string {
  return (
    `<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>${escapeXml(code)}</Code>` +
    `<Message>${escapeXml(message)}</Message><RequestId>${requestId}</RequestId></Error>`
  );
}

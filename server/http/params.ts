/**
 * Query-parameter validation: each reader names the parameter and what was expected in a 400
 * `bad-request`. Strings are bounded; numbers are whole and within caps.
 */
import type { Request } from 'express';
import { ApiError } from './errors.js';

export const MAX_PARAM_LENGTH = 2048;

function raw(req: Request, name: string): string | undefined {
  const v: unknown = (req.query as Record<string, unknown>)[name];
  if (v === undefined) return undefined;
  if (typeof v !== 'string')
    throw new ApiError('bad-request', `${name}: expected a single value`, {
      param: name,
      expected: 'a single value',
    });
  return v;
}

export function optionalString(req: Request, name: string): string | undefined {
  const v = raw(req, name);
  if (v === undefined || v === '') return undefined;
  if (v.length > MAX_PARAM_LENGTH)
    throw new ApiError(
      'bad-request',
      `${name}: longer than ${String(MAX_PARAM_LENGTH)} characters`,
      {
        param: name,
        expected: `at most ${String(MAX_PARAM_LENGTH)} characters`,
      },
    );
  return v;
}

export function requiredString(req: Request, name: string, what: string): string {
  const v = optionalString(req, name);
  if (v === undefined)
    throw new ApiError('bad-request', `${name}: required (${what})`, {
      param: name,
      expected: what,
    });
  return v;
}

export function optionalInt(
  req: Request,
  name: string,
  min: number,
  max: number,
): number | undefined {
  const v = optionalString(req, name);
  if (v === undefined) return undefined;
  const n = /^\d{1,9}$/.test(v) ? Number(v) : Number.NaN;
  if (!Number.isInteger(n) || n < min || n > max)
    throw new ApiError(
      'bad-request',
      `${name}: expected an integer from ${String(min)} to ${String(max)}, got "${v.slice(0, 50)}"`,
      { param: name, expected: `an integer from ${String(min)} to ${String(max)}` },
    );
  return n;
}

export function optionalBool(req: Request, name: string): boolean | undefined {
  const v = optionalString(req, name);
  if (v === undefined) return undefined;
  if (v === 'true') return true;
  if (v === 'false') return false;
  throw new ApiError('bad-request', `${name}: expected true or false, got "${v.slice(0, 50)}"`, {
    param: name,
    expected: 'true or false',
  });
}

export function optionalEnum<T extends string>(
  req: Request,
  name: string,
  values: readonly T[],
): T | undefined {
  const v = optionalString(req, name);
  if (v === undefined) return undefined;
  if ((values as readonly string[]).includes(v)) return v as T;
  throw new ApiError(
    'bad-request',
    `${name}: expected one of ${values.join(', ')}, got "${v.slice(0, 50)}"`,
    { param: name, expected: `one of ${values.join(', ')}` },
  );
}

/** A scan id (`scan`, `from`, `to`, or the `:id` path segment). */
export function parseScanId(value: string | undefined, name: string): number | undefined {
  if (value === undefined || value === '') return undefined;
  const n = /^\d{1,12}$/.test(value) ? Number(value) : Number.NaN;
  if (!Number.isSafeInteger(n) || n < 1)
    throw new ApiError(
      'bad-request',
      `${name}: expected a scan id (a positive integer), got "${value.slice(0, 50)}"`,
      {
        param: name,
        expected: 'a scan id (a positive integer)',
      },
    );
  return n;
}

export function optionalScanId(req: Request, name = 'scan'): number | undefined {
  return parseScanId(optionalString(req, name), name);
}

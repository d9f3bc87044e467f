/** How errors decide an account's status, and how errors are recorded. */
import { describe, expect, it } from 'vitest';
import { accountStatusOf } from '../../../server/collect/account-runner.js';
import {
  errorMessageOf,
  errorNameOf,
  isAccessDeniedName,
  isCredentialErrorName,
  toCollectionError,
} from '../../../server/collect/aws-errors.js';
import cases from './account-status.cases.json' with { type: 'json' };

describe('accountStatusOf', () => {
  it.each(cases)('$name', ({ errors, status }) => {
    expect(
      accountStatusOf(errors.map((errorName) => ({ call: 'x:Y', errorName, message: '' }))),
    ).toBe(status);
  });
});

describe('error records', () => {
  it('match errors by name, never by message', () => {
    const err = Object.assign(
      new Error('User is not authorized (Throttling would be a lie here)'),
      { name: 'AccessDenied' },
    );
    expect(errorNameOf(err)).toBe('AccessDenied');
    expect(isAccessDeniedName(errorNameOf(err))).toBe(true);
    expect(isAccessDeniedName('Throttling')).toBe(false);
    expect(isCredentialErrorName('ExpiredToken')).toBe(true);
    expect(isCredentialErrorName('ExpiredTokenException')).toBe(true);
  });

  it('says what an answer the SDK could not parse means, with its HTTP status', () => {
    // What the SDK throws for a body that is not the service's JSON (an emulator's HTML page).
    const err = Object.assign(new SyntaxError(`Unexpected token '<', "<!doctype "...`), {
      $metadata: { httpStatusCode: 500 },
    });
    const record = toCollectionError('apprunner:ListServices', err, '111111111111');
    expect(record.errorName).toBe('UnreadableResponse');
    expect(record.message).toMatch(/^HTTP 500 that is not in this service's format/);
    expect(record.message).toContain('emulator');
    // Any other error keeps its own name and message.
    expect(toCollectionError('x:Y', Object.assign(new Error('m'), { name: 'Throttling' }))).toEqual(
      { call: 'x:Y', errorName: 'Throttling', message: 'm' },
    );
  });

  it('bounds untrusted messages and strips control characters', () => {
    const message = errorMessageOf(new Error(`\u001b[31mred\u0007${'x'.repeat(5000)}`));
    // eslint-disable-next-line no-control-regex
    expect(message).not.toMatch(/[\u0000-\u0008\u000b-\u001f]/);
    expect(message.length).toBeLessThanOrEqual(1001);
  });

  it('records the call, the error name, the account and the resource', () => {
    const err = Object.assign(new Error('The provided token has expired.'), {
      name: 'ExpiredToken',
    });
    expect(toCollectionError('s3:GetBucketAcl', err, '444444444444', 'logs')).toEqual({
      call: 's3:GetBucketAcl',
      errorName: 'ExpiredToken',
      message: 'The provided token has expired.',
      accountId: '444444444444',
      resource: 'logs',
    });
  });

  it('names non-Error throwables "Error"', () => {
    expect(errorNameOf('boom')).toBe('Error');
    expect(errorNameOf({ name: 'Custom' })).toBe('Custom');
  });
});

/**
 * What the search field's Enter picks as typed when no suggestion is active: node keys (an ARN,
 * `*`, an account id, a service principal or `service:` key, an Identity Center key), not free text.
 */
import { describe, expect, it } from 'vitest';
import { looksLikeKey } from '../../web/src/components/looks-like-key.js';

describe('looksLikeKey', () => {
  it.each([
    'arn:aws:iam::111122223333:role/Admin',
    'arn:aws:s3:::bucket',
    '*',
    '111122223333',
    'service:lambda.amazonaws.com',
    'lambda.amazonaws.com',
    'sso:d-1234567890:user/abc',
  ])('%s is a key', (text) => {
    expect(looksLikeKey(text)).toBe(true);
  });

  it.each(['no such thing here', 'Admin', '11112222333', 'arn', '<script>', 'lambda'])(
    '%s is not',
    (text) => {
      expect(looksLikeKey(text)).toBe(false);
    },
  );
});

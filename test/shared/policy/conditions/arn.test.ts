import { describe, expect, it } from 'vitest';
import { ARN_OPERATORS } from '../../../../shared/policy/conditions/arn.js';
import { ArnPattern } from '../../../../shared/policy/arn-pattern.js';

const arnLike = (pattern: string, value: string): boolean => {
  const m = ARN_OPERATORS.compile([pattern], 'arnlike');
  if (typeof m === 'string') throw new Error(m);
  return m.test(value);
};

describe('ARN operators', () => {
  it.each([
    ['arn:aws:iam::*:role/ci-*', 'arn:aws:iam::123456789012:role/ci-build', true],
    ['arn:aws:iam::*:role/ci-*', 'arn:aws:iam::123456789012:role/team/ci-build', false],
    ['arn:aws:iam::123456789012:role/*', 'arn:aws:iam::123456789012:role/a/b/c', true],
    ['arn:aws:sns:*:123456789012:*', 'arn:aws:sns:us-east-1:123456789012:topic:sub', true],
    ['arn:aws:iam::*:root', 'arn:aws:iam::123456789012:root', true],
    ['arn:aws:iam::12345678901?:root', 'arn:aws:iam::123456789012:root', true],
    ['arn:aws:iam::*:role/x', 'arn:aws:iam::1:2:role/x', false],
    ['arn:*:s3:::bucket', 'arn:aws-cn:s3:::bucket', true],
    ['arn:aws:s3:::bucket', 'arn:aws:s3:::Bucket', false],
    ['*', 'arn:aws:iam::1:role/x', true],
    ['**', 'anything', true],
    ['arn:aws:*', 'arn:aws:iam::1:role/x', false],
    ['arn:aws:iam::1:role/x', 'not-an-arn', false],
  ])('ArnLike %s ~ %s: %s', (pattern, value, want) => {
    expect(arnLike(pattern, value)).toBe(want);
  });

  it('ArnEquals and the negated forms share ArnLike matching', () => {
    expect(ARN_OPERATORS.operators.arnequals?.positive).toBe('arnlike');
    expect(ARN_OPERATORS.operators.arnnotequals).toEqual({ positive: 'arnlike', negated: true });
    expect(ARN_OPERATORS.operators.arnnotlike).toEqual({ positive: 'arnlike', negated: true });
  });

  it('splits literal parts at colons too', () => {
    const p = ArnPattern.fromParts(['arn:aws:s3:::', { literal: 'b:*' }]);
    expect(p?.test('arn:aws:s3:::b:*')).toBe(true);
    expect(p?.test('arn:aws:s3:::b:x')).toBe(false);
  });
});

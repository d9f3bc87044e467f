import { describe, expect, it } from 'vitest';
import { decodeBase64, BINARY_OPERATORS } from '../../../../shared/policy/conditions/binary.js';
import { BOOL_OPERATORS } from '../../../../shared/policy/conditions/bool.js';
import { NUMERIC_OPERATORS, parseNumber } from '../../../../shared/policy/conditions/numeric.js';
import type { OperatorFamily } from '../../../../shared/policy/conditions/operator-family.js';
import { STRING_OPERATORS } from '../../../../shared/policy/conditions/string.js';
import { NULL_OPERATOR } from '../../../../shared/policy/conditions/null.js';

const run = (family: OperatorFamily, op: string, policy: string, value: string): boolean => {
  const m = family.compile([policy], op);
  if (typeof m === 'string') throw new Error(m);
  return m.test(value);
};

describe('numeric operators', () => {
  it.each([
    ['10', 10],
    ['-3', -3],
    ['+2.5', 2.5],
    ['.5', 0.5],
    ['1e3', 1000],
    [' 7 ', 7],
  ])('parses %s', (text, n) => {
    expect(parseNumber(text)).toBe(n);
  });
  it.each(['', 'ten', '0x10', '1,000', 'Infinity', 'NaN', '1e999'])('rejects %s', (text) => {
    expect(parseNumber(text)).toBeUndefined();
  });
  it('implements every comparison', () => {
    expect(run(NUMERIC_OPERATORS, 'numericequals', '10', '10.0')).toBe(true);
    expect(run(NUMERIC_OPERATORS, 'numericlessthan', '10', '9.99')).toBe(true);
    expect(run(NUMERIC_OPERATORS, 'numericlessthanequals', '10', '10')).toBe(true);
    expect(run(NUMERIC_OPERATORS, 'numericgreaterthan', '10', '10')).toBe(false);
    expect(run(NUMERIC_OPERATORS, 'numericgreaterthanequals', '10', '11')).toBe(true);
    expect(run(NUMERIC_OPERATORS, 'numericequals', '10', '0xA')).toBe(false);
  });
});

describe('string operators', () => {
  it('StringEquals is exact and case-sensitive', () => {
    expect(run(STRING_OPERATORS, 'stringequals', 'a*', 'abc')).toBe(false);
    expect(run(STRING_OPERATORS, 'stringequals', 'Ab', 'ab')).toBe(false);
  });
  it('StringEqualsIgnoreCase lower-cases both sides', () => {
    expect(run(STRING_OPERATORS, 'stringequalsignorecase', 'ÄB', 'äb')).toBe(true);
  });
  it('StringLike supports * and ?', () => {
    expect(run(STRING_OPERATORS, 'stringlike', 'a?c*', 'abcdef')).toBe(true);
    expect(run(STRING_OPERATORS, 'stringlike', 'a?c*', 'ac')).toBe(false);
  });
  it('a substituted literal * is not a wildcard', () => {
    const m = STRING_OPERATORS.compile(['a', { literal: '*' }], 'stringlike');
    if (typeof m === 'string') throw new Error(m);
    expect(m.test('a*')).toBe(true);
    expect(m.test('abc')).toBe(false);
  });
});

describe('Bool, BinaryEquals and Null', () => {
  it('Bool accepts only true and false', () => {
    expect(run(BOOL_OPERATORS, 'bool', 'TRUE', 'true')).toBe(true);
    expect(run(BOOL_OPERATORS, 'bool', 'false', 'true')).toBe(false);
    expect(BOOL_OPERATORS.compile(['yes'], 'bool')).toMatch(/true/);
  });
  it('base64 decodes with and without padding, rejects invalid text', () => {
    expect(decodeBase64('aGVsbG8=')).toBe('hello');
    expect(decodeBase64('aGVsbG8')).toBe('hello');
    expect(decodeBase64('aGVs bG8=')).toBe('hello');
    expect(decodeBase64('a$==')).toBeUndefined();
    expect(decodeBase64('a')).toBeUndefined();
    expect(run(BINARY_OPERATORS, 'binaryequals', 'aGVsbG8=', 'aGVsbG8')).toBe(true);
    expect(typeof BINARY_OPERATORS.compile(['***'], 'binaryequals')).toBe('string');
  });
  it('Null values are "true" or "false"', () => {
    expect(run(NULL_OPERATOR, 'null', 'True', 'true')).toBe(true);
    expect(typeof NULL_OPERATOR.compile(['maybe'], 'null')).toBe('string');
  });
});

import { describe, expect, it } from 'vitest';
import { parseOperator } from '../../../../shared/policy/conditions/operators.js';

describe('parseOperator', () => {
  it('reads prefix, negation and IfExists, case-insensitively', () => {
    const op = parseOperator('forAnyValue:stringNotLikeIfExists');
    expect(op).toMatchObject({
      positive: 'stringlike',
      negated: true,
      ifExists: true,
      setOperator: 'any',
      isNull: false,
    });
    expect(op?.family.name).toBe('String');
    expect(parseOperator('ForAllValues:ArnEquals')).toMatchObject({
      setOperator: 'all',
      positive: 'arnlike',
    });
    expect(parseOperator('Null')).toMatchObject({ isNull: true, ifExists: false });
    expect(parseOperator('NotIpAddressIfExists')).toMatchObject({ negated: true, ifExists: true });
  });

  it.each([
    '',
    'IfExists',
    'StringEqualz',
    'ForSomeValues:StringEquals',
    'StringEquals:',
    'Bool:x',
  ])('rejects %s', (name) => {
    expect(parseOperator(name)).toBeUndefined();
  });

  it('knows every documented operator', () => {
    for (const name of [
      'StringEquals',
      'StringNotEquals',
      'StringEqualsIgnoreCase',
      'StringNotEqualsIgnoreCase',
      'StringLike',
      'StringNotLike',
      'NumericEquals',
      'NumericNotEquals',
      'NumericLessThan',
      'NumericLessThanEquals',
      'NumericGreaterThan',
      'NumericGreaterThanEquals',
      'DateEquals',
      'DateNotEquals',
      'DateLessThan',
      'DateLessThanEquals',
      'DateGreaterThan',
      'DateGreaterThanEquals',
      'Bool',
      'BinaryEquals',
      'IpAddress',
      'NotIpAddress',
      'ArnEquals',
      'ArnLike',
      'ArnNotEquals',
      'ArnNotLike',
      'Null',
    ]) {
      expect(parseOperator(name), name).toBeDefined();
      expect(parseOperator(`${name}IfExists`)?.ifExists, name).toBe(true);
    }
  });
});

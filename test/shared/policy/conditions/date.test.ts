import { describe, expect, it } from 'vitest';
import { DATE_OPERATORS, parseDate } from '../../../../shared/policy/conditions/date.js';

const test = (op: string, policy: string, value: string): boolean => {
  const m = DATE_OPERATORS.compile([policy], op);
  if (typeof m === 'string') throw new Error(m);
  return m.test(value);
};

describe('date operators', () => {
  it.each([
    ['2024-01-01', Date.UTC(2024, 0, 1)],
    ['2024-01-01T10:20Z', Date.UTC(2024, 0, 1, 10, 20)],
    ['2024-01-01T10:20:30Z', Date.UTC(2024, 0, 1, 10, 20, 30)],
    ['2024-01-01T10:20:30.250Z', Date.UTC(2024, 0, 1, 10, 20, 30, 250)],
    ['2024-01-01T10:20:30', Date.UTC(2024, 0, 1, 10, 20, 30)], // no offset: UTC, never local time
    ['2024-01-01T10:20:30+02:00', Date.UTC(2024, 0, 1, 8, 20, 30)],
    ['2024-01-01T10:20:30-0130', Date.UTC(2024, 0, 1, 11, 50, 30)],
    ['1704067200', Date.UTC(2024, 0, 1)],
    ['1704067200.5', Date.UTC(2024, 0, 1) + 500],
  ])('parses %s', (text, ms) => {
    expect(parseDate(text)).toBe(ms);
  });

  it.each(['', 'yesterday', '2024-13-01', '2024-01-01T25:00:00Z', '01/02/2024', '2024-1-1'])(
    'rejects %s',
    (text) => {
      expect(parseDate(text)).toBeUndefined();
    },
  );

  it('implements every comparison', () => {
    const p = '2024-06-01T00:00:00Z';
    expect(test('dateequals', p, '1717200000')).toBe(true);
    expect(test('datelessthan', p, '2024-05-31T23:59:59Z')).toBe(true);
    expect(test('datelessthan', p, p)).toBe(false);
    expect(test('datelessthanequals', p, p)).toBe(true);
    expect(test('dategreaterthan', p, '2024-06-01T00:00:01Z')).toBe(true);
    expect(test('dategreaterthanequals', p, p)).toBe(true);
    expect(test('dategreaterthan', p, 'garbage')).toBe(false);
  });

  it('reports an invalid policy value', () => {
    expect(DATE_OPERATORS.compile(['soon'], 'dateequals')).toMatch(/ISO 8601/);
  });
});

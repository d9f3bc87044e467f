import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compileWildcard, Glob } from '../../../shared/policy/wildcard.js';

/** The reference: a regex built from the pattern, `*` → `.*`, `?` → `.`, everything else escaped. */
function reference(pattern: string): RegExp {
  const body = pattern
    .replace(/[.+^${}()|[\]\\]/g, '\\$&')
    .replace(/\*/g, '[\\s\\S]*')
    .replace(/\?/g, '[\\s\\S]');
  return new RegExp(`^${body}$`);
}

// Small alphabets make matches (and near misses) likely.
const patternArb = fc.string({
  unit: fc.constantFrom('a', 'b', '/', ':', '*', '?', '.'),
  maxLength: 12,
});
const subjectArb = fc.string({
  unit: fc.constantFrom('a', 'b', '/', ':', '*', '?', '.'),
  maxLength: 16,
});

describe('wildcard matcher', () => {
  it('agrees with a reference regex on random patterns and strings', () => {
    fc.assert(
      fc.property(patternArb, subjectArb, (pattern, subject) => {
        expect(Glob.compile(pattern).test(subject)).toBe(reference(pattern).test(subject));
      }),
      { numRuns: 5000 },
    );
  });

  it('agrees with the reference on sub-ranges (testRange)', () => {
    fc.assert(
      fc.property(patternArb, subjectArb, fc.nat(), fc.nat(), (pattern, subject, a, b) => {
        const start = subject.length === 0 ? 0 : a % (subject.length + 1);
        const end = start + (subject.length - start === 0 ? 0 : b % (subject.length - start + 1));
        expect(Glob.compile(pattern).testRange(subject, start, end)).toBe(
          reference(pattern).test(subject.slice(start, end)),
        );
      }),
      { numRuns: 3000 },
    );
  });

  it('treats literal parts literally', () => {
    fc.assert(
      fc.property(patternArb, subjectArb, (literal, subject) => {
        expect(Glob.fromParts([{ literal }]).test(subject)).toBe(literal === subject);
      }),
    );
  });

  it('handles the fast paths', () => {
    expect(Glob.compile('*').matchesAll).toBe(true);
    expect(Glob.compile('***').test('')).toBe(true);
    expect(Glob.compile('abc').isLiteral).toBe(true);
    expect(Glob.compile('ab?').isLiteral).toBe(false);
    expect(Glob.compile('ab*').test('abzzz')).toBe(true);
    expect(Glob.compile('*yz').test('xxyz')).toBe(true);
    expect(Glob.compile('*yz').test('yzx')).toBe(false);
    expect(Glob.compile('a*b*a').test('aba')).toBe(true);
    expect(Glob.compile('a*b*a').test('ab')).toBe(false);
  });

  it('compileWildcard with ignoreCase lower-cases both sides', () => {
    const m = compileWildcard('STS:Assume*', { ignoreCase: true });
    expect(m('sts:assumerolewithsaml')).toBe(true);
    expect(compileWildcard('STS:Assume*')('sts:assumerole')).toBe(false);
  });
});

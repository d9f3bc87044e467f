/** Edge keys are the JSON text of [kind, source, target, variant] for any strings at all. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { edgeKey, edgeKeyVariant } from '../../../shared/graph/edge-key.js';

describe('edgeKey', () => {
  it('equals JSON.stringify of the four parts for ARNs and hostile text', () => {
    const cases: [string, string, string][] = [
      ['arn:aws:iam::111111111111:role/a', 'arn:aws:s3:::b', 'read'],
      ['say "hi"\\', 'line\nbreak\u0000', '\u2028\u2029'],
      ['\ud800 lone', 'pair \ud83d\ude00', '\udfff'],
      ['', '', ''],
    ];
    for (const [s, t, v] of cases)
      expect(edgeKey('can-access', s, t, v)).toBe(JSON.stringify(['can-access', s, t, v]));
  });

  it('equals JSON.stringify for arbitrary strings', () => {
    fc.assert(
      fc.property(
        fc.string({ unit: 'binary' }),
        fc.string(),
        fc.string({ unit: 'binary' }),
        (s, t, v) => {
          expect(edgeKey('can-assume', s, t, v)).toBe(JSON.stringify(['can-assume', s, t, v]));
        },
      ),
      { numRuns: 500 },
    );
  });

  it('defaults the variant to the empty string', () => {
    expect(edgeKey('member-of', 'u', 'g')).toBe('["member-of","u","g",""]');
  });
});

describe('edgeKeyVariant', () => {
  it('gives back the variant of any key edgeKey builds, for arbitrary strings', () => {
    fc.assert(
      fc.property(
        fc.string({ unit: 'binary' }),
        fc.string({ unit: 'binary' }),
        fc.string({ unit: 'binary' }),
        (s, t, v) => {
          expect(edgeKeyVariant(edgeKey('can-access', s, t, v), 'can-access', s, t)).toBe(v);
        },
      ),
      { numRuns: 500 },
    );
  });

  const others: readonly { name: string; key: string }[] = [
    { name: 'another kind', key: edgeKey('can-assume', 'a', 'b', 'read') },
    { name: 'another source', key: edgeKey('can-access', 'a2', 'b', 'read') },
    { name: 'another target', key: edgeKey('can-access', 'a', 'b2', 'read') },
    { name: 'a fifth part', key: '["can-access","a","b","read","x"]' },
    { name: 'an escape JSON writes otherwise', key: '["can-access","a","b","\\u0072ead"]' },
    { name: 'a broken escape', key: '["can-access","a","b","\\"]' },
    { name: 'no closing bracket', key: '["can-access","a","b","read"' },
    { name: 'an aggregate key of another form', key: 'a->b' },
  ];
  it.each(others)('is undefined for $name', ({ key }) => {
    expect(edgeKeyVariant(key, 'can-access', 'a', 'b')).toBeUndefined();
  });
});

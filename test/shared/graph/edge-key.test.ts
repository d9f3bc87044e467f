/** Edge keys are the JSON text of [kind, source, target, variant] for any strings at all. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { edgeKey } from '../../../shared/graph/edge-key.js';

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

// A long evidence list (78 items on some findings) shows its first items and folds the rest.
import { describe, expect, it } from 'vitest';
import { EVIDENCE_SHOWN, foldEvidence } from '../../web/src/components/fold-evidence.js';

const items = (n: number): number[] => Array.from({ length: n }, (_, i) => i);

describe('foldEvidence', () => {
  it('folds everything after the first items of a long list, in order', () => {
    const { first, rest } = foldEvidence(items(78));
    expect(first).toEqual(items(EVIDENCE_SHOWN));
    expect(rest).toEqual(items(78).slice(EVIDENCE_SHOWN));
  });

  it('shows a short list whole, and folds nothing to hide one or two items', () => {
    expect(foldEvidence(items(3))).toEqual({ first: items(3), rest: [] });
    expect(foldEvidence(items(EVIDENCE_SHOWN + 2)).rest).toEqual([]);
    expect(foldEvidence(items(EVIDENCE_SHOWN + 3)).rest).toHaveLength(3);
  });
});

// When a scan suggests Node's larger young generation (server/analyze/young-generation-hint.ts).
import { describe, expect, it } from 'vitest';
import {
  hasSemiSpaceOption,
  youngGenerationHint,
} from '../../../server/analyze/young-generation-hint.js';

describe('hasSemiSpaceOption', () => {
  it('finds the option on the command line of Node or in NODE_OPTIONS, in either spelling', () => {
    expect(hasSemiSpaceOption(['--max-semi-space-size=64'], undefined)).toBe(true);
    expect(hasSemiSpaceOption(['--max_semi_space_size=32'], undefined)).toBe(true);
    expect(hasSemiSpaceOption([], '--max-old-space-size=8192 --max-semi-space-size=128')).toBe(
      true,
    );
    expect(hasSemiSpaceOption(['--max-old-space-size=8192'], '--enable-source-maps')).toBe(false);
    expect(hasSemiSpaceOption([], undefined)).toBe(false);
  });
});

describe('youngGenerationHint', () => {
  it('names the time and the option when a long build ran with Node defaults', () => {
    expect(youngGenerationHint({ compileMs: 5_100, buildMs: 16_250 }, [], undefined)).toBe(
      'hint: the graph took 21.4 s to build; with NODE_OPTIONS=--max-semi-space-size=64 it ' +
        'builds 20–35% faster (docs/design-choices.md)',
    );
  });

  it('says nothing for a short build, a chosen size or a missing timing', () => {
    expect(
      youngGenerationHint({ compileMs: 1_000, buildMs: 3_999 }, [], undefined),
    ).toBeUndefined();
    expect(
      youngGenerationHint({ compileMs: 5_000, buildMs: 15_000 }, [], '--max-semi-space-size=64'),
    ).toBeUndefined();
    expect(
      youngGenerationHint({ compileMs: Number.NaN, buildMs: 15_000 }, [], undefined),
    ).toBeUndefined();
  });
});

/** Stray whitespace: removed outside JSON strings only, trimmed from keys, named in messages. */
import { describe, expect, it } from 'vitest';
import {
  describeStrayCharacter,
  keyNeedsTrim,
  stripStrayWhitespace,
  trimKey,
} from '../../../shared/snapshot/stray-whitespace.js';

describe('stripStrayWhitespace', () => {
  it('removes stray characters between tokens and keeps them inside strings', () => {
    const text = '{\u00a0"a\u00a0b":\u200b"x\u00a0\\"\u2028y",\ufeff"c": 1}';
    const r = stripStrayWhitespace(text);
    expect(r.text).toBe('{"a\u00a0b":"x\u00a0\\"\u2028y","c": 1}');
    expect(r.removed).toBe(3);
    expect(r.characters).toEqual([
      'U+00A0 (no-break space)',
      'U+200B (zero-width space)',
      'U+FEFF (byte order mark)',
    ]);
    expect(JSON.parse(r.text)).toEqual({ 'a\u00a0b': 'x\u00a0"\u2028y', c: 1 });
  });

  it('returns clean text unchanged (the same string)', () => {
    const text = '{"a": [1, 2, {"b": "c"}]}\n';
    expect(stripStrayWhitespace(text)).toEqual({ text, removed: 0, characters: [] });
  });
});

describe('trimKey', () => {
  it.each([
    ['Effect\u00a0', 'Effect'],
    ['\u200bEffect', 'Effect'],
    ['\ufeff Version \t', 'Version'],
    ['Eff\u00a0ect', 'Eff\u00a0ect'],
    ['Effect', 'Effect'],
  ])('%j → %j', (key, trimmed) => {
    expect(trimKey(key)).toBe(trimmed);
    expect(keyNeedsTrim(key)).toBe(key !== trimmed);
  });
});

describe('describeStrayCharacter', () => {
  it('names the character by code point and name', () => {
    expect(describeStrayCharacter(0x2060)).toBe('U+2060 (word joiner)');
    expect(describeStrayCharacter(0x3000)).toBe('U+3000');
  });
});

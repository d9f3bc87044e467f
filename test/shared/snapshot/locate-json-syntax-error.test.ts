/**
 * locateJsonSyntaxError agrees with JSON.parse on what is JSON, and says where it stops being
 * JSON in lines and columns a reviewer can open in an editor.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { locateJsonSyntaxError } from '../../../shared/snapshot/locate-json-syntax-error.js';

const CASES: { name: string; text: string; line: number; column: number; message: string }[] = [
  {
    name: 'double comma',
    text: '{\n  "a": 1,,\n}',
    line: 2,
    column: 10,
    message: "expected a property name in double quotes, found ','",
  },
  {
    name: 'missing value',
    text: '{\n "a": ,}',
    line: 2,
    column: 7,
    message: "expected a value, found ','",
  },
  {
    name: 'trailing comma in an array',
    text: '[1, 2, ]',
    line: 1,
    column: 8,
    message: "expected a value, found ']'",
  },
  {
    name: 'unterminated object',
    text: '{"a": 1',
    line: 1,
    column: 8,
    message: "unexpected end of the text (expected ',' or a closing bracket)",
  },
  {
    name: 'single quotes',
    text: "{'a': 1}",
    line: 1,
    column: 2,
    message: "expected a property name in double quotes, found '''",
  },
  {
    name: 'no-break space between tokens',
    text: '{"a":\u00a01}',
    line: 1,
    column: 6,
    message: 'expected a value, found U+00A0 (no-break space)',
  },
  {
    name: 'raw newline inside a string',
    text: '{"a": "x\ny"}',
    line: 1,
    column: 9,
    message: 'control character U+000A inside a string',
  },
  {
    name: 'bad escape',
    text: '["\\x"]',
    line: 1,
    column: 3,
    message: 'invalid escape in a string',
  },
  {
    name: 'short unicode escape',
    text: '["\\u12"]',
    line: 1,
    column: 3,
    message: 'invalid \\u escape',
  },
  {
    name: 'unterminated string',
    text: '["abc',
    line: 1,
    column: 2,
    message: 'string not terminated',
  },
  {
    name: 'two values',
    text: '{} {}',
    line: 1,
    column: 4,
    message: 'expected the end of the text after the JSON value',
  },
  {
    name: 'leading zero',
    text: '[01]',
    line: 1,
    column: 3,
    message: "expected ',' or ']' after an array element, found '1'",
  },
  {
    name: 'missing colon',
    text: '{"a" 1}',
    line: 1,
    column: 6,
    message: "expected ':' after a property name, found '1'",
  },
  {
    name: 'bare word',
    text: '{"a": yes}',
    line: 1,
    column: 7,
    message: "expected a value, found 'y'",
  },
  {
    name: 'empty text',
    text: '  \n',
    line: 2,
    column: 1,
    message: 'unexpected end of the text (expected a value)',
  },
];

describe('locateJsonSyntaxError', () => {
  for (const c of CASES) {
    it(`${c.name}: line ${c.line} column ${c.column}`, () => {
      const r = locateJsonSyntaxError(c.text);
      expect(r).toMatchObject({ line: c.line, column: c.column });
      expect(r?.message).toContain(c.message);
    });
  }

  it('treats stray whitespace as whitespace only when asked', () => {
    const text = '{\n\u00a0\u00a0"a": 1,,\n}';
    expect(locateJsonSyntaxError(text)).toMatchObject({ line: 2, column: 1 });
    expect(locateJsonSyntaxError(text, { strayWhitespaceIsWhitespace: true })).toMatchObject({
      line: 2,
      column: 10,
    });
  });

  it('handles nesting far deeper than the call stack would allow', () => {
    const deep = `${'['.repeat(200_000)}${']'.repeat(200_000)}`;
    expect(locateJsonSyntaxError(deep)).toBeUndefined();
    expect(locateJsonSyntaxError(deep.slice(0, -1))?.message).toContain(
      'unexpected end of the text',
    );
  });

  it('accepts exactly what JSON.parse accepts', () => {
    const parses = (t: string): boolean => {
      try {
        JSON.parse(t);
        return true;
      } catch {
        return false;
      }
    };
    const texts = fc.oneof(
      fc.json(),
      fc.string(),
      // valid JSON with one character changed, inserted or removed
      fc
        .tuple(
          fc.json(),
          fc.nat(),
          fc.constantFrom('', ',', '"', '}', ']', ':', ' ', '\\', '\u00a0', 'x', '0'),
        )
        .map(([t, i, c]) => {
          const at = t.length === 0 ? 0 : i % t.length;
          return t.slice(0, at) + c + t.slice(at + 1);
        }),
    );
    fc.assert(
      fc.property(texts, (t) => {
        expect(locateJsonSyntaxError(t) === undefined).toBe(parses(t));
      }),
      { numRuns: 5000 },
    );
  });
});

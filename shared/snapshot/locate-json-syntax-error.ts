/**
 * Where JSON text stops being JSON: line, column and what was expected. `JSON.parse` does not
 * always say where (Node 20 often reports only the offending token), and a reviewer with a
 * 40 MB iam.json needs the line. Iterative (an explicit stack), so any nesting depth and any
 * size are safe; it runs only after `JSON.parse` has failed.
 */
import { describeStrayCharacter, isStrayWhitespace } from './stray-whitespace.js';

export interface JsonSyntaxError {
  /** Offset of the offending character (UTF-16 code units from the start of the text). */
  offset: number;
  /** 1-based. */
  line: number;
  /** 1-based, in characters. */
  column: number;
  /** E.g. `expected ',' or '}' after a property value, found '"'`. */
  message: string;
}

export interface LocateOptions {
  /**
   * Treat stray whitespace (stray-whitespace.ts) outside strings as whitespace: locates the
   * first error that remains once the loader has removed it, at its offset in the original text.
   */
  strayWhitespaceIsWhitespace?: boolean;
}

type Expect =
  'value' | 'value-or-close' | 'key' | 'key-or-close' | 'colon' | 'comma-or-close' | 'end';

const NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;
const HEX4 = /^[0-9a-fA-F]{4}$/;

/**
 * Finds the first syntax error of `text` (RFC 8259 JSON), or undefined when the text is valid.
 * @example locateJsonSyntaxError('{\n "a": ,}') // { line: 2, column: 7, message: "expected a value, found ','" }
 */
export function locateJsonSyntaxError(
  text: string,
  options: LocateOptions = {},
): JsonSyntaxError | undefined {
  const strayIsWhitespace = options.strayWhitespaceIsWhitespace === true;
  const stack: number[] = []; // 0x7b '{' or 0x5b '['
  let expect: Expect = 'value';
  let i = 0;
  const n = text.length;
  const fail = (offset: number, what: string): JsonSyntaxError => {
    const found = offset >= n ? 'the end of the text' : describeChar(text.codePointAt(offset) ?? 0);
    return at(text, offset, `${what}, found ${found}`);
  };
  const afterValue = (): Expect => (stack.length > 0 ? 'comma-or-close' : 'end');

  for (;;) {
    while (i < n) {
      const c = text.charCodeAt(i);
      const space = c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0d;
      if (!space && !(strayIsWhitespace && isStrayWhitespace(c))) break;
      i += 1;
    }
    if (i >= n) {
      if (expect === 'end') return undefined;
      return at(text, i, `unexpected end of the text (${EXPECTATION[expect]})`);
    }
    const c = text.charCodeAt(i);
    switch (expect) {
      case 'end':
        return fail(i, 'expected the end of the text after the JSON value');
      case 'colon':
        if (c !== 0x3a) return fail(i, "expected ':' after a property name");
        i += 1;
        expect = 'value';
        break;
      case 'comma-or-close': {
        const open = stack[stack.length - 1];
        const close = open === 0x7b ? 0x7d : 0x5d;
        if (c === 0x2c) {
          i += 1;
          expect = open === 0x7b ? 'key' : 'value';
        } else if (c === close) {
          stack.pop();
          i += 1;
          expect = afterValue();
        } else {
          return fail(
            i,
            open === 0x7b
              ? "expected ',' or '}' after a property value"
              : "expected ',' or ']' after an array element",
          );
        }
        break;
      }
      case 'key':
      case 'key-or-close':
        if (c === 0x7d && expect === 'key-or-close') {
          stack.pop();
          i += 1;
          expect = afterValue();
        } else if (c === 0x22) {
          const end = scanString(text, i);
          if (typeof end !== 'number') return end;
          i = end;
          expect = 'colon';
        } else {
          return fail(i, 'expected a property name in double quotes');
        }
        break;
      case 'value':
      case 'value-or-close':
        if (c === 0x5d && expect === 'value-or-close') {
          stack.pop();
          i += 1;
          expect = afterValue();
        } else if (c === 0x7b || c === 0x5b) {
          stack.push(c);
          i += 1;
          expect = c === 0x7b ? 'key-or-close' : 'value-or-close';
        } else if (c === 0x22) {
          const end = scanString(text, i);
          if (typeof end !== 'number') return end;
          i = end;
          expect = afterValue();
        } else if (c === 0x2d || (c >= 0x30 && c <= 0x39)) {
          NUMBER.lastIndex = i;
          const match = NUMBER.exec(text);
          if (!match) return fail(i, 'expected a number');
          i += match[0].length;
          expect = afterValue();
        } else {
          const literal = ['true', 'false', 'null'].find((word) => text.startsWith(word, i));
          if (literal === undefined) return fail(i, 'expected a value');
          i += literal.length;
          expect = afterValue();
        }
        break;
      default: {
        const unreachable: never = expect;
        return unreachable;
      }
    }
  }
}

const EXPECTATION: Readonly<Record<Expect, string>> = {
  value: 'expected a value',
  'value-or-close': "expected a value or ']'",
  key: 'expected a property name',
  'key-or-close': "expected a property name or '}'",
  colon: "expected ':'",
  'comma-or-close': "expected ',' or a closing bracket",
  end: 'expected nothing more',
};

/** Returns the offset after the closing quote, or the error. `start` is the opening quote. */
function scanString(text: string, start: number): number | JsonSyntaxError {
  let i = start + 1;
  while (i < text.length) {
    const c = text.charCodeAt(i);
    if (c === 0x22) return i + 1;
    if (c === 0x5c) {
      const next = text[i + 1];
      if (next === 'u') {
        if (!HEX4.test(text.slice(i + 2, i + 6))) {
          return at(text, i, 'invalid \\u escape in a string: expected four hexadecimal digits');
        }
        i += 6;
        continue;
      }
      if (next === undefined || !'"\\/bfnrt'.includes(next)) {
        return at(text, i, 'invalid escape in a string');
      }
      i += 2;
      continue;
    }
    if (c < 0x20) {
      return at(text, i, `${describeChar(c)} inside a string (control characters must be escaped)`);
    }
    i += 1;
  }
  return at(text, start, 'string not terminated (no closing double quote)');
}

function describeChar(code: number): string {
  if (isStrayWhitespace(code)) return describeStrayCharacter(code);
  if (code < 0x20 || code === 0x7f) {
    return `control character U+${code.toString(16).toUpperCase().padStart(4, '0')}`;
  }
  if (code >= 0xd800 && code <= 0xdfff) return `U+${code.toString(16).toUpperCase()}`;
  return `'${String.fromCodePoint(code)}'`;
}

function at(text: string, offset: number, message: string): JsonSyntaxError {
  let line = 1;
  let lineStart = 0;
  for (let i = text.indexOf('\n'); i !== -1 && i < offset; i = text.indexOf('\n', i + 1)) {
    line += 1;
    lineStart = i + 1;
  }
  return { offset, line, column: offset - lineStart + 1, message };
}

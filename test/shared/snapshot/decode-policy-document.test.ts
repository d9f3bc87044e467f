/**
 * decodePolicyDocument: the three encodings of DESIGN.md "Snapshot directory", stray whitespace,
 * and what cannot be decoded — table-driven (decode-policy-document.cases.json), plus properties:
 * it never throws, and every encoding of any document decodes back to it.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodePolicyDocument } from '../../../shared/snapshot/decode-policy-document.js';
import cases from './decode-policy-document.cases.json' with { type: 'json' };

interface Case {
  name: string;
  reason: string;
  cite: string;
  input: unknown;
  expect: {
    ok: boolean;
    encoding?: string;
    document?: unknown;
    notes?: string[];
    notesInclude?: string;
    reasonInclude?: string;
    ownKeys?: string[];
  };
}

describe('decodePolicyDocument cases', () => {
  for (const c of cases as Case[]) {
    it(`${c.name} (${c.cite})`, () => {
      const r = decodePolicyDocument(c.input);
      expect(r.ok, c.reason).toBe(c.expect.ok);
      if (!r.ok) {
        expect(r.reason).toContain(c.expect.reasonInclude ?? '');
        return;
      }
      if (c.expect.encoding !== undefined) expect(r.encoding).toBe(c.expect.encoding);
      if (c.expect.document !== undefined) expect(r.document).toEqual(c.expect.document);
      if (c.expect.notes !== undefined) expect(r.notes).toEqual(c.expect.notes);
      if (c.expect.notesInclude !== undefined)
        expect(r.notes.join('; ')).toContain(c.expect.notesInclude);
      if (c.expect.ownKeys !== undefined) {
        expect(Object.keys(r.document)).toEqual(c.expect.ownKeys);
        expect(Object.getPrototypeOf(r.document)).toBe(Object.prototype);
        expect(({} as Record<string, unknown>).polluted).toBeUndefined();
      }
    });
  }
});

/** True when no key at any depth has whitespace at its ends (keys of a real policy document). */
function keysClean(value: unknown): boolean {
  if (Array.isArray(value)) return value.every(keysClean);
  if (typeof value !== 'object' || value === null) return true;
  return Object.entries(value).every(
    ([k, v]) =>
      k === k.trim() &&
      !/^[\u200b-\u200d\u2060\u180e]|[\u200b-\u200d\u2060\u180e]$/.test(k) &&
      keysClean(v),
  );
}

const documentArb = fc
  .dictionary(fc.string(), fc.jsonValue())
  .filter((doc) => keysClean(doc) && !Object.hasOwn(doc, '__proto__'));

describe('decodePolicyDocument properties', () => {
  it('never throws, whatever the input', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.anything(),
          fc.string(),
          fc.string().map((s) => `%7B${s}`),
          fc.string().map((s) => `{${s}`),
        ),
        (input) => {
          const r = decodePolicyDocument(input);
          expect(typeof r.ok).toBe('boolean');
        },
      ),
      { numRuns: 2000 },
    );
  });

  it('decodes every encoding of a document back to the document', () => {
    fc.assert(
      fc.property(documentArb, (generated) => {
        const text = JSON.stringify(generated);
        const doc = JSON.parse(text) as Record<string, unknown>; // as a file holds it (no -0)
        for (const encoded of [
          doc,
          text,
          encodeURIComponent(text),
          encodeURIComponent(JSON.stringify(doc, null, 2)),
        ]) {
          const r = decodePolicyDocument(encoded);
          expect(r.ok).toBe(true);
          if (r.ok) expect(r.document).toEqual(JSON.parse(text));
        }
      }),
      { numRuns: 500 },
    );
  });

  it('fails, with a reason, on any JSON value that is not an object', () => {
    // A string that is itself an encoding of an object (`{}`, `%7B%7D`, a JSON string of one) is
    // a document, not a counterexample: the generator may draw one.
    const encodesObject = (v: unknown): boolean =>
      typeof v === 'string' && /^[\s\u00a0\u200b-\u200d\u2060\ufeff]*(\{|%7b|")/i.test(v);
    fc.assert(
      fc.property(
        fc
          .jsonValue()
          .filter(
            (v) => (typeof v !== 'object' || v === null || Array.isArray(v)) && !encodesObject(v),
          ),
        (value) => {
          const r = decodePolicyDocument(value);
          const asText = decodePolicyDocument(JSON.stringify(value));
          expect(r.ok).toBe(false);
          expect(asText.ok).toBe(false);
        },
      ),
      { numRuns: 500 },
    );
  });
});

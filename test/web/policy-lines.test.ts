// Pretty-printing of policy documents with statement tags, for highlighting granting statements
// (web/src/policy/policy-lines.ts).
import { describe, expect, it } from 'vitest';
import cases from './cases/policy-lines.json' with { type: 'json' };
import { policyLines, readPolicyDocument } from '../../web/src/policy/policy-lines.js';

describe('policyLines', () => {
  it.each(cases)('$name', ({ document, taggedSids }) => {
    const lines = policyLines(document);
    // The printed text is valid JSON equal to the document.
    const text = lines.map((l) => l.text).join('\n');
    expect(JSON.parse(text)).toEqual(readPolicyDocument(document));
    // Every statement's Sid line carries that statement's index, and lines outside Statement none.
    for (const [index, sid] of Object.entries(taggedSids)) {
      const sidLine = lines.find((l) => l.text.includes(`"Sid": "${sid}"`));
      expect(sidLine?.statementIndex).toBe(Number(index));
    }
    const versionLine = lines.find((l) => l.text.includes('"Version"'));
    expect(versionLine?.statementIndex).toBeUndefined();
  });

  it('shows text that is not JSON verbatim, untagged', () => {
    const lines = policyLines('not <b>json</b>\nsecond line');
    expect(lines).toEqual([{ text: 'not <b>json</b>' }, { text: 'second line' }]);
  });
});

import { describe, expect, it } from 'vitest';
import {
  parseTemplate,
  partsToString,
  resolveTemplate,
  UNRESOLVED,
} from '../../../shared/policy/policy-variables.js';
import { RequestContext } from '../../../shared/policy/request-context.js';

describe('policy variables', () => {
  it('returns undefined for text without variables', () => {
    expect(parseTemplate('arn:aws:s3:::bucket/*')).toBeUndefined();
    expect(parseTemplate('cost: $5 {x}')).toBeUndefined();
  });

  it('parses variables, defaults and escapes', () => {
    const t = parseTemplate("home/${aws:username}/${aws:PrincipalTag/team, 'none'}/${*}${?}${$}");
    expect(t?.keys).toEqual(['aws:username', 'aws:PrincipalTag/team']);
    expect(t?.pieces).toEqual([
      { kind: 'text', text: 'home/' },
      { kind: 'variable', key: 'aws:username', lowerKey: 'aws:username', defaultValue: undefined },
      { kind: 'text', text: '/' },
      {
        kind: 'variable',
        key: 'aws:PrincipalTag/team',
        lowerKey: 'aws:principaltag/team',
        defaultValue: 'none',
      },
      { kind: 'text', text: '/' },
      { kind: 'literal', text: '*' },
      { kind: 'literal', text: '?' },
      { kind: 'literal', text: '$' },
    ]);
  });

  it('keeps an unterminated or malformed ${ as text', () => {
    expect(parseTemplate('a${aws:username')).toBeUndefined();
    expect(parseTemplate("a${'quoted'}b")).toBeUndefined();
    const t = parseTemplate('${}x${aws:userid}');
    expect(t?.pieces[0]).toEqual({ kind: 'text', text: '${}x' });
  });

  it('resolves from the context: known, default, absent, unknown, multivalued', () => {
    const t = parseTemplate("${aws:username}-${aws:PrincipalTag/team, 'none'}")!;
    const keys: string[] = [];
    const known = resolveTemplate(
      t,
      new RequestContext({ known: { 'AWS:UserName': 'bob' } }),
      keys,
    );
    expect(known === null || known === UNRESOLVED ? known : partsToString(known)).toBe('bob-none');

    expect(resolveTemplate(t, new RequestContext({}), keys)).toBeNull();
    expect(keys).toEqual([]);

    expect(resolveTemplate(t, new RequestContext({ unknown: ['aws:username'] }), keys)).toBe(
      UNRESOLVED,
    );
    expect(keys).toEqual(['aws:username']);

    const multi: string[] = [];
    expect(
      resolveTemplate(t, new RequestContext({ known: { 'aws:username': ['a', 'b'] } }), multi),
    ).toBe(UNRESOLVED);
    expect(multi).toEqual(['aws:username']);
  });

  it('absent wins over unknown (the value is null either way)', () => {
    const t = parseTemplate('${aws:username}/${aws:userid}')!;
    const keys: string[] = [];
    expect(resolveTemplate(t, new RequestContext({ unknown: ['aws:username'] }), keys)).toBeNull();
    expect(keys).toEqual([]);
  });
});

import { describe, expect, it } from 'vitest';
import { RequestContext } from '../../../shared/policy/request-context.js';

describe('RequestContext', () => {
  it('looks keys up case-insensitively, tag-key part included', () => {
    const ctx = new RequestContext({
      known: { 'aws:PrincipalTag/CostCenter': '42', 'AWS:SourceIp': ['1.2.3.4'] },
    });
    expect(ctx.lookup('aws:principaltag/costcenter')).toEqual({ kind: 'known', values: ['42'] });
    expect(ctx.lookup('aws:sourceip')).toEqual({ kind: 'known', values: ['1.2.3.4'] });
    expect(ctx.lookupLowerCase('aws:sourceip')).toEqual({ kind: 'known', values: ['1.2.3.4'] });
  });

  it('applies the precedence unknown > known > absent > otherKeys', () => {
    const ctx = new RequestContext({
      known: { a: 'x', b: 'y' },
      unknown: ['B', 'c'],
      absent: ['a', 'd'],
      otherKeys: 'unknown',
    });
    expect(ctx.lookup('a').kind).toBe('known');
    expect(ctx.lookup('b').kind).toBe('unknown');
    expect(ctx.lookup('c').kind).toBe('unknown');
    expect(ctx.lookup('d').kind).toBe('absent');
    expect(ctx.lookup('e').kind).toBe('unknown');
  });

  it('defaults other keys to absent and accepts a predicate', () => {
    expect(new RequestContext().lookup('sts:ExternalId').kind).toBe('absent');
    const ctx = new RequestContext({ otherKeys: (k) => k.startsWith('sts:') });
    expect(ctx.lookup('STS:ExternalId').kind).toBe('unknown');
    expect(ctx.lookup('aws:PrincipalOrgID').kind).toBe('absent');
  });

  it('keeps numbers and booleans from JSON input as strings and drops other types', () => {
    const ctx = new RequestContext({ known: { n: [1, true, null, {}] as unknown as string[] } });
    expect(ctx.lookup('n')).toEqual({ kind: 'known', values: ['1', 'true'] });
  });

  it('extend() overrides keys and keeps the rest', () => {
    const base = new RequestContext({
      known: { a: '1', b: '2' },
      unknown: ['c'],
      otherKeys: 'unknown',
    });
    const ctx = base.extend({ known: { B: '3' }, absent: ['c'] });
    expect(ctx.lookup('a')).toEqual({ kind: 'known', values: ['1'] });
    expect(ctx.lookup('b')).toEqual({ kind: 'known', values: ['3'] });
    expect(ctx.lookup('c').kind).toBe('absent');
    expect(ctx.lookup('z').kind).toBe('unknown');
    expect(base.lookup('b')).toEqual({ kind: 'known', values: ['2'] });
  });
});

// URL state of the dashboard: parsing untrusted links and writing shareable ones
// (web/src/state/url-state.ts).
import { describe, expect, it } from 'vitest';
import cases from './cases/url-state.json' with { type: 'json' };
import {
  DEFAULT_URL_STATE,
  formatUrlState,
  parseUrlState,
  type UrlState,
} from '../../web/src/state/url-state.js';

describe('parseUrlState', () => {
  it.each(cases)('$name', ({ search, expected }) => {
    const input = search.replace('__LONG__', 'x'.repeat(3000));
    expect(parseUrlState(input)).toEqual(expected);
  });
});

describe('formatUrlState', () => {
  it('writes nothing for the default state', () => {
    expect(formatUrlState(DEFAULT_URL_STATE)).toBe('');
  });

  it.each(cases.filter((c) => !c.search.includes('__LONG__')))(
    'round-trips: $name',
    ({ expected }) => {
      const state = expected as UrlState;
      expect(parseUrlState(formatUrlState(state))).toEqual(state);
    },
  );

  it('writes parameters in a fixed order, so equal states give equal links', () => {
    const a: UrlState = {
      ...DEFAULT_URL_STATE,
      action: 'write',
      resource: 'arn:aws:s3:::b',
      view: 'reach',
    };
    expect(formatUrlState(a)).toBe('?view=reach&resource=arn%3Aaws%3As3%3A%3A%3Ab&action=write');
  });
});

/**
 * The dashboard's side panel shows hostile names visibly and bounded (issue 13, item 8): bidi and
 * control characters as escapes, a 100,000-character ARN cut with "show all".
 */
import { describe, expect, it } from 'vitest';
import { visibleTextView } from '../../web/src/components/visible-text.js';

describe('visibleTextView (the side panel, VisibleText)', () => {
  it('shows a bidi override and control characters as escapes, marked', () => {
    expect(visibleTextView('Admin\u202eelor\u0007', 200, false)).toEqual({
      shown: 'Admin\\u202eelor\\u0007',
      long: false,
      total: 11,
      marked: true,
    });
  });

  it('cuts a 100,000-character value; expanded shows all of it', () => {
    const arn = `arn:aws:iam::1:role/${'a'.repeat(100_000)}`;
    const cut = visibleTextView(arn, 200, false);
    expect(cut.shown.length).toBe(200);
    expect(cut.shown.endsWith('…')).toBe(true);
    expect(cut).toMatchObject({ long: true, total: 100_020, marked: false });
    expect(visibleTextView(arn, 200, true).shown).toBe(arn);
  });

  it('leaves ordinary names as they are', () => {
    expect(visibleTextView('DatadogIntegrationRole', 200, false)).toEqual({
      shown: 'DatadogIntegrationRole',
      long: false,
      total: 22,
      marked: false,
    });
  });
});

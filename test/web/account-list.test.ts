// The breadcrumb's list of open accounts (web/src/components/account-list.ts).
import { describe, expect, it } from 'vitest';
import { accountListText } from '../../web/src/components/account-list.js';

const ids = (n: number): string[] => Array.from({ length: n }, (_, i) => String(500000000001 + i));

describe('accountListText', () => {
  it('lists every account up to the limit', () => {
    expect(accountListText(ids(2))).toEqual({
      text: '500000000001, 500000000002',
      full: '500000000001, 500000000002',
    });
    expect(accountListText(ids(6)).text.split(', ')).toHaveLength(6);
  });

  it('shows the first ones and counts the rest, keeping every id in full', () => {
    const many = accountListText(ids(271));
    expect(many.text).toBe(
      '500000000001, 500000000002, 500000000003, 500000000004, 500000000005, 500000000006 and 265 more accounts',
    );
    expect(many.full.split(', ')).toEqual(ids(271));
    expect(accountListText(ids(3), 2).text).toBe('500000000001, 500000000002 and 1 more account');
  });

  it('names the accounts it knows, keeping the id beside the name in full', () => {
    const names = new Map([['500000000001', 'acme-payments-prod']]);
    expect(accountListText(ids(2), 6, names)).toEqual({
      text: 'acme-payments-prod, 500000000002',
      full: 'acme-payments-prod (500000000001), 500000000002',
    });
    expect(accountListText(ids(3), 1, names).text).toBe('acme-payments-prod and 2 more accounts');
  });
});

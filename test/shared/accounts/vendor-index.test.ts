// The vendor index builder: malformed entries are reported with their JSON path and skipped.
import { describe, expect, it } from 'vitest';
import { buildVendorIndex } from '../../../shared/accounts/vendor-index.js';

const ok = {
  name: 'Acme',
  accountIds: ['123456789012'],
  source: 'https://example.com',
  type: 'third-party',
};

describe('buildVendorIndex', () => {
  it('keeps the first entry for an id listed twice and reports the second', () => {
    const { vendors, problems } = buildVendorIndex([
      { list: 'a', data: [ok] },
      { list: 'b', data: [{ ...ok, name: 'Other' }] },
    ]);
    expect(vendors.get('123456789012')?.name).toBe('Acme');
    expect(problems).toEqual([
      {
        list: 'b',
        path: '$[0].accountIds[0]',
        message: 'account 123456789012 is already listed as Acme (a); first entry kept',
      },
    ]);
  });

  it('skips malformed entries and ids, naming the path, and indexes the rest', () => {
    const { vendors, problems } = buildVendorIndex([
      {
        list: 'x',
        data: [
          'not an object',
          { ...ok, name: '' },
          { ...ok, type: 'vendor' },
          { ...ok, source: 7 },
          { ...ok, accountIds: [] },
          { ...ok, accountIds: ['12345', 123456789013, '210987654321'] },
        ],
      },
      { list: 'y', data: { not: 'a list' } },
    ]);
    expect(problems.map((p) => `${p.list} ${p.path}`)).toEqual([
      'x $[0]',
      'x $[1].name',
      'x $[2].type',
      'x $[3].source',
      'x $[4].accountIds',
      'x $[5].accountIds[0]',
      'x $[5].accountIds[1]',
      'y $',
    ]);
    expect([...vendors.keys()]).toEqual(['210987654321']);
  });

  it('marks enabled: false as deprecated and verified: false as unverified', () => {
    const { vendors } = buildVendorIndex([
      { list: 'a', data: [{ ...ok, enabled: false, verified: false }] },
    ]);
    expect(vendors.get('123456789012')).toMatchObject({ deprecated: true, verified: false });
  });
});

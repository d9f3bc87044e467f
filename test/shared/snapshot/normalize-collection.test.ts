/** normalizeCollection: statuses and errors of collection.json; doubt is never read as `ok`. */
import { describe, expect, it } from 'vitest';
import { FileReader } from '../../../shared/snapshot/json-reader.js';
import { normalizeCollection } from '../../../shared/snapshot/normalize-collection.js';
import type { LoadIssue } from '../../../shared/snapshot/types.js';

function load(raw: unknown): { info: ReturnType<typeof normalizeCollection>; issues: LoadIssue[] } {
  const issues: LoadIssue[] = [];
  return { info: normalizeCollection(raw, new FileReader('collection.json', issues)), issues };
}

describe('normalizeCollection', () => {
  it('reads what trustmap collect writes', () => {
    const error = {
      call: 'iam:GetAccountAuthorizationDetails',
      errorName: 'AccessDenied',
      message: 'no',
      accountId: '222222222222',
    };
    const { info, issues } = load({
      startedAt: '2026-11-28T03:00:00.000Z',
      finishedAt: '2026-11-28T03:04:10.000Z',
      collectedBy: 'arn:aws:sts::111111111111:assumed-role/Audit/trustmap',
      organizationAvailable: true,
      roleName: 'OrganizationAccountAccessRole',
      accounts: {
        '111111111111': { status: 'ok', errors: [] },
        '222222222222': { status: 'denied', errors: [error] },
        '333333333333': { status: 'skipped', errors: [], reason: 'suspended' },
      },
      errors: [{ ...error, resource: 'bucket-x' }],
    });
    expect(issues).toEqual([]);
    expect(info).toEqual({
      startedAt: '2026-11-28T03:00:00.000Z',
      finishedAt: '2026-11-28T03:04:10.000Z',
      collectedBy: 'arn:aws:sts::111111111111:assumed-role/Audit/trustmap',
      organizationAvailable: true,
      accounts: {
        '111111111111': { status: 'ok', errors: [] },
        '222222222222': { status: 'denied', errors: [error] },
        '333333333333': { status: 'skipped', errors: [], reason: 'suspended' },
      },
      errors: [{ ...error, resource: 'bucket-x' }],
    });
  });

  it('takes an unreadable status as failed, bounds messages and ignores bad account keys', () => {
    const { info, issues } = load({
      accounts: { '111111111111': { status: 'great' }, '222222222222': {}, nope: { status: 'ok' } },
      errors: [{ message: 'x'.repeat(5000) }, 'oops'],
    });
    expect(info?.accounts).toEqual({
      '111111111111': { status: 'failed', errors: [] },
      '222222222222': { status: 'failed', errors: [] },
    });
    expect(info?.errors).toHaveLength(1);
    expect(info?.errors[0]?.message.length).toBe(2001);
    expect(info?.errors[0]).toMatchObject({ call: 'unknown', errorName: 'Error' });
    expect(issues.map((i) => [i.severity, i.path])).toEqual([
      ['error', '$.accounts["111111111111"].status'],
      ['error', '$.accounts["222222222222"].status'],
      ['error', '$.accounts.nope'],
      ['error', '$.errors[1]'],
    ]);
  });
});

it('names a very long key from the data by its first 200 characters only', () => {
  const issues: LoadIssue[] = [];
  normalizeCollection(
    { accounts: { ['k'.repeat(100_000)]: {} } },
    new FileReader('collection.json', issues),
  );
  expect(issues[0]?.path).toBe(`$.accounts["${'k'.repeat(200)}…"]`);
  expect(issues[0]?.message.length).toBeLessThan(300);
});

// More accounts add generic workload accounts; principal counts follow principalsPerAccount.
/* eslint-disable @typescript-eslint/no-unsafe-return -- the tests read the parsed JSON files loosely and assert on them */
import { readdir } from 'node:fs/promises';
import { afterAll, describe, expect, it } from 'vitest';
import { DemoOptionsError, resolveDemoOptions } from '../../../server/demo/demo-options.js';
import { readJson, removeDir, writeDemo, type Json } from './demo-snapshot-view.js';

const dirs: string[] = [];
afterAll(async () => {
  await Promise.all(dirs.map(removeDir));
});

function principals(iam: Json): number {
  return (
    Number(iam.RoleDetailList.length) +
    Number(iam.UserDetailList.length) +
    Number(iam.GroupDetailList.length)
  );
}

describe('demo scale', () => {
  it('--accounts 30 writes 30 organization accounts and 29 readable folders', async () => {
    const dir = await writeDemo({ accounts: 30 });
    dirs.push(dir);
    const org = await readJson(dir, 'organization.json');
    expect(org.Accounts).toHaveLength(30);
    const ids = org.Accounts.map((a: Json) => a.Id);
    expect(ids.at(-1)).toBe('500000000026');
    expect(new Set(ids).size).toBe(30);
    const folders = (await readdir(dir)).filter((f) => /^\d{12}$/.test(f));
    expect(folders).toHaveLength(29);
    expect(folders).not.toContain('500000000007');
    // Generic workload accounts: odd index in Prod, even in Dev; about 12 principals each.
    expect(org.AccountParents['500000000009']).toBe('ou-a1b2-wlprod00');
    expect(org.AccountParents['500000000010']).toBe('ou-a1b2-wldev000');
    expect(principals(await readJson(dir, '500000000009/iam.json'))).toBe(12);
    const collection = await readJson(dir, 'collection.json');
    expect(Object.keys(collection.accounts)).toHaveLength(30);
    // Every generic account is attached to FullAWSAccess, like every other level.
    const full = org.Policies.find((p: Json) => p.Name === 'FullAWSAccess');
    expect(full.Targets).toContain('500000000026');
  });

  it('fills generic accounts to principalsPerAccount with roles, users and groups', async () => {
    const dir = await writeDemo({ accounts: 14, principalsPerAccount: 200 });
    dirs.push(dir);
    const iam = await readJson(dir, '500000000010/iam.json');
    expect(principals(iam)).toBe(200);
    expect(iam.UserDetailList.length).toBeGreaterThan(20);
    expect(iam.GroupDetailList.length).toBeGreaterThan(5);
    const groups = new Set(iam.GroupDetailList.map((g: Json) => g.GroupName));
    for (const u of iam.UserDetailList)
      for (const g of u.GroupList) expect(groups.has(g)).toBe(true);
    // Planted accounts keep their documented size whatever the scale.
    expect(principals(await readJson(dir, '222222222222/iam.json'))).toBe(12);
  });

  it('uses about 200 principals per generic account from 100 accounts on', () => {
    expect(resolveDemoOptions({ accounts: 1000 }).principalsPerAccount).toBe('auto');
  });

  it.each([
    [{ accounts: 0 }, 'accounts'],
    [{ accounts: 11 }, 'accounts'],
    [{ accounts: 12.5 }, 'accounts'],
    [{ accounts: 5001 }, 'accounts'],
    [{ seed: '' }, 'seed'],
    [{ principalsPerAccount: 3 }, 'principalsPerAccount'],
  ] as const)('rejects %j naming the option', (options, option) => {
    expect(() => resolveDemoOptions(options as Json)).toThrow(DemoOptionsError);
    try {
      resolveDemoOptions(options);
    } catch (err: unknown) {
      expect((err as DemoOptionsError).option).toBe(option);
      expect((err as Error).message.startsWith(`${option}:`)).toBe(true);
    }
  });
});

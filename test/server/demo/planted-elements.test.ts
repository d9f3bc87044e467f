// The default demo organization contains every planted element of docs/demo-organization.md,
// exactly as documented (table: planted-elements.cases.json, one named and cited case per element).
/* eslint-disable @typescript-eslint/no-unsafe-return -- the tests read the parsed JSON files loosely and assert on them */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import cases from './planted-elements.cases.json' with { type: 'json' };
import {
  bucketView,
  groupView,
  managedPolicyView,
  readJson,
  removeDir,
  roleView,
  userView,
  writeDemo,
  type Json,
} from './demo-snapshot-view.js';

let dir = '';
beforeAll(async () => {
  dir = await writeDemo();
});
afterAll(async () => {
  await removeDir(dir);
});

function expectFields(view: Json, expected: Record<string, unknown>): void {
  expect(view).toBeDefined();
  for (const [key, value] of Object.entries(expected)) expect(view[key], key).toEqual(value);
}

describe('planted elements of the default demo organization', () => {
  it.each(cases as Json[])('$name', async (c: Json) => {
    expect(c.reason, 'every case cites a reason').toMatch(/\S/);
    switch (c.kind) {
      case 'role':
        expectFields(roleView(await readJson(dir, `${c.account}/iam.json`), c.role), c.expect);
        break;
      case 'absent-role':
        expect(roleView(await readJson(dir, `${c.account}/iam.json`), c.role)).toBeUndefined();
        break;
      case 'user':
        expectFields(userView(await readJson(dir, `${c.account}/iam.json`), c.user), c.expect);
        break;
      case 'group':
        expectFields(groupView(await readJson(dir, `${c.account}/iam.json`), c.group), c.expect);
        break;
      case 'managed-policy':
        expectFields(
          managedPolicyView(await readJson(dir, `${c.account}/iam.json`), c.arn),
          c.expect,
        );
        break;
      case 'bucket':
        expectFields(bucketView(await readJson(dir, `${c.account}/s3.json`), c.bucket), c.expect);
        break;
      case 'bucket-statements': {
        const view = bucketView(await readJson(dir, `${c.account}/s3.json`), c.bucket);
        expect(view.policy.Statement.map((s: Json) => s.Sid)).toEqual(c.expect);
        break;
      }
      case 'org-policy': {
        const org = await readJson(dir, 'organization.json');
        const p = org.Policies.find((x: Json) => x.Id === c.policy);
        expect(p).toBeDefined();
        expect(p.Type).toBe(c.expect.type);
        if (c.expect.targets) expect(p.Targets).toEqual(c.expect.targets);
        if (c.expect.content) expect(JSON.parse(p.Content)).toEqual(c.expect.content);
        if (c.expect.targetsEveryLevel) {
          const levels = [
            ...org.Roots.map((r: Json) => r.Id),
            ...org.OrganizationalUnits.map((o: Json) => o.Id),
            ...org.Accounts.map((a: Json) => a.Id),
          ];
          expect([...p.Targets].sort()).toEqual([...levels].sort());
        }
        break;
      }
      case 'coverage': {
        const org = await readJson(dir, 'organization.json');
        const collection = await readJson(dir, 'collection.json');
        expect(collection.accounts[c.account].status).toBe(c.expect.status);
        expect(existsSync(join(dir, c.account))).toBe(c.expect.folder);
        expect(org.Accounts.some((a: Json) => a.Id === c.account)).toBe(c.expect.inOrganization);
        break;
      }
      case 'idp': {
        const idp = await readJson(dir, `${c.account}/identity-providers.json`);
        expect(idp.OpenIDConnectProviders.map((p: Json) => p.Arn)).toEqual(c.expect.oidc);
        expect(idp.SAMLProviders.map((p: Json) => p.Arn)).toEqual(c.expect.saml);
        break;
      }
      default:
        throw new Error(`unknown case kind ${String(c.kind)}`);
    }
  });

  it('writes documents in the three encodings the loader must read', async () => {
    const trustOf = async (account: string, role: string): Promise<unknown> =>
      (await readJson(dir, `${account}/iam.json`)).RoleDetailList.find(
        (r: Json) => r.RoleName === role,
      ).AssumeRolePolicyDocument;
    const urlEncoded = await trustOf('333333333333', 'OnPremBackupRole');
    expect(typeof urlEncoded).toBe('string');
    expect(urlEncoded).toMatch(/^%7B%22Version%22/);
    const jsonString = await trustOf('500000000008', 'OrganizationAccountAccessRole');
    expect(typeof jsonString).toBe('string');
    expect(JSON.parse(jsonString as string).Statement[0].Principal.AWS).toBe(
      'arn:aws:iam::111111111111:root',
    );
    expect(typeof (await trustOf('500000000001', 'OrganizationAccountAccessRole'))).toBe('object');
  });
});

// Every file of the demo follows the snapshot directory format (DESIGN.md "Snapshot directory",
// docs/snapshot-format.md) and is internally consistent: every reference resolves, except the
// planted dangling principals.
/* eslint-disable @typescript-eslint/no-unsafe-return -- the tests read the parsed JSON files loosely and assert on them */
import { existsSync } from 'node:fs';
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decodeDocument, readJson, removeDir, writeDemo, type Json } from './demo-snapshot-view.js';

let dir = '';
let folders: string[] = [];
beforeAll(async () => {
  // Past the 12 planted accounts, with dense generic accounts: every filler kind appears.
  dir = await writeDemo({ accounts: 16, principalsPerAccount: 60, seed: 'shape' });
  folders = (await readdir(dir)).filter((f) => /^\d{12}$/.test(f)).sort();
});
afterAll(async () => {
  await removeDir(dir);
});

function expectDocument(doc: unknown, where: string): Json {
  const d = decodeDocument(doc);
  expect(d.Version, where).toBe('2012-10-17');
  expect(Array.isArray(d.Statement), where).toBe(true);
  for (const s of d.Statement) expect(['Allow', 'Deny'], where).toContain(s.Effect);
  return d;
}

function federatedPrincipals(doc: Json): string[] {
  return doc.Statement.flatMap((s: Json) => {
    const f = s.Principal?.Federated;
    return f === undefined ? [] : Array.isArray(f) ? f : [f];
  });
}

describe('demo snapshot format', () => {
  it('organization.json: every parent, OU and policy target exists', async () => {
    const org = await readJson(dir, 'organization.json');
    const rootIds = org.Roots.map((r: Json) => r.Id);
    const ouIds = org.OrganizationalUnits.map((o: Json) => o.Id);
    const accountIds = org.Accounts.map((a: Json) => a.Id);
    expect(new Set(accountIds).size).toBe(16);
    for (const id of accountIds) expect(id).toMatch(/^\d{12}$/);
    for (const ou of org.OrganizationalUnits) expect([...rootIds, ...ouIds]).toContain(ou.ParentId);
    expect(Object.keys(org.AccountParents).sort()).toEqual([...accountIds].sort());
    for (const parent of Object.values(org.AccountParents))
      expect([...rootIds, ...ouIds]).toContain(parent);
    for (const p of org.Policies) {
      expectDocument(p.Content, p.Name);
      for (const t of p.Targets) expect([...rootIds, ...ouIds, ...accountIds]).toContain(t);
    }
    expect(org.Organization.MasterAccountId).toBe('111111111111');
  });

  it('collection.json: one status per organization account; a folder exactly for ok accounts', async () => {
    const org = await readJson(dir, 'organization.json');
    const collection = await readJson(dir, 'collection.json');
    expect(Object.keys(collection.accounts).sort()).toEqual(
      org.Accounts.map((a: Json) => a.Id).sort(),
    );
    for (const [id, entry] of Object.entries<Json>(collection.accounts))
      expect(existsSync(join(dir, id)), id).toBe(entry.status === 'ok');
    expect(Number.isNaN(Date.parse(collection.startedAt))).toBe(false);
  });

  it('iam.json: ids, ARNs, documents, attachments, groups and boundaries are consistent', async () => {
    for (const account of folders) {
      const iam = await readJson(dir, `${account}/iam.json`);
      const idps = await readJson(dir, `${account}/identity-providers.json`);
      const providers = new Set([
        ...idps.OpenIDConnectProviders.map((p: Json) => p.Arn),
        ...idps.SAMLProviders.map((p: Json) => p.Arn),
      ]);
      expect(Object.keys(iam)).toEqual([
        'UserDetailList',
        'GroupDetailList',
        'RoleDetailList',
        'Policies',
        // 500000000008's listing is one page of several (docs/demo-organization.md).
        ...(account === '500000000008' ? ['IsTruncated', 'Marker'] : []),
      ]);
      const policies = new Map<string, Json>(iam.Policies.map((p: Json) => [p.Arn, p]));
      const attachments = new Map<string, number>();
      const attach = (list: Json[], where: string): void => {
        for (const m of list) {
          expect(policies.has(m.PolicyArn), `${where} → ${m.PolicyArn}`).toBe(true);
          attachments.set(m.PolicyArn, (attachments.get(m.PolicyArn) ?? 0) + 1);
        }
      };
      const names = new Set<string>();
      for (const r of iam.RoleDetailList) {
        const where = `${account} role ${r.RoleName}`;
        expect(r.RoleId, where).toMatch(/^AROA[A-Z2-7]{17}$/);
        expect(r.Arn, where).toBe(`arn:aws:iam::${account}:role${r.Path}${r.RoleName}`);
        expect(names.has(r.RoleName.toLowerCase()), `${where} is unique`).toBe(false);
        names.add(r.RoleName.toLowerCase());
        const trust = expectDocument(r.AssumeRolePolicyDocument, where);
        for (const f of federatedPrincipals(trust))
          expect(providers.has(f), `${where} → ${f}`).toBe(true);
        for (const p of r.RolePolicyList)
          expectDocument(p.PolicyDocument, `${where} ${p.PolicyName}`);
        attach(r.AttachedManagedPolicies, where);
        if (r.PermissionsBoundary)
          expect(policies.has(r.PermissionsBoundary.PermissionsBoundaryArn)).toBe(true);
      }
      const groups = new Set(iam.GroupDetailList.map((g: Json) => g.GroupName));
      for (const g of iam.GroupDetailList) {
        expect(g.GroupId).toMatch(/^AGPA[A-Z2-7]{17}$/);
        for (const p of g.GroupPolicyList)
          expectDocument(p.PolicyDocument, `${account} group ${g.GroupName}`);
        attach(g.AttachedManagedPolicies, `${account} group ${g.GroupName}`);
      }
      for (const u of iam.UserDetailList) {
        const where = `${account} user ${u.UserName}`;
        expect(u.UserId, where).toMatch(/^AIDA[A-Z2-7]{17}$/);
        expect(u.Arn, where).toBe(`arn:aws:iam::${account}:user${u.Path}${u.UserName}`);
        for (const g of u.GroupList) expect(groups.has(g), `${where} in ${g}`).toBe(true);
        for (const p of u.UserPolicyList) expectDocument(p.PolicyDocument, where);
        attach(u.AttachedManagedPolicies, where);
        if (u.PermissionsBoundary)
          expect(policies.has(u.PermissionsBoundary.PermissionsBoundaryArn)).toBe(true);
      }
      for (const p of iam.Policies) {
        const where = `${account} policy ${p.Arn}`;
        expect(
          p.Arn.startsWith(`arn:aws:iam::${account}:policy/`) ||
            p.Arn.startsWith('arn:aws:iam::aws:policy/'),
          where,
        ).toBe(true);
        const defaults = p.PolicyVersionList.filter((v: Json) => v.IsDefaultVersion);
        expect(
          defaults.map((v: Json) => v.VersionId),
          where,
        ).toEqual([p.DefaultVersionId]);
        for (const v of p.PolicyVersionList) expectDocument(v.Document, where);
        expect(p.AttachmentCount, where).toBe(attachments.get(p.Arn) ?? 0);
      }
    }
  });

  it('s3.json: bucket names are unique across accounts and policies decode', async () => {
    const seen = new Set<string>();
    for (const account of folders) {
      if (!existsSync(join(dir, account, 's3.json'))) continue;
      const s3 = await readJson(dir, `${account}/s3.json`);
      expect(s3.Owner.ID).toMatch(/^[0-9a-f]{64}$/);
      for (const b of s3.Buckets) {
        expect(b.Name).toMatch(/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/);
        expect(seen.has(b.Name), b.Name).toBe(false);
        seen.add(b.Name);
        if (b.Policy !== undefined) expectDocument(b.Policy, b.Name);
      }
    }
    expect(seen.size).toBeGreaterThanOrEqual(16);
  });
});

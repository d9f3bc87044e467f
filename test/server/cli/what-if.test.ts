/**
 * `trustmap what-if` through `main()` on the demo organization (docs/demo-organization.md), with
 * Terraform plans in the exact shape of `terraform show -json` (test/helpers/terraform-plan.ts,
 * and test/fixtures/what-if/*.plan.json): every resource type the command reads, a change that
 * opens an external path to an administrator (exit 1), one that closes a path (resolved, exit 0),
 * one that only renames (no change), a replace, unknown values, malformed plans (exit 2, the
 * message names the address and field), the change file, and the reports.
 */
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeDemoSnapshot } from '../../../server/demo/write-demo-snapshot.js';
import type { WhatIfResult } from '../../../shared/what-if/what-if-result.js';
import { runCli, type CliRun } from '../../helpers/run-cli.js';
import {
  policyText,
  roleValues,
  ROLE_CREATE_UNKNOWN,
  writePlan,
  type PlannedResource,
  type PlanOptions,
} from '../../helpers/terraform-plan.js';

let work: string;
let demo: string;
beforeAll(async () => {
  work = await mkdtemp(join(tmpdir(), 'trustmap-what-if-'));
  demo = join(work, 'demo');
  await writeDemoSnapshot(demo, { accounts: 12, seed: 'trustmap-demo' });
}, 120_000);
afterAll(async () => {
  await rm(work, { recursive: true, force: true });
});

const FIXTURES = join(import.meta.dirname, '../../fixtures/what-if');
const ADMIN = 'arn:aws:iam::aws:policy/AdministratorAccess';
const EXTERNAL = 'arn:aws:iam::999988887777:root';

function run(args: string[]): Promise<CliRun> {
  return runCli(args, work, { TRUSTMAP_DATA_DIR: work });
}

async function whatIf(
  file: string,
  extra: string[] = [],
): Promise<{ code: number; result: WhatIfResult; stderr: string }> {
  const r = await run(['what-if', '--plan', file, '--from-dir', demo, '--json', ...extra]);
  if (r.code === 2) throw new Error(`what-if failed: ${r.stderr}`);
  return { code: r.code, result: JSON.parse(r.stdout) as WhatIfResult, stderr: r.stderr };
}

let planCount = 0;
async function plan(resources: PlannedResource[], options: PlanOptions = {}): Promise<string> {
  planCount++;
  return writePlan(work, `plan-${String(planCount)}.json`, resources, options);
}

const trust = (principal: Record<string, unknown>, condition?: Record<string, unknown>) => ({
  Version: '2012-10-17',
  Statement: [
    {
      Effect: 'Allow',
      Principal: principal,
      Action: 'sts:AssumeRole',
      ...(condition ? { Condition: condition } : {}),
    },
  ],
});
const allow = (action: string | string[], resource: string | string[]) => ({
  Version: '2012-10-17',
  Statement: [{ Effect: 'Allow', Action: action, Resource: resource }],
});

const rules = (list: readonly { rule: string; subject: string }[]): string[] =>
  list.map((f) => `${f.rule} ${f.subject}`).sort();

describe('what-if: opens, closes, renames, replaces', () => {
  it('a new role trusted by an unknown account with AdministratorAccess opens an external path to admin: exit 1', async () => {
    // Reason: the trust names 999988887777 without condition (DESIGN.md "Findings":
    // external-path-to-admin) and the attachment makes the role an admin.
    const { code, result } = await whatIf(join(FIXTURES, 'opens-external-admin.plan.json'));
    expect(code).toBe(1);
    const role = 'arn:aws:iam::500000000006:role/PartnerAdminRole';
    expect(result.paths.filter((p) => p.category === 'outside-to-admin')).toEqual([
      expect.objectContaining({
        start: EXTERNAL,
        target: role,
        decision: 'allow',
        severity: 'critical',
        addresses: ['aws_iam_role.partner_admin', 'aws_iam_role_policy_attachment.partner_admin'],
      }),
    ]);
    const path = result.paths.find((p) => p.category === 'outside-to-admin');
    expect(path?.hops.map((h) => [h.from, h.to])).toEqual([[EXTERNAL, role]]);
    expect(path?.hops[0]?.evidence.some((e) => e.role === 'grants')).toBe(true);
    // One finding per root cause: the trust statement is both reasons (issue 12 case 7).
    expect(rules(result.findings.new)).toEqual([`external-path-to-admin ${role}`]);
    expect(result.findings.new[0]?.mergedFrom?.map((r) => r.rule)).toEqual([
      'external-path-to-admin',
      'external-trust-unknown-account',
    ]);
    expect(result.newAdmins.map((a) => a.arn)).toEqual([role]);
    expect(result.rebuild.mode).toBe('incremental');
    expect(result.summary.failing).toBeGreaterThan(0);
    // Escalation findings of 500000000006 become reachable from outside: worsened, not new.
    expect(result.findings.worsened.length).toBeGreaterThan(0);
    for (const f of result.findings.worsened) expect(f.reasons.length).toBeGreaterThan(0);
  });

  it('detaching the policy that lets ExternalDeployRole assume DeploymentAdminRole closes the path: resolved, exit 0', async () => {
    // Reason: docs/demo-organization.md, the external chain 999988887777 → ExternalDeployRole →
    // DeploymentAdminRole goes through customer managed policy CrossAccountDeployAccess.
    const file = await plan(
      [
        {
          address: 'aws_iam_role_policy_attachment.external_deploy',
          type: 'aws_iam_role_policy_attachment',
          actions: ['delete'],
          before: {
            id: 'ExternalDeployRole-20250101000000000000000001',
            policy_arn: 'arn:aws:iam::444444444444:policy/CrossAccountDeployAccess',
            role: 'ExternalDeployRole',
          },
          after: null,
        },
      ],
      { accountId: '444444444444' },
    );
    const { code, result } = await whatIf(file);
    expect(code).toBe(0);
    expect(rules(result.findings.resolved)).toContain(
      'external-path-to-admin arn:aws:iam::500000000001:role/DeploymentAdminRole',
    );
    expect(result.findings.new).toEqual([]);
    expect(result.edges.removedEdges.map((e) => `${e.source} ${e.target}`)).toContain(
      'arn:aws:iam::444444444444:role/ci/ExternalDeployRole arn:aws:iam::500000000001:role/DeploymentAdminRole',
    );
    expect(result.edges.newEdges).toEqual([]);
  });

  it('a moved address and an inline policy renamed with the same document change nothing', async () => {
    // Reason: reachability depends on documents, not on Terraform addresses or policy names.
    const doc = {
      Version: '2012-10-17',
      Statement: [
        {
          Effect: 'Allow',
          Action: 's3:GetObject',
          Resource: 'arn:aws:s3:::acme-app-data-500000000003/*',
        },
        {
          Effect: 'Allow',
          Action: 's3:ListBucket',
          Resource: 'arn:aws:s3:::acme-app-data-500000000003',
        },
      ],
    };
    const role = roleValues({
      name: 'LegacyPublicRole',
      trust: trust({ AWS: '*' }),
      arn: 'arn:aws:iam::500000000003:role/LegacyPublicRole',
    });
    const file = await plan(
      [
        {
          address: 'aws_iam_role.legacy_public',
          previousAddress: 'aws_iam_role.public_legacy',
          type: 'aws_iam_role',
          actions: ['no-op'],
          before: role,
          after: role,
        },
        {
          address: 'aws_iam_role_policy.read_app_data',
          type: 'aws_iam_role_policy',
          actions: ['delete', 'create'],
          actionReason: 'replace_because_cannot_update',
          before: {
            id: 'LegacyPublicRole:ReadAppData',
            name: 'ReadAppData',
            name_prefix: '',
            role: 'LegacyPublicRole',
            policy: policyText(doc),
          },
          after: {
            name: 'ReadApplicationData',
            name_prefix: '',
            role: 'LegacyPublicRole',
            policy: policyText(doc),
          },
          afterUnknown: { id: true },
        },
      ],
      { accountId: '500000000003' },
    );
    const { code, result } = await whatIf(file);
    expect(code).toBe(0);
    expect(result.summary).toMatchObject({
      applied: 2,
      newEdges: 0,
      removedEdges: 0,
      changedEdges: 0,
      newFindings: 0,
      worsenedFindings: 0,
      resolvedFindings: 0,
      newAdmins: 0,
      failing: 0,
    });
    expect(result.paths).toEqual([]);
    expect(result.unchanged).toEqual(['aws_iam_role.legacy_public']);
  });

  it('a replace (new name, trust without the organization condition) removes the old role and opens public trust: exit 1', async () => {
    // Reason: IAM-SEMANTICS "Principal *" — without aws:PrincipalOrgID any AWS principal may
    // assume the role (public-trust); the old role's edges go with it.
    const before = roleValues({
      name: 'OrgWideReadRole',
      trust: trust({ AWS: '*' }, { StringEquals: { 'aws:PrincipalOrgID': 'o-a1b2c3d4e5' } }),
      arn: 'arn:aws:iam::500000000003:role/OrgWideReadRole',
      managed: ['arn:aws:iam::aws:policy/ReadOnlyAccess'],
      inline: [],
    });
    const after = roleValues({
      name: 'OrgReadRole',
      trust: trust({ AWS: '*' }),
      managed: ['arn:aws:iam::aws:policy/ReadOnlyAccess'],
    });
    const file = await plan(
      [
        {
          address: 'aws_iam_role.org_wide_read',
          type: 'aws_iam_role',
          actions: ['delete', 'create'],
          actionReason: 'replace_because_cannot_update',
          before,
          after,
          afterUnknown: { ...ROLE_CREATE_UNKNOWN, managed_policy_arns: false },
        },
      ],
      { accountId: '500000000003' },
    );
    const { code, result } = await whatIf(file);
    expect(code).toBe(1);
    expect(rules(result.findings.new)).toContain(
      'public-trust arn:aws:iam::500000000003:role/OrgReadRole',
    );
    expect(
      result.edges.removedEdges.some(
        (e) => e.target === 'arn:aws:iam::500000000003:role/OrgWideReadRole',
      ),
    ).toBe(true);
    expect(result.changes.map((c) => `${c.kind} ${c.arn}`)).toEqual([
      'delete arn:aws:iam::500000000003:role/OrgWideReadRole',
      'principal arn:aws:iam::500000000003:role/OrgReadRole',
      'attachments arn:aws:iam::500000000003:role/OrgReadRole',
    ]);
  });

  it('values known only after apply are reported with their address and field, never guessed', async () => {
    // Reason: Terraform's after_unknown (JSON Output Format): name_prefix leaves the name, hence
    // the ARN, unknown; a policy built from another resource's ARN is unknown.
    const file = await plan(
      [
        {
          address: 'aws_iam_role.generated',
          type: 'aws_iam_role',
          actions: ['create'],
          before: null,
          after: {
            ...roleValues({ name: 'x', trust: trust({ AWS: EXTERNAL }) }),
            name: null,
            name_prefix: 'generated-',
          },
          afterUnknown: { ...ROLE_CREATE_UNKNOWN, name: true },
        },
        {
          address: 'aws_iam_role_policy.generated',
          type: 'aws_iam_role_policy',
          actions: ['create'],
          before: null,
          after: { name: 'inline', name_prefix: '' },
          afterUnknown: { id: true, role: true, policy: true },
        },
      ],
      { accountId: '500000000006' },
    );
    const { code, result } = await whatIf(file);
    expect(code).toBe(0);
    expect(
      result.unresolved
        .map((u) => `${u.origin.address} ${u.origin.field ?? ''} ${u.reason}`)
        .sort(),
    ).toEqual([
      'aws_iam_role.generated name unknown-value',
      'aws_iam_role_policy.generated policy unknown-value',
      'aws_iam_role_policy.generated role unknown-value',
    ]);
    expect(result.summary.applied).toBe(0);
    expect(result.edges.newEdges).toEqual([]);
  });

  it('without a provider account, a new role is reported (unknown-account); --account resolves it', async () => {
    const resources: PlannedResource[] = [
      {
        address: 'aws_iam_role.x',
        type: 'aws_iam_role',
        actions: ['create'],
        before: null,
        after: roleValues({ name: 'XRole', trust: trust({ AWS: EXTERNAL }) }),
        afterUnknown: ROLE_CREATE_UNKNOWN,
      },
    ];
    const noAccount = await whatIf(await plan(resources));
    expect(noAccount.result.unresolved.map((u) => u.reason)).toEqual(['unknown-account']);
    const withAccount = await whatIf(await plan(resources), ['--account', '500000000006']);
    expect(withAccount.result.unresolved).toEqual([]);
    expect(rules(withAccount.result.findings.new)).toEqual([
      'external-trust-unknown-account arn:aws:iam::500000000006:role/XRole',
    ]);
  });
});

describe('what-if: every resource type', () => {
  it('aws_iam_policy: a new default version of CrossAccountDeployAccess reaches every OrganizationAccountAccessRole', async () => {
    // Reason: the policy is attached to ExternalDeployRole (reachable from 999988887777 with an
    // ExternalId); OrganizationAccountAccessRole trusts only 111111111111, so no edge appears —
    // the role's trust still decides (IAM-SEMANTICS §4: both sides must allow).
    const arn = 'arn:aws:iam::444444444444:policy/CrossAccountDeployAccess';
    const before = allow('sts:AssumeRole', 'arn:aws:iam::500000000001:role/DeploymentAdminRole');
    const after = allow('sts:AssumeRole', [
      'arn:aws:iam::500000000001:role/DeploymentAdminRole',
      'arn:aws:iam::*:role/PipelineDeployRole',
    ]);
    const file = await plan(
      [
        {
          address: 'aws_iam_policy.cross_account_deploy',
          type: 'aws_iam_policy',
          actions: ['update'],
          before: {
            arn,
            id: arn,
            name: 'CrossAccountDeployAccess',
            path: '/',
            policy: policyText(before),
            policy_id: 'ANPAEXAMPLE',
            description: '',
          },
          after: {
            arn,
            id: arn,
            name: 'CrossAccountDeployAccess',
            path: '/',
            policy: policyText(after),
            policy_id: 'ANPAEXAMPLE',
            description: '',
          },
        },
      ],
      { accountId: '444444444444' },
    );
    const { result } = await whatIf(file);
    expect(result.changes.map((c) => c.kind)).toEqual(['managed-policy']);
    // PipelineDeployRole trusts only ci/PipelineRole: the new permission opens no edge.
    expect(result.edges.newEdges).toEqual([]);
    expect(result.summary.failing).toBe(0);
  });

  it('aws_iam_user + aws_iam_user_policy_attachment: a new administrator user: exit 1', async () => {
    const file = await plan(
      [
        {
          address: 'aws_iam_user.ops',
          type: 'aws_iam_user',
          actions: ['create'],
          before: null,
          after: {
            force_destroy: false,
            name: 'ops',
            path: '/people/',
            permissions_boundary: null,
            tags: null,
          },
          afterUnknown: { arn: true, id: true, tags_all: true, unique_id: true },
        },
        {
          address: 'aws_iam_user_policy_attachment.ops_admin',
          type: 'aws_iam_user_policy_attachment',
          actions: ['create'],
          before: null,
          after: { policy_arn: ADMIN, user: 'ops' },
          afterUnknown: { id: true },
        },
      ],
      { accountId: '222222222222' },
    );
    const { code, result } = await whatIf(file);
    expect(code).toBe(1);
    expect(result.newAdmins).toEqual([
      {
        arn: 'arn:aws:iam::222222222222:user/people/ops',
        addresses: ['aws_iam_user.ops', 'aws_iam_user_policy_attachment.ops_admin'],
      },
    ]);
  });

  it('aws_iam_user_policy: bob may now assume BreakGlassRole (conditional on MFA): a new path to an admin', async () => {
    // Reason: BreakGlassRole trusts 222222222222:root with aws:MultiFactorAuthPresent (a gate:
    // DESIGN.md "Condition keys"), so bob's new permission gives a conditional edge.
    const file = await plan(
      [
        {
          address: 'aws_iam_user_policy.bob_break_glass',
          type: 'aws_iam_user_policy',
          actions: ['create'],
          before: null,
          after: {
            name: 'BreakGlass',
            name_prefix: '',
            user: 'bob',
            policy: policyText(
              allow('sts:AssumeRole', 'arn:aws:iam::222222222222:role/BreakGlassRole'),
            ),
          },
          afterUnknown: { id: true },
        },
      ],
      { accountId: '222222222222' },
    );
    const { code, result } = await whatIf(file);
    expect(code).toBe(1);
    const bob = 'arn:aws:iam::222222222222:user/people/bob';
    expect(result.paths).toEqual([
      expect.objectContaining({
        category: 'to-admin',
        start: bob,
        target: 'arn:aws:iam::222222222222:role/BreakGlassRole',
        decision: 'conditional',
      }),
    ]);
    expect(result.edges.newEdges.map((e) => [e.source, e.decision, e.conditionKeys])).toEqual([
      [bob, 'conditional', ['aws:MultiFactorAuthPresent']],
    ]);
  });

  it('aws_iam_group + aws_iam_group_policy + aws_iam_group_membership: iam:* for carol stays inside her permissions boundary', async () => {
    // Reason: carol's boundary DeveloperBoundary (v2) allows no iam:* — the effective permission
    // is the intersection (IAM-SEMANTICS §6), so she does not become an administrator.
    const file = await plan(
      [
        {
          address: 'aws_iam_group.iam_admins',
          type: 'aws_iam_group',
          actions: ['create'],
          before: null,
          after: { name: 'IamAdmins', path: '/' },
          afterUnknown: { arn: true, id: true, unique_id: true },
        },
        {
          address: 'aws_iam_group_policy.iam_admins',
          type: 'aws_iam_group_policy',
          actions: ['create'],
          before: null,
          after: {
            group: 'IamAdmins',
            name: 'IamAll',
            name_prefix: '',
            policy: policyText(allow('iam:*', '*')),
          },
          afterUnknown: { id: true },
        },
        {
          address: 'aws_iam_group_membership.iam_admins',
          type: 'aws_iam_group_membership',
          actions: ['create'],
          before: null,
          after: { group: 'IamAdmins', name: 'iam-admins', users: ['carol'] },
          afterUnknown: { id: true },
        },
      ],
      { accountId: '222222222222' },
    );
    const { code, result } = await whatIf(file);
    expect(result.unresolved).toEqual([]);
    expect(result.summary.applied).toBe(3);
    expect(result.newAdmins).toEqual([]);
    expect(code).toBe(0);
  });

  it('aws_iam_group_policy_attachment: AdministratorAccess on Auditors makes the group and bob administrators', async () => {
    const file = await plan(
      [
        {
          address: 'aws_iam_group_policy_attachment.auditors_admin',
          type: 'aws_iam_group_policy_attachment',
          actions: ['create'],
          before: null,
          after: { group: 'Auditors', policy_arn: ADMIN },
          afterUnknown: { id: true },
        },
      ],
      { accountId: '222222222222' },
    );
    const { code, result } = await whatIf(file);
    expect(code).toBe(1);
    // Groups are administrators by the same test as users and roles.
    expect(result.newAdmins.map((a) => a.arn)).toEqual([
      'arn:aws:iam::222222222222:group/Auditors',
      'arn:aws:iam::222222222222:user/people/bob',
    ]);
  });

  it('aws_iam_user_group_membership: bob joins SecurityAdmins (account from the aws_caller_identity data source)', async () => {
    const file = await plan(
      [
        {
          address: 'aws_iam_user_group_membership.bob',
          type: 'aws_iam_user_group_membership',
          actions: ['update'],
          before: { id: 'terraform-1', user: 'bob', groups: ['Auditors'] },
          after: { id: 'terraform-1', user: 'bob', groups: ['Auditors', 'SecurityAdmins'] },
        },
      ],
      { callerIdentityAccount: '222222222222' },
    );
    const { code, result } = await whatIf(file);
    expect(code).toBe(1);
    expect(result.changes).toEqual([
      expect.objectContaining({
        kind: 'group-membership',
        arn: 'arn:aws:iam::222222222222:user/people/bob',
        address: 'aws_iam_user_group_membership.bob',
        field: 'groups',
      }),
    ]);
    expect(result.newAdmins.map((a) => a.arn)).toEqual([
      'arn:aws:iam::222222222222:user/people/bob',
    ]);
  });

  it('aws_iam_policy_attachment: AdministratorAccess on PartnerAuditRole opens a path from the unknown account to admin', async () => {
    // Reason: PartnerAuditRole trusts 999988887777:root without condition (demo 500000000002).
    const file = await plan(
      [
        {
          address: 'aws_iam_policy_attachment.partner_admin',
          type: 'aws_iam_policy_attachment',
          actions: ['create'],
          before: null,
          after: {
            name: 'partner-admin',
            policy_arn: ADMIN,
            roles: ['PartnerAuditRole'],
            users: null,
            groups: null,
          },
          afterUnknown: { id: true },
        },
      ],
      { accountId: '500000000002' },
    );
    const { code, result } = await whatIf(file);
    expect(code).toBe(1);
    expect(
      result.paths.filter((p) => p.category === 'outside-to-admin').map((p) => [p.start, p.target]),
    ).toEqual([[EXTERNAL, 'arn:aws:iam::500000000002:role/PartnerAuditRole']]);
  });

  it('aws_s3_bucket_policy: a grant to an outside account is new; removing a public policy resolves public-bucket', async () => {
    // Reason: a cross-account grant is not "public" for Block Public Access (S3 "The meaning of
    // public"), so BPA does not stop it; the public website bucket has no BPA.
    const file = await plan(
      [
        {
          address: 'aws_s3_bucket_policy.app_data',
          type: 'aws_s3_bucket_policy',
          actions: ['create'],
          before: null,
          after: {
            bucket: 'acme-app-data-500000000006',
            policy: policyText({
              Version: '2012-10-17',
              Statement: [
                {
                  Sid: 'Partner',
                  Effect: 'Allow',
                  Principal: { AWS: EXTERNAL },
                  Action: 's3:GetObject',
                  Resource: 'arn:aws:s3:::acme-app-data-500000000006/*',
                },
              ],
            }),
          },
          afterUnknown: { id: true },
        },
        {
          address: 'aws_s3_bucket_policy.web_public',
          type: 'aws_s3_bucket_policy',
          actions: ['delete'],
          before: {
            id: 'acme-web-public-500000000002',
            bucket: 'acme-web-public-500000000002',
            policy: policyText({
              Version: '2012-10-17',
              Statement: [
                {
                  Sid: 'PublicRead',
                  Effect: 'Allow',
                  Principal: '*',
                  Action: 's3:GetObject',
                  Resource: 'arn:aws:s3:::acme-web-public-500000000002/*',
                },
              ],
            }),
          },
          after: null,
        },
      ],
      { accountId: '500000000006' },
    );
    const { code, result } = await whatIf(file);
    expect(code).toBe(1);
    expect(rules(result.findings.new)).toEqual([
      'bucket-reachable-from-outside-org arn:aws:s3:::acme-app-data-500000000006',
    ]);
    // public-bucket is merged into this finding (one finding per root cause, issue 12 case 7).
    expect(rules(result.findings.resolved)).toContain(
      'bucket-reachable-from-outside-org arn:aws:s3:::acme-web-public-500000000002',
    );
    expect(result.findings.new[0]?.addresses).toEqual(['aws_s3_bucket_policy.app_data']);
  });

  it('aws_iam_openid_connect_provider + a role trusting it without a subject: oidc-trust-without-subject', async () => {
    const provider = 'arn:aws:iam::500000000006:oidc-provider/token.actions.githubusercontent.com';
    const file = await plan(
      [
        {
          address: 'aws_iam_openid_connect_provider.github',
          type: 'aws_iam_openid_connect_provider',
          actions: ['create'],
          before: null,
          after: {
            client_id_list: ['sts.amazonaws.com'],
            tags: null,
            thumbprint_list: ['6938fd4d98bab03faadb97b34396831e3780aea1'],
            url: 'https://token.actions.githubusercontent.com',
          },
          afterUnknown: { arn: true, id: true, tags_all: true },
        },
        {
          address: 'aws_iam_role.github_deploy',
          type: 'aws_iam_role',
          actions: ['create'],
          before: null,
          after: roleValues({
            name: 'GitHubDeploy',
            trust: {
              Version: '2012-10-17',
              Statement: [
                {
                  Effect: 'Allow',
                  Principal: { Federated: provider },
                  Action: 'sts:AssumeRoleWithWebIdentity',
                  Condition: {
                    StringEquals: {
                      'token.actions.githubusercontent.com:aud': 'sts.amazonaws.com',
                    },
                  },
                },
              ],
            },
          }),
          afterUnknown: ROLE_CREATE_UNKNOWN,
        },
      ],
      { accountId: '500000000006' },
    );
    const { code, result } = await whatIf(file);
    expect(code).toBe(1);
    expect(rules(result.findings.new)).toContain(
      'oidc-trust-without-subject arn:aws:iam::500000000006:role/GitHubDeploy',
    );
    expect(result.edges.newEdges.map((e) => e.source)).toContain(provider);
  });
});

describe('what-if: workloads', () => {
  it('aws_lambda_function running as OrganizationAccountAccessRole: whoever may update and invoke it reaches an administrator', async () => {
    // Reason: code that runs as a role acts with its permissions; lambda:UpdateFunctionCode with
    // lambda:InvokeFunction takes the function over (IAM-SEMANTICS §13.3, workload takeover).
    const file = await plan(
      [
        {
          address: 'aws_iam_role_policy.developer_lambda',
          type: 'aws_iam_role_policy',
          actions: ['create'],
          before: null,
          after: {
            name: 'DeployFunction',
            name_prefix: '',
            role: 'DeveloperRole',
            policy: policyText(
              allow(
                ['lambda:UpdateFunctionCode', 'lambda:InvokeFunction'],
                'arn:aws:lambda:us-east-1:500000000006:function:deploy',
              ),
            ),
          },
          afterUnknown: { id: true },
        },
        {
          address: 'aws_lambda_function.deploy',
          type: 'aws_lambda_function',
          actions: ['create'],
          before: null,
          after: {
            function_name: 'deploy',
            handler: 'index.handler',
            role: 'arn:aws:iam::500000000006:role/OrganizationAccountAccessRole',
            runtime: 'nodejs20.x',
            filename: 'deploy.zip',
          },
          afterUnknown: {
            arn: true,
            id: true,
            invoke_arn: true,
            qualified_arn: true,
            version: true,
          },
        },
      ],
      { accountId: '500000000006', region: 'us-east-1' },
    );
    const { code, result } = await whatIf(file);
    expect(code).toBe(1);
    const fn = 'arn:aws:lambda:us-east-1:500000000006:function:deploy';
    expect(result.changes).toContainEqual(
      expect.objectContaining({
        kind: 'workload',
        arn: fn,
        address: 'aws_lambda_function.deploy',
        field: 'role',
      }),
    );
    const viaFunction = result.paths.filter(
      (p) => p.category === 'to-admin' && p.hops.some((h) => h.to === fn),
    );
    expect(viaFunction.map((p) => p.start)).toContain(
      'arn:aws:iam::500000000006:role/DeveloperRole',
    );
    expect(result.rebuild.mode).toBe('incremental');
    expect(viaFunction.every((p) => p.addresses.includes('aws_lambda_function.deploy'))).toBe(true);
  });

  it('aws_lambda_permission opening a function URL to anyone: a public-resource finding; the URL permission alone or a service permission with source_arn is none', async () => {
    // Reason: a function URL with AuthType NONE is public when the function policy grants
    // lambda:InvokeFunctionUrl and lambda:InvokeFunction to * (both are required of every URL
    // since November 2026, https://docs.aws.amazon.com/lambda/latest/dg/urls-auth.html);
    // a service principal bound by aws:SourceArn is not the public (IAM-SEMANTICS §7a.6).
    const fn = 'arn:aws:lambda:us-east-1:500000000005:function:org-usage-report';
    const permission = (name: string, after: Record<string, unknown>): PlannedResource => ({
      address: `aws_lambda_permission.${name}`,
      type: 'aws_lambda_permission',
      actions: ['create'],
      before: null,
      after: {
        statement_id: name,
        function_name: 'org-usage-report',
        action: 'lambda:InvokeFunctionUrl',
        qualifier: null,
        source_arn: null,
        source_account: null,
        principal_org_id: null,
        event_source_token: null,
        function_url_auth_type: null,
        ...after,
      },
      afterUnknown: { id: true },
    });
    const urlOnly = await whatIf(
      await plan([permission('public_url', { principal: '*', function_url_auth_type: 'NONE' })], {
        accountId: '500000000005',
        region: 'us-east-1',
      }),
    );
    expect(urlOnly.code).toBe(0);
    expect(urlOnly.result.findings.new).toEqual([]);
    const open = await plan(
      [
        permission('public_url', { principal: '*', function_url_auth_type: 'NONE' }),
        permission('public_invoke', { principal: '*', action: 'lambda:InvokeFunction' }),
      ],
      { accountId: '500000000005', region: 'us-east-1' },
    );
    const opened = await whatIf(open);
    expect(opened.code).toBe(1);
    expect(opened.result.changes).toContainEqual(
      expect.objectContaining({
        kind: 'function-permission',
        arn: fn,
        address: 'aws_lambda_permission.public_url',
      }),
    );
    expect(rules(opened.result.findings.new)).toEqual([`public-resource ${fn}`]);
    expect(opened.result.rebuild.mode).toBe('incremental');

    const service = await plan(
      [
        permission('from_s3', {
          principal: 's3.amazonaws.com',
          action: 'lambda:InvokeFunction',
          source_arn: 'arn:aws:s3:::acme-uploads',
          source_account: '500000000005',
        }),
      ],
      { accountId: '500000000005', region: 'us-east-1' },
    );
    const quiet = await whatIf(service);
    expect(quiet.code).toBe(0);
    expect(quiet.result.findings.new).toEqual([]);
    expect(quiet.result.edges.newEdges).toContainEqual(
      expect.objectContaining({
        source: 'service:s3.amazonaws.com',
        target: fn,
        decision: 'conditional',
      }),
    );
  });

  it("aws_lambda_permission with a qualifier writes the alias's own policy: another account reaching the function through the alias is a new finding", async () => {
    // Reason: "If you use a qualifier, the invoker must use the full ARN of that version or
    // alias" (https://docs.aws.amazon.com/lambda/latest/api/API_AddPermission.html); the
    // statement's Resource is the alias ARN, which never matches the function's own ARN, so only
    // the alias's policy can carry it (IAM-SEMANTICS §7a.6).
    const fn = 'arn:aws:lambda:us-east-1:500000000005:function:org-usage-report';
    const opened = await whatIf(
      await plan(
        [
          {
            address: 'aws_lambda_permission.partner_live',
            type: 'aws_lambda_permission',
            actions: ['create'],
            before: null,
            after: {
              statement_id: 'partner-live',
              function_name: 'org-usage-report',
              action: 'lambda:InvokeFunction',
              principal: '999988887777',
              qualifier: 'live',
              source_arn: null,
              source_account: null,
              principal_org_id: null,
              event_source_token: null,
              function_url_auth_type: null,
            },
            afterUnknown: { id: true },
          },
        ],
        { accountId: '500000000005', region: 'us-east-1' },
      ),
    );
    expect(opened.result.changes).toContainEqual(
      expect.objectContaining({
        kind: 'function-permission',
        arn: fn,
        address: 'aws_lambda_permission.partner_live',
      }),
    );
    expect(opened.code).toBe(1);
    expect(rules(opened.result.findings.new)).toEqual([
      `resource-reachable-from-outside-org ${fn}`,
    ]);
    expect(opened.result.edges.newEdges).toContainEqual(
      expect.objectContaining({ source: 'arn:aws:iam::999988887777:root', target: fn }),
    );
    expect(opened.result.rebuild.mode).toBe('incremental');
  });
});

describe('what-if: function URLs', () => {
  // Reason: a function's URL decides whether a call through a URL can happen at all; an unsigned
  // caller needs AuthType NONE, an AWS_IAM URL rejects it
  // (https://docs.aws.amazon.com/lambda/latest/dg/urls-auth.html, IAM-SEMANTICS §7a.6).
  // retired-webhook (demo) has the public URL statements and no URL.
  const fn = 'arn:aws:lambda:us-east-1:500000000005:function:retired-webhook';
  const url = (authorization_type: string): PlannedResource => ({
    address: 'aws_lambda_function_url.webhook',
    type: 'aws_lambda_function_url',
    actions: ['create'],
    before: null,
    after: { function_name: 'retired-webhook', qualifier: null, authorization_type },
    afterUnknown: { function_url: true, url_id: true },
  });
  const where = { accountId: '500000000005', region: 'us-east-1' };

  it('aws_lambda_function_url with AuthType NONE opens a function whose policy grants * the URL actions: public-resource, exit 1', async () => {
    const opened = await whatIf(await plan([url('NONE')], where));
    expect(opened.code).toBe(1);
    expect(opened.result.changes).toContainEqual(
      expect.objectContaining({
        kind: 'function-url',
        arn: fn,
        address: 'aws_lambda_function_url.webhook',
        field: 'authorization_type',
      }),
    );
    expect(rules(opened.result.findings.new)).toEqual([`public-resource ${fn}`]);
    expect(opened.result.edges.newEdges).toContainEqual(
      expect.objectContaining({ source: '*', target: fn, decision: 'allow' }),
    );
  });

  it('aws_lambda_function_url with AuthType AWS_IAM opens nothing to anyone: exit 0', async () => {
    const quiet = await whatIf(await plan([url('AWS_IAM')], where));
    expect(quiet.code).toBe(0);
    expect(quiet.result.findings.new).toEqual([]);
    expect(quiet.result.edges.newEdges.filter((e) => e.source === '*')).toEqual([]);
  });

  it('the change file takes function-url and rejects another AuthType, naming the field', async () => {
    const file = join(work, 'function-url-changes.json');
    await writeFile(
      file,
      JSON.stringify({ changes: [{ kind: 'function-url', arn: fn, authType: 'NONE' }] }),
    );
    expect(rules((await whatIf(file)).result.findings.new)).toEqual([`public-resource ${fn}`]);
    await writeFile(
      file,
      JSON.stringify({ changes: [{ kind: 'function-url', arn: fn, authType: 'PUBLIC' }] }),
    );
    const bad = await run(['what-if', '--plan', file, '--from-dir', demo, '--json']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('authType');
  });
});

describe('what-if: bad input, change file, reports', () => {
  it('a policy that is not JSON: exit 2 naming the address and field', async () => {
    const file = await plan(
      [
        {
          address: 'aws_iam_role.broken',
          type: 'aws_iam_role',
          actions: ['create'],
          before: null,
          after: {
            ...roleValues({ name: 'Broken', trust: {} }),
            assume_role_policy: '{"Statement": [',
          },
          afterUnknown: ROLE_CREATE_UNKNOWN,
        },
      ],
      { accountId: '500000000006' },
    );
    const r = await run(['what-if', '--plan', file, '--from-dir', demo]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('aws_iam_role.broken (assume_role_policy)');
  });

  it.each([
    ['not JSON', '{"resource_changes": [', 'not JSON: line 1'],
    ['neither a plan nor a change file', '{"hello": 1}', 'expected a Terraform plan'],
    [
      'unknown actions',
      JSON.stringify({
        format_version: '1.2',
        resource_changes: [
          {
            address: 'aws_iam_role.r',
            mode: 'managed',
            type: 'aws_iam_role',
            change: { actions: ['explode'] },
          },
        ],
      }),
      'aws_iam_role.r (change.actions)',
    ],
    [
      'a list where a string is expected',
      JSON.stringify({
        format_version: '1.2',
        resource_changes: [
          {
            address: 'aws_iam_role_policy.p',
            mode: 'managed',
            type: 'aws_iam_role_policy',
            change: {
              actions: ['create'],
              before: null,
              after: { role: ['a'], name: 'n', policy: '{}' },
              after_unknown: {},
            },
          },
        ],
      }),
      'aws_iam_role_policy.p (role)',
    ],
    [
      'a format version from the future',
      JSON.stringify({ format_version: '2.0', resource_changes: [] }),
      'format_version',
    ],
    [
      'a change file entry of an unknown kind',
      JSON.stringify({ changes: [{ kind: 'explode', arn: 'x' }] }),
      'changes[0] (kind)',
    ],
  ])('%s: exit 2', async (_name, text, message) => {
    planCount++;
    const file = join(work, `bad-${String(planCount)}.json`);
    await writeFile(file, text);
    const r = await run(['what-if', '--plan', file, '--from-dir', demo]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(message);
  });

  it('the change file gives the same answer as the equivalent Terraform plan', async () => {
    const file = join(work, 'changes.json');
    await writeFile(
      file,
      JSON.stringify({
        changes: [
          {
            kind: 'principal',
            arn: 'arn:aws:iam::500000000006:role/PartnerAdminRole',
            trustPolicy: JSON.stringify(trust({ AWS: EXTERNAL })),
            source: 'template.yaml#PartnerAdminRole',
          },
          {
            kind: 'attachment',
            arn: 'arn:aws:iam::500000000006:role/PartnerAdminRole',
            policyArn: ADMIN,
          },
        ],
      }),
    );
    const viaFile = await whatIf(file);
    const viaPlan = await whatIf(join(FIXTURES, 'opens-external-admin.plan.json'));
    expect(viaFile.code).toBe(1);
    expect(rules(viaFile.result.findings.new)).toEqual(rules(viaPlan.result.findings.new));
    expect(
      viaFile.result.edges.newEdges.map(
        (e) => `${e.source} ${e.target} ${e.kind} ${e.actionGroup ?? ''}`,
      ),
    ).toEqual(
      viaPlan.result.edges.newEdges.map(
        (e) => `${e.source} ${e.target} ${e.kind} ${e.actionGroup ?? ''}`,
      ),
    );
    expect(viaFile.result.findings.new[0]?.addresses).toEqual([
      'changes[1]',
      'template.yaml#PartnerAdminRole',
    ]);
  });

  it('--fail-on critical / none change only the exit code', async () => {
    const file = join(FIXTURES, 'opens-external-admin.plan.json');
    expect((await whatIf(file, ['--fail-on', 'critical'])).code).toBe(1);
    expect((await whatIf(file, ['--fail-on', 'none'])).code).toBe(0);
    const bad = await run(['what-if', '--plan', file, '--from-dir', demo, '--fail-on', 'severe']);
    expect(bad.code).toBe(2);
  });

  it('Markdown (a PR comment) and SARIF (located at resource addresses) reports', async () => {
    const file = join(FIXTURES, 'opens-external-admin.plan.json');
    const mdFile = join(work, 'comment.md');
    const sarifFile = join(work, 'what-if.sarif');
    const md = await run([
      'what-if',
      '--plan',
      file,
      '--from-dir',
      demo,
      '--report',
      'markdown',
      '--report-file',
      mdFile,
    ]);
    expect(md.code).toBe(1);
    const text = await readFile(mdFile, 'utf8');
    expect(text.length).toBeLessThan(65_536);
    expect(text).toContain('### New paths (1)');
    expect(text).toContain('`aws_iam_role.partner_admin`');
    await run([
      'what-if',
      '--plan',
      file,
      '--from-dir',
      demo,
      '--report',
      'sarif',
      '--report-file',
      sarifFile,
    ]);
    const sarif = JSON.parse(await readFile(sarifFile, 'utf8')) as {
      runs: {
        results: {
          ruleId: string;
          locations: { logicalLocations: { fullyQualifiedName: string }[] }[];
        }[];
      }[];
    };
    const results = sarif.runs[0]?.results ?? [];
    const outside = results.find((r) => r.ruleId === 'what-if/outside-to-admin');
    expect(outside?.locations.map((l) => l.logicalLocations[0]?.fullyQualifiedName)).toEqual([
      'aws_iam_role.partner_admin',
      'aws_iam_role_policy_attachment.partner_admin',
    ]);
    expect(results.map((r) => r.ruleId)).toContain('external-path-to-admin');
  });
});

/**
 * The incremental rebuild of what-if equals a full rebuild (shared/what-if/rebuild-incremental.ts):
 * on the demo organization, for varied changes — trust, identity, group, managed policy, boundary,
 * bucket policy, tags, identity provider, created and deleted principals, several at once — the
 * graph after an incremental rebuild has exactly the full rebuild's edges (keys and attributes)
 * and node attributes (up to nodes with no edge that only a policy naming them creates), the same
 * findings, and the same edge diff against the base.
 */
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { lookupVendor } from '../../../shared/accounts/known-accounts.js';
import { computeFindings } from '../../../shared/audit/compute-findings.js';
import { compileAuthzModel } from '../../../shared/authorize/compile-authz-model.js';
import { DEFAULT_ANALYSIS_CONFIG } from '../../../shared/config/analysis-config.js';
import { diffEdges, listDiffEdges } from '../../../shared/diff/diff-edges.js';
import { buildAccessGraph } from '../../../shared/graph/build-access-graph.js';
import type { AccessGraph } from '../../../shared/graph/types.js';
import type { Snapshot } from '../../../shared/snapshot/types.js';
import { applyChanges } from '../../../shared/what-if/apply-changes.js';
import { rebuildIncremental } from '../../../shared/what-if/rebuild-incremental.js';
import type { SnapshotChange } from '../../../shared/what-if/types.js';
import { analyzeSnapshot, type Analysis } from '../../../server/analyze/analyze-snapshot-dir.js';
import { writeDemoSnapshot } from '../../../server/demo/write-demo-snapshot.js';
import { readSnapshotDir } from '../../../server/snapshot/read-snapshot-dir.js';
import { expectGraphState, graphState, type GraphState } from '../../helpers/graph-state.js';

const config = {
  ...DEFAULT_ANALYSIS_CONFIG,
  crownJewels: ['arn:aws:s3:::acme-data-lake-*', 'arn:aws:iam::*:role/Crown*'],
};
let work: string;
let base: Analysis;
beforeAll(async () => {
  work = await mkdtemp(join(tmpdir(), 'trustmap-incremental-'));
  await writeDemoSnapshot(join(work, 'demo'), { accounts: 12, seed: 'trustmap-demo' });
  // A secret shared with the security account (resources.json), for the resource edges.
  await writeFile(
    join(work, 'demo', '500000000005', 'resources.json'),
    JSON.stringify({
      Resources: [
        {
          Type: 'secretsmanager-secret',
          Arn: 'arn:aws:secretsmanager:us-east-1:500000000005:secret:db-password-AbCdEf',
          Region: 'us-east-1',
          KmsKeyId: 'arn:aws:kms:us-east-1:500000000005:key/1234abcd-12ab-34cd-56ef-1234567890ab',
          Policy: JSON.stringify({
            Version: '2012-10-17',
            Statement: [
              {
                Effect: 'Allow',
                Principal: { AWS: 'arn:aws:iam::222222222222:root' },
                Action: 'secretsmanager:GetSecretValue',
                Resource: '*',
              },
            ],
          }),
        },
        {
          Type: 'kms-key',
          Arn: 'arn:aws:kms:us-east-1:500000000005:key/1234abcd-12ab-34cd-56ef-1234567890ab',
          Region: 'us-east-1',
          KeyManager: 'CUSTOMER',
          Policy: {
            Version: '2012-10-17',
            Statement: [
              {
                Effect: 'Allow',
                Principal: { AWS: 'arn:aws:iam::500000000005:root' },
                Action: 'kms:*',
                Resource: '*',
              },
              {
                Effect: 'Allow',
                Principal: { AWS: 'arn:aws:iam::222222222222:root' },
                Action: 'kms:Decrypt',
                Resource: '*',
              },
            ],
          },
        },
      ],
    }),
  );
  // A function of the data account whose policy lets the sandbox account change and run it, and a
  // sandbox deploy role that may: a cross-account workload takeover (can-escalate) in the base.
  const dataWorkloads = join(work, 'demo', '500000000005', 'workloads.json');
  const workloads = JSON.parse(await readFile(dataWorkloads, 'utf8')) as { Workloads: unknown[] };
  workloads.Workloads.push({
    Type: 'lambda-function',
    Arn: SHARED_FN,
    Name: 'shared-deployer',
    Region: 'us-east-1',
    RoleArn: 'arn:aws:iam::500000000005:role/OrganizationAccountAccessRole',
    ResourcePolicy: functionPolicy(
      { AWS: 'arn:aws:iam::500000000006:root' },
      ['lambda:UpdateFunctionCode', 'lambda:InvokeFunction'],
      undefined,
      SHARED_FN,
    ),
  });
  await writeFile(dataWorkloads, JSON.stringify(workloads));
  const sandboxIam = join(work, 'demo', '500000000006', 'iam.json');
  const iam = JSON.parse(await readFile(sandboxIam, 'utf8')) as {
    RoleDetailList: { RoleName: string; RolePolicyList?: unknown[] }[];
  };
  const deployRole = iam.RoleDetailList.find((r) => r.RoleName === 'PipelineDeployRole');
  if (!deployRole) throw new Error('the demo sandbox has no PipelineDeployRole');
  (deployRole.RolePolicyList ??= []).push({
    PolicyName: 'InvokeShared',
    PolicyDocument: allow('lambda:InvokeFunction', SHARED_FN),
  });
  await writeFile(sandboxIam, JSON.stringify(iam));
  base = analyzeSnapshot(await readSnapshotDir(join(work, 'demo')), config);
  baseState = graphState(base.graph);
}, 120_000);
afterAll(async () => {
  await rm(work, { recursive: true, force: true });
});

const trust = (principal: unknown, condition?: unknown) => ({
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
const ADMIN = 'arn:aws:iam::aws:policy/AdministratorAccess';
/** The demo's Lambda function (escalation plants, workloads.json of acme-sandbox). */
const HOOK = 'arn:aws:lambda:us-east-1:500000000006:function:sandbox-deploy-hook';
/** A function of the data account that the sandbox account may change (set up in beforeAll). */
const SHARED_FN = 'arn:aws:lambda:us-east-1:500000000005:function:shared-deployer';
const SANDBOX_DEPLOY = 'arn:aws:iam::500000000006:role/PipelineDeployRole';
const UPLOAD_HOOK = 'arn:aws:lambda:us-east-1:500000000002:function:on-upload';
/** A demo function with no function URL (FunctionUrls: []). */
const NO_URL_FUNCTION = 'arn:aws:lambda:us-east-1:500000000005:function:vendor-report-export';
/** A demo function whose policy grants * the URL actions, without a URL. */
const RETIRED_WEBHOOK = 'arn:aws:lambda:us-east-1:500000000005:function:retired-webhook';
/** A demo function without a policy whose alias live lets 999988887777 invoke it. */
const PARTNER_SETTLEMENT = 'arn:aws:lambda:us-east-1:500000000005:function:partner-settlement';
const functionPolicy = (
  principal: unknown,
  action: string | string[],
  condition?: unknown,
  resource = HOOK,
) => ({
  Version: '2012-10-17',
  Statement: [
    {
      Effect: 'Allow',
      Principal: principal,
      Action: action,
      Resource: resource,
      ...(condition ? { Condition: condition } : {}),
    },
  ],
});

const CASES: {
  name: string;
  reason: string;
  changes: SnapshotChange[];
  /** `can-access` edges (`source group`) the change must give a function, so that the case tests something. */
  /** `can-access` edges into `fn` after the change (`absent`: edges it must not have). */
  functionEdges?: { fn: string; edges: string[]; absent?: string[] };
  /** A can-escalate edge the case is about: present in the base or not, and after. */
  escalation?: { source: string; target: string; before: boolean; after: boolean };
}[] = [
  {
    name: "a role of another account created that trusts the sandbox's stack-set administration role",
    reason:
      'stack set esc-baseline has an instance in acme-data-prod: its updater reaches the new role there, an edge out of an unchanged account (stackSetDependents)',
    changes: [
      {
        kind: 'principal',
        arn: 'arn:aws:iam::500000000005:role/esc-stackset-execution',
        trustPolicy: trust({ AWS: 'arn:aws:iam::500000000006:role/esc-stackset-admin' }),
      },
    ],
    escalation: {
      source: 'arn:aws:iam::500000000006:user/esc-stackset-updater',
      target: 'arn:aws:iam::500000000005:role/esc-stackset-execution',
      before: false,
      after: true,
    },
  },
  {
    name: "the stack set's execution role no longer trusts the administration role",
    reason: 'the execution role of the sandbox is rebuilt; the updater loses its edge',
    changes: [
      {
        kind: 'trust-policy',
        arn: 'arn:aws:iam::500000000006:role/esc-stackset-execution',
        document: trust({ Service: 'ec2.amazonaws.com' }),
      },
    ],
    escalation: {
      source: 'arn:aws:iam::500000000006:user/esc-stackset-updater',
      target: 'arn:aws:iam::500000000006:role/esc-stackset-execution',
      before: true,
      after: false,
    },
  },
  {
    name: 'trust policy narrowed',
    reason: 'edges INTO the role change: its in-edges are rebuilt',
    changes: [
      {
        kind: 'trust-policy',
        arn: 'arn:aws:iam::500000000003:role/LegacyPublicRole',
        document: trust({ AWS: '*' }, { StringEquals: { 'aws:PrincipalOrgID': 'o-a1b2c3d4e5' } }),
      },
    ],
  },
  {
    name: 'identity policy widened',
    reason:
      'edges OUT of bob change: every role whose trust may admit account 222222222222 is rebuilt',
    changes: [
      {
        kind: 'inline-policy',
        arn: 'arn:aws:iam::222222222222:user/people/bob',
        name: 'Everything',
        document: allow(['sts:AssumeRole', 's3:*'], '*'),
      },
    ],
  },
  {
    name: 'new admin role trusted from outside',
    reason: 'a created principal: node, in-edges, out-edges, admin mark',
    changes: [
      {
        kind: 'principal',
        arn: 'arn:aws:iam::500000000006:role/PartnerAdminRole',
        trustPolicy: trust({ AWS: 'arn:aws:iam::999988887777:root' }),
      },
      {
        kind: 'attachment',
        arn: 'arn:aws:iam::500000000006:role/PartnerAdminRole',
        policyArn: ADMIN,
        attached: true,
      },
    ],
  },
  {
    name: 'role deleted that trusts name by ARN',
    reason:
      'PipelineDeployRole trusts ci/PipelineRole by ARN: it becomes an unresolved node of a scanned account',
    changes: [{ kind: 'delete', arn: 'arn:aws:iam::444444444444:role/ci/PipelineRole' }],
  },
  {
    name: 'user deleted',
    reason: 'alice (admin through SecurityAdmins) disappears with her member-of and out-edges',
    changes: [{ kind: 'delete', arn: 'arn:aws:iam::222222222222:user/people/alice' }],
  },
  {
    name: 'group membership',
    reason: 'bob joins SecurityAdmins: member-of edge, admin mark, out-edges',
    changes: [
      {
        kind: 'group-membership',
        arn: 'arn:aws:iam::222222222222:user/people/bob',
        group: 'SecurityAdmins',
        member: true,
      },
    ],
  },
  {
    name: 'managed policy new default version',
    reason: 'every principal attaching CrossAccountDeployAccess changes its out-edges',
    changes: [
      {
        kind: 'managed-policy',
        arn: 'arn:aws:iam::444444444444:policy/CrossAccountDeployAccess',
        document: allow('sts:AssumeRole', [
          'arn:aws:iam::*:role/OrganizationAccountAccessRole',
          'arn:aws:iam::*:role/DeploymentAdminRole',
        ]),
      },
    ],
  },
  {
    name: 'managed policy new default version of a policy with stored versions',
    reason:
      'esc-rollback-policy keeps v1 (allows everything) and its previous default: iam:SetDefaultPolicyVersion escalation is decided on the stored versions',
    changes: [
      {
        kind: 'managed-policy',
        arn: 'arn:aws:iam::500000000006:policy/esc-rollback-policy',
        document: allow(
          'iam:SetDefaultPolicyVersion',
          'arn:aws:iam::500000000006:policy/esc-rollback-policy',
        ),
      },
    ],
  },
  {
    name: 'boundary removed and group policy widened',
    reason: 'carol loses DeveloperBoundary while Developers gains sts:AssumeRole on *',
    changes: [
      {
        kind: 'permissions-boundary',
        arn: 'arn:aws:iam::222222222222:user/people/carol',
        policyArn: null,
      },
      {
        kind: 'inline-policy',
        arn: 'arn:aws:iam::222222222222:group/Developers',
        name: 'AssumeAll',
        document: allow('sts:AssumeRole', '*'),
      },
    ],
  },
  {
    name: 'bucket policy opened to everyone',
    reason: 'edges INTO the bucket: the anyone node and every candidate account',
    changes: [
      {
        kind: 'bucket-policy',
        arn: 'arn:aws:s3:::acme-shared-artifacts-444444444444',
        document: {
          Version: '2012-10-17',
          Statement: [
            {
              Effect: 'Allow',
              Principal: '*',
              Action: ['s3:GetObject', 's3:ListBucket'],
              Resource: [
                'arn:aws:s3:::acme-shared-artifacts-444444444444',
                'arn:aws:s3:::acme-shared-artifacts-444444444444/*',
              ],
            },
          ],
        },
      },
    ],
  },
  {
    name: 'bucket policy removed',
    reason:
      'the public website bucket loses PublicRead: the anyone edge goes, the anyone node stays for other grants',
    changes: [
      { kind: 'bucket-policy', arn: 'arn:aws:s3:::acme-web-public-500000000002', document: null },
    ],
  },
  {
    name: 'missing role created',
    reason:
      'CrossAccountReportingRole trusts 444444444444:role/ReportingJobRole, an unresolved node until the role exists',
    changes: [
      {
        kind: 'principal',
        arn: 'arn:aws:iam::444444444444:role/ReportingJobRole',
        trustPolicy: trust({ Service: 'ecs-tasks.amazonaws.com' }),
      },
      {
        kind: 'inline-policy',
        arn: 'arn:aws:iam::444444444444:role/ReportingJobRole',
        name: 'Report',
        document: allow(
          'sts:AssumeRole',
          'arn:aws:iam::500000000004:role/CrossAccountReportingRole',
        ),
      },
    ],
  },
  {
    name: 'tags of a role',
    reason:
      'tags are facts of the role as caller (aws:PrincipalTag) and as resource (iam:ResourceTag)',
    changes: [
      {
        kind: 'principal',
        arn: 'arn:aws:iam::444444444444:role/ci/ExternalDeployRole',
        tags: { owner: 'vendor', CrownJewel: 'yes' },
      },
    ],
  },
  {
    name: 'OIDC provider removed',
    reason: 'registered providers decide web-identity edges into every role of the account',
    changes: [
      {
        kind: 'delete',
        arn: 'arn:aws:iam::444444444444:oidc-provider/token.actions.githubusercontent.com',
      },
    ],
  },
  {
    name: 'crown jewel role created and reached',
    reason: 'a new node matching a crown-jewel pattern is marked',
    changes: [
      {
        kind: 'principal',
        arn: 'arn:aws:iam::500000000005:role/CrownData',
        trustPolicy: trust({ AWS: 'arn:aws:iam::500000000005:role/SnowflakeStorageIntegration' }),
      },
      {
        kind: 'inline-policy',
        arn: 'arn:aws:iam::500000000005:role/SnowflakeStorageIntegration',
        name: 'Crown',
        document: allow('sts:AssumeRole', 'arn:aws:iam::500000000005:role/CrownData'),
      },
    ],
  },
  {
    name: 'workload runs as an administrator role',
    reason:
      'workloads.json: a runs-as edge and takeover edges from principals allowed to change the function (can-escalate, rebuilt whole)',
    changes: [
      {
        kind: 'workload',
        arn: 'arn:aws:lambda:us-east-1:500000000006:function:deploy',
        workloadType: 'lambda-function',
        roleArn: 'arn:aws:iam::500000000006:role/OrganizationAccountAccessRole',
      },
    ],
  },
  {
    name: 'function policy shares a function with another account',
    reason:
      'a Lambda function is a resource: a new function policy rebuilds its node and can-access edges (and its takeover edges from the other account)',
    functionEdges: {
      fn: HOOK,
      edges: ['arn:aws:iam::222222222222:root invoke', 'arn:aws:iam::222222222222:root modify'],
    },
    changes: [
      {
        kind: 'workload',
        arn: HOOK,
        workloadType: 'lambda-function',
        roleArn: 'arn:aws:iam::500000000006:role/esc-hook-admin',
        resourcePolicy: functionPolicy({ AWS: 'arn:aws:iam::222222222222:root' }, [
          'lambda:InvokeFunction',
          'lambda:UpdateFunctionCode',
        ]),
      },
    ],
  },
  {
    name: 'function URL made public',
    reason:
      'a function policy granting lambda:InvokeFunctionUrl (AuthType NONE) and lambda:InvokeFunction through the URL to *, as AWS writes it: an edge from anyone and a public-resource finding',
    functionEdges: { fn: HOOK, edges: ['* invoke'] },
    changes: [
      {
        kind: 'workload',
        arn: HOOK,
        workloadType: 'lambda-function',
        roleArn: 'arn:aws:iam::500000000006:role/esc-hook-admin',
        resourcePolicy: {
          Version: '2012-10-17',
          Statement: [
            ...functionPolicy('*', 'lambda:InvokeFunctionUrl', {
              StringEquals: { 'lambda:FunctionUrlAuthType': 'NONE' },
            }).Statement,
            ...functionPolicy('*', 'lambda:InvokeFunction', {
              Bool: { 'lambda:InvokedViaFunctionUrl': 'true' },
            }).Statement,
          ],
        },
      },
    ],
  },
  {
    name: 'function URL statements on a function without a URL',
    reason:
      'the same public statements on a function whose FunctionUrls is empty: no call reaches it through a URL, so no edge from anyone (urls-auth.html; IAM-SEMANTICS §7a.6)',
    functionEdges: { fn: NO_URL_FUNCTION, edges: [], absent: ['* invoke'] },
    changes: [
      {
        kind: 'workload',
        arn: NO_URL_FUNCTION,
        workloadType: 'lambda-function',
        roleArn: 'arn:aws:iam::500000000005:role/service-role/LambdaExecutionRole',
        resourcePolicy: {
          Version: '2012-10-17',
          Statement: [
            ...functionPolicy(
              '*',
              'lambda:InvokeFunctionUrl',
              { StringEquals: { 'lambda:FunctionUrlAuthType': 'NONE' } },
              NO_URL_FUNCTION,
            ).Statement,
            ...functionPolicy(
              '*',
              'lambda:InvokeFunction',
              { Bool: { 'lambda:InvokedViaFunctionUrl': 'true' } },
              NO_URL_FUNCTION,
            ).Statement,
          ],
        },
      },
    ],
  },
  {
    name: 'function permission letting an account outside the snapshot change and invoke the code',
    reason:
      'that account takes the function over (outsider-takeover.ts): an edge from its account node into the function, rebuilt with the function',
    changes: [
      {
        kind: 'function-permission',
        arn: HOOK,
        sid: 'partner-deploy',
        statement: {
          Effect: 'Allow',
          Principal: { AWS: 'arn:aws:iam::999988887777:root' },
          Action: ['lambda:UpdateFunctionCode', 'lambda:InvokeFunction'],
          Resource: HOOK,
        },
      },
    ],
    escalation: {
      source: 'arn:aws:iam::999988887777:root',
      target: HOOK,
      before: false,
      after: true,
    },
  },
  {
    name: 'function permission letting an account outside the snapshot change the code only',
    reason:
      'nothing known runs the new code (no trigger, and the URL policy grants no one): no takeover',
    changes: [
      {
        kind: 'function-permission',
        arn: HOOK,
        sid: 'partner-deploy',
        statement: {
          Effect: 'Allow',
          Principal: { AWS: 'arn:aws:iam::999988887777:root' },
          Action: 'lambda:UpdateFunctionCode',
          Resource: HOOK,
        },
      },
    ],
    functionEdges: { fn: HOOK, edges: ['arn:aws:iam::999988887777:root modify'] },
    escalation: {
      source: 'arn:aws:iam::999988887777:root',
      target: HOOK,
      before: false,
      after: false,
    },
  },
  {
    name: 'function URL created (aws_lambda_function_url) on a function whose policy grants * the URL actions',
    reason:
      'retired-webhook has the public URL statements and no URL: a NONE URL opens it to anyone (urls-auth.html), the function is rebuilt as for a policy change',
    functionEdges: { fn: RETIRED_WEBHOOK, edges: ['* invoke'] },
    changes: [{ kind: 'function-url', arn: RETIRED_WEBHOOK, authType: 'NONE' }],
  },
  {
    name: 'function URL with AuthType AWS_IAM created on the same function',
    reason: 'an AWS_IAM URL rejects unsigned requests: still no edge from anyone (urls-auth.html)',
    functionEdges: { fn: RETIRED_WEBHOOK, edges: [], absent: ['* invoke'] },
    changes: [{ kind: 'function-url', arn: RETIRED_WEBHOOK, authType: 'AWS_IAM' }],
  },
  {
    name: 'function URL deleted',
    reason:
      'sandbox-deploy-hook loses its NONE URL and gets the public URL statements AWS writes: no call reaches it through a URL',
    functionEdges: { fn: HOOK, edges: [], absent: ['* invoke'] },
    changes: [
      { kind: 'function-url', arn: HOOK, authType: null },
      {
        kind: 'function-permission',
        arn: HOOK,
        sid: 'public-url',
        statement: {
          Effect: 'Allow',
          Principal: '*',
          Action: 'lambda:InvokeFunctionUrl',
          Resource: HOOK,
          Condition: { StringEquals: { 'lambda:FunctionUrlAuthType': 'NONE' } },
        },
      },
      {
        kind: 'function-permission',
        arn: HOOK,
        sid: 'public-invoke',
        statement: {
          Effect: 'Allow',
          Principal: '*',
          Action: 'lambda:InvokeFunction',
          Resource: HOOK,
          Condition: { Bool: { 'lambda:InvokedViaFunctionUrl': 'true' } },
        },
      },
    ],
  },
  {
    name: 'function with a service principal created',
    reason:
      'a created function: its node, a conditional edge from s3.amazonaws.com (aws:SourceArn), same-account callers by identity policy',
    functionEdges: { fn: UPLOAD_HOOK, edges: ['service:s3.amazonaws.com invoke'] },
    changes: [
      {
        kind: 'workload',
        arn: UPLOAD_HOOK,
        workloadType: 'lambda-function',
        roleArn: 'arn:aws:iam::500000000002:role/PartnerAuditRole',
        resourcePolicy: functionPolicy(
          { Service: 's3.amazonaws.com' },
          'lambda:InvokeFunction',
          { ArnLike: { 'aws:SourceArn': 'arn:aws:s3:::acme-uploads' } },
          UPLOAD_HOOK,
        ),
      },
    ],
  },
  {
    name: 'function permission added (aws_lambda_permission)',
    reason:
      'one statement added by its Sid to the function policy: the function is rebuilt as for a policy change',
    functionEdges: { fn: HOOK, edges: ['arn:aws:iam::464622532012:root invoke'] },
    changes: [
      {
        kind: 'function-permission',
        arn: HOOK,
        sid: 'datadog',
        statement: {
          Effect: 'Allow',
          Principal: { AWS: 'arn:aws:iam::464622532012:root' },
          Action: 'lambda:InvokeFunction',
          Resource: HOOK,
        },
      },
    ],
  },
  {
    name: 'function permission added on an alias (aws_lambda_permission with qualifier)',
    reason:
      "the statement goes to the alias's own policy (AddPermission's Qualifier): the outside account reaches the function through the alias ARN (using-aliases.html), incremental = full",
    functionEdges: { fn: HOOK, edges: ['arn:aws:iam::464622532012:root invoke'] },
    changes: [
      {
        kind: 'function-permission',
        arn: HOOK,
        qualifier: 'live',
        sid: 'datadog',
        statement: {
          Effect: 'Allow',
          Principal: { AWS: 'arn:aws:iam::464622532012:root' },
          Action: 'lambda:InvokeFunction',
          Resource: `${HOOK}:live`,
        },
      },
    ],
  },
  {
    name: 'function permission added on a published version (aws_lambda_permission with a version qualifier)',
    reason:
      "the statement goes to the version's own policy (AddPermission's Qualifier: 'the invoker must use the full ARN of that version'): the outside account reaches the function through the version ARN, incremental = full",
    functionEdges: { fn: HOOK, edges: ['arn:aws:iam::464622532012:root invoke'] },
    changes: [
      {
        kind: 'function-permission',
        arn: HOOK,
        qualifier: '7',
        sid: 'datadog',
        statement: {
          Effect: 'Allow',
          Principal: { AWS: 'arn:aws:iam::464622532012:root' },
          Action: 'lambda:InvokeFunction',
          Resource: `${HOOK}:7`,
        },
      },
    ],
  },
  {
    name: "another account's role allowed to invoke the alias ARN, the alias's policy naming that account",
    reason:
      'cross-account through an alias: identity policy on the alias ARN AND the alias policy (using-aliases.html; IAM-SEMANTICS §7a.6); the identity statement naming function:f:live indexes to the function',
    functionEdges: { fn: HOOK, edges: ['arn:aws:iam::500000000002:role/PartnerAuditRole invoke'] },
    changes: [
      {
        kind: 'function-permission',
        arn: HOOK,
        qualifier: 'live',
        sid: 'partner-audit',
        statement: {
          Effect: 'Allow',
          Principal: { AWS: 'arn:aws:iam::500000000002:root' },
          Action: 'lambda:InvokeFunction',
          Resource: `${HOOK}:live`,
        },
      },
      {
        kind: 'inline-policy',
        arn: 'arn:aws:iam::500000000002:role/PartnerAuditRole',
        name: 'InvokeLive',
        document: allow('lambda:InvokeFunction', `${HOOK}:live`),
      },
    ],
  },
  {
    name: "alias permission removed: the alias's policy no longer lets the outside account in",
    reason:
      'partner-settlement has no function policy; its alias live granted 999988887777 invoke (Sid partner-invoke): removed, no edge from that account',
    functionEdges: {
      fn: PARTNER_SETTLEMENT,
      edges: [],
      absent: ['arn:aws:iam::999988887777:root invoke'],
    },
    changes: [
      {
        kind: 'function-permission',
        arn: PARTNER_SETTLEMENT,
        qualifier: 'live',
        sid: 'partner-invoke',
        statement: null,
      },
    ],
  },
  {
    name: 'function role changed',
    reason: "the function node's roleArn attribute and its runs-as edge follow the new role",
    changes: [
      {
        kind: 'workload',
        arn: HOOK,
        workloadType: 'lambda-function',
        roleArn: 'arn:aws:iam::500000000006:role/OrganizationAccountAccessRole',
      },
    ],
  },
  {
    name: 'function deleted',
    reason: 'its node, can-access and takeover edges go',
    changes: [{ kind: 'delete', arn: HOOK }],
  },
  {
    name: 'caller of a shared function widened',
    reason:
      "an identity change in the account a function policy names: the function's edges are rebuilt like any resource's",
    functionEdges: { fn: HOOK, edges: ['arn:aws:iam::222222222222:user/people/bob invoke'] },
    changes: [
      {
        kind: 'workload',
        arn: HOOK,
        workloadType: 'lambda-function',
        roleArn: 'arn:aws:iam::500000000006:role/esc-hook-admin',
        resourcePolicy: functionPolicy(
          { AWS: 'arn:aws:iam::222222222222:root' },
          'lambda:InvokeFunction',
        ),
      },
      {
        kind: 'inline-policy',
        arn: 'arn:aws:iam::222222222222:user/people/bob',
        name: 'Invoke',
        document: allow('lambda:InvokeFunction', '*'),
      },
    ],
  },
  {
    name: 'pass-role escalation granted',
    reason:
      'iam:PassRole with lambda:CreateFunction and lambda:InvokeFunction: can-escalate edges to every role Lambda may assume',
    changes: [
      {
        kind: 'inline-policy',
        arn: 'arn:aws:iam::500000000006:role/DeveloperRole',
        name: 'PassRole',
        document: allow(['iam:PassRole', 'lambda:CreateFunction', 'lambda:InvokeFunction'], '*'),
      },
    ],
  },
  {
    name: 'resource access granted',
    reason:
      'bob may read the shared secret and decrypt with its key: can-access edges into resource nodes',
    changes: [
      {
        kind: 'inline-policy',
        arn: 'arn:aws:iam::222222222222:user/people/bob',
        name: 'Secret',
        document: allow(['secretsmanager:GetSecretValue', 'kms:Decrypt'], '*'),
      },
    ],
  },
  {
    name: 'escalation granted in an account with no other change',
    reason:
      'bob may create access keys of the people of his account: credential edges to each (can-escalate of his account, rebuilt as it was edited)',
    escalation: {
      source: 'arn:aws:iam::222222222222:user/people/bob',
      target: 'arn:aws:iam::222222222222:user/people/carol',
      before: false,
      after: true,
    },
    changes: [
      {
        kind: 'inline-policy',
        arn: 'arn:aws:iam::222222222222:user/people/bob',
        name: 'Keys',
        document: allow('iam:CreateAccessKey', 'arn:aws:iam::222222222222:user/people/*'),
      },
    ],
  },
  {
    name: 'escalation removed',
    reason:
      'the sandbox trust rewriter loses its policy: its iam:UpdateAssumeRolePolicy edges go (the sandbox account is rebuilt)',
    escalation: {
      source: 'arn:aws:iam::500000000006:user/esc-trust-rewriter',
      target: 'arn:aws:iam::500000000006:role/esc-ops-admin',
      before: true,
      after: false,
    },
    changes: [
      {
        kind: 'inline-policies',
        arn: 'arn:aws:iam::500000000006:user/esc-trust-rewriter',
        policies: [],
      },
    ],
  },
  {
    name: 'cross-account workload takeover opened',
    reason:
      "a data-account function's policy admits the sandbox account; a sandbox role gains the takeover permissions: an edge into a workload of an account the change does not edit",
    escalation: {
      source: 'arn:aws:iam::500000000006:role/DeveloperRole',
      target: SHARED_FN,
      before: false,
      after: true,
    },
    changes: [
      {
        kind: 'inline-policy',
        arn: 'arn:aws:iam::500000000006:role/DeveloperRole',
        name: 'Deploy',
        document: allow(['lambda:UpdateFunctionCode', 'lambda:InvokeFunction'], SHARED_FN),
      },
    ],
  },
  {
    name: 'cross-account workload takeover removed',
    reason:
      'the sandbox deploy role loses the permission to run the data-account function: the cross-account edge goes',
    escalation: { source: SANDBOX_DEPLOY, target: SHARED_FN, before: true, after: false },
    changes: [{ kind: 'inline-policy', arn: SANDBOX_DEPLOY, name: 'InvokeShared', document: null }],
  },
  {
    name: 'workload rebuilt whole with attackers of unedited accounts',
    reason:
      "the data-account function runs as another role: rebuilt whole, its attackers from every account, the sandbox's owners (administrators, self-escalators) read from the graph and left out",
    escalation: { source: SANDBOX_DEPLOY, target: SHARED_FN, before: true, after: true },
    changes: [
      {
        kind: 'workload',
        arn: SHARED_FN,
        workloadType: 'lambda-function',
        roleArn: 'arn:aws:iam::500000000005:role/SnowflakeStorageIntegration',
        resourcePolicy: functionPolicy(
          { AWS: 'arn:aws:iam::500000000006:root' },
          ['lambda:UpdateFunctionCode', 'lambda:InvokeFunction', 'lambda:GetFunction'],
          undefined,
          SHARED_FN,
        ),
      },
    ],
  },
  {
    name: "a workload's role deleted in another account's plan",
    reason:
      'the role a data-account function runs as is deleted: the function (in an edited account) loses its runs-as edge and its takeovers',
    changes: [
      { kind: 'delete', arn: 'arn:aws:iam::500000000005:role/OrganizationAccountAccessRole' },
    ],
  },
  {
    name: 'many changes at once',
    reason: 'changes in several accounts compose',
    changes: [
      {
        kind: 'attachments',
        arn: 'arn:aws:iam::500000000002:role/PartnerAuditRole',
        policyArns: [ADMIN],
      },
      {
        kind: 'trust-policy',
        arn: 'arn:aws:iam::500000000001:role/DeploymentAdminRole',
        document: trust({ AWS: 'arn:aws:iam::444444444444:root' }),
      },
      { kind: 'group-members', arn: 'arn:aws:iam::222222222222:group/Auditors', users: ['carol'] },
      { kind: 'delete', arn: 'arn:aws:iam::500000000003:role/CycleRoleA' },
      {
        kind: 'inline-policies',
        arn: 'arn:aws:iam::500000000003:role/LegacyPublicRole',
        policies: [],
      },
    ],
  },
];

let baseState: GraphState;

/** The base graph is exactly as before, and no listener of the rebuild is left on it. */
function expectBaseRestored(): void {
  expectGraphState(base.graph, baseState);
  expect(base.graph.listeners('nodeAdded')).toEqual([]);
}

function edgesOf(g: AccessGraph): Map<string, string> {
  const out = new Map<string, string>();
  g.forEachEdge((key, a, s, t) => out.set(key, JSON.stringify([s, t, a])));
  return out;
}

function full(snapshot: Snapshot) {
  const model = compileAuthzModel(snapshot);
  const graph = buildAccessGraph(snapshot, model, { config, lookupVendor });
  return { model, graph };
}

describe('incremental rebuild = full rebuild', () => {
  it('the demo with resources.json has resource edges', () => {
    let resourceEdges = 0;
    base.graph.forEachEdge((_k, _a, _s, _t, _sa, ta) => {
      if (ta.kind === 'resource') resourceEdges++;
    });
    expect(resourceEdges).toBeGreaterThan(0);
  });

  it("the demo's partner-settlement is reached by 999988887777 through its alias live only", () => {
    const from: string[] = [];
    base.graph.forEachInEdge(PARTNER_SETTLEMENT, (_k, a, s) => {
      if (a.kind === 'can-access') from.push(`${s} ${a.actionGroup ?? ''}`);
    });
    expect(from).toContain('arn:aws:iam::999988887777:root invoke');
  });

  it.each(CASES)('$name', ({ changes, functionEdges, escalation }) => {
    const applied = applyChanges(base.snapshot, changes);
    expect(applied.unresolved).toEqual([]);
    const f = full(applied.snapshot);
    const baseEdges = listDiffEdges(base.graph);
    if (escalation) {
      const has = (g: AccessGraph): boolean =>
        g.hasNode(escalation.source) &&
        g.hasNode(escalation.target) &&
        g
          .outEdges(escalation.source, escalation.target)
          .some((k) => g.getEdgeAttribute(k, 'kind') === 'can-escalate');
      expect(has(base.graph), 'in the base').toBe(escalation.before);
      expect(has(f.graph), 'after').toBe(escalation.after);
    }
    if (functionEdges) {
      const into: string[] = [];
      f.graph.forEachInEdge(functionEdges.fn, (_k, a, s) => {
        if (a.kind === 'can-access') into.push(`${s} ${a.actionGroup ?? ''}`);
      });
      expect(into).toEqual(expect.arrayContaining(functionEdges.edges));
      for (const edge of functionEdges.absent ?? []) expect(into).not.toContain(edge);
    }
    // Every check that may throw before the rebuild: it changes the base until undone.
    const inc = rebuildIncremental(base, applied, { config, lookupVendor });
    if (inc.kind !== 'done') throw new Error(`fell back: ${inc.reason}`);
    try {
      expect(inc.graph).toBe(base.graph);
      expectSameAsFull(inc, f, applied.snapshot, baseEdges);
    } finally {
      inc.undo();
    }
    expectBaseRestored();
  });

  function expectSameAsFull(
    inc: { graph: AccessGraph; model: Analysis['model']; edges: unknown },
    f: { graph: AccessGraph; model: Analysis['model'] },
    snapshot: Snapshot,
    baseEdges: ReturnType<typeof listDiffEdges>,
  ): void {
    const fe = edgesOf(f.graph);
    const ie = edgesOf(inc.graph);
    expect([...ie.keys()].sort()).toEqual([...fe.keys()].sort());
    for (const [k, v] of fe) expect(ie.get(k), k).toBe(v);

    f.graph.forEachNode((key, a) => {
      if (f.graph.degree(key) === 0 && !inc.graph.hasNode(key)) return;
      expect(inc.graph.hasNode(key), key).toBe(true);
      expect(inc.graph.getNodeAttributes(key), key).toEqual(a);
    });
    inc.graph.forEachNode((key) => {
      if (!f.graph.hasNode(key)) expect(inc.graph.degree(key), key).toBe(0);
    });

    const now = new Date('2026-12-07T00:00:00Z');
    const fullFindings = computeFindings({ graph: f.graph, model: f.model, snapshot, config, now });
    const incFindings = computeFindings({
      graph: inc.graph,
      model: inc.model,
      snapshot,
      config,
      now,
    });
    expect(incFindings).toEqual(fullFindings);

    expect(inc.edges).toEqual(diffEdges(baseEdges, listDiffEdges(f.graph)));
  }

  it('a new default version keeps the previous one (iam:SetDefaultPolicyVersion can return to it)', () => {
    const arn = 'arn:aws:iam::500000000006:policy/esc-rollback-narrow-policy';
    const applied = applyChanges(base.snapshot, [
      { kind: 'managed-policy', arn, document: allow('s3:ListAllMyBuckets', '*') },
    ]);
    const policy = applied.snapshot.accounts
      .get('500000000006')
      ?.managedPolicies.find((p) => p.arn === arn);
    expect(policy?.defaultVersionId).toBe('what-if');
    expect(policy?.otherVersions?.map((v) => v.versionId)).toEqual(['v1', 'v2']);
  });

  it('restores the base graph when the rebuild throws half-way', () => {
    // The trust policy names an account the graph does not hold yet: its node is made while the
    // role's edges are rebuilt (after edges were dropped), and the vendor lookup fails there.
    const applied = applyChanges(base.snapshot, [
      {
        kind: 'trust-policy',
        arn: 'arn:aws:iam::500000000003:role/LegacyPublicRole',
        document: trust({ AWS: 'arn:aws:iam::123456789012:root' }),
      },
    ]);
    const failing = (id: string): { name: string } | undefined => {
      if (id === '123456789012') throw new Error('vendor list unavailable');
      return lookupVendor(id);
    };
    expect(() => rebuildIncremental(base, applied, { config, lookupVendor: failing })).toThrow(
      'vendor list unavailable',
    );
    expectBaseRestored();
  });

  it('falls back to a full rebuild when an IAM Identity Center role changes', () => {
    const applied = applyChanges(base.snapshot, [
      {
        kind: 'trust-policy',
        arn: 'arn:aws:iam::500000000006:role/aws-reserved/sso.amazonaws.com/AWSReservedSSO_ReadOnlyAccess_0f1e2d3c4b5a6978',
        document: trust({ AWS: 'arn:aws:iam::999988887777:root' }),
      },
    ]);
    const inc = rebuildIncremental(base, applied, { config, lookupVendor });
    expect(inc).toEqual({
      kind: 'fallback',
      reason: 'an IAM Identity Center permission-set role changed',
    });
  });
});

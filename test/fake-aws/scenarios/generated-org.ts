/**
 * A generated organization of any size for the resume test and the benchmark: every account's
 * data is derived from its id on demand, so 500 accounts cost the fake no memory. Each account
 * has an audit role, a few roles with URL-encoded trust policies, a user in a group, a managed
 * policy, an OIDC provider, two buckets (one listed without its region), and in us-east-1 a
 * Lambda function and an SNS topic.
 */
import type { AccountData, Fault, OrganizationData, Scenario } from '../scenario.js';
import {
  ALL_BLOCKED,
  allow,
  bucket,
  canonicalIdOf,
  groupDetail,
  managedPolicyDetail,
  roleDetail,
  trustPolicy,
  urlEncoded,
  userDetail,
} from './builders.js';

export const GENERATED_MANAGEMENT = '100000000000';
export const GENERATED_AUDIT_ROLE = 'OrganizationAccountAccessRole';
const PARTITION = 'aws';
const ORG_ID = 'o-gen0000001';
const ROOT = 'r-gen1';

export interface GeneratedOrgOptions {
  accounts: number;
  latencyMs?: number;
  /** Accounts (by index, 0 = management) whose audit role cannot be assumed. */
  deniedIndexes?: readonly number[];
  faults?: readonly Fault[];
  /** Items per page (small values exercise pagination). */
  pageSize?: Partial<Scenario['pageSize']>;
}

export function generatedAccountId(index: number): string {
  return String(100000000000 + index);
}

export function generatedOrgScenario(options: GeneratedOrgOptions): Scenario {
  const ids = Array.from({ length: options.accounts }, (_, i) => generatedAccountId(i));
  const denied = new Set((options.deniedIndexes ?? []).map(generatedAccountId));
  const ous = Array.from({ length: Math.max(1, Math.ceil(options.accounts / 50)) }, (_, i) => ({
    Id: `ou-gen1-${String(i).padStart(8, '0')}`,
    Name: `Unit ${i}`,
    ParentId: ROOT,
  }));
  const parentOf = (index: number): string => (index === 0 ? ROOT : ous[index % ous.length]!.Id);
  const organization: OrganizationData = {
    Organization: {
      Id: ORG_ID,
      Arn: `arn:${PARTITION}:organizations::${GENERATED_MANAGEMENT}:organization/${ORG_ID}`,
      FeatureSet: 'ALL',
      MasterAccountArn: `arn:${PARTITION}:organizations::${GENERATED_MANAGEMENT}:account/${ORG_ID}/${GENERATED_MANAGEMENT}`,
      MasterAccountId: GENERATED_MANAGEMENT,
      MasterAccountEmail: 'root@example.com',
    },
    Accounts: ids.map((id, i) => ({
      Id: id,
      Arn: `arn:${PARTITION}:organizations::${GENERATED_MANAGEMENT}:account/${ORG_ID}/${id}`,
      Email: `account-${i}@example.com`,
      Name: `Account ${i}`,
      Status: 'ACTIVE',
      State: 'ACTIVE',
      JoinedMethod: i === 0 ? 'CREATED' : 'INVITED',
      JoinedTimestamp: '2020-01-02T03:04:05+00:00',
    })),
    Roots: [
      {
        Id: ROOT,
        Arn: `arn:${PARTITION}:organizations::${GENERATED_MANAGEMENT}:root/${ORG_ID}/${ROOT}`,
        Name: 'Root',
        PolicyTypes: [{ Type: 'SERVICE_CONTROL_POLICY', Status: 'ENABLED' }],
      },
    ],
    OrganizationalUnits: ous,
    AccountParents: Object.fromEntries(ids.map((id, i) => [id, parentOf(i)])),
    Policies: [
      {
        Id: 'p-FullAWSAccess',
        Name: 'FullAWSAccess',
        Type: 'SERVICE_CONTROL_POLICY',
        Content: JSON.stringify({
          Version: '2012-10-17',
          Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }],
        }),
        Targets: [ROOT, ...ous.map((ou) => ou.Id), ...ids],
      },
    ],
    delegatedAdministrators: [],
  };
  const known = new Set(ids);
  return {
    name: `generated-${options.accounts}`,
    partition: PARTITION,
    caller: {
      accountId: GENERATED_MANAGEMENT,
      arn: `arn:${PARTITION}:iam::${GENERATED_MANAGEMENT}:user/auditor`,
    },
    organization,
    accountIds: ids,
    account: (id) => (known.has(id) ? generatedAccount(id, denied.has(id)) : undefined),
    faults: options.faults ?? [],
    pageSize: { iam: 1000, organizations: 20, s3: 1000, ...options.pageSize },
    latencyMs: options.latencyMs ?? 0,
  };
}

function generatedAccount(id: string, denied: boolean): AccountData {
  const arn = (resource: string): string => `arn:${PARTITION}:iam::${id}:${resource}`;
  const owner = canonicalIdOf(id);
  const boundary = arn('policy/Boundary');
  return {
    id,
    iam: {
      UserDetailList: [userDetail(PARTITION, id, 'deployer', { groups: ['Deployers'] })],
      GroupDetailList: [
        groupDetail(PARTITION, id, 'Deployers', {
          inline: [
            {
              PolicyName: 'assume',
              PolicyDocument: urlEncoded(allow('sts:AssumeRole', arn('role/App'))),
            },
          ],
        }),
      ],
      RoleDetailList: [
        roleDetail(
          PARTITION,
          id,
          GENERATED_AUDIT_ROLE,
          urlEncoded(trustPolicy({ AWS: `arn:${PARTITION}:iam::${GENERATED_MANAGEMENT}:root` })),
          {
            attached: [
              {
                PolicyName: 'SecurityAudit',
                PolicyArn: `arn:${PARTITION}:iam::aws:policy/SecurityAudit`,
              },
            ],
          },
        ),
        roleDetail(
          PARTITION,
          id,
          'App',
          urlEncoded(trustPolicy({ Service: 'lambda.amazonaws.com' })),
          { boundaryArn: boundary },
        ),
        roleDetail(
          PARTITION,
          id,
          'Vendor',
          urlEncoded(
            trustPolicy(
              { AWS: 'arn:aws:iam::464622532012:root' },
              { Condition: { StringEquals: { 'sts:ExternalId': `ext-${id}` } } },
            ),
          ),
        ),
      ],
      Policies: [
        managedPolicyDetail(boundary, 'Boundary', urlEncoded(allow(['s3:GetObject', 'logs:*']))),
      ],
    },
    oidcProviders: [
      {
        Arn: arn('oidc-provider/token.actions.githubusercontent.com'),
        Url: 'token.actions.githubusercontent.com',
        ClientIDList: ['sts.amazonaws.com'],
        ThumbprintList: ['6938fd4d98bab03faadb97b34396831e3780aea1'],
        CreateDate: '2022-01-01T00:00:00+00:00',
      },
    ],
    samlProviders: [],
    s3: {
      Owner: { ID: owner },
      AccountPublicAccessBlock: ALL_BLOCKED,
      Buckets: [
        bucket(`data-${id}`, 'eu-west-1', owner, {
          Policy: JSON.stringify({
            Version: '2012-10-17',
            Statement: [
              {
                Effect: 'Allow',
                Principal: { AWS: arn('role/App') },
                Action: 's3:GetObject',
                Resource: `arn:aws:s3:::data-${id}/*`,
              },
            ],
          }),
        }),
        bucket(`logs-${id}`, 'us-east-1', owner, {
          listedWithRegion: false,
          PublicAccessBlock: ALL_BLOCKED,
        }),
      ],
    },
    regions: ['us-east-1'],
    regional: {
      'us-east-1': {
        lambdaFunctions: [
          {
            FunctionName: 'app',
            FunctionArn: `arn:${PARTITION}:lambda:us-east-1:${id}:function:app`,
            Role: arn('role/App'),
          },
        ],
        topics: [{ TopicArn: `arn:${PARTITION}:sns:us-east-1:${id}:events` }],
      },
    },
    ...(denied ? {} : { auditRole: { name: GENERATED_AUDIT_ROLE } }),
  };
}

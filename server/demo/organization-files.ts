/**
 * organization.json and collection.json of the demo organization (DESIGN.md "Snapshot
 * directory", docs/snapshot-format.md), with SCPs and RCPs as AWS Organizations stores them:
 * FullAWSAccess / RCPFullAWSAccess attached at every level, policy content as a JSON string.
 */
import {
  denyGlueDevEndpointsScp,
  SCP_DENY_GLUE_DEV_ENDPOINTS,
} from './accounts/escalation-plants.js';
import {
  COLLECTION_FINISHED_AT,
  COLLECTION_STARTED_AT,
  DATA_PROD,
  MANAGEMENT,
  ORG_CREATED_AT,
  ORG_ID,
  OU,
  OU_NAMES,
  OU_PARENTS,
  PARTITION,
  ROOT_ID,
  SANDBOX,
  SECURITY,
  type DemoAccount,
} from './demo-constants.js';
import { allow, deny, policy } from './policy-documents.js';

const ORG_ARN = `arn:${PARTITION}:organizations::${MANAGEMENT}:organization/${ORG_ID}`;

/** Global services exempted from the region restriction (AWS's example SCP, abridged). */
const GLOBAL_SERVICES = [
  'a4b:*',
  'budgets:*',
  'ce:*',
  'cloudfront:*',
  'cur:*',
  'globalaccelerator:*',
  'health:*',
  'iam:*',
  'organizations:*',
  'route53:*',
  'route53domains:*',
  's3:GetAccountPublic*',
  's3:ListAllMyBuckets',
  's3:PutAccountPublic*',
  'shield:*',
  'sts:*',
  'support:*',
  'trustedadvisor:*',
  'waf:*',
  'wafv2:*',
];

export const SCP_FULL_AWS_ACCESS = 'p-FullAWSAccess';
export const RCP_FULL_AWS_ACCESS = 'p-RCPFullAWSAccess';
export const SCP_DENY_LEAVE_ORG = 'p-a1b2denyleave';
export const SCP_REGION_RESTRICTION = 'p-a1b2regionres';
export const RCP_ENFORCE_ORG_IDENTITIES = 'p-a1b2orgident0';

interface OrgPolicyJson {
  Id: string;
  Arn: string;
  Name: string;
  Description: string;
  Type: 'SERVICE_CONTROL_POLICY' | 'RESOURCE_CONTROL_POLICY';
  AwsManaged: boolean;
  Content: string;
  Targets: string[];
}

function orgPolicy(
  id: string,
  name: string,
  type: OrgPolicyJson['Type'],
  description: string,
  content: unknown,
  targets: string[],
  awsManaged = false,
): OrgPolicyJson {
  const kind =
    type === 'SERVICE_CONTROL_POLICY' ? 'service_control_policy' : 'resource_control_policy';
  const arn = awsManaged
    ? `arn:${PARTITION}:organizations::aws:policy/${kind}/${id}`
    : `arn:${PARTITION}:organizations::${MANAGEMENT}:policy/${ORG_ID}/${kind}/${id}`;
  return {
    Id: id,
    Arn: arn,
    Name: name,
    Description: description,
    Type: type,
    AwsManaged: awsManaged,
    Content: JSON.stringify(content),
    Targets: targets,
  };
}

function accountArn(id: string): string {
  return `arn:${PARTITION}:organizations::${MANAGEMENT}:account/${ORG_ID}/${id}`;
}

/** organization.json for the given accounts (every account listed, readable or not). */
export function buildOrganizationJson(accounts: readonly DemoAccount[]): unknown {
  const ouIds = Object.values(OU);
  const everyLevel = [ROOT_ID, ...ouIds, ...accounts.map((a) => a.id)];
  const policyTypes = [
    { Type: 'SERVICE_CONTROL_POLICY', Status: 'ENABLED' },
    { Type: 'RESOURCE_CONTROL_POLICY', Status: 'ENABLED' },
  ];
  const accountParents: Record<string, string> = {};
  for (const a of accounts) accountParents[a.id] = a.parent;
  return {
    Organization: {
      Id: ORG_ID,
      Arn: ORG_ARN,
      FeatureSet: 'ALL',
      MasterAccountArn: accountArn(MANAGEMENT),
      MasterAccountId: MANAGEMENT,
      MasterAccountEmail: 'aws+management@acme.example',
      AvailablePolicyTypes: policyTypes,
    },
    Accounts: accounts.map((a) => ({
      Id: a.id,
      Arn: accountArn(a.id),
      Email: `aws+${a.name}@acme.example`,
      Name: a.name,
      Status: 'ACTIVE',
      JoinedMethod: a.id === MANAGEMENT ? 'INVITED' : 'CREATED',
      JoinedTimestamp: ORG_CREATED_AT,
    })),
    Roots: [
      {
        Id: ROOT_ID,
        Arn: `arn:${PARTITION}:organizations::${MANAGEMENT}:root/${ORG_ID}/${ROOT_ID}`,
        Name: 'Root',
        PolicyTypes: policyTypes,
      },
    ],
    OrganizationalUnits: ouIds.map((id) => ({
      Id: id,
      Arn: `arn:${PARTITION}:organizations::${MANAGEMENT}:ou/${ORG_ID}/${id}`,
      Name: OU_NAMES[id],
      ParentId: OU_PARENTS[id],
    })),
    AccountParents: accountParents,
    Policies: [
      orgPolicy(
        SCP_FULL_AWS_ACCESS,
        'FullAWSAccess',
        'SERVICE_CONTROL_POLICY',
        'Allows access to every operation',
        policy(allow('*', '*')),
        everyLevel,
        true,
      ),
      orgPolicy(
        SCP_DENY_LEAVE_ORG,
        'DenyLeaveOrganization',
        'SERVICE_CONTROL_POLICY',
        'Member accounts cannot leave the organization',
        policy(deny('organizations:LeaveOrganization', '*', undefined, 'DenyLeaveOrganization')),
        [OU.workloads],
      ),
      orgPolicy(
        SCP_REGION_RESTRICTION,
        'RegionRestriction',
        'SERVICE_CONTROL_POLICY',
        'Dev accounts may only use us-east-1 and eu-west-1',
        policy({
          Sid: 'DenyOutsideApprovedRegions',
          Effect: 'Deny',
          NotAction: GLOBAL_SERVICES,
          Resource: '*',
          Condition: {
            StringNotEquals: { 'aws:RequestedRegion': ['us-east-1', 'eu-west-1'] },
            ArnNotLike: {
              'aws:PrincipalARN': `arn:${PARTITION}:iam::*:role/OrganizationAccountAccessRole`,
            },
          },
        }),
        [OU.dev],
      ),
      orgPolicy(
        SCP_DENY_GLUE_DEV_ENDPOINTS,
        'DenyGlueDevEndpoints',
        'SERVICE_CONTROL_POLICY',
        'No Glue development endpoints in the sandbox (blocks a privilege escalation)',
        denyGlueDevEndpointsScp(),
        accounts.some((a) => a.id === SANDBOX) ? [SANDBOX] : [],
      ),
      orgPolicy(
        RCP_FULL_AWS_ACCESS,
        'RCPFullAWSAccess',
        'RESOURCE_CONTROL_POLICY',
        'Allows access to every operation',
        policy({ Effect: 'Allow', Principal: '*', Action: '*', Resource: '*' }),
        everyLevel,
        true,
      ),
      orgPolicy(
        RCP_ENFORCE_ORG_IDENTITIES,
        'EnforceOrgIdentitiesOnS3',
        'RESOURCE_CONTROL_POLICY',
        'Only principals of the organization and AWS services may use S3 in the data account',
        policy({
          Sid: 'EnforceOrgIdentities',
          Effect: 'Deny',
          Principal: '*',
          Action: 's3:*',
          Resource: '*',
          Condition: {
            StringNotEqualsIfExists: { 'aws:PrincipalOrgID': ORG_ID },
            BoolIfExists: { 'aws:PrincipalIsAWSService': 'false' },
          },
        }),
        [DATA_PROD],
      ),
    ],
  };
}

/** collection.json: every readable account `ok`, the unreadable ones `denied`. */
export function buildCollectionJson(accounts: readonly DemoAccount[]): unknown {
  // bob (security account) may assume SecurityAuditRole in every member account.
  const collector = `arn:${PARTITION}:iam::${SECURITY}:user/people/bob`;
  const statuses: Record<string, unknown> = {};
  const errors: unknown[] = [];
  for (const a of accounts) {
    if (a.readable) {
      statuses[a.id] = { status: 'ok', errors: [] };
      continue;
    }
    const error = {
      call: 'sts:AssumeRole',
      errorName: 'AccessDenied',
      message: `User: ${collector} is not authorized to perform: sts:AssumeRole on resource: arn:${PARTITION}:iam::${a.id}:role/SecurityAuditRole`,
    };
    statuses[a.id] = { status: 'denied', errors: [error] };
    errors.push({ accountId: a.id, ...error });
  }
  return {
    startedAt: COLLECTION_STARTED_AT,
    finishedAt: COLLECTION_FINISHED_AT,
    collectedBy: collector,
    organizationAvailable: true,
    accounts: statuses,
    errors,
  };
}

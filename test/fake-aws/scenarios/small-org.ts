/**
 * A small organization that exercises everything the collector must get right: a management
 * account, an OU tree three levels deep, SCPs and RCPs, multi-page listings, buckets in several
 * regions (some listed without a region), URL-encoded and malformed documents, throttling bursts,
 * an account whose audit role cannot be assumed, an expired token on one call, a slow account and
 * a suspended account.
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

export const PARTITION = 'aws';
export const MANAGEMENT = '111111111111';
export const PROD = '222222222222';
export const DENIED = '333333333333';
export const EXPIRED = '444444444444';
export const SLOW = '555555555555';
export const SUSPENDED = '666666666666';
export const SANDBOX = '777777777777';
export const AUDIT_ROLE = 'TrustmapAudit';
export const EXTERNAL_ID = 'trustmap-test-external-id';
/** The bucket whose GetBucketAcl answers ExpiredToken once. */
export const EXPIRED_BUCKET = `expired-logs-${EXPIRED}`;

const ORG_ID = 'o-a1b2c3d4e5';
const ROOT = 'r-ab12';
const OU_PROD = 'ou-ab12-prod0001';
const OU_SANDBOX = 'ou-ab12-sbox0001';
const OU_DEV = 'ou-ab12-dev00001';

const arnOf = (account: string, resource: string): string =>
  `arn:${PARTITION}:iam::${account}:${resource}`;

function account(
  id: string,
  name: string,
  status: string,
  parent: string,
): OrganizationData['Accounts'][number] & { parent: string } {
  return {
    Id: id,
    Arn: `arn:${PARTITION}:organizations::${MANAGEMENT}:account/${ORG_ID}/${id}`,
    Email: `${name.toLowerCase()}@example.com`,
    Name: name,
    Status: status,
    State: status,
    JoinedMethod: id === MANAGEMENT ? 'CREATED' : 'INVITED',
    JoinedTimestamp: '2020-01-02T03:04:05+00:00',
    parent,
  };
}

const ACCOUNTS = [
  account(MANAGEMENT, 'Management', 'ACTIVE', ROOT),
  account(PROD, 'Prod & <Main>', 'ACTIVE', OU_PROD),
  account(DENIED, 'Denied', 'ACTIVE', OU_PROD),
  account(EXPIRED, 'Expired', 'ACTIVE', OU_SANDBOX),
  account(SLOW, 'Slow', 'ACTIVE', OU_DEV),
  account(SUSPENDED, 'Suspended', 'SUSPENDED', OU_DEV),
  account(SANDBOX, 'Sandbox', 'ACTIVE', OU_SANDBOX),
];

const FULL_ACCESS = JSON.stringify({
  Version: '2012-10-17',
  Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }],
});

export const SMALL_ORGANIZATION: OrganizationData = {
  Organization: {
    Id: ORG_ID,
    Arn: `arn:${PARTITION}:organizations::${MANAGEMENT}:organization/${ORG_ID}`,
    FeatureSet: 'ALL',
    MasterAccountArn: `arn:${PARTITION}:organizations::${MANAGEMENT}:account/${ORG_ID}/${MANAGEMENT}`,
    MasterAccountId: MANAGEMENT,
    MasterAccountEmail: 'management@example.com',
  },
  Accounts: ACCOUNTS.map(({ parent: _parent, ...rest }) => rest),
  Roots: [
    {
      Id: ROOT,
      Arn: `arn:${PARTITION}:organizations::${MANAGEMENT}:root/${ORG_ID}/${ROOT}`,
      Name: 'Root',
      PolicyTypes: [
        { Type: 'SERVICE_CONTROL_POLICY', Status: 'ENABLED' },
        { Type: 'RESOURCE_CONTROL_POLICY', Status: 'ENABLED' },
      ],
    },
  ],
  OrganizationalUnits: [
    { Id: OU_PROD, Name: 'Prod', ParentId: ROOT },
    { Id: OU_SANDBOX, Name: 'Sandbox', ParentId: ROOT },
    { Id: OU_DEV, Name: 'Dev', ParentId: OU_SANDBOX },
  ],
  AccountParents: Object.fromEntries(ACCOUNTS.map((a) => [a.Id, a.parent])),
  Policies: [
    {
      Id: 'p-FullAWSAccess',
      Name: 'FullAWSAccess',
      Type: 'SERVICE_CONTROL_POLICY',
      Content: FULL_ACCESS,
      Targets: [ROOT, OU_PROD, OU_SANDBOX, OU_DEV, ...ACCOUNTS.map((a) => a.Id)],
    },
    {
      Id: 'p-denyleave1',
      Name: 'DenyLeaveOrganization',
      Type: 'SERVICE_CONTROL_POLICY',
      Content: JSON.stringify({
        Version: '2012-10-17',
        Statement: [{ Effect: 'Deny', Action: 'organizations:LeaveOrganization', Resource: '*' }],
      }),
      Targets: [ROOT],
    },
    {
      Id: 'p-RCPFullAWSAccess',
      Name: 'RCPFullAWSAccess',
      Type: 'RESOURCE_CONTROL_POLICY',
      Content: FULL_ACCESS,
      Targets: [ROOT, OU_PROD, OU_SANDBOX, OU_DEV, ...ACCOUNTS.map((a) => a.Id)],
    },
    {
      Id: 'p-rcpnoext01',
      Name: 'EnforceOrgIdentities',
      Type: 'RESOURCE_CONTROL_POLICY',
      Content: JSON.stringify({
        Version: '2012-10-17',
        Statement: [
          {
            Effect: 'Deny',
            Principal: '*',
            Action: 's3:*',
            Resource: '*',
            Condition: { StringNotEqualsIfExists: { 'aws:PrincipalOrgID': ORG_ID } },
          },
        ],
      }),
      Targets: [OU_PROD],
    },
  ],
  delegatedAdministrators: [SANDBOX],
};

function auditRoleDetail(id: string): ReturnType<typeof roleDetail> {
  return roleDetail(
    PARTITION,
    id,
    AUDIT_ROLE,
    urlEncoded(
      trustPolicy(
        { AWS: arnOf(MANAGEMENT, 'root') },
        { Condition: { StringEquals: { 'sts:ExternalId': EXTERNAL_ID } } },
      ),
    ),
    {
      attached: [
        {
          PolicyName: 'SecurityAudit',
          PolicyArn: `arn:${PARTITION}:iam::aws:policy/SecurityAudit`,
        },
      ],
    },
  );
}

function baseAccount(id: string): AccountData {
  const owner = canonicalIdOf(id);
  return {
    id,
    iam: {
      UserDetailList: [],
      GroupDetailList: [],
      RoleDetailList: [auditRoleDetail(id)],
      Policies: [],
    },
    oidcProviders: [],
    samlProviders: [],
    s3: { Owner: { ID: owner, DisplayName: `owner-${id}` }, Buckets: [] },
    auditRole: { name: AUDIT_ROLE, externalId: EXTERNAL_ID },
  };
}

const boundaryArn = arnOf(MANAGEMENT, 'policy/DeveloperBoundary');

const management: AccountData = {
  ...baseAccount(MANAGEMENT),
  iam: {
    UserDetailList: [
      userDetail(PARTITION, MANAGEMENT, 'alice', {
        groups: ['Admins'],
        inline: [
          {
            PolicyName: 'assume-prod',
            PolicyDocument: urlEncoded(allow('sts:AssumeRole', arnOf(PROD, 'role/Deploy'))),
          },
        ],
      }),
      userDetail(PARTITION, MANAGEMENT, 'bob'),
    ],
    GroupDetailList: [
      groupDetail(PARTITION, MANAGEMENT, 'Admins', {
        attached: [
          {
            PolicyName: 'AdministratorAccess',
            PolicyArn: `arn:${PARTITION}:iam::aws:policy/AdministratorAccess`,
          },
        ],
      }),
    ],
    RoleDetailList: [
      auditRoleDetail(MANAGEMENT),
      roleDetail(
        PARTITION,
        MANAGEMENT,
        'OrganizationAccountAccessRole',
        urlEncoded(trustPolicy({ AWS: arnOf(MANAGEMENT, 'root') })),
        {
          boundaryArn,
          tags: [{ Key: 'owner', Value: 'platform <team> & "friends"' }],
          lastUsed: { LastUsedDate: '2024-05-06T07:08:09+00:00', Region: 'eu-west-1' },
        },
      ),
    ],
    Policies: [
      managedPolicyDetail(
        boundaryArn,
        'DeveloperBoundary',
        urlEncoded(allow(['s3:*', 'sts:AssumeRole'])),
      ),
    ],
  },
  s3: {
    Owner: { ID: canonicalIdOf(MANAGEMENT), DisplayName: 'management' },
    AccountPublicAccessBlock: ALL_BLOCKED,
    Buckets: [
      bucket(`org-trail-${MANAGEMENT}`, 'us-east-1', canonicalIdOf(MANAGEMENT), {
        PublicAccessBlock: ALL_BLOCKED,
        OwnershipControls: { Rules: [{ ObjectOwnership: 'BucketOwnerEnforced' }] },
      }),
    ],
  },
};

const prodOwner = canonicalIdOf(PROD);
const prod: AccountData = {
  ...baseAccount(PROD),
  iam: {
    UserDetailList: [],
    GroupDetailList: [],
    RoleDetailList: [
      auditRoleDetail(PROD),
      roleDetail(
        PARTITION,
        PROD,
        'Deploy',
        urlEncoded(trustPolicy({ AWS: arnOf(MANAGEMENT, 'user/alice') })),
        {
          path: '/ci/',
          inline: [
            {
              PolicyName: 'write-artifacts',
              PolicyDocument: urlEncoded(
                allow('s3:PutObject', 'arn:aws:s3:::prod-artifacts-222222222222/*'),
              ),
            },
          ],
        },
      ),
      roleDetail(
        PARTITION,
        PROD,
        'GitHubActions',
        urlEncoded(
          trustPolicy(
            { Federated: arnOf(PROD, 'oidc-provider/token.actions.githubusercontent.com') },
            {
              Action: 'sts:AssumeRoleWithWebIdentity',
              Condition: {
                StringLike: { 'token.actions.githubusercontent.com:sub': 'repo:acme/*' },
              },
            },
          ),
        ),
      ),
      roleDetail(
        PARTITION,
        PROD,
        'DatadogIntegration',
        urlEncoded(trustPolicy({ AWS: 'arn:aws:iam::464622532012:root' })),
      ),
      // A malformed trust policy (truncated JSON), URL-encoded as IAM would return it.
      roleDetail(
        PARTITION,
        PROD,
        'Broken',
        encodeURIComponent('{"Version":"2012-10-17","Statement":[{"Effect":"Allow",'),
      ),
      // A non-breaking space inside the document, as hand-edited policies sometimes carry.
      roleDetail(
        PARTITION,
        PROD,
        'NbspTrust',
        encodeURIComponent(
          `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"ec2.amazonaws.com"},\u00a0"Action":"sts:AssumeRole"}]}`,
        ),
      ),
    ],
    Policies: [],
  },
  oidcProviders: [
    {
      Arn: arnOf(PROD, 'oidc-provider/token.actions.githubusercontent.com'),
      Url: 'token.actions.githubusercontent.com',
      ClientIDList: ['sts.amazonaws.com'],
      ThumbprintList: ['6938fd4d98bab03faadb97b34396831e3780aea1'],
      CreateDate: '2022-01-01T00:00:00+00:00',
    },
  ],
  samlProviders: [
    {
      Arn: arnOf(PROD, 'saml-provider/Okta'),
      ValidUntil: '2030-01-01T00:00:00+00:00',
      CreateDate: '2022-01-01T00:00:00+00:00',
    },
  ],
  s3: {
    Owner: { ID: prodOwner, DisplayName: 'prod' },
    Buckets: [
      bucket(`prod-artifacts-${PROD}`, 'eu-west-1', prodOwner, {
        listedWithRegion: false,
        Policy: JSON.stringify({
          Version: '2012-10-17',
          Statement: [
            {
              Sid: 'Public',
              Effect: 'Allow',
              Principal: '*',
              Action: 's3:GetObject',
              Resource: `arn:aws:s3:::prod-artifacts-${PROD}/*`,
            },
          ],
        }),
        OwnershipControls: { Rules: [{ ObjectOwnership: 'ObjectWriter' }] },
        publicRead: true,
      }),
      bucket(`prod-legacy-${PROD}`, 'us-east-1', prodOwner, { listedWithRegion: false }),
      bucket(`prod-malformed-${PROD}`, 'ap-southeast-2', prodOwner, {
        Policy: '{"Version": "2012-10-17", "Statement": [ {"Effect": "Allow" ',
      }),
      bucket(`prod-eu-${PROD}`, 'eu-central-1', prodOwner, {
        PublicAccessBlock: { ...ALL_BLOCKED, RestrictPublicBuckets: false },
      }),
    ],
  },
};

const expiredOwner = canonicalIdOf(EXPIRED);
const expired: AccountData = {
  ...baseAccount(EXPIRED),
  s3: {
    Owner: { ID: expiredOwner },
    Buckets: [
      bucket(EXPIRED_BUCKET, 'us-west-2', expiredOwner),
      bucket(`expired-data-${EXPIRED}`, 'us-west-2', expiredOwner),
    ],
  },
};

const DATA: Record<string, AccountData> = {
  [MANAGEMENT]: management,
  [PROD]: prod,
  [DENIED]: { ...baseAccount(DENIED), auditRole: { name: 'SomeOtherRole' } },
  [EXPIRED]: expired,
  [SLOW]: {
    ...baseAccount(SLOW),
    s3: {
      Owner: { ID: canonicalIdOf(SLOW) },
      Buckets: [bucket(`slow-${SLOW}`, 'us-east-1', canonicalIdOf(SLOW))],
    },
  },
  [SUSPENDED]: baseAccount(SUSPENDED),
  [SANDBOX]: baseAccount(SANDBOX),
};

export const SMALL_ORG_FAULTS: readonly Fault[] = [
  { kind: 'throttle', operation: 'iam:GetAccountAuthorizationDetails', count: 3 },
  { kind: 'throttle', operation: 'organizations:ListAccounts', count: 2 },
  { kind: 'throttle', operation: 's3:GetBucketPolicy', count: 2 },
  { kind: 'throttle', operation: 'sts:AssumeRole', count: 1 },
  { kind: 'throttle', operation: 's3control:GetPublicAccessBlock', count: 1 },
  {
    kind: 'error',
    operation: 's3:GetBucketAcl',
    accountId: EXPIRED,
    resource: EXPIRED_BUCKET,
    code: 'ExpiredToken',
    status: 400,
    message: 'The provided token has expired.',
    times: 1,
  },
  { kind: 'latency', accountId: SLOW, ms: 150 },
];

/** The small organization seen from `callerAccountId` (management by default). */
export function smallOrgScenario(
  options: { caller?: string; faults?: readonly Fault[]; latencyMs?: number } = {},
): Scenario {
  const caller = options.caller ?? MANAGEMENT;
  return {
    name: 'small-org',
    partition: PARTITION,
    caller: { accountId: caller, arn: arnOf(caller, 'user/auditor') },
    organization: SMALL_ORGANIZATION,
    accountIds: Object.keys(DATA),
    account: (id) => DATA[id],
    faults: options.faults ?? SMALL_ORG_FAULTS,
    pageSize: { iam: 2, organizations: 2, s3: 2 },
    latencyMs: options.latencyMs ?? 0,
  };
}

/**
 * A small organization that exercises everything the collector must get right: a management
 * account, an OU tree three levels deep, SCPs and RCPs, multi-page listings, buckets in several
 * regions (some listed without a region), URL-encoded and malformed documents, throttling bursts,
 * an account whose audit role cannot be assumed, an expired token on one call, a slow account and
 * a suspended account.
 */
import type {
  AccountData,
  Fault,
  IdentityCenterData,
  OrganizationData,
  RegionData,
  Scenario,
} from '../scenario.js';
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
/** Regions enabled in every account of the small organization. */
export const SMALL_ORG_REGIONS = ['eu-west-1', 'us-east-1'];
/** The region of PROD whose lambda:ListFunctions is denied in the faulty scenario. */
export const DENIED_LAMBDA_REGION = 'eu-west-1';

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
    regions: SMALL_ORG_REGIONS,
  };
}

const boundaryArn = arnOf(MANAGEMENT, 'policy/DeveloperBoundary');

const management: AccountData = {
  ...baseAccount(MANAGEMENT),
  regional: {
    'us-east-1': {
      lambdaFunctions: [
        {
          FunctionName: 'org-notifier',
          FunctionArn: `arn:${PARTITION}:lambda:us-east-1:${MANAGEMENT}:function:org-notifier`,
          Role: arnOf(MANAGEMENT, 'role/OrganizationAccountAccessRole'),
        },
      ],
    },
  },
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
const prodRole = (name: string): string => arnOf(PROD, `role/${name}`);
const PROD_DATA_KEY = `arn:${PARTITION}:kms:eu-west-1:${PROD}:key/1111aaaa-2222-3333-4444-555566667777`;
const KEY_POLICY = JSON.stringify({
  Version: '2012-10-17',
  Id: 'key-default-1',
  Statement: [
    {
      Sid: 'Enable IAM User Permissions',
      Effect: 'Allow',
      Principal: { AWS: arnOf(PROD, 'root') },
      Action: 'kms:*',
      Resource: '*',
    },
    {
      Sid: 'VendorDecrypt',
      Effect: 'Allow',
      Principal: { AWS: 'arn:aws:iam::464622532012:root' },
      Action: 'kms:Decrypt',
      Resource: '*',
    },
  ],
});
const resourcePolicy = (principal: unknown, action: string, resource: string): string =>
  JSON.stringify({
    Version: '2012-10-17',
    Statement: [{ Effect: 'Allow', Principal: principal, Action: action, Resource: resource }],
  });

/** The function whose lambda:ListFunctionUrlConfigs is denied in the faulty scenario. */
export const DENIED_URLS_FUNCTION = `arn:${PARTITION}:lambda:us-east-1:${PROD}:function:plain`;

const functionUrl = (
  name: string,
  authType: 'NONE' | 'AWS_IAM',
  alias?: string,
): { FunctionUrl: string; FunctionArn: string; AuthType: 'NONE' | 'AWS_IAM' } => ({
  FunctionUrl: `https://${name.replace(/-/g, '')}${alias ?? ''}.lambda-url.us-east-1.on.aws/`,
  FunctionArn: `arn:${PARTITION}:lambda:us-east-1:${PROD}:function:${name}${alias === undefined ? '' : `:${alias}`}`,
  AuthType: authType,
});

/**
 * Function URLs of PROD (ListFunctionUrlConfigs): deploy-hook's three AWS_IAM URLs take two pages;
 * public-fn has one NONE URL; plain's listing is denied; the management account's function has none.
 */
const PROD_FUNCTION_URLS: Record<string, ReturnType<typeof functionUrl>[]> = {
  'deploy-hook': [
    functionUrl('deploy-hook', 'AWS_IAM'),
    functionUrl('deploy-hook', 'AWS_IAM', 'live'),
    functionUrl('deploy-hook', 'AWS_IAM', 'canary'),
  ],
  'public-fn': [functionUrl('public-fn', 'NONE')],
};

/** PROD's self-managed stack set (ListStackInstances in pages of 2). */
export const PROD_STACK_SET = `arn:${PARTITION}:cloudformation:us-east-1:${PROD}:stackset/baseline:0001`;
/** The stack set whose cloudformation:ListStackInstances is denied in the faulty scenario. */
export const DENIED_INSTANCES_STACK_SET = 'unlisted';
/** The CodeDeploy application whose deployment groups the audit role may not describe. */
export const DENIED_DEPLOY_APPLICATION = 'legacy';

/** The function whose lambda:ListAliases is denied in the faulty scenario. */
export const DENIED_ALIASES_FUNCTION = `arn:${PARTITION}:lambda:us-east-1:${PROD}:function:public-fn`;

/** The alias whose lambda:GetPolicy is denied in the faulty scenario (plain's `old`). */
export const DENIED_ALIAS_POLICY = `arn:${PARTITION}:lambda:us-east-1:${PROD}:function:plain:old`;

/** The function whose lambda:ListVersionsByFunction is denied in the faulty scenario. */
export const DENIED_VERSIONS_FUNCTION = `arn:${PARTITION}:lambda:us-east-1:${PROD}:function:public-fn`;

/** The published version whose lambda:GetPolicy is denied in the faulty scenario (plain's 1). */
export const DENIED_VERSION_POLICY = `arn:${PARTITION}:lambda:us-east-1:${PROD}:function:plain:1`;

/** The account that deploy-hook's version 3 lets invoke it (the version's own policy). */
export const VERSION_INVOKER_ACCOUNT = '777788889999';

/**
 * Published versions of PROD (ListVersionsByFunction, pages of 2 with `$LATEST` first):
 * deploy-hook has 1, 2 and 3 — 3 with its own policy; public-fn's listing is denied; plain's 1 has
 * its GetPolicy denied.
 */
const PROD_FUNCTION_VERSIONS: Record<string, { Version: string; Policy?: string }[]> = {
  'deploy-hook': [
    { Version: '1' },
    { Version: '2' },
    {
      Version: '3',
      Policy: resourcePolicy(
        { AWS: `arn:${PARTITION}:iam::${VERSION_INVOKER_ACCOUNT}:root` },
        'lambda:InvokeFunction',
        `arn:${PARTITION}:lambda:us-east-1:${PROD}:function:deploy-hook:3`,
      ),
    },
  ],
  'public-fn': [{ Version: '1' }],
  plain: [{ Version: '1' }],
};

/** The account that deploy-hook's `live` alias lets invoke it (the alias's own policy). */
export const ALIAS_INVOKER_ACCOUNT = '444455556666';

/**
 * Aliases of PROD (ListAliases, pages of 2): deploy-hook has three — `live` with its own policy,
 * `canary` ($LATEST) and `blue` without one; public-fn's listing is denied; plain's `old` has its
 * GetPolicy denied.
 */
const PROD_FUNCTION_ALIASES: Record<
  string,
  { Name: string; FunctionVersion: string; Policy?: string }[]
> = {
  'deploy-hook': [
    {
      Name: 'live',
      FunctionVersion: '3',
      Policy: resourcePolicy(
        { AWS: `arn:${PARTITION}:iam::${ALIAS_INVOKER_ACCOUNT}:root` },
        'lambda:InvokeFunction',
        `arn:${PARTITION}:lambda:us-east-1:${PROD}:function:deploy-hook:live`,
      ),
    },
    { Name: 'canary', FunctionVersion: '$LATEST' },
    { Name: 'blue', FunctionVersion: '2' },
  ],
  plain: [{ Name: 'old', FunctionVersion: '1' }],
};

/** PROD's workloads and resources: several of each (pages of 2), in two regions. */
const PROD_REGIONAL: Record<string, RegionData> = {
  'us-east-1': {
    lambdaFunctions: ['deploy-hook', 'public-fn', 'plain'].map((name, i) => {
      const arn = `arn:${PARTITION}:lambda:us-east-1:${PROD}:function:${name}`;
      return {
        FunctionName: name,
        FunctionArn: arn,
        Role: prodRole(i === 0 ? 'ci/Deploy' : 'AppServer'),
        ...(name === 'plain' ? {} : { Urls: PROD_FUNCTION_URLS[name] }),
        ...(name === 'public-fn' ? {} : { Aliases: PROD_FUNCTION_ALIASES[name] }),
        Versions: PROD_FUNCTION_VERSIONS[name],
        ...(name === 'plain'
          ? {}
          : {
              Policy: resourcePolicy(
                name === 'public-fn' ? '*' : { Service: 's3.amazonaws.com' },
                'lambda:InvokeFunction',
                arn,
              ),
            }),
      };
    }),
    // deploy-hook reads a queue (Enabled), plain had one on a stream (Disabled); more than one
    // page of mappings.
    eventSourceMappings: [
      {
        UUID: 'a1b2c3d4-0000-4000-8000-000000000001',
        FunctionArn: `arn:${PARTITION}:lambda:us-east-1:${PROD}:function:deploy-hook`,
        EventSourceArn: `arn:${PARTITION}:sqs:us-east-1:${PROD}:deploy-requests`,
        State: 'Enabled',
      },
      {
        UUID: 'a1b2c3d4-0000-4000-8000-000000000002',
        FunctionArn: `arn:${PARTITION}:lambda:us-east-1:${PROD}:function:plain`,
        EventSourceArn: `arn:${PARTITION}:kinesis:us-east-1:${PROD}:stream/clicks`,
        State: 'Disabled',
      },
      {
        UUID: 'a1b2c3d4-0000-4000-8000-000000000003',
        FunctionArn: `arn:${PARTITION}:lambda:us-east-1:${PROD}:function:deploy-hook:live`,
        EventSourceArn: `arn:${PARTITION}:sqs:us-east-1:${PROD}:deploy-retries`,
        State: 'Enabled',
      },
    ],
    instances: [
      {
        InstanceId: 'i-0a1b2c3d4e5f00001',
        State: 'running',
        IamInstanceProfile: {
          Arn: arnOf(PROD, 'instance-profile/AppServerProfile'),
          Id: 'AIPAAPPSERVER',
        },
        Tags: [
          { Key: 'Name', Value: 'app-server' },
          { Key: 'Deploy', Value: '' },
        ],
        expectedRoleArn: prodRole('AppServer'),
      },
      { InstanceId: 'i-0a1b2c3d4e5f00002', State: 'stopped' },
      {
        InstanceId: 'i-0a1b2c3d4e5f00003',
        State: 'terminated',
        IamInstanceProfile: {
          Arn: arnOf(PROD, 'instance-profile/AppServerProfile'),
          Id: 'AIPAAPPSERVER',
        },
      },
      // A profile iam.json does not know (deleted since): the role is unknown, not invented.
      {
        InstanceId: 'i-0a1b2c3d4e5f00004',
        State: 'running',
        IamInstanceProfile: { Arn: arnOf(PROD, 'instance-profile/Gone'), Id: 'AIPAGONE' },
      },
    ],
    taskDefinitions: [
      {
        taskDefinitionArn: `arn:${PARTITION}:ecs:us-east-1:${PROD}:task-definition/web:3`,
        taskRoleArn: prodRole('AppServer'),
        executionRoleArn: prodRole('ecsTaskExecutionRole'),
        compatibilities: ['EC2', 'FARGATE'],
      },
      {
        taskDefinitionArn: `arn:${PARTITION}:ecs:us-east-1:${PROD}:task-definition/batch:1`,
        compatibilities: ['EC2'],
      },
      {
        taskDefinitionArn: `arn:${PARTITION}:ecs:us-east-1:${PROD}:task-definition/worker:7`,
        taskRoleArn: prodRole('ci/Deploy'),
      },
    ],
    ecsClusters: [
      {
        clusterArn: `arn:${PARTITION}:ecs:us-east-1:${PROD}:cluster/main`,
        containerInstances: 2,
        services: [
          {
            serviceArn: `arn:${PARTITION}:ecs:us-east-1:${PROD}:service/main/web`,
            serviceName: 'web',
            taskDefinition: `arn:${PARTITION}:ecs:us-east-1:${PROD}:task-definition/web:3`,
            status: 'ACTIVE',
            expectedRoleArn: prodRole('AppServer'),
          },
          {
            serviceArn: `arn:${PARTITION}:ecs:us-east-1:${PROD}:service/main/batch`,
            serviceName: 'batch',
            taskDefinition: `arn:${PARTITION}:ecs:us-east-1:${PROD}:task-definition/batch:1`,
            status: 'ACTIVE',
          },
          {
            serviceArn: `arn:${PARTITION}:ecs:us-east-1:${PROD}:service/main/worker`,
            serviceName: 'worker',
            taskDefinition: `arn:${PARTITION}:ecs:us-east-1:${PROD}:task-definition/worker:7`,
            status: 'ACTIVE',
            expectedRoleArn: prodRole('ci/Deploy'),
          },
        ],
      },
    ],
    codebuildProjects: [
      {
        name: 'build',
        arn: `arn:${PARTITION}:codebuild:us-east-1:${PROD}:project/build`,
        serviceRole: prodRole('ci/Deploy'),
      },
    ],
    glueJobs: [
      // Glue accepts a role name; the collector resolves it (with its path) from iam.json.
      { Name: 'etl', Role: 'GlueEtl', expectedRoleArn: prodRole('service-role/GlueEtl') },
      {
        Name: 'etl-arn',
        Role: prodRole('service-role/GlueEtl'),
        expectedRoleArn: prodRole('service-role/GlueEtl'),
      },
    ],
    glueDevEndpoints: [{ EndpointName: 'dev', RoleArn: prodRole('service-role/GlueEtl') }],
    notebooks: [
      {
        NotebookInstanceName: 'research',
        NotebookInstanceArn: `arn:${PARTITION}:sagemaker:us-east-1:${PROD}:notebook-instance/research`,
        RoleArn: prodRole('AppServer'),
      },
    ],
    stackSets: [
      {
        StackSetName: 'baseline',
        StackSetARN: PROD_STACK_SET,
        Status: 'ACTIVE',
        PermissionModel: 'SELF_MANAGED',
        AdministrationRoleARN: prodRole('AWSCloudFormationStackSetAdministrationRole'),
        ExecutionRoleName: 'AWSCloudFormationStackSetExecutionRole',
        instances: [
          { Account: PROD, Region: 'us-east-1', Status: 'CURRENT' },
          { Account: SANDBOX, Region: 'us-east-1', Status: 'OUTDATED' },
          { Account: SANDBOX, Region: 'eu-west-1', Status: 'INOPERABLE' },
        ],
      },
      {
        StackSetName: 'retired',
        StackSetARN: `arn:${PARTITION}:cloudformation:us-east-1:${PROD}:stackset/retired:0002`,
        Status: 'DELETED',
        instances: [],
      },
      {
        StackSetName: 'guardrails',
        StackSetARN: `arn:${PARTITION}:cloudformation:us-east-1:${PROD}:stackset/guardrails:0003`,
        Status: 'ACTIVE',
        PermissionModel: 'SERVICE_MANAGED',
        instances: [{ Account: SANDBOX, Region: 'us-east-1', Status: 'CURRENT' }],
      },
      {
        StackSetName: DENIED_INSTANCES_STACK_SET,
        StackSetARN: `arn:${PARTITION}:cloudformation:us-east-1:${PROD}:stackset/${DENIED_INSTANCES_STACK_SET}:0004`,
        Status: 'ACTIVE',
        instances: [{ Account: PROD, Region: 'us-east-1', Status: 'CURRENT' }],
      },
    ],
    stacks: [
      {
        StackName: 'network',
        StackId: `arn:${PARTITION}:cloudformation:us-east-1:${PROD}:stack/network/0001`,
        StackStatus: 'CREATE_COMPLETE',
      },
      {
        StackName: 'app',
        StackId: `arn:${PARTITION}:cloudformation:us-east-1:${PROD}:stack/app/0002`,
        StackStatus: 'UPDATE_COMPLETE',
        RoleARN: prodRole('ci/Deploy'),
      },
      {
        StackName: 'pipeline',
        StackId: `arn:${PARTITION}:cloudformation:us-east-1:${PROD}:stack/pipeline/0003`,
        StackStatus: 'CREATE_COMPLETE',
        RoleARN: prodRole('AppServer'),
      },
    ],
    apprunnerServices: [
      {
        ServiceName: 'api',
        ServiceArn: `arn:${PARTITION}:apprunner:us-east-1:${PROD}:service/api/0123456789abcdef`,
        InstanceRoleArn: prodRole('AppServer'),
      },
      {
        ServiceName: 'static',
        ServiceArn: `arn:${PARTITION}:apprunner:us-east-1:${PROD}:service/static/fedcba9876543210`,
      },
    ],
    agentRuntimes: [
      {
        agentRuntimeId: 'ops_agent-a1b2c3d4e5',
        agentRuntimeArn: `arn:${PARTITION}:bedrock-agentcore:us-east-1:${PROD}:runtime/ops_agent-a1b2c3d4e5`,
        agentRuntimeName: 'ops_agent',
        status: 'READY',
        roleArn: prodRole('AppServer'),
        lastUpdatedAt: '2026-04-01T10:00:00Z',
        expected: true,
      },
      {
        agentRuntimeId: 'web_agent-f6g7h8i9j0',
        agentRuntimeArn: `arn:${PARTITION}:bedrock-agentcore:us-east-1:${PROD}:runtime/web_agent-f6g7h8i9j0`,
        agentRuntimeName: 'web_agent',
        status: 'READY',
        roleArn: prodRole('ci/Deploy'),
        lastUpdatedAt: '2026-02-01T10:00:00Z',
        jwt: true,
        expected: true,
      },
      {
        // Failed: no code runs there.
        agentRuntimeId: 'broken_agent-k1l2m3n4o5',
        agentRuntimeArn: `arn:${PARTITION}:bedrock-agentcore:us-east-1:${PROD}:runtime/broken_agent-k1l2m3n4o5`,
        agentRuntimeName: 'broken_agent',
        status: 'CREATE_FAILED',
        roleArn: prodRole('AppServer'),
        lastUpdatedAt: '2026-04-01T10:00:00Z',
      },
    ],
    identityPools: [
      {
        // Guests and the basic flow on: anyone reaches the roles whose trust admits its guests.
        arn: `arn:${PARTITION}:cognito-identity:us-east-1:${PROD}:identitypool/us-east-1:0a1b2c3d-1111-2222-3333-444455556666`,
        IdentityPoolId: 'us-east-1:0a1b2c3d-1111-2222-3333-444455556666',
        IdentityPoolName: 'mobile_app',
        AllowUnauthenticatedIdentities: true,
        AllowClassicFlow: true,
        Roles: { unauthenticated: prodRole('AppServer') },
      },
      {
        // Signed-in users only; DescribeIdentityPool leaves AllowClassicFlow out.
        arn: `arn:${PARTITION}:cognito-identity:us-east-1:${PROD}:identitypool/us-east-1:9f8e7d6c-5555-4444-3333-222211110000`,
        IdentityPoolId: 'us-east-1:9f8e7d6c-5555-4444-3333-222211110000',
        IdentityPoolName: 'partners',
        AllowUnauthenticatedIdentities: false,
      },
    ],
    // CodeDeploy: three applications over two pages, groups over two pages, every compute
    // platform, tag filters, a tag set, an Auto Scaling group; one application's groups denied.
    codedeployApplications: [
      {
        applicationName: 'web',
        groups: [
          {
            deploymentGroupName: 'prod',
            computePlatform: 'Server',
            deploymentConfigName: 'CodeDeployDefault.AllAtOnce',
            serviceRoleArn: prodRole('CodeDeployService'),
            ec2TagFilters: [{ Key: 'Name', Value: 'app-server', Type: 'KEY_AND_VALUE' }],
          },
          {
            deploymentGroupName: 'canary',
            computePlatform: 'Server',
            serviceRoleArn: prodRole('CodeDeployService'),
            ec2TagSet: {
              ec2TagSetList: [
                [{ Key: 'Name', Value: 'app-server', Type: 'KEY_AND_VALUE' }],
                [{ Key: 'Deploy', Type: 'KEY_ONLY' }],
              ],
            },
            autoScalingGroups: [{ name: 'web-asg', hook: 'CodeDeploy-managed-hook-0001' }],
          },
          {
            deploymentGroupName: 'blue',
            computePlatform: 'Server',
            ec2TagFilters: [{ Value: 'app-server', Type: 'VALUE_ONLY' }],
          },
        ],
      },
      {
        applicationName: 'functions',
        groups: [
          {
            deploymentGroupName: 'live',
            computePlatform: 'Lambda',
            deploymentConfigName: 'CodeDeployDefault.LambdaAllAtOnce',
          },
        ],
      },
      {
        applicationName: DENIED_DEPLOY_APPLICATION,
        groups: [{ deploymentGroupName: 'old', computePlatform: 'Server' }],
      },
    ],
    codeInterpreters: [
      {
        codeInterpreterId: 'ops_tools-a1b2c3d4e5',
        codeInterpreterArn: `arn:${PARTITION}:bedrock-agentcore:us-east-1:${PROD}:code-interpreter-custom/ops_tools-a1b2c3d4e5`,
        name: 'ops_tools',
        type: 'CUSTOM',
        status: 'READY',
        executionRoleArn: prodRole('AppServer'),
        expected: true,
      },
      {
        // Being created: no code runs there yet.
        codeInterpreterId: 'draft_tools-f6g7h8i9j0',
        codeInterpreterArn: `arn:${PARTITION}:bedrock-agentcore:us-east-1:${PROD}:code-interpreter-custom/draft_tools-f6g7h8i9j0`,
        name: 'draft_tools',
        type: 'CUSTOM',
        status: 'CREATING',
        executionRoleArn: prodRole('AppServer'),
      },
      {
        codeInterpreterId: 'no_role-k1l2m3n4o5',
        codeInterpreterArn: `arn:${PARTITION}:bedrock-agentcore:us-east-1:${PROD}:code-interpreter-custom/no_role-k1l2m3n4o5`,
        name: 'no_role',
        type: 'CUSTOM',
        status: 'READY',
      },
      {
        codeInterpreterId: 'aws.codeinterpreter.v1',
        codeInterpreterArn: `arn:${PARTITION}:bedrock-agentcore:us-east-1:aws:code-interpreter/aws.codeinterpreter.v1`,
        name: 'AWS built-in',
        type: 'SYSTEM',
        status: 'READY',
      },
      {
        codeInterpreterId: 'data_tools-p6q7r8s9t0',
        codeInterpreterArn: `arn:${PARTITION}:bedrock-agentcore:us-east-1:${PROD}:code-interpreter-custom/data_tools-p6q7r8s9t0`,
        name: 'data_tools',
        type: 'CUSTOM',
        status: 'READY',
        executionRoleArn: prodRole('ci/Deploy'),
        expected: true,
      },
    ],
    // State machines: two ACTIVE ones (more than a page) and one being deleted (not written).
    stateMachines: [
      {
        stateMachineArn: `arn:${PARTITION}:states:us-east-1:${PROD}:stateMachine:nightly-etl`,
        name: 'nightly-etl',
        status: 'ACTIVE',
        roleArn: prodRole('AppServer'),
        expected: true,
      },
      {
        stateMachineArn: `arn:${PARTITION}:states:us-east-1:${PROD}:stateMachine:retired`,
        name: 'retired',
        status: 'DELETING',
        roleArn: prodRole('AppServer'),
      },
      {
        stateMachineArn: `arn:${PARTITION}:states:us-east-1:${PROD}:stateMachine:release`,
        name: 'release',
        status: 'ACTIVE',
        roleArn: prodRole('ci/Deploy'),
        expected: true,
      },
    ],
    // Custom browsers: a READY one with an execution role (a workload), one being created, one
    // without a role, the AWS built-in one (SYSTEM: not listed for type CUSTOM) and a second READY
    // one past the first page.
    browsers: [
      {
        browserId: 'web_research-a1b2c3d4e5',
        browserArn: `arn:${PARTITION}:bedrock-agentcore:us-east-1:${PROD}:browser-custom/web_research-a1b2c3d4e5`,
        name: 'web_research',
        type: 'CUSTOM',
        status: 'READY',
        executionRoleArn: prodRole('AppServer'),
        expected: true,
      },
      {
        browserId: 'draft_browser-f6g7h8i9j0',
        browserArn: `arn:${PARTITION}:bedrock-agentcore:us-east-1:${PROD}:browser-custom/draft_browser-f6g7h8i9j0`,
        name: 'draft_browser',
        type: 'CUSTOM',
        status: 'CREATING',
        executionRoleArn: prodRole('AppServer'),
      },
      {
        browserId: 'plain-k1l2m3n4o5',
        browserArn: `arn:${PARTITION}:bedrock-agentcore:us-east-1:${PROD}:browser-custom/plain-k1l2m3n4o5`,
        name: 'plain',
        type: 'CUSTOM',
        status: 'READY',
      },
      {
        browserId: 'aws.browser.v1',
        browserArn: `arn:${PARTITION}:bedrock-agentcore:us-east-1:aws:browser/aws.browser.v1`,
        name: 'Amazon Bedrock AgentCore Browser Tool',
        type: 'SYSTEM',
        status: 'READY',
      },
      {
        browserId: 'qa_browser-p6q7r8s9t0',
        browserArn: `arn:${PARTITION}:bedrock-agentcore:us-east-1:${PROD}:browser-custom/qa_browser-p6q7r8s9t0`,
        name: 'qa_browser',
        type: 'CUSTOM',
        status: 'READY',
        executionRoleArn: prodRole('ci/Deploy'),
        expected: true,
      },
    ],
    // Auto Scaling groups: one on $Latest whose latest version names its profile by name (resolved
    // through iam.json), one on a mixed instances policy that names its template by name only
    // (the id comes from DescribeLaunchTemplates) and a version with no profile, one on a launch
    // configuration (not read).
    launchTemplates: [
      {
        LaunchTemplateId: 'lt-0a1b2c3d4e5f00001',
        LaunchTemplateName: 'web',
        Tags: [{ Key: 'team', Value: 'web' }],
        DefaultVersionNumber: 1,
        Versions: [
          {
            VersionNumber: 1,
            IamInstanceProfile: { Arn: arnOf(PROD, 'instance-profile/AppServerProfile') },
          },
          { VersionNumber: 2, IamInstanceProfile: { Name: 'AppServerProfile' } },
        ],
      },
      {
        LaunchTemplateId: 'lt-0a1b2c3d4e5f00002',
        LaunchTemplateName: 'batch',
        DefaultVersionNumber: 1,
        Versions: [{ VersionNumber: 1 }],
      },
    ],
    autoScalingGroups: [
      {
        AutoScalingGroupName: 'web',
        AutoScalingGroupARN: `arn:${PARTITION}:autoscaling:us-east-1:${PROD}:autoScalingGroup:0a1b2c3d-0001:autoScalingGroupName/web`,
        LaunchTemplate: {
          LaunchTemplateId: 'lt-0a1b2c3d4e5f00001',
          LaunchTemplateName: 'web',
          Version: '$Latest',
        },
        MinSize: 1,
        MaxSize: 4,
        DesiredCapacity: 2,
        expectedInstanceProfileArn: arnOf(PROD, 'instance-profile/AppServerProfile'),
        expectedRoleArn: prodRole('AppServer'),
      },
      {
        AutoScalingGroupName: 'batch',
        AutoScalingGroupARN: `arn:${PARTITION}:autoscaling:us-east-1:${PROD}:autoScalingGroup:0a1b2c3d-0002:autoScalingGroupName/batch`,
        MixedInstancesPolicy: {
          LaunchTemplate: {
            LaunchTemplateSpecification: { LaunchTemplateName: 'batch', Version: '1' },
          },
        },
        MinSize: 0,
        MaxSize: 0,
        DesiredCapacity: 0,
      },
      {
        AutoScalingGroupName: 'legacy',
        AutoScalingGroupARN: `arn:${PARTITION}:autoscaling:us-east-1:${PROD}:autoScalingGroup:0a1b2c3d-0003:autoScalingGroupName/legacy`,
        LaunchConfigurationName: 'legacy',
        MinSize: 1,
        MaxSize: 1,
        DesiredCapacity: 1,
      },
    ],
    batchJobQueues: [
      {
        jobQueueName: 'jobs',
        jobQueueArn: `arn:${PARTITION}:batch:us-east-1:${PROD}:job-queue/jobs`,
        state: 'ENABLED',
        status: 'VALID',
        priority: 1,
        // Named by ARN and by name; listed out of order.
        computeEnvironmentOrder: [
          { order: 2, computeEnvironment: 'ec2-ce' },
          {
            order: 1,
            computeEnvironment: `arn:${PARTITION}:batch:us-east-1:${PROD}:compute-environment/fargate-ce`,
          },
        ],
      },
      {
        jobQueueName: 'paused',
        jobQueueArn: `arn:${PARTITION}:batch:us-east-1:${PROD}:job-queue/paused`,
        state: 'DISABLED',
        status: 'VALID',
        priority: 1,
        computeEnvironmentOrder: [
          { order: 1, computeEnvironment: 'ec2-ce' },
          // Deleted: DescribeComputeEnvironments does not know it.
          { order: 2, computeEnvironment: 'gone-ce' },
        ],
      },
    ],
    batchComputeEnvironments: [
      {
        computeEnvironmentName: 'fargate-ce',
        computeEnvironmentArn: `arn:${PARTITION}:batch:us-east-1:${PROD}:compute-environment/fargate-ce`,
        state: 'ENABLED',
        status: 'VALID',
        type: 'MANAGED',
        computeResources: { type: 'FARGATE' },
        containerOrchestrationType: 'ECS',
      },
      {
        computeEnvironmentName: 'ec2-ce',
        computeEnvironmentArn: `arn:${PARTITION}:batch:us-east-1:${PROD}:compute-environment/ec2-ce`,
        state: 'DISABLED',
        status: 'VALID',
        type: 'UNMANAGED',
      },
    ],
    batchJobDefinitions: [
      {
        jobDefinitionName: 'maintenance',
        jobDefinitionArn: `arn:${PARTITION}:batch:us-east-1:${PROD}:job-definition/maintenance:1`,
        revision: 1,
        status: 'ACTIVE',
        type: 'container',
        platformCapabilities: ['FARGATE'],
        containerProperties: { image: 'amazon/aws-cli', jobRoleArn: prodRole('AppServer') },
      },
      {
        // The latest ACTIVE revision with the same role is the one kept.
        jobDefinitionName: 'maintenance',
        jobDefinitionArn: `arn:${PARTITION}:batch:us-east-1:${PROD}:job-definition/maintenance:2`,
        revision: 2,
        status: 'ACTIVE',
        type: 'container',
        platformCapabilities: ['FARGATE'],
        containerProperties: { image: 'amazon/aws-cli', jobRoleArn: prodRole('AppServer') },
        expected: true,
      },
      {
        jobDefinitionName: 'maintenance',
        jobDefinitionArn: `arn:${PARTITION}:batch:us-east-1:${PROD}:job-definition/maintenance:3`,
        revision: 3,
        status: 'INACTIVE',
        type: 'container',
        containerProperties: { image: 'amazon/aws-cli', jobRoleArn: prodRole('AppServer') },
      },
      {
        jobDefinitionName: 'report',
        jobDefinitionArn: `arn:${PARTITION}:batch:us-east-1:${PROD}:job-definition/report:1`,
        revision: 1,
        status: 'ACTIVE',
        type: 'container',
        containerProperties: { image: 'busybox' },
      },
      {
        jobDefinitionName: 'ecs-job',
        jobDefinitionArn: `arn:${PARTITION}:batch:us-east-1:${PROD}:job-definition/ecs-job:1`,
        revision: 1,
        status: 'ACTIVE',
        type: 'container',
        ecsProperties: { taskProperties: [{ taskRoleArn: prodRole('ci/Deploy') }] },
        expected: true,
      },
      {
        // Another role: kept besides revision 2.
        jobDefinitionName: 'maintenance',
        jobDefinitionArn: `arn:${PARTITION}:batch:us-east-1:${PROD}:job-definition/maintenance:4`,
        revision: 4,
        status: 'ACTIVE',
        type: 'container',
        containerProperties: { image: 'amazon/aws-cli', jobRoleArn: prodRole('ci/Deploy') },
        expected: true,
      },
    ],
    kmsKeys: [
      {
        KeyId: '2222bbbb-0000-0000-0000-000000000001',
        Arn: `arn:${PARTITION}:kms:us-east-1:${PROD}:key/2222bbbb-0000-0000-0000-000000000001`,
        KeyManager: 'AWS',
        Policy: KEY_POLICY,
        Aliases: ['alias/aws/s3'],
        Grants: [],
      },
      {
        KeyId: '2222bbbb-0000-0000-0000-000000000002',
        Arn: `arn:${PARTITION}:kms:us-east-1:${PROD}:key/2222bbbb-0000-0000-0000-000000000002`,
        KeyManager: 'CUSTOMER',
        Policy: KEY_POLICY,
        Aliases: ['alias/app', 'alias/app-legacy'],
        Grants: [1, 2, 3].map((n) => ({
          KeyId: `arn:${PARTITION}:kms:us-east-1:${PROD}:key/2222bbbb-0000-0000-0000-000000000002`,
          GrantId: `grant-${n}`,
          Name: `grant-${n}`,
          CreationDate: '2024-01-02T03:04:05+00:00',
          GranteePrincipal: prodRole('AppServer'),
          IssuingAccount: arnOf(PROD, 'root'),
          Operations: ['Decrypt', 'GenerateDataKey'],
        })),
      },
      {
        KeyId: '2222bbbb-0000-0000-0000-000000000003',
        Arn: `arn:${PARTITION}:kms:us-east-1:${PROD}:key/2222bbbb-0000-0000-0000-000000000003`,
        KeyManager: 'CUSTOMER',
        Policy: KEY_POLICY,
        Aliases: [],
        Grants: [],
      },
    ],
    secrets: [
      {
        ARN: `arn:${PARTITION}:secretsmanager:us-east-1:${PROD}:secret:db-password-AbCdEf`,
        Name: 'db-password',
        KmsKeyId: `arn:${PARTITION}:kms:us-east-1:${PROD}:key/2222bbbb-0000-0000-0000-000000000002`,
        ResourcePolicy: resourcePolicy(
          { AWS: 'arn:aws:iam::464622532012:root' },
          'secretsmanager:GetSecretValue',
          '*',
        ),
      },
      {
        ARN: `arn:${PARTITION}:secretsmanager:us-east-1:${PROD}:secret:api-token-GhIjKl`,
        Name: 'api-token',
      },
    ],
    queues: [
      {
        QueueName: 'jobs',
        QueueArn: `arn:${PARTITION}:sqs:us-east-1:${PROD}:jobs`,
        Policy: resourcePolicy(
          '*',
          'sqs:SendMessage',
          `arn:${PARTITION}:sqs:us-east-1:${PROD}:jobs`,
        ),
        KmsMasterKeyId: 'alias/app',
      },
      { QueueName: 'dlq', QueueArn: `arn:${PARTITION}:sqs:us-east-1:${PROD}:dlq` },
      { QueueName: 'audit', QueueArn: `arn:${PARTITION}:sqs:us-east-1:${PROD}:audit` },
    ],
    topics: [
      {
        TopicArn: `arn:${PARTITION}:sns:us-east-1:${PROD}:alerts`,
        Policy: resourcePolicy(
          { AWS: arnOf(MANAGEMENT, 'root') },
          'sns:Publish',
          `arn:${PARTITION}:sns:us-east-1:${PROD}:alerts`,
        ),
      },
      {
        TopicArn: `arn:${PARTITION}:sns:us-east-1:${PROD}:events`,
        KmsMasterKeyId: 'alias/aws/sns',
      },
      { TopicArn: `arn:${PARTITION}:sns:us-east-1:${PROD}:quiet` },
    ],
    repositories: [
      {
        repositoryName: 'app',
        repositoryArn: `arn:${PARTITION}:ecr:us-east-1:${PROD}:repository/app`,
        kmsKey: `arn:${PARTITION}:kms:us-east-1:${PROD}:key/2222bbbb-0000-0000-0000-000000000002`,
        policyText: resourcePolicy(
          { AWS: arnOf(SANDBOX, 'root') },
          'ecr:BatchGetImage',
          `arn:${PARTITION}:ecr:us-east-1:${PROD}:repository/app`,
        ),
      },
      {
        repositoryName: 'base',
        repositoryArn: `arn:${PARTITION}:ecr:us-east-1:${PROD}:repository/base`,
      },
    ],
  },
  'eu-west-1': {
    lambdaFunctions: [
      {
        FunctionName: 'eu-hook',
        FunctionArn: `arn:${PARTITION}:lambda:eu-west-1:${PROD}:function:eu-hook`,
        Role: prodRole('AppServer'),
      },
    ],
    kmsKeys: [
      {
        KeyId: '1111aaaa-2222-3333-4444-555566667777',
        Arn: PROD_DATA_KEY,
        KeyManager: 'CUSTOMER',
        Policy: KEY_POLICY,
        Aliases: ['alias/prod-data'],
        Grants: [],
      },
    ],
    secrets: [
      {
        ARN: `arn:${PARTITION}:secretsmanager:eu-west-1:${PROD}:secret:eu-key-MnOpQr`,
        Name: 'eu-key',
        KmsKeyId: 'alias/prod-data',
      },
    ],
  },
};
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
      roleDetail(
        PARTITION,
        PROD,
        'AppServer',
        urlEncoded(trustPolicy({ Service: ['ec2.amazonaws.com', 'ecs-tasks.amazonaws.com'] })),
        { instanceProfiles: ['AppServerProfile'] },
      ),
      roleDetail(
        PARTITION,
        PROD,
        'GlueEtl',
        urlEncoded(trustPolicy({ Service: 'glue.amazonaws.com' })),
        { path: '/service-role/' },
      ),
    ],
    Policies: [],
  },
  regional: PROD_REGIONAL,
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
        Encryption: {
          Rules: [
            {
              ApplyServerSideEncryptionByDefault: {
                SSEAlgorithm: 'aws:kms',
                KMSMasterKeyID: PROD_DATA_KEY,
              },
              BucketKeyEnabled: true,
            },
          ],
        },
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
      bucket(`prod-legacy-${PROD}`, 'us-east-1', prodOwner, {
        listedWithRegion: false,
        noEncryption: true,
      }),
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

/** IAM Identity Center of the organization (owned by the management account), pages of 2. */
const IC_INSTANCE = 'arn:aws:sso:::instance/ssoins-7223a1b2c3d4e5f6';
const permissionSet = (id: string): string =>
  `arn:aws:sso:::permissionSet/ssoins-7223a1b2c3d4e5f6/ps-${id}`;
export const SMALL_ORG_IDENTITY_CENTER: IdentityCenterData = {
  InstanceArn: IC_INSTANCE,
  IdentityStoreId: 'd-9067a1b2c3',
  ownerAccountId: MANAGEMENT,
  delegatedAdministrators: [],
  region: 'us-east-1',
  Users: [
    { UserId: 'u-alice', UserName: 'alice@example.com', DisplayName: 'Alice Admin' },
    { UserId: 'u-bob', UserName: 'bob@example.com', DisplayName: 'Bob Builder' },
    { UserId: 'u-carol', UserName: 'carol@example.com' },
  ],
  Groups: [
    { GroupId: 'g-admins', DisplayName: 'Admins' },
    { GroupId: 'g-devs', DisplayName: 'Developers' },
    { GroupId: 'g-empty', DisplayName: 'Empty <group> & "friends"' },
  ],
  GroupMemberships: [
    { GroupId: 'g-admins', UserId: 'u-alice' },
    { GroupId: 'g-devs', UserId: 'u-alice' },
    { GroupId: 'g-devs', UserId: 'u-bob' },
    { GroupId: 'g-devs', UserId: 'u-carol' },
  ],
  PermissionSets: [
    { PermissionSetArn: permissionSet('admin0000001'), Name: 'AdministratorAccess' },
    { PermissionSetArn: permissionSet('readonly0001'), Name: 'ReadOnly' },
  ],
  AccountAssignments: [
    {
      AccountId: MANAGEMENT,
      PermissionSetArn: permissionSet('admin0000001'),
      PrincipalType: 'GROUP',
      PrincipalId: 'g-admins',
    },
    {
      AccountId: PROD,
      PermissionSetArn: permissionSet('admin0000001'),
      PrincipalType: 'GROUP',
      PrincipalId: 'g-admins',
    },
    {
      AccountId: PROD,
      PermissionSetArn: permissionSet('readonly0001'),
      PrincipalType: 'GROUP',
      PrincipalId: 'g-devs',
    },
    {
      AccountId: PROD,
      PermissionSetArn: permissionSet('readonly0001'),
      PrincipalType: 'USER',
      PrincipalId: 'u-carol',
    },
    {
      AccountId: PROD,
      PermissionSetArn: permissionSet('readonly0001'),
      PrincipalType: 'USER',
      PrincipalId: 'u-bob',
    },
    {
      AccountId: SANDBOX,
      PermissionSetArn: permissionSet('readonly0001'),
      PrincipalType: 'GROUP',
      PrincipalId: 'g-devs',
    },
  ],
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
  { kind: 'throttle', operation: 'ec2:DescribeRegions', count: 1 },
  { kind: 'throttle', operation: 'ec2:DescribeInstances', count: 1 },
  { kind: 'throttle', operation: 'lambda:ListFunctions', count: 1 },
  { kind: 'throttle', operation: 'ecs:DescribeServices', count: 1 },
  { kind: 'throttle', operation: 'cloudformation:DescribeStacks', count: 1 },
  { kind: 'throttle', operation: 'autoscaling:DescribeAutoScalingGroups', count: 1 },
  { kind: 'throttle', operation: 'cognito-identity:ListIdentityPools', count: 1 },
  { kind: 'throttle', operation: 'codedeploy:ListApplications', count: 1 },
  { kind: 'throttle', operation: 'codedeploy:BatchGetDeploymentGroups', count: 1 },
  { kind: 'throttle', operation: 'ec2:DescribeLaunchTemplateVersions', count: 1 },
  { kind: 'throttle', operation: 'cloudformation:ListStackInstances', count: 1 },
  // One stack set's instances denied: only its StackInstances are missing (unknown).
  {
    kind: 'error',
    operation: 'cloudformation:ListStackInstances',
    accountId: PROD,
    resource: DENIED_INSTANCES_STACK_SET,
    code: 'AccessDenied',
    status: 403,
    message: `User: arn:aws:sts::${PROD}:assumed-role/${AUDIT_ROLE}/trustmap-collect is not authorized to perform: cloudformation:ListStackInstances on resource: ${DENIED_INSTANCES_STACK_SET}`,
  },
  { kind: 'throttle', operation: 'kms:ListKeys', count: 2 },
  { kind: 'throttle', operation: 'sqs:ListQueues', count: 1 },
  { kind: 'throttle', operation: 'sns:GetTopicAttributes', count: 1 },
  { kind: 'throttle', operation: 's3:GetBucketEncryption', count: 1 },
  { kind: 'throttle', operation: 'sso:ListAccountAssignments', count: 1 },
  { kind: 'throttle', operation: 'identitystore:ListGroupMemberships', count: 1 },
  // One CodeDeploy application's groups denied: only those groups are missing.
  {
    kind: 'error',
    operation: 'codedeploy:BatchGetDeploymentGroups',
    accountId: PROD,
    resource: DENIED_DEPLOY_APPLICATION,
    code: 'AccessDeniedException',
    status: 400,
    message: `User: arn:aws:sts::${PROD}:assumed-role/${AUDIT_ROLE}/trustmap-collect is not authorized to perform: codedeploy:BatchGetDeploymentGroups on resource: arn:aws:codedeploy:us-east-1:${PROD}:application:${DENIED_DEPLOY_APPLICATION}`,
  },
  // One function's URL listing denied: only its FunctionUrls are missing (unknown).
  {
    kind: 'error',
    operation: 'lambda:ListFunctionUrlConfigs',
    accountId: PROD,
    resource: DENIED_URLS_FUNCTION,
    code: 'AccessDeniedException',
    status: 403,
    message: `User: arn:aws:sts::${PROD}:assumed-role/${AUDIT_ROLE}/trustmap-collect is not authorized to perform: lambda:ListFunctionUrlConfigs on resource: ${DENIED_URLS_FUNCTION}`,
  },
  // One function's alias listing denied: only its Aliases are missing (unknown).
  {
    kind: 'error',
    operation: 'lambda:ListAliases',
    accountId: PROD,
    resource: DENIED_ALIASES_FUNCTION,
    code: 'AccessDeniedException',
    status: 403,
    message: `User: arn:aws:sts::${PROD}:assumed-role/${AUDIT_ROLE}/trustmap-collect is not authorized to perform: lambda:ListAliases on resource: ${DENIED_ALIASES_FUNCTION}`,
  },
  // One alias's policy denied: the function's aliases are unknown (absent).
  {
    kind: 'error',
    operation: 'lambda:GetPolicy',
    accountId: PROD,
    resource: DENIED_ALIAS_POLICY,
    code: 'AccessDeniedException',
    status: 403,
    message: `User: arn:aws:sts::${PROD}:assumed-role/${AUDIT_ROLE}/trustmap-collect is not authorized to perform: lambda:GetPolicy on resource: ${DENIED_ALIAS_POLICY}`,
  },
  // One function's version listing denied: only its Versions are missing (unknown).
  {
    kind: 'error',
    operation: 'lambda:ListVersionsByFunction',
    accountId: PROD,
    resource: DENIED_VERSIONS_FUNCTION,
    code: 'AccessDeniedException',
    status: 403,
    message: `User: arn:aws:sts::${PROD}:assumed-role/${AUDIT_ROLE}/trustmap-collect is not authorized to perform: lambda:ListVersionsByFunction on resource: ${DENIED_VERSIONS_FUNCTION}`,
  },
  // One version's policy denied: the function's versions are unknown (absent).
  {
    kind: 'error',
    operation: 'lambda:GetPolicy',
    accountId: PROD,
    resource: DENIED_VERSION_POLICY,
    code: 'AccessDeniedException',
    status: 403,
    message: `User: arn:aws:sts::${PROD}:assumed-role/${AUDIT_ROLE}/trustmap-collect is not authorized to perform: lambda:GetPolicy on resource: ${DENIED_VERSION_POLICY}`,
  },
  // One service denied in one region of one account: only that is missing.
  {
    kind: 'error',
    operation: 'lambda:ListFunctions',
    accountId: PROD,
    region: DENIED_LAMBDA_REGION,
    code: 'AccessDeniedException',
    status: 403,
    message: `User: arn:aws:sts::${PROD}:assumed-role/${AUDIT_ROLE}/trustmap-collect is not authorized to perform: lambda:ListFunctions`,
  },
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
    identityCenter: SMALL_ORG_IDENTITY_CENTER,
    pageSize: { iam: 2, organizations: 2, s3: 2, regional: 2 },
    latencyMs: options.latencyMs ?? 0,
  };
}

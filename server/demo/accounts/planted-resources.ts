/**
 * KMS keys, encrypted buckets and the resource-policy services in the demo organization
 * (docs/demo-organization.md "Keys, secrets, queues, topics and repositories"):
 *
 * - acme-data-prod: two SSE-KMS buckets whose bucket policies both let acme-analytics-prod read;
 *   the key of `acme-data-exports-…` does not let that account decrypt (the reader is blocked by
 *   the key policy), the key of `acme-data-shared-…` does;
 * - acme-data-prod: one key, secret, queue, topic and repository shared with a vendor (Datadog),
 *   one of each shared with the organization (aws:PrincipalOrgID) and one of each public; a key,
 *   secret and repository (its policy without Resource) shared with a partner organization; three
 *   Lambda functions (workloads.json): one Datadog may invoke, one the organization may invoke,
 *   one whose function URL (AuthType NONE) anyone may invoke;
 * - acme-analytics-prod: the reader role (`ExportReader`);
 * - generic workload accounts: `resourcesPerType` keys, secrets, queues, topics, repositories
 *   and Lambda functions each (the scale data), shared within the account only.
 *
 * resources.json is written in the format the collector writes (docs/snapshot-format.md).
 */
import type { AccountBuilder } from '../account-builder.js';
import {
  ANALYTICS_PROD,
  DATA_PROD,
  DATADOG,
  UNKNOWN_EXTERNAL,
  ORG_ID,
  PARTNER_ORG_ID,
  REGION,
} from '../demo-constants.js';
import { allow, policy, trustService } from '../policy-documents.js';
import type { PolicyDocument, PolicyStatement, PrincipalValue } from '../iam-types.js';

export const EXPORTS_BUCKET = `acme-data-exports-${DATA_PROD}`;
export const SHARED_EXPORTS_BUCKET = `acme-data-shared-${DATA_PROD}`;

/** One entry of resources.json. */
export interface ResourceJson {
  Type: 'kms-key' | 'secretsmanager-secret' | 'sqs-queue' | 'sns-topic' | 'ecr-repository';
  Arn: string;
  Region: string;
  Policy?: string;
  KeyManager?: 'AWS' | 'CUSTOMER';
  Aliases?: string[];
  Grants?: unknown[];
  KmsKeyId?: string;
}

export interface ResourcesJson {
  Resources: ResourceJson[];
}

/** A deterministic key id (a UUID-shaped string) for key `n` of an account. */
function keyId(accountId: string, n: number): string {
  const a = accountId.slice(-8);
  return `${a}-0000-4000-8000-${String(n).padStart(12, '0')}`;
}

class Resources {
  readonly list: ResourceJson[] = [];
  constructor(
    readonly accountId: string,
    readonly partition: string,
  ) {}

  arn(service: string, resource: string): string {
    return `arn:${this.partition}:${service}:${REGION}:${this.accountId}:${resource}`;
  }

  root(accountId = this.accountId): string {
    return `arn:${this.partition}:iam::${accountId}:root`;
  }

  /** The default key policy statement: the account's IAM policies decide. */
  enableIam(): PolicyStatement {
    return {
      Sid: 'Enable IAM User Permissions',
      Effect: 'Allow',
      Principal: { AWS: this.root() },
      Action: 'kms:*',
      Resource: '*',
    };
  }

  key(n: number, alias: string, ...extra: PolicyStatement[]): string {
    const arn = this.arn('kms', `key/${keyId(this.accountId, n)}`);
    this.list.push({
      Type: 'kms-key',
      Arn: arn,
      Region: REGION,
      KeyManager: 'CUSTOMER',
      Aliases: [alias],
      Policy: JSON.stringify(policy(this.enableIam(), ...extra)),
      Grants: [],
    });
    return arn;
  }

  add(type: ResourceJson['Type'], arn: string, doc?: PolicyDocument, kmsKeyId?: string): string {
    const r: ResourceJson = { Type: type, Arn: arn, Region: REGION };
    if (doc !== undefined) r.Policy = JSON.stringify(doc);
    if (kmsKeyId !== undefined) r.KmsKeyId = kmsKeyId;
    this.list.push(r);
    return arn;
  }
}

function grant(
  principal: PrincipalValue,
  actions: string[],
  condition?: PolicyStatement['Condition'],
  sid?: string,
): PolicyStatement {
  const s: PolicyStatement = {
    Effect: 'Allow',
    Principal: principal,
    Action: actions,
    Resource: '*',
  };
  if (condition !== undefined) s.Condition = condition;
  if (sid !== undefined) s.Sid = sid;
  return s;
}

const ORG_ONLY = { StringEquals: { 'aws:PrincipalOrgID': ORG_ID } };
const PARTNER_ONLY = { StringEquals: { 'aws:PrincipalOrgID': PARTNER_ORG_ID } };

/** A statement as ECR repository policies are usually written: no Resource (the repository). */
function withoutResource(s: PolicyStatement): PolicyStatement {
  const { Resource: _resource, ...rest } = s;
  return rest;
}
const PULL = ['ecr:BatchGetImage', 'ecr:GetDownloadUrlForLayer', 'ecr:BatchCheckLayerAvailability'];

/** acme-data-prod: the encrypted buckets and the resources shared with a vendor, the organization and the public. */
function plantDataProd(b: AccountBuilder): ResourcesJson {
  const r = new Resources(b.accountId, b.partition);
  const analytics = { AWS: r.root(ANALYTICS_PROD) };
  const exportsKey = r.key(1, 'alias/data-exports');
  const sharedKey = r.key(
    2,
    'alias/data-shared',
    grant(analytics, ['kms:Decrypt', 'kms:DescribeKey'], undefined, 'AnalyticsDecrypt'),
  );
  for (const [bucket, key] of [
    [EXPORTS_BUCKET, exportsKey],
    [SHARED_EXPORTS_BUCKET, sharedKey],
  ] as const) {
    b.bucket({
      name: bucket,
      policy: policy({
        Sid: 'AnalyticsRead',
        Effect: 'Allow',
        Principal: analytics,
        Action: 's3:GetObject',
        Resource: `arn:${b.partition}:s3:::${bucket}/*`,
      }),
      encryption: { kmsKeyId: key },
    });
  }

  const datadog = { AWS: r.root(DATADOG) };
  const vendorKey = r.key(
    3,
    'alias/vendor-shared',
    grant(datadog, ['kms:Decrypt', 'kms:CreateGrant'], undefined, 'DatadogUseAndGrant'),
  );
  r.add(
    'secretsmanager-secret',
    r.arn('secretsmanager', 'secret:vendor/datadog-api-key-Vd7xQ2'),
    policy(grant(datadog, ['secretsmanager:GetSecretValue'])),
    vendorKey,
  );
  r.add('sqs-queue', r.arn('sqs', 'vendor-events'), policy(grant(datadog, ['sqs:SendMessage'])));
  r.add('sns-topic', r.arn('sns', 'vendor-alerts'), policy(grant(datadog, ['sns:Subscribe'])));
  r.add('ecr-repository', r.arn('ecr', 'repository/vendor-agent'), policy(grant(datadog, PULL)));

  const orgKey = r.key(4, 'alias/org-shared', grant('*', ['kms:Decrypt', 'kms:Encrypt'], ORG_ONLY));
  r.add(
    'secretsmanager-secret',
    r.arn('secretsmanager', 'secret:org/shared-config-Og4kP1'),
    policy(grant('*', ['secretsmanager:GetSecretValue'], ORG_ONLY)),
    orgKey,
  );
  r.add('sqs-queue', r.arn('sqs', 'org-events'), policy(grant('*', ['sqs:SendMessage'], ORG_ONLY)));
  r.add('sns-topic', r.arn('sns', 'org-alerts'), policy(grant('*', ['sns:Subscribe'], ORG_ONLY)));
  r.add(
    'ecr-repository',
    r.arn('ecr', 'repository/org-base-images'),
    policy(grant('*', PULL, ORG_ONLY)),
  );

  // A partner organization: `*` limited by aws:PrincipalOrgID to another organization than ours
  // lets that organization's principals in (outsiders, not anyone).
  const partnerKey = r.key(6, 'alias/partner-shared', grant('*', ['kms:Decrypt'], PARTNER_ONLY));
  r.add(
    'secretsmanager-secret',
    r.arn('secretsmanager', 'secret:partner/shared-report-Pt7rN2'),
    policy(grant('*', ['secretsmanager:GetSecretValue'], PARTNER_ONLY)),
    partnerKey,
  );
  r.add(
    'ecr-repository',
    r.arn('ecr', 'repository/partner-builds'),
    policy(withoutResource(grant('*', PULL, PARTNER_ONLY))),
  );

  const publicKey = r.key(5, 'alias/public-shared', grant('*', ['kms:Decrypt', 'kms:Encrypt']));
  r.add(
    'secretsmanager-secret',
    r.arn('secretsmanager', 'secret:public/feature-flags-Pb9sT3'),
    policy(grant('*', ['secretsmanager:GetSecretValue'])),
    publicKey,
  );
  r.add('sqs-queue', r.arn('sqs', 'public-intake'), policy(grant('*', ['sqs:SendMessage'])));
  r.add('sns-topic', r.arn('sns', 'public-announcements'), policy(grant('*', ['sns:Subscribe'])));
  r.add('ecr-repository', r.arn('ecr', 'repository/public-images'), policy(grant('*', PULL)));
  return { Resources: r.list };
}

/** acme-analytics-prod: the role that reads the data account's exports. */
function plantAnalyticsProd(b: AccountBuilder): void {
  b.role({
    name: 'ExportReader',
    trust: trustService('ec2.amazonaws.com'),
    inline: [
      {
        name: 'ReadDataExports',
        document: policy(
          allow(
            ['s3:GetObject'],
            [
              `arn:${b.partition}:s3:::${EXPORTS_BUCKET}/*`,
              `arn:${b.partition}:s3:::${SHARED_EXPORTS_BUCKET}/*`,
            ],
          ),
          allow(['kms:Decrypt'], `arn:${b.partition}:kms:${REGION}:${DATA_PROD}:key/*`),
        ),
      },
    ],
  });
}

/** Resources of a generic workload account: `n` of each type, shared within the account only. */
function genericResources(b: AccountBuilder, n: number): ResourcesJson {
  const r = new Resources(b.accountId, b.partition);
  const app = `arn:${b.partition}:iam::${b.accountId}:role/LambdaExecutionRole`;
  for (let i = 0; i < n; i++) {
    const key = r.key(
      100 + i,
      `alias/app-${i}`,
      grant({ AWS: app }, ['kms:Decrypt', 'kms:Encrypt', 'kms:GenerateDataKey*']),
    );
    r.add(
      'secretsmanager-secret',
      r.arn('secretsmanager', `secret:app/secret-${i}-Ab12Cd`),
      undefined,
      key,
    );
    const topic = r.add(
      'sns-topic',
      r.arn('sns', `app-topic-${i}`),
      policy(grant({ AWS: r.root() }, ['sns:Publish', 'sns:Subscribe'])),
    );
    r.add(
      'sqs-queue',
      r.arn('sqs', `app-queue-${i}`),
      policy({
        Effect: 'Allow',
        Principal: { Service: 'sns.amazonaws.com' },
        Action: 'sqs:SendMessage',
        Resource: '*',
        Condition: { ArnEquals: { 'aws:SourceArn': topic } },
      }),
    );
    r.add(
      'ecr-repository',
      r.arn('ecr', `repository/app-${i}`),
      policy(grant({ AWS: r.root() }, PULL)),
    );
  }
  return { Resources: r.list };
}

/** One Lambda function of workloads.json (the format the collector writes). */
export interface FunctionJson {
  Type: 'lambda-function';
  Arn: string;
  Name: string;
  Region: string;
  RoleArn: string;
  ResourcePolicy?: string;
  FunctionUrls: { FunctionUrl: string; FunctionArn: string; AuthType: 'NONE' | 'AWS_IAM' }[];
  /** ListAliases' entries, each with its own policy (GetPolicy with the alias as Qualifier). */
  Aliases: FunctionAliasJson[];
  /** ListVersionsByFunction's published versions (none in the demo), each with its own policy. */
  Versions: { Version: string; FunctionArn: string; ResourcePolicy?: string }[];
}

/** One alias of a demo function, as the collector writes it. */
export interface FunctionAliasJson {
  AliasArn: string;
  Name: string;
  FunctionVersion: string;
  ResourcePolicy?: string;
}

/**
 * A function with its policy and URLs (`urlAuthTypes`: the AuthType of each URL of the function
 * itself; none = no URL, as ListFunctionUrlConfigs answers for most functions).
 */
function lambdaFunction(
  accountId: string,
  partition: string,
  name: string,
  statements: PolicyStatement[],
  urlAuthTypes: readonly ('NONE' | 'AWS_IAM')[] = [],
): FunctionJson {
  const arn = `arn:${partition}:lambda:${REGION}:${accountId}:function:${name}`;
  const fn: FunctionJson = {
    Type: 'lambda-function',
    Arn: arn,
    Name: name,
    Region: REGION,
    RoleArn: `arn:${partition}:iam::${accountId}:role/service-role/LambdaExecutionRole`,
    FunctionUrls: urlAuthTypes.map((authType) => ({
      FunctionUrl: `https://${urlId(arn)}.lambda-url.${REGION}.on.aws/`,
      FunctionArn: arn,
      AuthType: authType,
    })),
    Aliases: [],
    Versions: [],
  };
  // GetPolicy returns the function policy as a JSON string whose statements name the function.
  if (statements.length > 0)
    fn.ResourcePolicy = JSON.stringify(policy(...statements.map((s) => ({ ...s, Resource: arn }))));
  return fn;
}

/** An alias of `fn` pointing to `version`, with its own policy (statements naming the alias ARN). */
function withAlias(
  fn: FunctionJson,
  name: string,
  version: string,
  statements: PolicyStatement[],
): FunctionJson {
  const arn = `${fn.Arn}:${name}`;
  const alias: FunctionAliasJson = { AliasArn: arn, Name: name, FunctionVersion: version };
  if (statements.length > 0)
    alias.ResourcePolicy = JSON.stringify(
      policy(...statements.map((s) => ({ ...s, Resource: arn }))),
    );
  return { ...fn, Aliases: [...fn.Aliases, alias] };
}

/** A function URL's 32-character id, derived from the function's ARN (the demo is deterministic). */
function urlId(arn: string): string {
  let out = '';
  for (let salt = 0; out.length < 32; salt++) {
    let h = 0x811c9dc5 ^ salt;
    for (let i = 0; i < arn.length; i++) h = Math.imul(h ^ arn.charCodeAt(i), 0x01000193);
    out += (h >>> 0).toString(36);
  }
  return out.slice(0, 32);
}

/** The two statements AWS adds for a function URL with AuthType NONE: both actions to `*`. */
function publicUrlStatements(): PolicyStatement[] {
  return [
    grant(
      '*',
      ['lambda:InvokeFunctionUrl'],
      { StringEquals: { 'lambda:FunctionUrlAuthType': 'NONE' } },
      'FunctionURLAllowPublicAccess',
    ),
    grant(
      '*',
      ['lambda:InvokeFunction'],
      { Bool: { 'lambda:InvokedViaFunctionUrl': 'true' } },
      'FunctionURLAllowInvokeAction',
    ),
  ];
}

/**
 * The Lambda functions of an account's workloads.json: acme-data-prod's shared with a vendor,
 * the organization and the public; `resourcesPerType` per generic workload account (invoked by
 * the account's own SNS topics only).
 */
export function plantedFunctions(
  accountId: string,
  partition: string,
  options: { generic: boolean; resourcesPerType: number },
): FunctionJson[] {
  if (accountId === DATA_PROD)
    return [
      lambdaFunction(accountId, partition, 'vendor-report-export', [
        grant({ AWS: `arn:${partition}:iam::${DATADOG}:root` }, ['lambda:InvokeFunction']),
      ]),
      // A NONE URL, but the policy admits the organization only: unsigned calls carry no
      // organization id, so nobody outside reaches it.
      lambdaFunction(
        accountId,
        partition,
        'org-usage-report',
        [grant('*', ['lambda:InvokeFunction'], ORG_ONLY)],
        ['NONE'],
      ),
      // What AWS writes for a function URL with AuthType NONE: both actions are required.
      lambdaFunction(accountId, partition, 'public-status-page', publicUrlStatements(), ['NONE']),
      // The same public statements, left behind after its URL was deleted: no URL, no edge.
      lambdaFunction(accountId, partition, 'retired-webhook', publicUrlStatements()),
      // No function policy, but `aws lambda add-permission --qualifier live` let the unknown
      // external account invoke the alias: it reaches the function through the alias ARN.
      withAlias(lambdaFunction(accountId, partition, 'partner-settlement', []), 'live', '7', [
        grant(
          { AWS: `arn:${partition}:iam::${UNKNOWN_EXTERNAL}:root` },
          ['lambda:InvokeFunction'],
          undefined,
          'partner-invoke',
        ),
      ]),
    ];
  if (!options.generic) return [];
  const out: FunctionJson[] = [];
  for (let i = 0; i < options.resourcesPerType; i++)
    out.push(
      lambdaFunction(accountId, partition, `app-handler-${i}`, [
        {
          Effect: 'Allow',
          Principal: { Service: 'sns.amazonaws.com' },
          Action: 'lambda:InvokeFunction',
          Resource: '*',
          Condition: {
            ArnLike: { 'aws:SourceArn': `arn:${partition}:sns:${REGION}:${accountId}:app-topic-*` },
          },
        },
      ]),
    );
  return out;
}

/**
 * The resources.json of an account (undefined: the account has none), planting the encrypted
 * buckets and the reader role on the way.
 */
export function plantResources(
  b: AccountBuilder,
  options: { generic: boolean; resourcesPerType: number },
): ResourcesJson | undefined {
  if (b.accountId === DATA_PROD) return plantDataProd(b);
  if (b.accountId === ANALYTICS_PROD) plantAnalyticsProd(b);
  if (options.generic && options.resourcesPerType > 0)
    return genericResources(b, options.resourcesPerType);
  return undefined;
}

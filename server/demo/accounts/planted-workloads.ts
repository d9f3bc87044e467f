/**
 * The planted scenarios of the eight named workload accounts (docs/demo-organization.md): each
 * misconfiguration that a finding rule must report, next to a clean twin that it must not.
 */
import { ALL_BLOCKED, NONE_BLOCKED, type AccountBuilder } from '../account-builder.js';
import { ADMINISTRATOR_ACCESS, READ_ONLY_ACCESS } from '../aws-managed-policies.js';
import {
  DATA_PROD,
  DELETED_ROLE_UNIQUE_ID,
  ORG_ID,
  PAYMENTS_DEV,
  PAYMENTS_PROD,
  SHARED_SERVICES,
  SNOWFLAKE,
  SNOWFLAKE_EXTERNAL_ID,
  SNOWFLAKE_USER,
  UNKNOWN_EXTERNAL,
  WEB_PROD,
} from '../demo-constants.js';
import { allow, bucketAndObjects, policy, trustAws, trustService } from '../policy-documents.js';

export const STATIC_LEGACY_BUCKET = `acme-payments-static-legacy-${PAYMENTS_PROD}`;
export const PARTNER_EXCHANGE_BUCKET = `acme-partner-exchange-${WEB_PROD}`;
export const WEB_PUBLIC_BUCKET = `acme-web-public-${WEB_PROD}`;
export const DATA_LAKE_BUCKET = `acme-data-lake-prod-${DATA_PROD}`;

/**
 * The bucket policy of the partner exchange: the unknown external account 999988887777 reads,
 * writes and lists. In the previous generation of the demo (previous-generation.ts) both grants
 * were limited to the partner's network (`aws:SourceIp` 198.51.100.0/24); the current generation
 * dropped that condition, so `bucket-reachable-from-outside-org` on the bucket is worsened
 * (conditional → allow) in the second scan of `serve --demo`.
 */
export function partnerExchangePolicy(p: string, generation: 'previous' | 'current') {
  const [exchange, exchangeObjects] = bucketAndObjects(p, PARTNER_EXCHANGE_BUCKET);
  const fromPartnerNetwork =
    generation === 'previous'
      ? { Condition: { IpAddress: { 'aws:SourceIp': PARTNER_NETWORK } } }
      : {};
  return policy(
    {
      Sid: 'PartnerReadWrite',
      Effect: 'Allow',
      Principal: { AWS: `arn:${p}:iam::${UNKNOWN_EXTERNAL}:root` },
      Action: ['s3:GetObject', 's3:PutObject'],
      Resource: exchangeObjects,
      ...fromPartnerNetwork,
    },
    {
      Sid: 'PartnerList',
      Effect: 'Allow',
      Principal: { AWS: `arn:${p}:iam::${UNKNOWN_EXTERNAL}:root` },
      Action: 's3:ListBucket',
      Resource: exchange,
      ...fromPartnerNetwork,
    },
  );
}

/** The partner's network in the previous generation (TEST-NET-2, RFC 5737). */
export const PARTNER_NETWORK = '198.51.100.0/24';

/** The public-read statement of the web and static buckets. */
function publicRead(partition: string, bucket: string) {
  return policy({
    Sid: 'PublicRead',
    Effect: 'Allow',
    Principal: '*',
    Action: 's3:GetObject',
    Resource: `arn:${partition}:s3:::${bucket}/*`,
  });
}

/** 500000000001 acme-payments-prod: the admin role at the end of the external chain. */
export function plantPaymentsProd(b: AccountBuilder): void {
  const p = b.partition;
  b.role({
    name: 'DeploymentAdminRole',
    trust: trustAws([`arn:${p}:iam::${SHARED_SERVICES}:role/ci/ExternalDeployRole`]),
    managed: [ADMINISTRATOR_ACCESS],
    tags: { owner: 'platform' },
  });
  // A public bucket policy neutralised by the account's RestrictPublicBuckets: not public.
  b.setAccountPublicAccessBlock(ALL_BLOCKED);
  b.bucket({
    name: STATIC_LEGACY_BUCKET,
    publicAccessBlock: NONE_BLOCKED,
    policy: publicRead(p, STATIC_LEGACY_BUCKET),
  });
}

/** 500000000002 acme-web-prod: the unknown external account, a deleted principal, public website. */
export function plantWebProd(b: AccountBuilder): void {
  const p = b.partition;
  // external-trust-unknown-account: an account that is neither in the organization nor a vendor.
  b.role({
    name: 'PartnerAuditRole',
    trust: trustAws([`arn:${p}:iam::${UNKNOWN_EXTERNAL}:root`]),
    managed: [READ_ONLY_ACCESS],
  });
  // deleted-principal-in-trust: IAM shows the unique id of a role that was deleted.
  b.role({
    name: 'LegacyCrossAccountRole',
    trust: trustAws([DELETED_ROLE_UNIQUE_ID]),
    managed: [READ_ONLY_ACCESS],
  });
  // Clean twin of service-trust-without-source: the same service role, guarded.
  b.role({
    name: 'AppStreamFleetRole',
    trust: trustService('appstream.amazonaws.com', {
      StringEquals: { 'aws:SourceAccount': WEB_PROD },
    }),
    inline: [
      {
        name: 'FleetLogs',
        document: policy(allow(['logs:CreateLogStream', 'logs:PutLogEvents'], '*')),
      },
    ],
  });
  // No account-level Block Public Access in this account.
  b.bucket({
    name: PARTNER_EXCHANGE_BUCKET,
    publicAccessBlock: ALL_BLOCKED,
    policy: partnerExchangePolicy(p, 'current'),
  });
  b.bucket({
    name: WEB_PUBLIC_BUCKET,
    publicAccessBlock: NONE_BLOCKED,
    policy: publicRead(p, WEB_PUBLIC_BUCKET),
  });
}

/** 500000000003 acme-payments-dev: a public trust and its org-limited twin, a cycle of roles. */
export function plantPaymentsDev(b: AccountBuilder): void {
  const p = b.partition;
  const [appBucket, appObjects] = bucketAndObjects(p, `acme-app-data-${PAYMENTS_DEV}`);
  // public-trust: {"AWS": "*"} with no condition.
  b.role({
    name: 'LegacyPublicRole',
    trust: trustAws(['*']),
    inline: [
      {
        name: 'ReadAppData',
        document: policy(allow('s3:GetObject', appObjects), allow('s3:ListBucket', appBucket)),
      },
    ],
  });
  // Clean twin: {"AWS": "*"} limited to the organization.
  b.role({
    name: 'OrgWideReadRole',
    trust: trustAws(['*'], { StringEquals: { 'aws:PrincipalOrgID': ORG_ID } }),
    managed: [READ_ONLY_ACCESS],
  });
  // A cycle: A trusts B and may assume B; B trusts A and may assume A.
  const a = `arn:${p}:iam::${PAYMENTS_DEV}:role/CycleRoleA`;
  const c = `arn:${p}:iam::${PAYMENTS_DEV}:role/CycleRoleB`;
  b.role({
    name: 'CycleRoleA',
    trust: trustAws([c]),
    inline: [{ name: 'AssumeCycleRoleB', document: policy(allow('sts:AssumeRole', c)) }],
  });
  b.role({
    name: 'CycleRoleB',
    trust: trustAws([a]),
    inline: [{ name: 'AssumeCycleRoleA', document: policy(allow('sts:AssumeRole', a)) }],
  });
  b.setAccountPublicAccessBlock(ALL_BLOCKED);
}

/** 500000000004 acme-web-dev: an unguarded service role, a trust naming a role that does not exist. */
export function plantWebDev(b: AccountBuilder): void {
  const p = b.partition;
  // service-trust-without-source: AppStream documents aws:SourceAccount / aws:SourceArn for this role.
  b.role({
    name: 'AppStreamFleetRole',
    trust: trustService('appstream.amazonaws.com'),
    inline: [
      {
        name: 'FleetLogs',
        document: policy(allow(['logs:CreateLogStream', 'logs:PutLogEvents'], '*')),
      },
    ],
  });
  // deleted-principal-in-trust: names a role that the scanned shared-services account does not have.
  b.role({
    name: 'CrossAccountReportingRole',
    trust: trustAws([`arn:${p}:iam::${SHARED_SERVICES}:role/ReportingJobRole`]),
    managed: [READ_ONLY_ACCESS],
  });
  b.setAccountPublicAccessBlock(ALL_BLOCKED);
}

/** 500000000005 acme-data-prod: the Snowflake storage integration; an RCP guards its S3. */
export function plantDataProd(b: AccountBuilder): void {
  const p = b.partition;
  const [lake, lakeObjects] = bucketAndObjects(p, DATA_LAKE_BUCKET);
  b.role({
    name: 'SnowflakeStorageIntegration',
    trust: trustAws([`arn:${p}:iam::${SNOWFLAKE}:user/${SNOWFLAKE_USER}`], {
      StringEquals: { 'sts:ExternalId': SNOWFLAKE_EXTERNAL_ID },
    }),
    inline: [
      {
        name: 'SnowflakeS3Access',
        document: policy(
          allow(['s3:GetObject', 's3:GetObjectVersion'], lakeObjects),
          allow(['s3:ListBucket', 's3:GetBucketLocation'], lake),
        ),
      },
    ],
    tags: { vendor: 'snowflake' },
  });
  b.setAccountPublicAccessBlock(ALL_BLOCKED);
  // Grants the unknown external account, but the organization's RCP denies principals outside it.
  b.bucket({
    name: DATA_LAKE_BUCKET,
    publicAccessBlock: ALL_BLOCKED,
    policy: policy({
      Sid: 'PartnerRead',
      Effect: 'Allow',
      Principal: { AWS: `arn:${p}:iam::${UNKNOWN_EXTERNAL}:root` },
      Action: 's3:GetObject',
      Resource: lakeObjects,
    }),
  });
}

/**
 * Roles every demo account has: the IAM Identity Center permission-set roles and the Support
 * service-linked role (all accounts); OrganizationAccountAccessRole and SecurityAuditRole (member
 * accounts); the Datadog integration, pipeline deploy and Lambda execution roles and the app data
 * bucket (workload accounts); DeveloperRole (dev workload accounts).
 */
import type { AccountBuilder } from '../account-builder.js';
import { ALL_BLOCKED } from '../account-builder.js';
import {
  ADMINISTRATOR_ACCESS,
  LAMBDA_BASIC_EXECUTION,
  READ_ONLY_ACCESS,
  SECURITY_AUDIT,
  SUPPORT_SERVICE_ROLE_POLICY,
} from '../aws-managed-policies.js';
import {
  DATADOG,
  MANAGEMENT,
  SECURITY,
  SHARED_SERVICES,
  SSO_ADMIN_ROLE,
  SSO_PROVIDER_NAME,
  SSO_READONLY_ROLE,
  SSO_ROLE_PATH,
  appDataBucket,
  datadogExternalId,
  type DemoAccount,
} from '../demo-constants.js';
import {
  allow,
  bucketAndObjects,
  policy,
  trustAws,
  trustSaml,
  trustService,
} from '../policy-documents.js';

/** Identity Center SAML provider, admin and read-only permission-set roles, Support SLR. */
export function addAccountBaseline(b: AccountBuilder): void {
  const saml = b.samlProvider(SSO_PROVIDER_NAME);
  b.role({
    name: SSO_ADMIN_ROLE,
    path: SSO_ROLE_PATH,
    trust: trustSaml(saml),
    managed: [ADMINISTRATOR_ACCESS],
  });
  b.role({
    name: SSO_READONLY_ROLE,
    path: SSO_ROLE_PATH,
    trust: trustSaml(saml),
    managed: [READ_ONLY_ACCESS],
  });
  b.role({
    name: 'AWSServiceRoleForSupport',
    path: '/aws-service-role/support.amazonaws.com/',
    trust: trustService('support.amazonaws.com'),
    managed: [SUPPORT_SERVICE_ROLE_POLICY],
  });
}

/**
 * Member-account roles: OrganizationAccountAccessRole as AWS Organizations creates it (trusts the
 * management account, AdministratorAccess attached) and the security team's SecurityAuditRole.
 */
export function addMemberBaseline(b: AccountBuilder): void {
  b.role({
    name: 'OrganizationAccountAccessRole',
    trust: trustAws([`arn:${b.partition}:iam::${MANAGEMENT}:root`]),
    managed: [ADMINISTRATOR_ACCESS],
  });
  b.role({
    name: 'SecurityAuditRole',
    trust: trustAws([`arn:${b.partition}:iam::${SECURITY}:root`]),
    managed: [SECURITY_AUDIT],
    tags: { owner: 'security' },
  });
}

/** Workload-account roles and the app data bucket. */
export function addWorkloadBaseline(b: AccountBuilder, account: DemoAccount): void {
  const p = b.partition;
  const [bucket, objects] = bucketAndObjects(p, appDataBucket(account.id));
  b.role({
    name: 'DatadogIntegrationRole',
    trust: trustAws([`arn:${p}:iam::${DATADOG}:root`], {
      StringEquals: { 'sts:ExternalId': datadogExternalId(account.id) },
    }),
    managed: [SECURITY_AUDIT],
    inline: [
      {
        name: 'DatadogAWSIntegrationPolicy',
        document: policy(
          allow(
            [
              'cloudwatch:Describe*',
              'cloudwatch:Get*',
              'cloudwatch:List*',
              'ec2:Describe*',
              'logs:Describe*',
              'logs:FilterLogEvents',
              'tag:GetResources',
            ],
            '*',
          ),
        ),
      },
    ],
    tags: { vendor: 'datadog' },
  });
  b.role({
    name: 'PipelineDeployRole',
    trust: trustAws([`arn:${p}:iam::${SHARED_SERVICES}:role/ci/PipelineRole`]),
    inline: [
      {
        name: 'DeployApplication',
        document: policy(
          allow(
            ['cloudformation:*', 'lambda:UpdateFunctionCode', 'lambda:UpdateFunctionConfiguration'],
            '*',
          ),
          allow(['s3:PutObject', 's3:GetObject'], objects),
          allow('s3:ListBucket', bucket),
          allow('iam:PassRole', `arn:${p}:iam::${account.id}:role/service-role/*`),
        ),
      },
    ],
  });
  b.role({
    name: 'LambdaExecutionRole',
    path: '/service-role/',
    trust: trustService('lambda.amazonaws.com'),
    managed: [LAMBDA_BASIC_EXECUTION],
    inline: [
      {
        name: 'AppDataReadWrite',
        document: policy(
          allow(['s3:GetObject', 's3:PutObject'], objects),
          allow('s3:ListBucket', bucket),
        ),
      },
    ],
  });
  if (account.env === 'dev') {
    b.role({
      name: 'DeveloperRole',
      trust: trustAws([`arn:${p}:iam::${SECURITY}:root`]),
      managed: [READ_ONLY_ACCESS],
      inline: [
        {
          name: 'DeveloperWrite',
          document: policy(allow(['s3:PutObject', 's3:DeleteObject'], objects)),
        },
      ],
    });
  }
  b.bucket({ name: appDataBucket(account.id), publicAccessBlock: ALL_BLOCKED });
}

/**
 * The four core accounts of the demo organization: management, security (people and break-glass
 * access), log archive (the organization trail bucket) and shared services (CI, GitHub Actions
 * OIDC, the start of the external chain). docs/demo-organization.md describes every element.
 */
import { ALL_BLOCKED, type AccountBuilder } from '../account-builder.js';
import {
  ADMINISTRATOR_ACCESS,
  READ_ONLY_ACCESS,
  SECURITY_AUDIT,
  STACKSETS_ORG_ADMIN_POLICY,
} from '../aws-managed-policies.js';
import {
  CLOUDHEALTH,
  EXTERNAL_DEPLOY_EXTERNAL_ID,
  GITHUB_OIDC_HOST,
  LOG_ARCHIVE,
  MANAGEMENT,
  ORG_ID,
  PAYMENTS_PROD,
  REGION,
  SECURITY,
  SHARED_SERVICES,
  STACKSETS_ORG_ADMIN_PATH,
  STACKSETS_ORG_ADMIN_ROLE,
  UNKNOWN_EXTERNAL,
} from '../demo-constants.js';
import { addAccountBaseline, addMemberBaseline } from './common-roles.js';
import {
  allow,
  bucketAndObjects,
  policy,
  trustAws,
  trustOidc,
  trustService,
} from '../policy-documents.js';

export const ORG_TRAIL_BUCKET = `acme-org-cloudtrail-logs-${LOG_ARCHIVE}`;
export const SHARED_ARTIFACTS_BUCKET = `acme-shared-artifacts-${SHARED_SERVICES}`;
export const CI_CACHE_BUCKET = `acme-ci-cache-${SHARED_SERVICES}`;
export const BILLING_BUCKET = `acme-billing-reports-${MANAGEMENT}`;
export const SECURITY_FINDINGS_BUCKET = `acme-security-findings-${SECURITY}`;

export function buildManagementAccount(b: AccountBuilder): void {
  const p = b.partition;
  addAccountBaseline(b);
  // A vendor trusted without an ExternalId: vendor-trust-without-external-id.
  b.role({
    name: 'CloudHealthRole',
    trust: trustAws([`arn:${p}:iam::${CLOUDHEALTH}:root`]),
    inline: [
      {
        name: 'CloudHealthBillingRead',
        document: policy(
          allow(
            [
              'ce:Get*',
              'ce:Describe*',
              'cur:Describe*',
              'organizations:Describe*',
              'organizations:List*',
            ],
            '*',
          ),
        ),
      },
    ],
    tags: { vendor: 'cloudhealth' },
  });
  // Trusted access for StackSets: its service-linked role assumes the stacksets-exec-* role of
  // member accounts (acme-sandbox has one). A deployer may create a service-managed stack set
  // and deploy it to an OU; its twin may only create the stack set.
  b.role({
    name: STACKSETS_ORG_ADMIN_ROLE,
    path: STACKSETS_ORG_ADMIN_PATH,
    trust: trustService('stacksets.cloudformation.amazonaws.com'),
    managed: [STACKSETS_ORG_ADMIN_POLICY],
  });
  const stackSets = `arn:${p}:cloudformation:*:${MANAGEMENT}:stackset/*`;
  b.user({
    name: 'esc-org-stackset-deployer',
    inline: [
      {
        name: 'org-stacksets',
        document: policy(
          allow(
            ['cloudformation:CreateStackSet', 'cloudformation:CreateStackInstances'],
            stackSets,
          ),
        ),
      },
    ],
  });
  b.user({
    name: 'esc-org-stackset-drafter',
    inline: [
      {
        name: 'org-stacksets',
        document: policy(
          allow(['cloudformation:CreateStackSet', 'cloudformation:DescribeStackSet'], stackSets),
        ),
      },
    ],
  });
  const [bucket, objects] = bucketAndObjects(p, BILLING_BUCKET);
  b.setAccountPublicAccessBlock(ALL_BLOCKED);
  b.bucket({
    name: BILLING_BUCKET,
    publicAccessBlock: ALL_BLOCKED,
    policy: policy({
      Sid: 'BillingReportsDelivery',
      Effect: 'Allow',
      Principal: { Service: 'billingreports.amazonaws.com' },
      Action: ['s3:GetBucketAcl', 's3:GetBucketPolicy', 's3:PutObject'],
      Resource: [bucket, objects],
      Condition: {
        StringEquals: {
          'aws:SourceAccount': MANAGEMENT,
          'aws:SourceArn': `arn:${p}:cur:us-east-1:${MANAGEMENT}:definition/*`,
        },
      },
    }),
  });
}

export function buildSecurityAccount(b: AccountBuilder): void {
  const p = b.partition;
  addAccountBaseline(b);
  addMemberBaseline(b);
  const boundary = b.customerPolicy({
    name: 'DeveloperBoundary',
    versions: [
      // v1 (no longer the default): the boundary allowed everything.
      policy(allow('*', '*')),
      // v2 (default): developers may only assume DeveloperRole and read.
      policy(
        allow(
          'sts:AssumeRole',
          `arn:${p}:iam::*:role/DeveloperRole`,
          undefined,
          'AssumeDeveloperRoleOnly',
        ),
        allow(
          [
            's3:Get*',
            's3:List*',
            'ec2:Describe*',
            'logs:Describe*',
            'logs:Get*',
            'cloudwatch:Get*',
          ],
          '*',
          undefined,
          'ReadOnly',
        ),
      ),
    ],
  });
  const assumeAudit = {
    name: 'AssumeSecurityAuditRole',
    document: policy(allow('sts:AssumeRole', `arn:${p}:iam::*:role/SecurityAuditRole`)),
  };
  b.group({ name: 'SecurityAdmins', managed: [ADMINISTRATOR_ACCESS] });
  b.group({ name: 'Auditors', managed: [SECURITY_AUDIT] });
  b.group({
    name: 'Developers',
    managed: [READ_ONLY_ACCESS],
    inline: [
      {
        name: 'AssumeDeveloperRole',
        document: policy(allow('sts:AssumeRole', `arn:${p}:iam::*:role/DeveloperRole`)),
      },
    ],
  });
  b.user({
    name: 'alice',
    path: '/people/',
    groups: ['SecurityAdmins'],
    tags: { team: 'security' },
  });
  b.user({
    name: 'bob',
    path: '/people/',
    groups: ['Auditors'],
    inline: [assumeAudit],
    tags: { team: 'security' },
  });
  // carol's identity policy allows SecurityAuditRole, but her boundary does not: no edge.
  b.user({
    name: 'carol',
    path: '/people/',
    groups: ['Developers'],
    inline: [assumeAudit],
    boundary,
    tags: { team: 'payments' },
  });
  // Same-account trust of the whole account, MFA required: only principals whose identity
  // policy allows sts:AssumeRole on it can use it (alice and the admin roles, not bob or carol).
  b.role({
    name: 'BreakGlassRole',
    trust: trustAws([`arn:${p}:iam::${SECURITY}:root`], {
      Bool: { 'aws:MultiFactorAuthPresent': 'true' },
    }),
    managed: [ADMINISTRATOR_ACCESS],
  });
  b.setAccountPublicAccessBlock(ALL_BLOCKED);
  b.bucket({ name: SECURITY_FINDINGS_BUCKET, publicAccessBlock: ALL_BLOCKED });
}

export function buildLogArchiveAccount(b: AccountBuilder): void {
  const p = b.partition;
  addAccountBaseline(b);
  addMemberBaseline(b);
  const [bucket, objects] = bucketAndObjects(p, ORG_TRAIL_BUCKET);
  // Conditional on the caller's network: aws:SourceIp.
  b.role({
    name: 'OnPremBackupRole',
    trust: trustAws([`arn:${p}:iam::${SHARED_SERVICES}:role/BackupOrchestratorRole`], {
      IpAddress: { 'aws:SourceIp': '203.0.113.0/24' },
    }),
    inline: [
      {
        name: 'ReadLogArchive',
        document: policy(allow('s3:GetObject', objects), allow('s3:ListBucket', bucket)),
      },
    ],
  });
  const trail = `arn:${p}:cloudtrail:${REGION}:${MANAGEMENT}:trail/acme-org-trail`;
  b.setAccountPublicAccessBlock(ALL_BLOCKED);
  b.bucket({
    name: ORG_TRAIL_BUCKET,
    publicAccessBlock: ALL_BLOCKED,
    policy: policy(
      {
        Sid: 'AWSCloudTrailAclCheck',
        Effect: 'Allow',
        Principal: { Service: 'cloudtrail.amazonaws.com' },
        Action: 's3:GetBucketAcl',
        Resource: bucket,
        Condition: { StringEquals: { 'aws:SourceArn': trail } },
      },
      {
        Sid: 'AWSCloudTrailWrite',
        Effect: 'Allow',
        Principal: { Service: 'cloudtrail.amazonaws.com' },
        Action: 's3:PutObject',
        Resource: [
          `arn:${p}:s3:::${ORG_TRAIL_BUCKET}/AWSLogs/${MANAGEMENT}/*`,
          `arn:${p}:s3:::${ORG_TRAIL_BUCKET}/AWSLogs/${ORG_ID}/*`,
        ],
        Condition: {
          StringEquals: { 's3:x-amz-acl': 'bucket-owner-full-control', 'aws:SourceArn': trail },
        },
      },
      {
        Sid: 'SecurityAccountRead',
        Effect: 'Allow',
        Principal: { AWS: `arn:${p}:iam::${SECURITY}:root` },
        Action: ['s3:GetObject', 's3:ListBucket'],
        Resource: [bucket, objects],
      },
      {
        Sid: 'DenyInsecureTransport',
        Effect: 'Deny',
        Principal: '*',
        Action: 's3:*',
        Resource: [bucket, objects],
        Condition: { Bool: { 'aws:SecureTransport': 'false' } },
      },
    ),
  });
}

export function buildSharedServicesAccount(b: AccountBuilder): void {
  const p = b.partition;
  addAccountBaseline(b);
  addMemberBaseline(b);
  const github = b.oidcProvider(GITHUB_OIDC_HOST, ['sts.amazonaws.com']);
  const aud = { [`${GITHUB_OIDC_HOST}:aud`]: 'sts.amazonaws.com' };
  const sub = `${GITHUB_OIDC_HOST}:sub`;
  const [artifacts, artifactObjects] = bucketAndObjects(p, SHARED_ARTIFACTS_BUCKET);
  const [cache, cacheObjects] = bucketAndObjects(p, CI_CACHE_BUCKET);
  const readCache = {
    name: 'ReadCiCache',
    document: policy(allow('s3:GetObject', cacheObjects), allow('s3:ListBucket', cache)),
  };
  // Scoped to one repository and branch: no finding.
  b.role({
    name: 'GitHubActionsDeployRole',
    path: '/github/',
    trust: trustOidc(github, {
      StringEquals: { ...aud, [sub]: 'repo:acme/payments-service:ref:refs/heads/main' },
    }),
    inline: [
      {
        name: 'PublishArtifacts',
        document: policy(
          allow(['s3:PutObject', 's3:GetObject'], artifactObjects),
          allow('s3:ListBucket', artifacts),
        ),
      },
    ],
  });
  // Any repository of the acme organization: broad but bounded to one GitHub organization.
  b.role({
    name: 'GitHubActionsOrgRole',
    path: '/github/',
    trust: trustOidc(github, { StringEquals: aud, StringLike: { [sub]: 'repo:acme/*' } }),
    inline: [readCache],
  });
  // Any repository on GitHub: oidc-trust-wildcard-subject.
  b.role({
    name: 'GitHubActionsWildcardRole',
    path: '/github/',
    trust: trustOidc(github, { StringEquals: aud, StringLike: { [sub]: 'repo:*' } }),
    inline: [readCache],
  });
  b.role({
    name: 'GitHubActionsStarRole',
    path: '/github/',
    trust: trustOidc(github, { StringEquals: aud, StringLike: { [sub]: '*' } }),
    inline: [readCache],
  });
  // Audience only, no subject: oidc-trust-without-subject.
  b.role({
    name: 'GitHubActionsNoSubjectRole',
    path: '/github/',
    trust: trustOidc(github, { StringEquals: aud }),
    inline: [readCache],
  });
  // First hop of the external chain: the unknown external account, with an ExternalId.
  const deployAccess = b.customerPolicy({
    name: 'CrossAccountDeployAccess',
    versions: [
      policy(
        allow(
          'sts:AssumeRole',
          `arn:${p}:iam::${PAYMENTS_PROD}:role/DeploymentAdminRole`,
          undefined,
          'AssumeDeploymentAdmin',
        ),
      ),
    ],
  });
  b.role({
    name: 'ExternalDeployRole',
    path: '/ci/',
    trust: trustAws([`arn:${p}:iam::${UNKNOWN_EXTERNAL}:root`], {
      StringEquals: { 'sts:ExternalId': EXTERNAL_DEPLOY_EXTERNAL_ID },
    }),
    managed: [deployAccess],
    tags: { owner: 'platform' },
  });
  // CodeBuild project role of the delivery pipeline (confused-deputy guarded).
  b.role({
    name: 'PipelineRole',
    path: '/ci/',
    trust: trustService('codebuild.amazonaws.com', {
      StringEquals: { 'aws:SourceAccount': SHARED_SERVICES },
    }),
    inline: [
      {
        name: 'AssumePipelineDeployRoles',
        document: policy(allow('sts:AssumeRole', `arn:${p}:iam::*:role/PipelineDeployRole`)),
      },
      {
        name: 'ReadArtifacts',
        document: policy(allow('s3:GetObject', artifactObjects), allow('s3:ListBucket', artifacts)),
      },
    ],
  });
  // EC2 backup orchestrator; its trust in the log archive requires a source IP range.
  b.role({
    name: 'BackupOrchestratorRole',
    trust: trustService('ec2.amazonaws.com'),
    instanceProfile: true,
    inline: [
      {
        name: 'AssumeLogArchiveBackup',
        document: policy(
          allow('sts:AssumeRole', `arn:${p}:iam::${LOG_ARCHIVE}:role/OnPremBackupRole`),
        ),
      },
    ],
  });
  b.setAccountPublicAccessBlock(ALL_BLOCKED);
  // Organization-wide read: Principal * limited by aws:PrincipalOrgID (not public).
  b.bucket({
    name: SHARED_ARTIFACTS_BUCKET,
    publicAccessBlock: ALL_BLOCKED,
    policy: policy({
      Sid: 'OrganizationRead',
      Effect: 'Allow',
      Principal: { AWS: '*' },
      Action: 's3:GetObject',
      Resource: artifactObjects,
      Condition: { StringEquals: { 'aws:PrincipalOrgID': ORG_ID } },
    }),
  });
  b.bucket({ name: CI_CACHE_BUCKET, publicAccessBlock: ALL_BLOCKED });
}

/**
 * The AWS managed policies the demo attaches, with the default-version documents listed in each
 * account's iam.json `Policies` (as `get-account-authorization-details` lists every attached
 * managed policy). AdministratorAccess, AmazonS3ReadOnlyAccess and AWSLambdaBasicExecutionRole are
 * the real documents; ReadOnlyAccess, SecurityAudit and AWSSupportServiceRolePolicy are
 * abbreviated to a representative subset of their actions (the real ones list hundreds) that keeps
 * what matters for reachability: ReadOnlyAccess reads S3 objects and never calls sts:AssumeRole;
 * SecurityAudit and the support policy read configuration, never S3 objects.
 */
import type { PolicyDocument } from './iam-types.js';

export interface AwsManagedPolicy {
  name: string;
  path: string;
  /** Default version id, as AWS reports it. */
  defaultVersionId: string;
  document: PolicyDocument;
}

const V = '2012-10-17';

export const ADMINISTRATOR_ACCESS: AwsManagedPolicy = {
  name: 'AdministratorAccess',
  path: '/',
  defaultVersionId: 'v1',
  document: { Version: V, Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }] },
};

export const READ_ONLY_ACCESS: AwsManagedPolicy = {
  name: 'ReadOnlyAccess',
  path: '/',
  defaultVersionId: 'v118',
  document: {
    Version: V,
    Statement: [
      {
        Sid: 'ReadOnlyActions',
        Effect: 'Allow',
        Action: [
          'cloudformation:Describe*',
          'cloudformation:Get*',
          'cloudformation:List*',
          'cloudtrail:Describe*',
          'cloudtrail:Get*',
          'cloudtrail:LookupEvents',
          'cloudwatch:Describe*',
          'cloudwatch:Get*',
          'cloudwatch:List*',
          'dynamodb:BatchGetItem',
          'dynamodb:Describe*',
          'dynamodb:GetItem',
          'dynamodb:List*',
          'dynamodb:Query',
          'dynamodb:Scan',
          'ec2:Describe*',
          'ec2:Get*',
          'ecr:BatchGetImage',
          'ecr:Describe*',
          'ecr:GetDownloadUrlForLayer',
          'ecr:List*',
          'iam:Generate*',
          'iam:Get*',
          'iam:List*',
          'kms:Describe*',
          'kms:Get*',
          'kms:List*',
          'lambda:Get*',
          'lambda:List*',
          'logs:Describe*',
          'logs:FilterLogEvents',
          'logs:Get*',
          'organizations:Describe*',
          'organizations:List*',
          's3:Describe*',
          's3:Get*',
          's3:List*',
          'sns:Get*',
          'sns:List*',
          'sqs:Get*',
          'sqs:List*',
          'sqs:ReceiveMessage',
          'tag:Get*',
        ],
        Resource: '*',
      },
    ],
  },
};

export const SECURITY_AUDIT: AwsManagedPolicy = {
  name: 'SecurityAudit',
  path: '/',
  defaultVersionId: 'v42',
  document: {
    Version: V,
    Statement: [
      {
        Effect: 'Allow',
        Action: [
          'access-analyzer:List*',
          'cloudtrail:DescribeTrails',
          'cloudtrail:GetEventSelectors',
          'cloudtrail:GetTrailStatus',
          'config:Describe*',
          'ec2:Describe*',
          'iam:GenerateCredentialReport',
          'iam:Get*',
          'iam:List*',
          'kms:Describe*',
          'kms:GetKeyPolicy',
          'kms:List*',
          'lambda:GetPolicy',
          'lambda:List*',
          'logs:Describe*',
          'organizations:Describe*',
          'organizations:List*',
          's3:GetAccountPublicAccessBlock',
          's3:GetBucketAcl',
          's3:GetBucketLocation',
          's3:GetBucketLogging',
          's3:GetBucketPolicy',
          's3:GetBucketPolicyStatus',
          's3:GetBucketPublicAccessBlock',
          's3:GetEncryptionConfiguration',
          's3:ListAllMyBuckets',
          'sns:GetTopicAttributes',
          'sns:ListTopics',
          'sqs:GetQueueAttributes',
          'sqs:ListQueues',
        ],
        Resource: '*',
      },
    ],
  },
};

export const S3_READ_ONLY_ACCESS: AwsManagedPolicy = {
  name: 'AmazonS3ReadOnlyAccess',
  path: '/',
  defaultVersionId: 'v3',
  document: {
    Version: V,
    Statement: [
      {
        Effect: 'Allow',
        Action: [
          's3:Get*',
          's3:List*',
          's3:Describe*',
          's3-object-lambda:Get*',
          's3-object-lambda:List*',
        ],
        Resource: '*',
      },
    ],
  },
};

export const LAMBDA_BASIC_EXECUTION: AwsManagedPolicy = {
  name: 'AWSLambdaBasicExecutionRole',
  path: '/service-role/',
  defaultVersionId: 'v1',
  document: {
    Version: V,
    Statement: [
      {
        Effect: 'Allow',
        Action: ['logs:CreateLogGroup', 'logs:CreateLogStream', 'logs:PutLogEvents'],
        Resource: '*',
      },
    ],
  },
};

export const SUPPORT_SERVICE_ROLE_POLICY: AwsManagedPolicy = {
  name: 'AWSSupportServiceRolePolicy',
  path: '/aws-service-role/',
  defaultVersionId: 'v30',
  document: {
    Version: V,
    Statement: [
      {
        Sid: 'AWSSupportServiceRolePermissions',
        Effect: 'Allow',
        Action: [
          'cloudformation:DescribeStacks',
          'cloudtrail:DescribeTrails',
          'ec2:DescribeInstances',
          'iam:GetAccountSummary',
          'iam:ListRoles',
          's3:GetBucketLocation',
          's3:GetBucketPolicy',
          's3:ListAllMyBuckets',
          'support:*',
        ],
        Resource: '*',
      },
    ],
  },
};

/** StackSets' service-linked role in the management account (trusted access), the real document. */
export const STACKSETS_ORG_ADMIN_POLICY: AwsManagedPolicy = {
  name: 'CloudFormationStackSetsOrgAdminServiceRolePolicy',
  path: '/aws-service-role/',
  defaultVersionId: 'v1',
  document: {
    Version: V,
    Statement: [
      {
        Sid: 'AllowsAWSOrganizationsReadAPIs',
        Effect: 'Allow',
        Action: ['organizations:List*', 'organizations:Describe*'],
        Resource: '*',
      },
      {
        Sid: 'AllowAssumeRoleInMemberAccounts',
        Effect: 'Allow',
        Action: 'sts:AssumeRole',
        Resource: 'arn:aws:iam::*:role/stacksets-exec-*',
      },
    ],
  },
};

/** The policy ARN `arn:PARTITION:iam::aws:policy<path><name>`. */
export function awsManagedPolicyArn(partition: string, policy: AwsManagedPolicy): string {
  return `arn:${partition}:iam::aws:policy${policy.path}${policy.name}`;
}

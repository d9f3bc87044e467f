/**
 * What the decision layer and the graph need to know about each resource-policy service
 * (IAM-SEMANTICS.md §7a): its action groups, the actions that work across accounts at all, whether
 * RCPs protect it, whether an identity policy alone can allow a same-account caller (KMS: no),
 * and which KMS operations each action needs on the key that encrypts the resource.
 */
import type { ResourceType } from '../snapshot/types.js';
import type { ResourceService } from './types.js';

export interface ServiceRules {
  service: ResourceService;
  /** How the policy is called in sentences. */
  policyName: string;
  /** How a resource is called in sentences. */
  noun: string;
  /** Action groups of `can-access` edges, the first the one a reviewer thinks of. */
  groups: Readonly<Record<string, readonly string[]>>;
  /**
   * A group is usable only when every action of it is allowed (an image pull needs both
   * BatchGetImage and GetDownloadUrlForLayer); otherwise when any is (S3's reading).
   */
  groupNeedsAll?: boolean;
  /** Actions that another account may be granted at all; undefined = every action. */
  crossAccountActions?: ReadonlySet<string>;
  /** Actions that another account can never use, whatever the policy says (lower case). */
  notCrossAccountActions?: ReadonlySet<string>;
  /** Same-account identity policies allow on their own (false for KMS: the key policy must allow). */
  identityAloneSuffices: boolean;
  /** RCPs apply to this service. */
  rcpsApply: boolean;
  /** KMS operations each action needs on the resource's key (lower-case action → operations). */
  keyOperations?: ReadonlyMap<string, readonly string[]>;
  /** The AWS managed key used when the resource names none (`alias/aws/secretsmanager`); undefined = no encryption by KMS then. */
  defaultKeyAlias?: string;
  /** The endpoint prefix for `kms:ViaService` (`secretsmanager` → `secretsmanager.REGION.amazonaws.com`). */
  endpoint: string;
}

const lower = (list: readonly string[]): ReadonlySet<string> =>
  new Set(list.map((a) => a.toLowerCase()));

const KMS: ServiceRules = {
  service: 'kms',
  policyName: 'key policy',
  noun: 'KMS key',
  groups: {
    decrypt: ['kms:Decrypt'],
    encrypt: ['kms:Encrypt', 'kms:GenerateDataKey'],
    admin: ['kms:PutKeyPolicy', 'kms:CreateGrant'],
  },
  // https://docs.aws.amazon.com/kms/latest/developerguide/key-policy-modifying-external-accounts.html
  crossAccountActions: lower([
    'kms:CreateGrant',
    'kms:Decrypt',
    'kms:DeriveSharedSecret',
    'kms:DescribeKey',
    'kms:Encrypt',
    'kms:GenerateDataKey',
    'kms:GenerateDataKeyPair',
    'kms:GenerateDataKeyPairWithoutPlaintext',
    'kms:GenerateDataKeyWithoutPlaintext',
    'kms:GenerateMac',
    'kms:GetPublicKey',
    'kms:ListGrants',
    'kms:ReEncryptFrom',
    'kms:ReEncryptTo',
    'kms:RetireGrant',
    'kms:RevokeGrant',
    'kms:Sign',
    'kms:Verify',
    'kms:VerifyMac',
  ]),
  identityAloneSuffices: false,
  rcpsApply: true,
  endpoint: 'kms',
};

const SECRETS: ServiceRules = {
  service: 'secretsmanager',
  policyName: 'secret policy',
  noun: 'secret',
  groups: {
    read: ['secretsmanager:GetSecretValue'],
    write: ['secretsmanager:PutSecretValue'],
    admin: ['secretsmanager:PutResourcePolicy', 'secretsmanager:DeleteSecret'],
  },
  // https://docs.aws.amazon.com/secretsmanager/latest/userguide/auth-and-access_examples_cross.html
  crossAccountActions: lower([
    'secretsmanager:CancelRotateSecret',
    'secretsmanager:DeleteResourcePolicy',
    'secretsmanager:DeleteSecret',
    'secretsmanager:DescribeSecret',
    'secretsmanager:GetRandomPassword',
    'secretsmanager:GetResourcePolicy',
    'secretsmanager:GetSecretValue',
    'secretsmanager:ListSecretVersionIds',
    'secretsmanager:PutResourcePolicy',
    'secretsmanager:PutSecretValue',
    'secretsmanager:RemoveRegionsFromReplication',
    'secretsmanager:ReplicateSecretToRegions',
    'secretsmanager:RestoreSecret',
    'secretsmanager:RotateSecret',
    'secretsmanager:StopReplicationToReplica',
    'secretsmanager:TagResource',
    'secretsmanager:UntagResource',
    'secretsmanager:UpdateSecret',
    'secretsmanager:UpdateSecretVersionStage',
    'secretsmanager:ValidateResourcePolicy',
  ]),
  identityAloneSuffices: true,
  rcpsApply: true,
  keyOperations: new Map([
    ['secretsmanager:getsecretvalue', ['kms:Decrypt']],
    ['secretsmanager:putsecretvalue', ['kms:GenerateDataKey']],
  ]),
  defaultKeyAlias: 'alias/aws/secretsmanager',
  endpoint: 'secretsmanager',
};

const SQS: ServiceRules = {
  service: 'sqs',
  policyName: 'queue policy',
  noun: 'queue',
  groups: { read: ['sqs:ReceiveMessage'], write: ['sqs:SendMessage'] },
  // "Cross-account permissions don't apply to the following actions":
  // https://docs.aws.amazon.com/AWSSimpleQueueService/latest/SQSDeveloperGuide/sqs-limitations-of-custom-policies.html
  // (the queue's own account alone can use them, whatever a queue policy grants '*' or another
  // account; the groups' ReceiveMessage and SendMessage are not among them).
  notCrossAccountActions: lower([
    'sqs:AddPermission',
    'sqs:CancelMessageMoveTask',
    'sqs:CreateQueue',
    'sqs:DeleteQueue',
    'sqs:ListMessageMoveTasks',
    'sqs:ListQueues',
    'sqs:ListQueueTags',
    'sqs:RemovePermission',
    'sqs:SetQueueAttributes',
    'sqs:StartMessageMoveTask',
    'sqs:TagQueue',
    'sqs:UntagQueue',
  ]),
  identityAloneSuffices: true,
  rcpsApply: true,
  keyOperations: new Map([
    ['sqs:receivemessage', ['kms:Decrypt']],
    ['sqs:sendmessage', ['kms:GenerateDataKey', 'kms:Decrypt']],
  ]),
  endpoint: 'sqs',
};

const SNS: ServiceRules = {
  service: 'sns',
  policyName: 'topic policy',
  noun: 'topic',
  groups: { publish: ['sns:Publish'], subscribe: ['sns:Subscribe'] },
  // A topic policy supports only these actions ("Valid Amazon SNS policy actions",
  // https://docs.aws.amazon.com/sns/latest/dg/sns-access-policy-language-api-permissions-reference.html),
  // and another account's principal reaches a topic only through its topic policy.
  crossAccountActions: lower([
    'sns:AddPermission',
    'sns:DeleteTopic',
    'sns:GetDataProtectionPolicy',
    'sns:GetTopicAttributes',
    'sns:ListSubscriptionsByTopic',
    'sns:ListTagsForResource',
    'sns:Publish',
    'sns:PutDataProtectionPolicy',
    'sns:RemovePermission',
    'sns:SetTopicAttributes',
    'sns:Subscribe',
  ]),
  identityAloneSuffices: true,
  // SNS is not among the services RCPs support.
  rcpsApply: false,
  keyOperations: new Map([['sns:publish', ['kms:GenerateDataKey', 'kms:Decrypt']]]),
  endpoint: 'sns',
};

const ECR: ServiceRules = {
  service: 'ecr',
  policyName: 'repository policy',
  noun: 'repository',
  groups: {
    // https://docs.aws.amazon.com/AmazonECR/latest/userguide/ECR_on_ECS.html ("must have
    // permissions to make the ecr:BatchGetImage, ecr:GetDownloadUrlForLayer, and
    // ecr:GetAuthorizationToken APIs"; the last is identity-only: resource-access.ts).
    pull: ['ecr:BatchGetImage', 'ecr:GetDownloadUrlForLayer'],
    // A new image's layers and config are uploaded (InitiateLayerUpload, UploadLayerPart,
    // CompleteLayerUpload) before its manifest (PutImage):
    // https://docs.aws.amazon.com/AmazonECR/latest/userguide/image-push-iam.html. That page's
    // BatchCheckLayerAvailability and BatchGetImage serve the docker client's checks, not the
    // upload itself, so they are not required here (a caller picks its client).
    push: [
      'ecr:InitiateLayerUpload',
      'ecr:UploadLayerPart',
      'ecr:CompleteLayerUpload',
      'ecr:PutImage',
    ],
  },
  groupNeedsAll: true,
  identityAloneSuffices: true,
  rcpsApply: true,
  endpoint: 'ecr',
};

/**
 * A Lambda function's resource-based (function) policy. Another account may be granted most
 * actions on an existing function; AddPermission, RemovePermission and
 * UpdateFunctionConfiguration are not among them in practice (see IAM-SEMANTICS.md §7a).
 * `invoke`: the Invoke API or the function URL (lambda:InvokeFunctionUrl, whose
 * `lambda:FunctionUrlAuthType` tells NONE — unsigned requests — from AWS_IAM); `read`:
 * GetFunction returns the code's download link and the configuration, GetFunctionConfiguration
 * the configuration alone — environment variables included, often credentials;
 * `modify`: new code runs with the function's execution role.
 */
const LAMBDA: ServiceRules = {
  service: 'lambda',
  policyName: 'function policy',
  noun: 'Lambda function',
  groups: {
    invoke: ['lambda:InvokeFunction', 'lambda:InvokeFunctionUrl'],
    read: ['lambda:GetFunction', 'lambda:GetFunctionConfiguration'],
    modify: ['lambda:UpdateFunctionCode'],
  },
  notCrossAccountActions: lower([
    'lambda:AddPermission',
    'lambda:RemovePermission',
    'lambda:UpdateFunctionConfiguration',
  ]),
  identityAloneSuffices: true,
  // Lambda is not among the services that RCPs support.
  rcpsApply: false,
  endpoint: 'lambda',
};

const BY_SERVICE: ReadonlyMap<ResourceService, ServiceRules> = new Map([
  ['kms', KMS],
  ['secretsmanager', SECRETS],
  ['sqs', SQS],
  ['sns', SNS],
  ['ecr', ECR],
  ['lambda', LAMBDA],
]);

const BY_TYPE: ReadonlyMap<ResourceType, ResourceService> = new Map([
  ['kms-key', 'kms'],
  ['secretsmanager-secret', 'secretsmanager'],
  ['sqs-queue', 'sqs'],
  ['sns-topic', 'sns'],
  ['ecr-repository', 'ecr'],
]);

/** The rules of a service. */
export function serviceRules(service: ResourceService): ServiceRules {
  const rules = BY_SERVICE.get(service);
  if (rules === undefined) throw new Error(`unknown resource service ${service}`);
  return rules;
}

/** The service of a resource type. */
export function serviceOfType(type: ResourceType | 'lambda-function'): ResourceService {
  if (type === 'lambda-function') return 'lambda';
  const s = BY_TYPE.get(type);
  if (s === undefined) throw new Error(`unknown resource type ${type}`);
  return s;
}

/** Every resource service. */
export const RESOURCE_SERVICES: readonly ResourceService[] = [...BY_SERVICE.keys()];

/** The service whose actions start with `prefix:` (`kms:Decrypt` → kms), if it is one of ours. */
export function serviceOfAction(action: string): ResourceService | undefined {
  const prefix = action.slice(0, action.indexOf(':')).toLowerCase();
  return RESOURCE_SERVICES.find((s) => s === prefix);
}

/** The action groups of a service, in order. */
export function actionGroupsOf(service: ResourceService): readonly string[] {
  return Object.keys(serviceRules(service).groups);
}

/**
 * `resources.json` of one account (DESIGN.md "Snapshot directory"): KMS keys and the resources
 * of the resource-policy services (Secrets Manager, SQS, SNS, ECR), read in every region by one
 * module per service, each with its resource policy and the KMS key that encrypts it.
 */
import type { JsonValue } from './aws-json.js';
import { readEcrRepositories } from './ecr.js';
import { readKmsKeys } from './kms.js';
import type { RegionContext } from './region-context.js';
import { readSecrets } from './secrets-manager.js';
import { readTopics } from './sns.js';
import { readQueues } from './sqs.js';

export type ResourceType =
  'kms-key' | 'secretsmanager-secret' | 'sqs-queue' | 'sns-topic' | 'ecr-repository';

/** One entry of `resources.json`'s `Resources`. */
export interface ResourceJson {
  Type: ResourceType;
  Arn: string;
  Region: string;
  /** The resource policy text exactly as the service returned it. */
  Policy?: string;
  /** kms-key: who manages the key. */
  KeyManager?: 'AWS' | 'CUSTOMER';
  /** kms-key: its aliases (`alias/…`). */
  Aliases?: string[];
  /** kms-key: its grants as ListGrants returns them (trustmap's addition to DESIGN.md's format). */
  Grants?: JsonValue[];
  /** secret, queue, topic, repository: the KMS key id, ARN or alias; absent = the service's default. */
  KmsKeyId?: string;
}

export interface ResourcesFile {
  Resources: ResourceJson[];
}

/** Every resource of one region; failed calls are recorded in the context. */
export async function readRegionResources(ctx: RegionContext): Promise<ResourceJson[]> {
  const lists = await Promise.all([
    readKmsKeys(ctx),
    readSecrets(ctx),
    readQueues(ctx),
    readTopics(ctx),
    readEcrRepositories(ctx),
  ]);
  return lists.flat();
}

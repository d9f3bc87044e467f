/**
 * SQS queues of one region (ListQueues, every page) with their ARN, access policy and KMS key
 * (GetQueueAttributes `QueueArn`, `Policy`, `KmsMasterKeyId`; SQS-managed encryption has no
 * key id).
 */
import { GetQueueAttributesCommand, ListQueuesCommand } from '@aws-sdk/client-sqs';
import { errorNameOf } from './aws-errors.js';
import { readAllPages } from './paginate.js';
import type { RegionContext } from './region-context.js';
import type { ResourceJson } from './resources.js';

export async function readQueues(ctx: RegionContext): Promise<ResourceJson[]> {
  const client = ctx.client('sqs');
  const urls: string[] = [];
  try {
    await readAllPages('sqs:ListQueues', async (token) => {
      const out = await client.send(
        new ListQueuesCommand({
          MaxResults: 1000,
          ...(token === undefined ? {} : { NextToken: token }),
        }),
      );
      urls.push(...(out.QueueUrls ?? []));
      return { items: undefined, next: out.NextToken };
    });
  } catch (err: unknown) {
    ctx.fail('sqs', 'sqs:ListQueues', err);
  }
  const queues: ResourceJson[] = [];
  for (const url of urls) {
    try {
      const out = await client.send(
        new GetQueueAttributesCommand({
          QueueUrl: url,
          AttributeNames: ['QueueArn', 'Policy', 'KmsMasterKeyId'],
        }),
      );
      const attributes = out.Attributes ?? {};
      const arn = attributes['QueueArn'];
      if (arn === undefined) continue;
      const policy = attributes['Policy'];
      const key = attributes['KmsMasterKeyId'];
      queues.push({
        Type: 'sqs-queue',
        Arn: arn,
        Region: ctx.region,
        ...(policy === undefined ? {} : { Policy: policy }),
        ...(key === undefined || key === '' ? {} : { KmsKeyId: key }),
      });
    } catch (err: unknown) {
      // A queue deleted between the listing and this call is simply gone.
      if (
        errorNameOf(err) === 'QueueDoesNotExist' ||
        errorNameOf(err) === 'AWS.SimpleQueueService.NonExistentQueue'
      )
        continue;
      ctx.fail('sqs', 'sqs:GetQueueAttributes', err, url);
    }
  }
  return queues;
}

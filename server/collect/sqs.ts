/**
 * SQS queues of one region (ListQueues, every page) with their ARN, access policy and KMS key
 * (GetQueueAttributes `QueueArn`, `Policy`, `KmsMasterKeyId`; SQS-managed encryption has no
 * key id). A queue whose attributes cannot be read is kept, named by its URL's ARN, without a
 * policy, and the failure is recorded with that ARN: analysis reads its policy as unread.
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
      // The queue exists: kept with its policy unread (IAM-SEMANTICS.md §7a.7), named by the
      // ARN its URL gives, so that analysis neither drops it nor reads it as having no policy.
      const arn = queueArnOfUrl(url, ctx);
      ctx.fail('sqs', 'sqs:GetQueueAttributes', err, arn ?? url);
      if (arn !== undefined) queues.push({ Type: 'sqs-queue', Arn: arn, Region: ctx.region });
    }
  }
  return queues;
}

/**
 * The ARN of the queue at `url` (`https://sqs.REGION.amazonaws.com/ACCOUNT/NAME`, or the legacy
 * `https://REGION.queue.amazonaws.com/ACCOUNT/NAME`): the account and name are its path, the
 * region and partition those of the call. Undefined when the URL does not have that shape.
 */
export function queueArnOfUrl(
  url: string,
  ctx: Pick<RegionContext, 'partition' | 'region'>,
): string | undefined {
  let path: string;
  try {
    path = new URL(url).pathname;
  } catch {
    return undefined;
  }
  const match = /^\/(\d{12})\/([A-Za-z0-9_-]{1,80}(?:\.fifo)?)$/.exec(path);
  if (match === null) return undefined;
  return `arn:${ctx.partition}:sqs:${ctx.region}:${match[1] ?? ''}:${match[2] ?? ''}`;
}

/**
 * SNS topics of one region (ListTopics, every page) with their access policy and KMS key
 * (GetTopicAttributes `Policy`, `KmsMasterKeyId`). A topic whose attributes cannot be read is
 * kept without a policy, the failure recorded with its ARN: analysis reads its policy as unread.
 */
import { GetTopicAttributesCommand, ListTopicsCommand } from '@aws-sdk/client-sns';
import { errorNameOf } from './aws-errors.js';
import { readAllPages } from './paginate.js';
import type { RegionContext } from './region-context.js';
import type { ResourceJson } from './resources.js';

export async function readTopics(ctx: RegionContext): Promise<ResourceJson[]> {
  const client = ctx.client('sns');
  const arns: string[] = [];
  try {
    await readAllPages('sns:ListTopics', async (token) => {
      const out = await client.send(
        new ListTopicsCommand(token === undefined ? {} : { NextToken: token }),
      );
      for (const topic of out.Topics ?? []) {
        if (topic.TopicArn !== undefined) arns.push(topic.TopicArn);
      }
      return { items: undefined, next: out.NextToken };
    });
  } catch (err: unknown) {
    ctx.fail('sns', 'sns:ListTopics', err);
  }
  const topics: ResourceJson[] = [];
  for (const arn of arns) {
    try {
      const out = await client.send(new GetTopicAttributesCommand({ TopicArn: arn }));
      const attributes = out.Attributes ?? {};
      const policy = attributes['Policy'];
      const key = attributes['KmsMasterKeyId'];
      topics.push({
        Type: 'sns-topic',
        Arn: arn,
        Region: ctx.region,
        ...(policy === undefined ? {} : { Policy: policy }),
        ...(key === undefined || key === '' ? {} : { KmsKeyId: key }),
      });
    } catch (err: unknown) {
      if (errorNameOf(err) === 'NotFound' || errorNameOf(err) === 'NotFoundException') continue;
      ctx.fail('sns', 'sns:GetTopicAttributes', err, arn);
      // The topic exists: kept with its policy unread (IAM-SEMANTICS.md §7a.7).
      topics.push({ Type: 'sns-topic', Arn: arn, Region: ctx.region });
    }
  }
  return topics;
}

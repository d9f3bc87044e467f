/**
 * The ARN of a queue whose attributes could not be read comes from its URL (ListQueues):
 * `https://sqs.REGION.amazonaws.com/ACCOUNT/NAME` and the legacy
 * `https://REGION.queue.amazonaws.com/ACCOUNT/NAME`
 * (https://docs.aws.amazon.com/AWSSimpleQueueService/latest/SQSDeveloperGuide/sqs-queue-message-identifiers.html).
 */
import { describe, expect, it } from 'vitest';
import { queueArnOfUrl } from '../../../server/collect/sqs.js';

const ctx = { partition: 'aws', region: 'eu-west-1' };

describe('queueArnOfUrl', () => {
  it.each([
    [
      'https://sqs.eu-west-1.amazonaws.com/123456789012/jobs',
      'arn:aws:sqs:eu-west-1:123456789012:jobs',
    ],
    [
      'https://eu-west-1.queue.amazonaws.com/123456789012/orders.fifo',
      'arn:aws:sqs:eu-west-1:123456789012:orders.fifo',
    ],
    [
      'http://127.0.0.1:4566/123456789012/dead_letter-1',
      'arn:aws:sqs:eu-west-1:123456789012:dead_letter-1',
    ],
  ])('%s → %s', (url, arn) => {
    expect(queueArnOfUrl(url, ctx)).toBe(arn);
  });

  it.each([
    'not a url',
    'https://sqs.eu-west-1.amazonaws.com/jobs',
    'https://sqs.eu-west-1.amazonaws.com/12345/jobs',
    'https://sqs.eu-west-1.amazonaws.com/123456789012/jobs/extra',
    'https://sqs.eu-west-1.amazonaws.com/123456789012/bad%20name',
  ])('%s: no ARN', (url) => {
    expect(queueArnOfUrl(url, ctx)).toBeUndefined();
  });
});

/**
 * A suggestion names what a resource is (a reviewer picking `alias/data-shared` must see it is a
 * KMS key, not "Resource (KMS key, secret, queue …)"), read from the ARN's service; a resource of
 * a service this version does not know, and a key that is no ARN, keep the generic label.
 */
import { describe, expect, it } from 'vitest';
import { KIND_LABELS, kindLabelOf } from '../../web/src/graph/node-look.js';

describe('kindLabelOf', () => {
  it.each([
    ['arn:aws:kms:us-east-1:500000000005:key/00000005-0000-4000-8000-000000000002', 'KMS key'],
    [
      'arn:aws:secretsmanager:us-east-1:500000000005:secret:vendor/datadog-api-key-Vd7xQ2',
      'Secrets Manager secret',
    ],
    ['arn:aws:sqs:us-east-1:500000000005:public-intake', 'SQS queue'],
    ['arn:aws:sns:us-east-1:500000000005:vendor-alerts', 'SNS topic'],
    ['arn:aws:ecr:us-east-1:500000000005:repository/partner-builds', 'ECR repository'],
    ['arn:aws-cn:lambda:cn-north-1:500000000005:function:partner-settlement', 'Lambda function'],
  ])('a resource %s is a %s', (key, label) => {
    expect(kindLabelOf('resource', key)).toBe(label);
  });

  it('keeps the generic label for an unknown service, a key that is no ARN and __proto__', () => {
    expect(kindLabelOf('resource', 'arn:aws:dynamodb:us-east-1:500000000005:table/t')).toBe(
      KIND_LABELS.resource,
    );
    expect(kindLabelOf('resource', 'not-an-arn')).toBe(KIND_LABELS.resource);
    expect(kindLabelOf('resource', 'arn:aws:__proto__:us-east-1:500000000005:x')).toBe(
      KIND_LABELS.resource,
    );
  });

  it('other kinds keep their own label', () => {
    expect(kindLabelOf('bucket', 'arn:aws:s3:::acme-data-shared-500000000005')).toBe('S3 bucket');
    expect(kindLabelOf('role', 'arn:aws:iam::500000000001:role/DeploymentAdminRole')).toBe('Role');
  });
});

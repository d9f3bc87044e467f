/**
 * Seeded filler: application roles, service users and groups that make a workload account look
 * lived-in and give the scale data its size. Filler only reads and writes its own account's app
 * data bucket and tables and assumes other filler roles of the same account, so it never changes
 * a fact listed in docs/demo-organization.md. Names, counts and kinds depend on the seed.
 */
import type { AccountBuilder } from '../account-builder.js';
import { LAMBDA_BASIC_EXECUTION } from '../aws-managed-policies.js';
import { appDataBucket } from '../demo-constants.js';
import { allow, bucketAndObjects, policy, trustAws, trustService } from '../policy-documents.js';

const WORDS = [
  'billing',
  'checkout',
  'catalog',
  'search',
  'ledger',
  'ingest',
  'reports',
  'notify',
  'orders',
  'profile',
  'inventory',
  'pricing',
  'fraud',
  'shipping',
  'auth',
  'media',
  'export',
  'metrics',
  'session',
  'payouts',
] as const;

/** Adds filler principals until the account has `target` principals (at least `minimum` added). */
export function addFillerPrincipals(b: AccountBuilder, target: number, minimum = 0): void {
  const prng = b.prng;
  const p = b.partition;
  const [bucket, objects] = bucketAndObjects(p, appDataBucket(b.accountId));
  const remaining = Math.max(target - b.principalCount, minimum);
  const groupCount = Math.floor(remaining * 0.05);
  const userCount = Math.floor(remaining * 0.2);
  let serial = 0;
  const nextName = (prefix: string): string => {
    serial += 1;
    return `${prefix}-${prng.pick(WORDS)}-${String(serial).padStart(3, '0')}`;
  };
  const appData = (word: string, write: boolean) => ({
    name: 'AppData',
    document: policy(
      allow(write ? ['s3:GetObject', 's3:PutObject'] : 's3:GetObject', objects),
      allow('s3:ListBucket', bucket),
      allow(
        [
          'dynamodb:GetItem',
          'dynamodb:Query',
          ...(write ? ['dynamodb:PutItem', 'dynamodb:UpdateItem'] : []),
        ],
        `arn:${p}:dynamodb:${b.region}:${b.accountId}:table/${word}`,
      ),
    ),
  });

  const groups: string[] = [];
  for (let i = 0; i < groupCount; i++) {
    const name = nextName('team');
    groups.push(name);
    b.group({ name, path: '/teams/', inline: [appData(name.split('-')[1] ?? 'app', false)] });
  }
  for (let i = 0; i < userCount; i++) {
    const name = nextName('svc');
    const word = name.split('-')[1] ?? 'app';
    b.user({
      name,
      path: '/service/',
      groups: groups.length > 0 && prng.chance(0.6) ? [prng.pick(groups)] : [],
      inline: prng.chance(0.5) ? [appData(word, prng.chance(0.3))] : [],
      tags: { app: word },
    });
  }
  let roles = remaining - groupCount - userCount;
  while (roles > 0) {
    const kind = prng.int(10);
    const name = nextName('app');
    const word = name.split('-')[1] ?? 'app';
    const tags = { app: word, env: b.accountName.endsWith('dev') ? 'dev' : 'prod' };
    if (kind < 4) {
      b.role({
        name,
        path: '/service-role/',
        trust: trustService('lambda.amazonaws.com'),
        managed: [LAMBDA_BASIC_EXECUTION],
        inline: [appData(word, prng.chance(0.5))],
        tags,
      });
      roles -= 1;
    } else if (kind < 7) {
      // ECS task roles carry the confused-deputy conditions the ECS documentation recommends.
      b.role({
        name,
        trust: trustService('ecs-tasks.amazonaws.com', {
          ArnLike: { 'aws:SourceArn': `arn:${p}:ecs:${b.region}:${b.accountId}:*` },
          StringEquals: { 'aws:SourceAccount': b.accountId },
        }),
        inline: [appData(word, prng.chance(0.5))],
        tags,
      });
      roles -= 1;
    } else if (kind < 8 || roles < 2) {
      b.role({
        name,
        trust: trustService('ec2.amazonaws.com'),
        instanceProfile: true,
        inline: [appData(word, false)],
        tags,
      });
      roles -= 1;
    } else {
      // A runner role that assumes a reader role of the same account (a two-role chain).
      const reader = `${name}-reader`;
      const runnerArn = b.iamArn('role', name);
      b.role({ name: reader, trust: trustAws([runnerArn]), inline: [appData(word, false)], tags });
      b.role({
        name,
        trust: trustService('lambda.amazonaws.com'),
        inline: [
          {
            name: 'AssumeReader',
            document: policy(allow('sts:AssumeRole', b.iamArn('role', reader))),
          },
        ],
        tags,
      });
      roles -= 2;
    }
  }
}

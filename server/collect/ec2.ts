/**
 * EC2 instances of one region (DescribeInstances, every page) that are not terminated. An
 * instance runs as the role of its instance profile, resolved against `iam.json`; a profile
 * `iam.json` does not know (or that holds no role) leaves `RoleArn` out. Its tags are kept:
 * CodeDeploy deployment groups select instances by them.
 */
import { DescribeInstancesCommand } from '@aws-sdk/client-ec2';
import { readAllPages } from './paginate.js';
import type { RegionContext } from './region-context.js';
import type { RoleIndex, WorkloadJson } from './workloads.js';

const GONE_STATES = new Set(['terminated', 'shutting-down']);

export async function readInstances(ctx: RegionContext, roles: RoleIndex): Promise<WorkloadJson[]> {
  const client = ctx.client('ec2');
  const instances: WorkloadJson[] = [];
  try {
    await readAllPages('ec2:DescribeInstances', async (token) => {
      const out = await client.send(
        new DescribeInstancesCommand({
          MaxResults: 1000,
          ...(token === undefined ? {} : { NextToken: token }),
        }),
      );
      for (const reservation of out.Reservations ?? []) {
        for (const instance of reservation.Instances ?? []) {
          const id = instance.InstanceId;
          if (id === undefined || GONE_STATES.has(instance.State?.Name ?? '')) continue;
          const owner = reservation.OwnerId ?? ctx.accountId;
          const profileArn = instance.IamInstanceProfile?.Arn;
          const roleArn =
            profileArn === undefined ? undefined : roles.roleOfInstanceProfile.get(profileArn);
          instances.push({
            Type: 'ec2-instance',
            Arn: `arn:${ctx.partition}:ec2:${ctx.region}:${owner}:instance/${id}`,
            Name: id,
            Region: ctx.region,
            ...(roleArn === undefined ? {} : { RoleArn: roleArn }),
            ...(profileArn === undefined ? {} : { InstanceProfileArn: profileArn }),
            Tags: (instance.Tags ?? []).flatMap((t) =>
              t.Key === undefined ? [] : [{ Key: t.Key, Value: t.Value ?? '' }],
            ),
          });
        }
      }
      return { items: undefined, next: out.NextToken };
    });
  } catch (err: unknown) {
    ctx.fail('ec2', 'ec2:DescribeInstances', err);
  }
  return instances;
}

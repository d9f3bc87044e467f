/**
 * CloudFormation stacks of one region that run with a service role (DescribeStacks, every page;
 * a stack without `RoleARN` acts with its caller's permissions and is no workload).
 */
import { DescribeStacksCommand } from '@aws-sdk/client-cloudformation';
import { readAllPages } from './paginate.js';
import type { RegionContext } from './region-context.js';
import type { WorkloadJson } from './workloads.js';

export async function readStacksWithRole(ctx: RegionContext): Promise<WorkloadJson[]> {
  const client = ctx.client('cloudformation');
  const stacks: WorkloadJson[] = [];
  try {
    await readAllPages('cloudformation:DescribeStacks', async (token) => {
      const out = await client.send(
        new DescribeStacksCommand(token === undefined ? {} : { NextToken: token }),
      );
      for (const stack of out.Stacks ?? []) {
        if (stack.StackId === undefined || stack.StackName === undefined) continue;
        if (stack.RoleARN === undefined || stack.RoleARN === '') continue;
        stacks.push({
          Type: 'cloudformation-stack',
          Arn: stack.StackId,
          Name: stack.StackName,
          Region: ctx.region,
          RoleArn: stack.RoleARN,
        });
      }
      return { items: undefined, next: out.NextToken };
    });
  } catch (err: unknown) {
    ctx.fail('cloudformation', 'cloudformation:DescribeStacks', err);
  }
  return stacks;
}

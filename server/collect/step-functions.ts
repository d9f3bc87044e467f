/**
 * AWS Step Functions state machines of one region (ListStateMachines, every page, then
 * DescribeStateMachine per machine), as `stepfunctions-state-machine` workloads: an execution
 * runs the machine's definition as its role (`roleArn`), so whoever can replace the definition
 * and start an execution acts as that role (IAM-SEMANTICS.md E.3). Only `ACTIVE` machines are
 * written; a machine whose description failed is left out (its role is unknown) and recorded.
 */
import { DescribeStateMachineCommand, ListStateMachinesCommand } from '@aws-sdk/client-sfn';
import { readAllPages } from './paginate.js';
import type { RegionContext } from './region-context.js';
import type { WorkloadJson } from './workloads.js';

export async function readStateMachines(ctx: RegionContext): Promise<WorkloadJson[]> {
  const client = ctx.client('sfn');
  const arns: string[] = [];
  try {
    await readAllPages('states:ListStateMachines', async (token) => {
      const out = await client.send(
        new ListStateMachinesCommand({
          maxResults: 1000,
          ...(token === undefined ? {} : { nextToken: token }),
        }),
      );
      for (const m of out.stateMachines ?? [])
        if (m.stateMachineArn !== undefined && m.stateMachineArn !== '')
          arns.push(m.stateMachineArn);
      return { items: undefined, next: out.nextToken };
    });
  } catch (err: unknown) {
    ctx.fail('sfn', 'states:ListStateMachines', err);
    return [];
  }
  const machines: WorkloadJson[] = [];
  for (const arn of arns) {
    try {
      const out = await client.send(new DescribeStateMachineCommand({ stateMachineArn: arn }));
      if (out.status !== undefined && out.status !== 'ACTIVE') continue;
      if (out.roleArn === undefined || out.roleArn === '') continue;
      machines.push({
        Type: 'stepfunctions-state-machine',
        Arn: out.stateMachineArn ?? arn,
        Name: out.name ?? arn.slice(arn.lastIndexOf(':') + 1),
        Region: ctx.region,
        RoleArn: out.roleArn,
      });
    } catch (err: unknown) {
      ctx.fail('sfn', 'states:DescribeStateMachine', err, arn);
    }
  }
  return machines;
}

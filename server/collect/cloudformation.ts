/**
 * CloudFormation of one region: stacks that run with a service role (DescribeStacks, every page;
 * a stack without `RoleARN` acts with its caller's permissions and is no workload), and stack
 * sets (ListStackSets of the active ones, DescribeStackSet for the permission model and the
 * administration and execution roles, ListStackInstances for the accounts they deploy to). A
 * stack set whose instances could not be listed is written without `StackInstances` (unknown).
 */
import {
  DescribeStacksCommand,
  DescribeStackSetCommand,
  ListStackInstancesCommand,
  ListStackSetsCommand,
} from '@aws-sdk/client-cloudformation';
import { readAllPages } from './paginate.js';
import type { RegionContext } from './region-context.js';
import type { StackInstanceJson, WorkloadJson } from './workloads.js';

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

/** The active stack sets of the region, each with its roles and stack instances. */
export async function readStackSets(ctx: RegionContext): Promise<WorkloadJson[]> {
  const client = ctx.client('cloudformation');
  const names: string[] = [];
  try {
    await readAllPages('cloudformation:ListStackSets', async (token) => {
      const out = await client.send(
        new ListStackSetsCommand({
          Status: 'ACTIVE',
          ...(token === undefined ? {} : { NextToken: token }),
        }),
      );
      for (const s of out.Summaries ?? [])
        if (s.StackSetName !== undefined && s.StackSetName !== '') names.push(s.StackSetName);
      return { items: undefined, next: out.NextToken };
    });
  } catch (err: unknown) {
    ctx.fail('cloudformation', 'cloudformation:ListStackSets', err);
  }
  const sets: WorkloadJson[] = [];
  for (const name of names) {
    let set: WorkloadJson;
    try {
      const out = await client.send(new DescribeStackSetCommand({ StackSetName: name }));
      const s = out.StackSet;
      if (s?.StackSetARN === undefined) continue;
      set = {
        Type: 'cloudformation-stack-set',
        Arn: s.StackSetARN,
        Name: s.StackSetName ?? name,
        Region: ctx.region,
        ...(s.PermissionModel !== undefined ? { PermissionModel: s.PermissionModel } : {}),
        ...(s.AdministrationRoleARN !== undefined && s.AdministrationRoleARN !== ''
          ? { AdministrationRoleArn: s.AdministrationRoleARN }
          : {}),
        ...(s.ExecutionRoleName !== undefined && s.ExecutionRoleName !== ''
          ? { ExecutionRoleName: s.ExecutionRoleName }
          : {}),
      };
    } catch (err: unknown) {
      ctx.fail('cloudformation', 'cloudformation:DescribeStackSet', err, name);
      continue;
    }
    try {
      const instances: StackInstanceJson[] = [];
      await readAllPages('cloudformation:ListStackInstances', async (token) => {
        const out = await client.send(
          new ListStackInstancesCommand({
            StackSetName: name,
            ...(token === undefined ? {} : { NextToken: token }),
          }),
        );
        for (const i of out.Summaries ?? [])
          if (i.Account !== undefined)
            instances.push({
              Account: i.Account,
              ...(i.Region !== undefined ? { Region: i.Region } : {}),
              ...(i.Status !== undefined ? { Status: i.Status } : {}),
            });
        return { items: undefined, next: out.NextToken };
      });
      set.StackInstances = instances;
    } catch (err: unknown) {
      ctx.fail('cloudformation', 'cloudformation:ListStackInstances', err, set.Arn);
    }
    sets.push(set);
  }
  return sets;
}

/**
 * Glue jobs (GetJobs) and development endpoints (GetDevEndpoints) of one region with their role.
 * A job may name its role by name or by ARN; a name is resolved against `iam.json`.
 */
import { GetDevEndpointsCommand, GetJobsCommand } from '@aws-sdk/client-glue';
import { readAllPages } from './paginate.js';
import type { RegionContext } from './region-context.js';
import { roleArnOf, type RoleIndex, type WorkloadJson } from './workloads.js';

export async function readGlueWorkloads(
  ctx: RegionContext,
  roles: RoleIndex,
): Promise<WorkloadJson[]> {
  const client = ctx.client('glue');
  const workloads: WorkloadJson[] = [];
  const base = `arn:${ctx.partition}:glue:${ctx.region}:${ctx.accountId}`;
  try {
    await readAllPages('glue:GetJobs', async (token) => {
      const out = await client.send(
        new GetJobsCommand(token === undefined ? {} : { NextToken: token }),
      );
      for (const job of out.Jobs ?? []) {
        if (job.Name === undefined) continue;
        workloads.push({
          Type: 'glue-job',
          Arn: `${base}:job/${job.Name}`,
          Name: job.Name,
          Region: ctx.region,
          ...(job.Role === undefined || job.Role === ''
            ? {}
            : { RoleArn: roleArnOf(ctx, roles, job.Role) }),
        });
      }
      return { items: undefined, next: out.NextToken };
    });
  } catch (err: unknown) {
    ctx.fail('glue', 'glue:GetJobs', err);
  }
  try {
    await readAllPages('glue:GetDevEndpoints', async (token) => {
      const out = await client.send(
        new GetDevEndpointsCommand(token === undefined ? {} : { NextToken: token }),
      );
      for (const endpoint of out.DevEndpoints ?? []) {
        if (endpoint.EndpointName === undefined) continue;
        workloads.push({
          Type: 'glue-dev-endpoint',
          Arn: `${base}:devEndpoint/${endpoint.EndpointName}`,
          Name: endpoint.EndpointName,
          Region: ctx.region,
          ...(endpoint.RoleArn === undefined
            ? {}
            : { RoleArn: roleArnOf(ctx, roles, endpoint.RoleArn) }),
        });
      }
      return { items: undefined, next: out.NextToken };
    });
  } catch (err: unknown) {
    ctx.fail('glue', 'glue:GetDevEndpoints', err);
  }
  return workloads;
}

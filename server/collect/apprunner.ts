/**
 * App Runner services of one region (ListServices, then DescribeService for the instance role
 * the service's code runs as). App Runner is offered in few regions; elsewhere its endpoint does
 * not resolve and the region is skipped (RegionContext).
 */
import { DescribeServiceCommand, ListServicesCommand } from '@aws-sdk/client-apprunner';
import { readAllPages } from './paginate.js';
import type { RegionContext } from './region-context.js';
import type { WorkloadJson } from './workloads.js';

export async function readAppRunnerServices(ctx: RegionContext): Promise<WorkloadJson[]> {
  const client = ctx.client('apprunner');
  const services: WorkloadJson[] = [];
  try {
    await readAllPages('apprunner:ListServices', async (token) => {
      const out = await client.send(
        new ListServicesCommand(token === undefined ? {} : { NextToken: token }),
      );
      for (const service of out.ServiceSummaryList ?? []) {
        if (service.ServiceArn === undefined || service.ServiceName === undefined) continue;
        services.push({
          Type: 'apprunner-service',
          Arn: service.ServiceArn,
          Name: service.ServiceName,
          Region: ctx.region,
        });
      }
      return { items: undefined, next: out.NextToken };
    });
  } catch (err: unknown) {
    ctx.fail('apprunner', 'apprunner:ListServices', err);
  }
  for (const service of services) {
    try {
      const out = await client.send(new DescribeServiceCommand({ ServiceArn: service.Arn }));
      const role = out.Service?.InstanceConfiguration?.InstanceRoleArn;
      if (role !== undefined && role !== '') service.RoleArn = role;
    } catch (err: unknown) {
      ctx.fail('apprunner', 'apprunner:DescribeService', err, service.Arn);
    }
  }
  return services;
}

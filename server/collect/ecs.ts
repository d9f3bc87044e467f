/**
 * ECS of one region: the active task definitions (ListTaskDefinitions, DescribeTaskDefinition)
 * with their task role and launch types (`compatibilities`), each cluster (ListClusters) with
 * whether it has ACTIVE container instances (ListContainerInstances), and the services of every cluster (ListClusters, ListServices,
 * DescribeServices) with the task role of the task definition they run. The execution role (the
 * one the ECS agent uses to pull images and write logs) is not the workload's role.
 */
import {
  DescribeServicesCommand,
  DescribeTaskDefinitionCommand,
  ListClustersCommand,
  ListContainerInstancesCommand,
  ListServicesCommand,
  ListTaskDefinitionsCommand,
} from '@aws-sdk/client-ecs';
import { readAllPages } from './paginate.js';
import type { RegionContext } from './region-context.js';
import type { WorkloadJson } from './workloads.js';

/** DescribeServices takes at most 10 services per call. */
const DESCRIBE_BATCH = 10;

export async function readEcsWorkloads(ctx: RegionContext): Promise<WorkloadJson[]> {
  const client = ctx.client('ecs');
  const workloads: WorkloadJson[] = [];
  /** Task definition ARN → its task role ARN ('' when it has none) and launch types. */
  const described = new Map<string, { role: string; compatibilities?: string[] }>();

  const describe = async (
    arn: string,
  ): Promise<{ role: string; compatibilities?: string[] } | undefined> => {
    const known = described.get(arn);
    if (known !== undefined) return known;
    try {
      const out = await client.send(new DescribeTaskDefinitionCommand({ taskDefinition: arn }));
      const compatibilities = out.taskDefinition?.compatibilities;
      const found = {
        role: out.taskDefinition?.taskRoleArn ?? '',
        ...(compatibilities === undefined ? {} : { compatibilities: [...compatibilities] }),
      };
      described.set(arn, found);
      return found;
    } catch (err: unknown) {
      ctx.fail('ecs', 'ecs:DescribeTaskDefinition', err, arn);
      return undefined;
    }
  };
  const describeTaskDefinition = async (arn: string): Promise<string | undefined> =>
    (await describe(arn))?.role;

  const definitions: string[] = [];
  try {
    await readAllPages('ecs:ListTaskDefinitions', async (token) => {
      const out = await client.send(
        new ListTaskDefinitionsCommand({
          status: 'ACTIVE',
          ...(token === undefined ? {} : { nextToken: token }),
        }),
      );
      definitions.push(...(out.taskDefinitionArns ?? []));
      return { items: undefined, next: out.nextToken };
    });
  } catch (err: unknown) {
    ctx.fail('ecs', 'ecs:ListTaskDefinitions', err);
  }
  for (const arn of definitions) {
    const found = await describe(arn);
    const role = found?.role;
    workloads.push({
      Type: 'ecs-task-definition',
      Arn: arn,
      Name: arn.slice(arn.lastIndexOf('/') + 1),
      Region: ctx.region,
      ...(role === undefined || role === '' ? {} : { RoleArn: role }),
      ...(found?.compatibilities === undefined ? {} : { Compatibilities: found.compatibilities }),
    });
  }

  const clusters: string[] = [];
  try {
    await readAllPages('ecs:ListClusters', async (token) => {
      const out = await client.send(
        new ListClustersCommand(token === undefined ? {} : { nextToken: token }),
      );
      clusters.push(...(out.clusterArns ?? []));
      return { items: undefined, next: out.nextToken };
    });
  } catch (err: unknown) {
    ctx.fail('ecs', 'ecs:ListClusters', err);
  }
  for (const cluster of clusters) {
    workloads.push({
      Type: 'ecs-cluster',
      Arn: cluster,
      Name: cluster.slice(cluster.lastIndexOf('/') + 1),
      Region: ctx.region,
      ...(await countContainerInstances(ctx, cluster)),
    });
    const services: string[] = [];
    try {
      await readAllPages('ecs:ListServices', async (token) => {
        const out = await client.send(
          new ListServicesCommand({
            cluster,
            ...(token === undefined ? {} : { nextToken: token }),
          }),
        );
        services.push(...(out.serviceArns ?? []));
        return { items: undefined, next: out.nextToken };
      });
    } catch (err: unknown) {
      ctx.fail('ecs', 'ecs:ListServices', err, cluster);
    }
    for (let i = 0; i < services.length; i += DESCRIBE_BATCH) {
      const batch = services.slice(i, i + DESCRIBE_BATCH);
      try {
        const out = await client.send(new DescribeServicesCommand({ cluster, services: batch }));
        for (const service of out.services ?? []) {
          if (service.serviceArn === undefined || service.serviceName === undefined) continue;
          if (service.status === 'INACTIVE') continue;
          const definition = service.taskDefinition;
          const role =
            definition === undefined ? undefined : await describeTaskDefinition(definition);
          workloads.push({
            Type: 'ecs-service',
            Arn: service.serviceArn,
            Name: service.serviceName,
            Region: ctx.region,
            ...(role === undefined || role === '' ? {} : { RoleArn: role }),
          });
        }
      } catch (err: unknown) {
        ctx.fail('ecs', 'ecs:DescribeServices', err, cluster);
      }
    }
  }
  return workloads;
}

/**
 * `ContainerInstances`: the cluster's ACTIVE container instances on ListContainerInstances' first
 * page (whether there is one is what the analysis needs); absent when the call failed.
 */
async function countContainerInstances(
  ctx: RegionContext,
  cluster: string,
): Promise<{ ContainerInstances?: number }> {
  try {
    const out = await ctx
      .client('ecs')
      .send(new ListContainerInstancesCommand({ cluster, status: 'ACTIVE', maxResults: 100 }));
    return { ContainerInstances: (out.containerInstanceArns ?? []).length };
  } catch (err: unknown) {
    ctx.fail('ecs', 'ecs:ListContainerInstances', err, cluster);
    return {};
  }
}

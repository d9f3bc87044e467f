/**
 * CodeDeploy deployment groups of one region (ListApplications, ListDeploymentGroups per
 * application, BatchGetDeploymentGroups by 100), as `codedeploy-deployment-group` workloads: the
 * compute platform, the deployment configuration, the service role and what the group deploys to
 * (its EC2 tag filters or tag set, its Auto Scaling groups). A deployment to a `Server` group runs
 * the revision's hooks on those instances with their instance roles (IAM-SEMANTICS.md E.3). A
 * group whose description failed is not written: its targets would be unknown.
 */
import {
  BatchGetDeploymentGroupsCommand,
  ListApplicationsCommand,
  ListDeploymentGroupsCommand,
  type EC2TagFilter,
} from '@aws-sdk/client-codedeploy';
import { readAllPages } from './paginate.js';
import type { RegionContext } from './region-context.js';
import type { Ec2TagFilterJson, WorkloadJson } from './workloads.js';

/** BatchGetDeploymentGroups takes at most 100 names. */
const GROUPS_PER_BATCH = 100;

export async function readDeploymentGroups(ctx: RegionContext): Promise<WorkloadJson[]> {
  const client = ctx.client('codedeploy');
  const apps: string[] = [];
  try {
    await readAllPages('codedeploy:ListApplications', async (token) => {
      const out = await client.send(
        new ListApplicationsCommand(token === undefined ? {} : { nextToken: token }),
      );
      for (const app of out.applications ?? []) if (app !== '') apps.push(app);
      return { items: undefined, next: out.nextToken };
    });
  } catch (err: unknown) {
    ctx.fail('codedeploy', 'codedeploy:ListApplications', err);
    return [];
  }
  const groups: WorkloadJson[] = [];
  for (const app of apps) {
    const names: string[] = [];
    const appArn = `arn:${ctx.partition}:codedeploy:${ctx.region}:${ctx.accountId}:application:${app}`;
    try {
      await readAllPages('codedeploy:ListDeploymentGroups', async (token) => {
        const out = await client.send(
          new ListDeploymentGroupsCommand({
            applicationName: app,
            ...(token === undefined ? {} : { nextToken: token }),
          }),
        );
        for (const name of out.deploymentGroups ?? []) if (name !== '') names.push(name);
        return { items: undefined, next: out.nextToken };
      });
    } catch (err: unknown) {
      ctx.fail('codedeploy', 'codedeploy:ListDeploymentGroups', err, appArn);
      continue;
    }
    for (let i = 0; i < names.length; i += GROUPS_PER_BATCH) {
      const batch = names.slice(i, i + GROUPS_PER_BATCH);
      try {
        const out = await client.send(
          new BatchGetDeploymentGroupsCommand({
            applicationName: app,
            deploymentGroupNames: batch,
          }),
        );
        for (const info of out.deploymentGroupsInfo ?? []) {
          const name = info.deploymentGroupName;
          if (name === undefined || name === '') continue;
          const json: WorkloadJson = {
            Type: 'codedeploy-deployment-group',
            Arn: `arn:${ctx.partition}:codedeploy:${ctx.region}:${ctx.accountId}:deploymentgroup:${app}/${name}`,
            Name: `${app}/${name}`,
            Region: ctx.region,
            ApplicationName: info.applicationName ?? app,
            DeploymentGroupName: name,
          };
          if (info.computePlatform !== undefined) json.ComputePlatform = info.computePlatform;
          if (info.deploymentConfigName !== undefined)
            json.DeploymentConfigName = info.deploymentConfigName;
          if (info.serviceRoleArn !== undefined) json.ServiceRoleArn = info.serviceRoleArn;
          const filters = (info.ec2TagFilters ?? []).map(filterJson);
          if (filters.length > 0) json.Ec2TagFilters = filters;
          const set = (info.ec2TagSet?.ec2TagSetList ?? []).map((g) => g.map(filterJson));
          if (set.length > 0) json.Ec2TagSet = set;
          const asgs = (info.autoScalingGroups ?? []).flatMap((g) =>
            g.name === undefined || g.name === '' ? [] : [g.name],
          );
          if (asgs.length > 0) json.AutoScalingGroups = asgs;
          groups.push(json);
        }
      } catch (err: unknown) {
        ctx.fail('codedeploy', 'codedeploy:BatchGetDeploymentGroups', err, appArn);
      }
    }
  }
  return groups;
}

function filterJson(f: EC2TagFilter): Ec2TagFilterJson {
  return {
    ...(f.Key !== undefined ? { Key: f.Key } : {}),
    ...(f.Value !== undefined ? { Value: f.Value } : {}),
    ...(f.Type !== undefined ? { Type: f.Type } : {}),
  };
}

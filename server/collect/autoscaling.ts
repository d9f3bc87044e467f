/**
 * EC2 Auto Scaling groups of one region that launch from a launch template
 * (DescribeAutoScalingGroups, every page): the group's `LaunchTemplate`, or its
 * `MixedInstancesPolicy`'s, with the version it launches (`$Default`, `$Latest` or a number) and
 * its sizes. The templates' tags come from DescribeLaunchTemplates (every page; a failure leaves
 * them out: unknown); the group's current role from DescribeLaunchTemplateVersions of the version
 * it launches (its `IamInstanceProfile`, by ARN or by name, resolved against `iam.json`; a failure
 * or an unknown profile leaves `RoleArn` out). Groups on a launch configuration are not read.
 */
import {
  DescribeAutoScalingGroupsCommand,
  type AutoScalingGroup,
  type LaunchTemplateSpecification,
} from '@aws-sdk/client-auto-scaling';
import {
  DescribeLaunchTemplatesCommand,
  DescribeLaunchTemplateVersionsCommand,
} from '@aws-sdk/client-ec2';
import { readAllPages } from './paginate.js';
import type { RegionContext } from './region-context.js';
import type { LaunchTemplateJson, RoleIndex, WorkloadJson } from './workloads.js';

export async function readAutoScalingGroups(
  ctx: RegionContext,
  roles: RoleIndex,
): Promise<WorkloadJson[]> {
  const groups: { group: AutoScalingGroup; spec: LaunchTemplateSpecification }[] = [];
  try {
    const client = ctx.client('autoscaling');
    await readAllPages('autoscaling:DescribeAutoScalingGroups', async (token) => {
      const out = await client.send(
        new DescribeAutoScalingGroupsCommand({
          MaxRecords: 100,
          ...(token === undefined ? {} : { NextToken: token }),
        }),
      );
      for (const group of out.AutoScalingGroups ?? []) {
        const spec =
          group.LaunchTemplate ??
          group.MixedInstancesPolicy?.LaunchTemplate?.LaunchTemplateSpecification;
        if (spec === undefined || group.AutoScalingGroupARN === undefined) continue;
        groups.push({ group, spec });
      }
      return { items: undefined, next: out.NextToken };
    });
  } catch (err: unknown) {
    ctx.fail('autoscaling', 'autoscaling:DescribeAutoScalingGroups', err);
  }
  if (groups.length === 0) return [];
  const templates = await readTemplates(ctx);
  const profiles = new Map<string, Promise<string | undefined>>();
  const out: WorkloadJson[] = [];
  for (const { group, spec } of groups) {
    const known =
      spec.LaunchTemplateId !== undefined
        ? templates?.byId.get(spec.LaunchTemplateId)
        : spec.LaunchTemplateName !== undefined
          ? templates?.byName.get(spec.LaunchTemplateName)
          : undefined;
    const id = spec.LaunchTemplateId ?? known?.id;
    const name = spec.LaunchTemplateName ?? known?.name;
    const version = spec.Version ?? '$Default';
    const template: LaunchTemplateJson = {
      ...(id === undefined ? {} : { LaunchTemplateId: id }),
      ...(name === undefined ? {} : { LaunchTemplateName: name }),
      Version: version,
      ...(known === undefined ? {} : { Tags: known.tags }),
    };
    let profileArn: Promise<string | undefined> | undefined;
    if (id !== undefined) {
      const key = `${id}\u0000${version}`;
      profileArn = profiles.get(key);
      if (profileArn === undefined)
        profiles.set(key, (profileArn = profileOf(ctx, roles, id, version)));
    }
    const profile = await profileArn;
    const roleArn = profile === undefined ? undefined : roles.roleOfInstanceProfile.get(profile);
    out.push({
      Type: 'autoscaling-group',
      Arn: group.AutoScalingGroupARN ?? '',
      Name: group.AutoScalingGroupName ?? '',
      Region: ctx.region,
      ...(roleArn === undefined ? {} : { RoleArn: roleArn }),
      ...(profile === undefined ? {} : { InstanceProfileArn: profile }),
      LaunchTemplate: template,
      ...(group.MinSize === undefined ? {} : { MinSize: group.MinSize }),
      ...(group.MaxSize === undefined ? {} : { MaxSize: group.MaxSize }),
      ...(group.DesiredCapacity === undefined ? {} : { DesiredCapacity: group.DesiredCapacity }),
    });
  }
  return out;
}

interface TemplateInfo {
  id: string;
  name: string | undefined;
  tags: { Key: string; Value: string }[];
}

/** Every launch template of the region by id and by name; undefined when the call failed. */
async function readTemplates(
  ctx: RegionContext,
): Promise<{ byId: Map<string, TemplateInfo>; byName: Map<string, TemplateInfo> } | undefined> {
  const byId = new Map<string, TemplateInfo>();
  const byName = new Map<string, TemplateInfo>();
  try {
    const client = ctx.client('ec2');
    await readAllPages('ec2:DescribeLaunchTemplates', async (token) => {
      const out = await client.send(
        new DescribeLaunchTemplatesCommand({
          MaxResults: 200,
          ...(token === undefined ? {} : { NextToken: token }),
        }),
      );
      for (const t of out.LaunchTemplates ?? []) {
        if (t.LaunchTemplateId === undefined) continue;
        const info: TemplateInfo = {
          id: t.LaunchTemplateId,
          name: t.LaunchTemplateName,
          tags: (t.Tags ?? []).flatMap((tag) =>
            tag.Key === undefined ? [] : [{ Key: tag.Key, Value: tag.Value ?? '' }],
          ),
        };
        byId.set(info.id, info);
        if (info.name !== undefined) byName.set(info.name, info);
      }
      return { items: undefined, next: out.NextToken };
    });
  } catch (err: unknown) {
    ctx.fail('ec2', 'ec2:DescribeLaunchTemplates', err);
    return undefined;
  }
  return { byId, byName };
}

/**
 * The ARN of the instance profile of version `version` of the template (by ARN, or by name
 * resolved against `iam.json`); undefined when it names none, names one `iam.json` does not know,
 * or the call failed (recorded).
 */
async function profileOf(
  ctx: RegionContext,
  roles: RoleIndex,
  templateId: string,
  version: string,
): Promise<string | undefined> {
  try {
    const out = await ctx.client('ec2').send(
      new DescribeLaunchTemplateVersionsCommand({
        LaunchTemplateId: templateId,
        Versions: [version],
      }),
    );
    const profile = out.LaunchTemplateVersions?.[0]?.LaunchTemplateData?.IamInstanceProfile;
    if (profile?.Arn !== undefined) return profile.Arn;
    if (profile?.Name !== undefined) return roles.instanceProfileByName.get(profile.Name);
    return undefined;
  } catch (err: unknown) {
    ctx.fail('ec2', 'ec2:DescribeLaunchTemplateVersions', err, templateId);
    return undefined;
  }
}

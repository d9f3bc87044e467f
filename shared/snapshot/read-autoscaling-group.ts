/**
 * The fields of an `autoscaling-group` workload in workloads.json (docs/snapshot-format.md):
 * `"LaunchTemplate": { "LaunchTemplateId"?, "LaunchTemplateName"?, "Version"?, "Tags"? }` — the
 * group's EC2 Auto Scaling `LaunchTemplateSpecification` (its own, or its
 * `MixedInstancesPolicy.LaunchTemplate.LaunchTemplateSpecification`) with the template's tags
 * from DescribeLaunchTemplates — and `"MinSize"`, `"MaxSize"`, `"DesiredCapacity"`.
 *
 * A template with neither id nor name is unknown (error). A missing `Version` is `$Default`, as
 * AWS reads a specification without one. Sizes are kept only when all three are numbers.
 */
import { quote, type FileReader, type JsonNode } from './json-reader.js';
import type { GroupCapacity, LaunchTemplateSpec } from './types.js';

/** The group's launch template; undefined when absent or unreadable (reported). */
export function readLaunchTemplateSpec(
  reader: FileReader,
  node: JsonNode,
  groupArn: string,
  accountId: string,
): LaunchTemplateSpec | undefined {
  const obj = reader.object(node, 'a launch template specification');
  if (obj === undefined) return undefined;
  const id = reader.string(reader.field(obj, 'LaunchTemplateId'));
  const name = reader.string(reader.field(obj, 'LaunchTemplateName'));
  if (id === undefined && name === undefined) {
    reader.error(
      obj.path,
      'a launch template needs LaunchTemplateId or LaunchTemplateName; the group is loaded without it',
    );
    return undefined;
  }
  const versionNode = reader.field(obj, 'Version');
  const version = versionNode.value;
  let versionText = '$Default';
  if (typeof version === 'number' && Number.isInteger(version)) versionText = String(version);
  else if (typeof version === 'string' && version !== '') versionText = version;
  else if (version !== undefined && version !== null)
    reader.error(
      versionNode.path,
      `expected $Default, $Latest or a version number; read as ${quote('$Default')}`,
    );
  const spec: LaunchTemplateSpec = { version: versionText };
  if (id !== undefined) {
    spec.id = id;
    const [, partition = 'aws', , region = ''] = groupArn.split(':');
    spec.arn = `arn:${partition}:ec2:${region}:${accountId}:launch-template/${id}`;
  }
  if (name !== undefined) spec.name = name;
  const tagsNode = reader.field(obj, 'Tags');
  if (tagsNode.value !== undefined && tagsNode.value !== null) spec.tags = reader.tags(tagsNode);
  return spec;
}

/** The group's sizes; undefined unless MinSize, MaxSize and DesiredCapacity are all numbers. */
export function readGroupCapacity(reader: FileReader, node: JsonNode): GroupCapacity | undefined {
  const min = reader.number(reader.field(node, 'MinSize'));
  const max = reader.number(reader.field(node, 'MaxSize'));
  const desired = reader.number(reader.field(node, 'DesiredCapacity'));
  if (min === undefined || max === undefined || desired === undefined) return undefined;
  return { min, max, desired };
}

/**
 * The fields of workloads.json that CodeDeploy deployment groups and EC2 instances carry for the
 * CodeDeploy technique (docs/snapshot-format.md):
 * - `codedeploy-deployment-group`: `"ApplicationName"`, `"DeploymentGroupName"`,
 *   `"ComputePlatform"?`, `"DeploymentConfigName"?`, `"ServiceRoleArn"?`, `"Ec2TagFilters"?:
 *   [{ "Key"?, "Value"?, "Type"? }]`, `"Ec2TagSet"?: [[{ … }]]`, `"AutoScalingGroups"?: [name]`
 *   (BatchGetDeploymentGroups). A list absent = empty (AWS omits empty lists); a list that cannot
 *   be read whole leaves the group without its facts (reported): a dropped filter could be the
 *   one that selects an instance.
 * - `ec2-instance`: `"Tags"?` (DescribeInstances' `Tags`, or a `{key: value}` object); absent =
 *   unknown.
 */
import { isRecord, quote, type FileReader, type JsonNode } from './json-reader.js';
import { readWholeList } from './read-whole-list.js';
import type { DeploymentGroupFacts, Ec2TagFilter, Tags } from './types.js';

const UNREAD = 'the deployment group is loaded without its targets';
const TYPES: ReadonlySet<string> = new Set(['KEY_ONLY', 'VALUE_ONLY', 'KEY_AND_VALUE']);

/** An instance's tags; undefined when absent (unknown). */
export function readInstanceTags(reader: FileReader, node: JsonNode): Tags | undefined {
  const tags = reader.field(node, 'Tags');
  if (tags.value === undefined || tags.value === null) return undefined;
  return reader.tags(tags);
}

/** A deployment group's facts; undefined (reported) when they cannot be read. */
export function readDeploymentGroup(
  reader: FileReader,
  node: JsonNode,
): DeploymentGroupFacts | undefined {
  const app = reader.string(reader.field(node, 'ApplicationName'));
  const group = reader.string(reader.field(node, 'DeploymentGroupName'));
  if (app === undefined || group === undefined) {
    reader.error(
      node.path,
      `a deployment group needs ApplicationName and DeploymentGroupName: ${UNREAD}`,
    );
    return undefined;
  }
  const filters = readFilters(reader, reader.field(node, 'Ec2TagFilters'));
  const setNode = reader.field(node, 'Ec2TagSet');
  const set = readWholeList(reader, setNode, 'a list of tag filter groups', UNREAD, (item) =>
    readFilters(reader, item),
  );
  const asgNode = reader.field(node, 'AutoScalingGroups');
  const groups = readWholeList(
    reader,
    asgNode,
    'a list of Auto Scaling group names',
    UNREAD,
    (item) => reader.string(item),
  );
  if (
    filters === undefined ||
    (set === undefined && setNode.value != null) ||
    (groups === undefined && asgNode.value != null)
  )
    return undefined;
  const out: DeploymentGroupFacts = {
    applicationName: app,
    deploymentGroupName: group,
    ec2TagFilters: filters,
    ec2TagSet: set ?? [],
    autoScalingGroups: groups ?? [],
  };
  const platform = reader.string(reader.field(node, 'ComputePlatform'));
  if (platform !== undefined) out.computePlatform = platform;
  const config = reader.string(reader.field(node, 'DeploymentConfigName'));
  if (config !== undefined && config !== '') out.deploymentConfigName = config;
  const role = reader.string(reader.field(node, 'ServiceRoleArn'));
  if (role !== undefined && role !== '') out.serviceRoleArn = role;
  return out;
}

/** A list of tag filters ([] when absent); undefined when it cannot be read whole. */
function readFilters(reader: FileReader, node: JsonNode): Ec2TagFilter[] | undefined {
  if (node.value === undefined || node.value === null) return [];
  return readWholeList(reader, node, 'a list of EC2 tag filters', UNREAD, (item) =>
    readFilter(reader, item),
  );
}

function readFilter(reader: FileReader, node: JsonNode): Ec2TagFilter | undefined {
  if (!isRecord(node.value)) {
    reader.error(node.path, `expected an EC2 tag filter (an object): ${UNREAD}`);
    return undefined;
  }
  const key = reader.string(reader.field(node, 'Key'));
  const value = reader.string(reader.field(node, 'Value'));
  const typeNode = reader.field(node, 'Type');
  const given = reader.string(typeNode);
  // Without Type, CodeDeploy reads the filter by what it names.
  const type =
    given ??
    (key !== undefined && value !== undefined
      ? 'KEY_AND_VALUE'
      : key !== undefined
        ? 'KEY_ONLY'
        : 'VALUE_ONLY');
  if (!TYPES.has(type)) {
    reader.error(
      typeNode.path,
      `tag filter Type ${quote(type, 40)} is not KEY_ONLY, VALUE_ONLY or KEY_AND_VALUE: ${UNREAD}`,
    );
    return undefined;
  }
  const out: Ec2TagFilter = { type: type as Ec2TagFilter['type'] };
  if (key !== undefined) out.key = key;
  if (value !== undefined) out.value = value;
  return out;
}

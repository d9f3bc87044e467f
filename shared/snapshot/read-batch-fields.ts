/**
 * The AWS Batch fields of a workloads.json entry, and the ECS task definition's launch types
 * (docs/snapshot-format.md):
 *
 * - `ecs-task-definition`: `Compatibilities` (DescribeTaskDefinition's `compatibilities`);
 * - `ecs-cluster`: `ContainerInstances` (ACTIVE ones on ListContainerInstances' first page);
 * - `batch-job-definition`: `PlatformCapabilities` (DescribeJobDefinitions' `platformCapabilities`,
 *   `EC2` when absent, as AWS defaults);
 * - `batch-job-queue`: `State`, `Status` (DescribeJobQueues) and `ComputeEnvironments`, the
 *   environments of its `computeEnvironmentOrder` as DescribeComputeEnvironments described them
 *   (`Arn`, `State`, `Status`, `Type`, `ComputeResourcesType`, `ContainerOrchestrationType`).
 *
 * A list that cannot be read whole is reported and read as unknown: a queue whose environments
 * are unknown runs no job in the escalation techniques (a path may be missed, never invented).
 */
import { describeJsonValue, quote, type FileReader, type JsonNode } from './json-reader.js';
import { readWholeList } from './read-whole-list.js';
import type { BatchComputeEnvironment, Workload } from './types.js';

/** Reads the Batch fields of `node` into `w` (its type decides which); others are reported. */
export function readBatchFields(reader: FileReader, node: JsonNode, w: Workload): void {
  const capabilities = reader.field(node, 'PlatformCapabilities');
  if (w.type === 'batch-job-definition') {
    const list = readWholeList(
      reader,
      capabilities,
      'a list of platform capabilities (EC2, FARGATE)',
      'the job definition is read as EC2',
      (item) => reader.string(item, 'a platform capability'),
    );
    if (list !== undefined) w.platformCapabilities = list;
  } else if (capabilities.value !== undefined)
    reader.warning(capabilities.path, 'PlatformCapabilities is read for batch-job-definition only');
  const compatibilities = reader.field(node, 'Compatibilities');
  if (w.type === 'ecs-task-definition') {
    const list = readWholeList(
      reader,
      compatibilities,
      'a list of launch types (EC2, FARGATE, EXTERNAL)',
      "the task definition's launch types are taken as unknown",
      (item) => reader.string(item, 'a launch type'),
    );
    if (list !== undefined) w.compatibilities = list;
  } else if (compatibilities.value !== undefined)
    reader.warning(compatibilities.path, 'Compatibilities is read for ecs-task-definition only');
  const instances = reader.field(node, 'ContainerInstances');
  if (w.type === 'ecs-cluster') {
    const n = instances.value;
    if (typeof n === 'number' && Number.isInteger(n) && n >= 0) w.containerInstances = n;
    else if (n !== undefined && n !== null)
      reader.error(
        instances.path,
        `expected a number of container instances (0 or more), found ${describeJsonValue(n)}: taken as unknown`,
      );
  } else if (instances.value !== undefined)
    reader.warning(instances.path, 'ContainerInstances is read for ecs-cluster only');
  const environments = reader.field(node, 'ComputeEnvironments');
  if (w.type !== 'batch-job-queue') {
    if (environments.value !== undefined)
      reader.warning(environments.path, 'ComputeEnvironments is read for batch-job-queue only');
    return;
  }
  const state = reader.string(reader.field(node, 'State'));
  if (state !== undefined) w.state = state;
  const status = reader.string(reader.field(node, 'Status'));
  if (status !== undefined) w.status = status;
  const list = readWholeList(
    reader,
    environments,
    'a list of compute environments',
    "the queue's compute environments are taken as unknown (it runs no job here)",
    (item) => readEnvironment(reader, item),
  );
  if (list !== undefined) w.computeEnvironments = list;
}

function readEnvironment(reader: FileReader, node: JsonNode): BatchComputeEnvironment | undefined {
  const arn = reader.string(reader.field(node, 'Arn'), 'Arn');
  if (arn === undefined) return undefined;
  if (!arn.startsWith('arn:')) {
    reader.error(`${node.path}.Arn`, `${quote(arn)} is not an ARN`);
    return undefined;
  }
  const env: BatchComputeEnvironment = { arn };
  const fields = [
    ['State', 'state'],
    ['Status', 'status'],
    ['Type', 'type'],
    ['ComputeResourcesType', 'computeResourcesType'],
    ['ContainerOrchestrationType', 'containerOrchestrationType'],
  ] as const;
  for (const [key, prop] of fields) {
    const value = reader.string(reader.field(node, key));
    if (value !== undefined) env[prop] = value;
  }
  return env;
}

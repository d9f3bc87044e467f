/**
 * AWS Batch of one region: job queues (DescribeJobQueues) with the compute environments of their
 * `computeEnvironmentOrder` (DescribeComputeEnvironments), and the ACTIVE job definitions that
 * run as a job role (DescribeJobDefinitions `status=ACTIVE`): a container job's
 * `containerProperties.jobRoleArn`, or the `taskRoleArn` of an ECS-properties job with one task.
 * Of the revisions of one definition name with the same role only the latest is kept (they give
 * the same path; a policy naming an older revision only is missed). Multi-node and EKS job
 * definitions are not read (an EKS job has no job role).
 */
import {
  DescribeComputeEnvironmentsCommand,
  DescribeJobDefinitionsCommand,
  DescribeJobQueuesCommand,
  type ComputeEnvironmentDetail,
  type JobDefinition,
} from '@aws-sdk/client-batch';
import { readAllPages } from './paginate.js';
import type { RegionContext } from './region-context.js';
import type { BatchComputeEnvironmentJson, WorkloadJson } from './workloads.js';

/** DescribeComputeEnvironments takes at most 100 environments per call. */
const ENVIRONMENTS_PER_CALL = 100;

export async function readBatchWorkloads(ctx: RegionContext): Promise<WorkloadJson[]> {
  const [queues, definitions] = await Promise.all([readQueues(ctx), readJobDefinitions(ctx)]);
  return [...queues, ...definitions];
}

async function readQueues(ctx: RegionContext): Promise<WorkloadJson[]> {
  const client = ctx.client('batch');
  const queues: { json: WorkloadJson; order: string[] }[] = [];
  try {
    await readAllPages('batch:DescribeJobQueues', async (token) => {
      const out = await client.send(
        new DescribeJobQueuesCommand(token === undefined ? {} : { nextToken: token }),
      );
      for (const q of out.jobQueues ?? []) {
        if (q.jobQueueArn === undefined || q.jobQueueName === undefined) continue;
        const json: WorkloadJson = {
          Type: 'batch-job-queue',
          Arn: q.jobQueueArn,
          Name: q.jobQueueName,
          Region: ctx.region,
          ...(q.state === undefined ? {} : { State: q.state }),
          ...(q.status === undefined ? {} : { Status: q.status }),
        };
        const order = [...(q.computeEnvironmentOrder ?? [])]
          .sort((a, b) => (a.order ?? 0) - (b.order ?? 0))
          .flatMap((e) => (e.computeEnvironment === undefined ? [] : [e.computeEnvironment]));
        queues.push({ json, order });
      }
      return { items: undefined, next: out.nextToken };
    });
  } catch (err: unknown) {
    ctx.fail('batch', 'batch:DescribeJobQueues', err);
    return [];
  }
  const wanted = [...new Set(queues.flatMap((q) => q.order))];
  const described = await describeEnvironments(ctx, wanted);
  for (const q of queues) {
    // An environment that could not be described leaves the queue's list unknown (absent).
    if (described === undefined) continue;
    const list: BatchComputeEnvironmentJson[] = [];
    for (const ref of q.order) {
      const env = described.get(ref);
      // Listed by the queue but unknown to DescribeComputeEnvironments: deleted, runs nothing.
      if (env !== undefined) list.push(env);
    }
    q.json.ComputeEnvironments = list;
  }
  return queues.map((q) => q.json);
}

/** The environments by ARN and by name (a queue may name either); undefined when a call failed. */
async function describeEnvironments(
  ctx: RegionContext,
  refs: readonly string[],
): Promise<Map<string, BatchComputeEnvironmentJson> | undefined> {
  const client = ctx.client('batch');
  const out = new Map<string, BatchComputeEnvironmentJson>();
  for (let i = 0; i < refs.length; i += ENVIRONMENTS_PER_CALL) {
    try {
      const answer = await client.send(
        new DescribeComputeEnvironmentsCommand({
          computeEnvironments: refs.slice(i, i + ENVIRONMENTS_PER_CALL),
        }),
      );
      for (const env of answer.computeEnvironments ?? []) {
        const json = environmentJson(env);
        if (json === undefined) continue;
        out.set(json.Arn, json);
        if (env.computeEnvironmentName !== undefined) out.set(env.computeEnvironmentName, json);
      }
    } catch (err: unknown) {
      ctx.fail('batch', 'batch:DescribeComputeEnvironments', err);
      return undefined;
    }
  }
  return out;
}

function environmentJson(env: ComputeEnvironmentDetail): BatchComputeEnvironmentJson | undefined {
  if (env.computeEnvironmentArn === undefined) return undefined;
  return {
    Arn: env.computeEnvironmentArn,
    ...(env.state === undefined ? {} : { State: env.state }),
    ...(env.status === undefined ? {} : { Status: env.status }),
    ...(env.type === undefined ? {} : { Type: env.type }),
    ...(env.computeResources?.type === undefined
      ? {}
      : { ComputeResourcesType: env.computeResources.type }),
    ...(env.containerOrchestrationType === undefined
      ? {}
      : { ContainerOrchestrationType: env.containerOrchestrationType }),
  };
}

/** The job role of a job definition, when it has one trustmap reads. */
function jobRoleOf(def: JobDefinition): string | undefined {
  const container = def.containerProperties?.jobRoleArn;
  if (container !== undefined && container !== '') return container;
  const tasks = def.ecsProperties?.taskProperties ?? [];
  const task = tasks.length === 1 ? tasks[0]?.taskRoleArn : undefined;
  return task !== undefined && task !== '' ? task : undefined;
}

async function readJobDefinitions(ctx: RegionContext): Promise<WorkloadJson[]> {
  const client = ctx.client('batch');
  // By definition name and role: the latest revision.
  const latest = new Map<string, { revision: number; json: WorkloadJson }>();
  try {
    await readAllPages('batch:DescribeJobDefinitions', async (token) => {
      const out = await client.send(
        new DescribeJobDefinitionsCommand({
          status: 'ACTIVE',
          ...(token === undefined ? {} : { nextToken: token }),
        }),
      );
      for (const def of out.jobDefinitions ?? []) {
        const role = jobRoleOf(def);
        const arn = def.jobDefinitionArn;
        const name = def.jobDefinitionName;
        if (role === undefined || arn === undefined || name === undefined) continue;
        if (def.status !== undefined && def.status !== 'ACTIVE') continue;
        const revision = def.revision ?? 0;
        const key = `${name}\u0000${role}`;
        const seen = latest.get(key);
        if (seen !== undefined && seen.revision >= revision) continue;
        latest.set(key, {
          revision,
          json: {
            Type: 'batch-job-definition',
            Arn: arn,
            Name: `${name}:${String(revision)}`,
            Region: ctx.region,
            RoleArn: role,
            ...(def.platformCapabilities === undefined
              ? {}
              : { PlatformCapabilities: [...def.platformCapabilities] }),
          },
        });
      }
      return { items: undefined, next: out.nextToken };
    });
  } catch (err: unknown) {
    ctx.fail('batch', 'batch:DescribeJobDefinitions', err);
  }
  return [...latest.values()].map((v) => v.json);
}

/**
 * The AWS Batch job queues of workloads.json that run a submitted job (IAM-SEMANTICS.md
 * "Privilege escalation" E.3): a job runs only from a queue whose state is `ENABLED` ("If the job
 * queue state is DISABLED, new jobs can't be added to the queue") and only on one of its compute
 * environments that is `ENABLED` (the scheduler places no job on a DISABLED one) and not
 * `INVALID`. A job definition's platform must match the environment's: a `FARGATE` job runs on a
 * FARGATE or FARGATE_SPOT environment, an `EC2` one (AWS's default) on an EC2, SPOT or unmanaged
 * one. An EKS environment runs only EKS job definitions, which have no job role (their pods use
 * a Kubernetes service account): no technique here uses it. A queue whose environments are
 * unknown is not used (a path may be missed, never invented). Jobs run in the queue's own account
 * and region: Batch has no resource policies and no cross-account submission.
 */
import type { BatchComputeEnvironment, Workload } from '../../../snapshot/types.js';
import type { EscalationContext } from './escalation-context.js';

export type BatchPlatform = 'EC2' | 'FARGATE';

/** The platform a job definition runs on (`platformCapabilities`, EC2 when absent). */
export function jobDefinitionPlatform(w: Workload): BatchPlatform {
  return w.platformCapabilities?.some((c) => c.toUpperCase() === 'FARGATE') === true
    ? 'FARGATE'
    : 'EC2';
}

/** The platform of a compute environment that runs ECS jobs; undefined = it runs none. */
function environmentPlatform(env: BatchComputeEnvironment): BatchPlatform | undefined {
  if (env.state?.toUpperCase() !== 'ENABLED') return undefined;
  const status = env.status?.toUpperCase();
  if (status === 'INVALID' || status === 'DELETING' || status === 'DELETED') return undefined;
  if ((env.containerOrchestrationType ?? 'ECS').toUpperCase() !== 'ECS') return undefined;
  const resources = env.computeResourcesType?.toUpperCase();
  if (resources === 'FARGATE' || resources === 'FARGATE_SPOT') return 'FARGATE';
  if (resources === 'EC2' || resources === 'SPOT') return 'EC2';
  // An unmanaged environment runs on the customer's own ECS container instances.
  if (env.type?.toUpperCase() === 'UNMANAGED') return 'EC2';
  return undefined;
}

/** The region of a workload (its entry's, else its ARN's). */
export function workloadRegion(w: Workload): string {
  return w.region ?? w.arn.split(':')[3] ?? '';
}

/** The compute environment of `queue` that runs a job of `platform` (any, when undefined). */
export function runningEnvironment(
  queue: Workload,
  platform: BatchPlatform | undefined,
): BatchComputeEnvironment | undefined {
  if (queue.type !== 'batch-job-queue' || queue.state?.toUpperCase() !== 'ENABLED')
    return undefined;
  const status = queue.status?.toUpperCase();
  if (status === 'INVALID' || status === 'DELETING' || status === 'DELETED') return undefined;
  return queue.computeEnvironments?.find((env) => {
    const p = environmentPlatform(env);
    return p !== undefined && (platform === undefined || p === platform);
  });
}

/** Per build: the job queues of each account. */
const QUEUES = new WeakMap<EscalationContext, Map<string, readonly Workload[]>>();

/**
 * The queues of `accountId` (in `region`, or any) that run a job of `platform` (or of some ECS
 * platform, when undefined), in workloads.json order.
 */
export function runnableQueues(
  esc: EscalationContext,
  accountId: string,
  region: string | undefined,
  platform: BatchPlatform | undefined,
): Workload[] {
  let byAccount = QUEUES.get(esc);
  if (byAccount === undefined)
    QUEUES.set(esc, (byAccount = new Map<string, readonly Workload[]>()));
  let queues = byAccount.get(accountId);
  if (queues === undefined) {
    queues = (esc.snapshot.accounts.get(accountId)?.workloads ?? []).filter(
      (w) => w.type === 'batch-job-queue',
    );
    byAccount.set(accountId, queues);
  }
  return queues.filter(
    (q) =>
      (region === undefined || workloadRegion(q) === region) &&
      runningEnvironment(q, platform) !== undefined,
  );
}

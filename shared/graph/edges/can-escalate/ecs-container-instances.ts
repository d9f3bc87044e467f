/**
 * What an ECS task needs to run: a container instance registered in a cluster of its account and
 * region. StartTask always places the task on container instances named in the call; RunTask does
 * too for a task definition that cannot run on Fargate (its `compatibilities`, when known, lack
 * `FARGATE`). workloads.json's `ecs-cluster` entries say whether a cluster has ACTIVE ones: some
 * cluster with one → the step holds; every listed cluster with none → it cannot run; no cluster
 * known (or a count unknown) → `conditional` on one.
 */
import type { Snapshot, Workload } from '../../../snapshot/types.js';
import type { UnknownFact } from './unknown-facts.js';
import { workloadRegion } from './batch-queues.js';
import { workloadAccount } from './workload-node.js';

/** Note of the ECS edges that need a container instance the snapshot cannot show. */
export const ECS_CONTAINER_INSTANCE_UNKNOWN = 'ecs-container-instance-unknown';

export const START_TASK_NEEDS_INSTANCE: UnknownFact = {
  note: ECS_CONTAINER_INSTANCE_UNKNOWN,
  reason:
    'ecs:StartTask runs the task on container instances already registered in a cluster (https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_StartTask.html: containerInstances is required); the snapshot does not list container instances',
  what: 'ECS container instances',
};

const RUN_TASK_NEEDS_INSTANCE: UnknownFact = {
  note: ECS_CONTAINER_INSTANCE_UNKNOWN,
  reason:
    'the task definition cannot run on Fargate (its compatibilities lack FARGATE: https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_TaskDefinition.html), so ecs:RunTask places it on a registered container instance; the snapshot does not list container instances',
  what: 'ECS container instances',
};

/** Whether the clusters of an account and region have ACTIVE container instances. */
type InstanceState = 'some' | 'none' | 'unknown';

/** When clusters of one place are merged, one with an instance wins, then one not counted. */
const RANK: Readonly<Record<InstanceState, number>> = { none: 0, unknown: 1, some: 2 };

const STATES = new WeakMap<Snapshot, Map<string, InstanceState>>();

function instanceState(snapshot: Snapshot, accountId: string, region: string): InstanceState {
  let byPlace = STATES.get(snapshot);
  if (byPlace === undefined) {
    byPlace = new Map<string, InstanceState>();
    for (const [id, account] of snapshot.accounts)
      for (const c of account.workloads ?? []) {
        if (c.type !== 'ecs-cluster') continue;
        const key = `${id}\u0000${workloadRegion(c)}`;
        const count = c.containerInstances;
        const own: InstanceState = count === undefined ? 'unknown' : count > 0 ? 'some' : 'none';
        const before = byPlace.get(key);
        if (before === undefined || RANK[own] > RANK[before]) byPlace.set(key, own);
      }
    STATES.set(snapshot, byPlace);
  }
  return byPlace.get(`${accountId}\u0000${region}`) ?? 'unknown';
}

/**
 * What `action` on the task definition `w` needs beyond IAM: nothing (undefined), a fact the
 * snapshot does not show (the step is then `conditional`), or `impossible` (no cluster of its
 * account and region has a container instance).
 */
export function containerInstanceFact(
  action: string,
  w: Workload,
  snapshot: Snapshot,
): UnknownFact | 'impossible' | undefined {
  const fact =
    action === 'ecs:StartTask'
      ? START_TASK_NEEDS_INSTANCE
      : action === 'ecs:RunTask' &&
          w.compatibilities !== undefined &&
          !w.compatibilities.includes('FARGATE')
        ? RUN_TASK_NEEDS_INSTANCE
        : undefined;
  if (fact === undefined) return undefined;
  const state = instanceState(snapshot, workloadAccount(w), workloadRegion(w));
  return state === 'some' ? undefined : state === 'none' ? 'impossible' : fact;
}

/**
 * What an ECS task needs to run that the snapshot does not show: a container instance registered
 * in a cluster (container instances are not collected). StartTask always places the task on
 * container instances named in the call; RunTask does too for a task definition that cannot run
 * on Fargate (its `compatibilities`, when known, lack `FARGATE`).
 */
import type { Workload } from '../../../snapshot/types.js';

/** A fact the snapshot does not show, which makes a step `conditional` (a note step). */
export interface UnknownFact {
  note: string;
  reason: string;
  what: string;
}

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

/** The unknown fact `action` on the task definition `w` depends on, if any. */
export function containerInstanceFact(action: string, w: Workload): UnknownFact | undefined {
  if (action === 'ecs:StartTask') return START_TASK_NEEDS_INSTANCE;
  if (action === 'ecs:RunTask' && w.compatibilities !== undefined)
    return w.compatibilities.includes('FARGATE') ? undefined : RUN_TASK_NEEDS_INSTANCE;
  return undefined;
}

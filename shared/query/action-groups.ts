/**
 * The action groups a `who-can-reach` target has: a bucket's (read, write, list, admin), a
 * resource's by its service (IAM-SEMANTICS.md §7a), none for a role. The first is the default.
 */
import type { AccessGraph, ActionGroup, ResourceService } from '../graph/types.js';
import { WrongActionGroupError } from './query-errors.js';

const S3_GROUPS: readonly ActionGroup[] = ['read', 'write', 'list', 'admin'];

export const RESOURCE_GROUPS: Readonly<Record<ResourceService, readonly ActionGroup[]>> = {
  kms: ['decrypt', 'encrypt', 'admin'],
  secretsmanager: ['read', 'write', 'admin'],
  sqs: ['read', 'write'],
  sns: ['publish', 'subscribe'],
  ecr: ['pull', 'push'],
  lambda: ['invoke', 'read', 'modify'],
};

/** Every action group any target has. */
export const ALL_ACTION_GROUPS: readonly ActionGroup[] = [
  ...new Set<ActionGroup>([...S3_GROUPS, ...Object.values(RESOURCE_GROUPS).flat()]),
];

/** The groups of `key` (a bucket or resource node); undefined for other kinds. */
export function actionGroupsOfNode(
  graph: AccessGraph,
  key: string,
): readonly ActionGroup[] | undefined {
  const attrs = graph.getNodeAttributes(key);
  if (attrs.kind === 'bucket') return S3_GROUPS;
  if (attrs.kind === 'resource' && attrs.service !== undefined)
    return RESOURCE_GROUPS[attrs.service];
  return undefined;
}

/**
 * The action group to answer for `key`: `requested` when it is one of the node's, the node's
 * first group when none was requested.
 *
 * @throws WrongActionGroupError when `requested` is not one of the node's groups.
 */
export function resolveActionGroup(
  graph: AccessGraph,
  key: string,
  requested: ActionGroup | undefined,
): ActionGroup | undefined {
  const groups = actionGroupsOfNode(graph, key);
  if (groups === undefined) return undefined;
  if (requested === undefined) return groups[0];
  if (!groups.includes(requested)) {
    const attrs = graph.getNodeAttributes(key);
    const what = attrs.kind === 'resource' ? `the ${attrs.service ?? ''} resource` : 'the bucket';
    throw new WrongActionGroupError(key, what, requested, groups);
  }
  return requested;
}

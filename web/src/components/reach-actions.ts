/**
 * Who can reach: the action groups a target offers (a bucket's, or a resource's by the service
 * in its ARN, shared/query/action-groups.ts) and which one is asked after a new target is picked.
 * Pure: the resource comes from a link or a pick, so it is untrusted text.
 */
import { RESOURCE_GROUPS } from '../../../shared/query/action-groups.js';
import { ACTION_GROUPS, type ActionGroup } from '../state/url-state.js';

const S3_GROUPS: readonly ActionGroup[] = ['read', 'write', 'list', 'admin'];

/**
 * The action groups of the picked target: a bucket's, or a resource's by the service in its ARN
 * (shared/query/action-groups.ts); all of them before anything is picked.
 */
export function groupsOf(resource: string | undefined): readonly ActionGroup[] {
  if (resource === undefined) return ACTION_GROUPS;
  const service = resource.split(':')[2] ?? '';
  if (service === 's3') return S3_GROUPS;
  // The service comes from a link: `constructor` or `__proto__` is data, not a key of the table.
  if (!Object.hasOwn(RESOURCE_GROUPS, service)) return ACTION_GROUPS;
  return (
    (RESOURCE_GROUPS as Readonly<Record<string, readonly ActionGroup[]>>)[service] ?? ACTION_GROUPS
  );
}

/**
 * The action group after picking `next`: the one asked so far while the target is of the same
 * type (another bucket: same question), else the new type's first — a Lambda function picked
 * after a bucket is asked about `invoke`, not about `read` (its code and configuration), which
 * would leave out every account its function policy lets invoke it.
 */
export function actionAfterPick(
  current: ActionGroup,
  previous: string | undefined,
  next: string | undefined,
): ActionGroup {
  const before = groupsOf(previous);
  const after = groupsOf(next);
  const sameType = before.length === after.length && before.every((g, i) => g === after[i]);
  return sameType && after.includes(current) ? current : (after[0] ?? current);
}

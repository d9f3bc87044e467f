/**
 * Marks administrators and crown jewels.
 *
 * "Administrator": a user, role or group whose effective permissions allow every action on every
 * resource, decided by the policy engine (shared/authorize/is-administrator.ts): NotAction and
 * NotResource, Deny precedence, permissions boundaries and every SCP level count. A group is
 * tested as a member without a boundary would be (its policies and its account's SCPs); its
 * members are tested on their own. `iam:*` alone no longer makes an administrator: it lets a
 * principal grant itself everything, which is a `can-escalate` edge (self-escalation), not a fact.
 */
import { isAdministrator } from '../../authorize/is-administrator.js';
import type { AuthzModel, CallerProfile, GroupProfile } from '../../authorize/types.js';
import type { AccessGraph } from '../types.js';

/** A group as a caller: a member without boundary, whose own facts are unknown. */
export function groupAsCaller(g: GroupProfile): CallerProfile {
  const p: CallerProfile = {
    caller: { type: 'user', arn: g.arn, accountId: g.accountId, partition: g.partition },
    key: g.arn,
    accountId: g.accountId,
    identityPolicies: g.identityPolicies,
    policiesKnown: true,
    serviceLinked: false,
    contextKeys: { 'aws:PrincipalAccount': g.accountId },
    unknownContextKeys: [
      'aws:PrincipalArn',
      'aws:PrincipalTag',
      'aws:username',
      'aws:userid',
      'aws:PrincipalType',
    ],
  };
  if (g.scps) p.scps = g.scps;
  return p;
}

function globToRegExp(pattern: string): RegExp {
  const body = pattern
    .replace(/[.+^${}()|[\]\\]/g, '\\$&')
    .replace(/\*/g, '.*')
    .replace(/\?/g, '.');
  return new RegExp(`^${body}$`);
}

/**
 * Sets `admin` on administrators (users, roles, groups) and `crownJewel` on nodes matching the
 * config patterns. Returns the administrators (users and roles) by account id.
 */
export function markAdminsAndCrownJewels(
  graph: AccessGraph,
  model: AuthzModel,
  crownJewels: readonly string[],
): Map<string, CallerProfile[]> {
  const admins = new Map<string, CallerProfile[]>();
  for (const p of model.principals.values()) {
    if (p.accountId === undefined || !graph.hasNode(p.key) || !isAdministrator(p, model)) continue;
    graph.setNodeAttribute(p.key, 'admin', true);
    let list = admins.get(p.accountId);
    if (!list) admins.set(p.accountId, (list = []));
    list.push(p);
  }
  for (const g of model.groups?.values() ?? [])
    if (graph.hasNode(g.arn) && isAdministrator(groupAsCaller(g), model))
      graph.setNodeAttribute(g.arn, 'admin', true);
  if (crownJewels.length > 0) {
    const patterns = crownJewels.map(globToRegExp);
    graph.forEachNode((key) => {
      if (patterns.some((re) => re.test(key))) graph.setNodeAttribute(key, 'crownJewel', true);
    });
  }
  return admins;
}

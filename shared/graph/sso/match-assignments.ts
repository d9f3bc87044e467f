/**
 * Which IAM role each IAM Identity Center account assignment signs its user or group in to.
 *
 * IAM Identity Center provisions a permission set in an account as the role
 * `AWSReservedSSO_<PermissionSetName>_<unique-suffix>` under the path
 * `/aws-reserved/sso.amazonaws.com/`, or `/aws-reserved/sso.amazonaws.com/<region>/` when the
 * instance is not in us-east-1 (docs/IAM-SEMANTICS.md, "IAM Identity Center"). The suffix changes when the role is
 * re-created, so a role is recognised by its path and name, never by a stored ARN.
 *
 * Outcomes, one per assignment (nothing is dropped):
 * - `matched`: the role(s) of the permission set in the account;
 * - `principal-missing`: the user or group is not in the identity store (deleted: nobody can
 *   sign in with it, the assignment is stale);
 * - `role-missing`: no such role in the account's iam.json, or the account was not scanned.
 */
import type { IdentityCenter, Snapshot, SsoAccountAssignment } from '../../snapshot/types.js';
import { ssoGroupKey, ssoUserKey } from './sso-keys.js';

const SSO_ROLE_PATH = /^\/aws-reserved\/sso\.amazonaws\.com\/(?:[a-z0-9-]+\/)?$/;
const SSO_ROLE_NAME = /^AWSReservedSSO_(.+)_([0-9A-Za-z]+)$/;

export type AssignmentOutcome =
  | {
      kind: 'matched';
      assignment: SsoAccountAssignment;
      principal: string;
      permissionSet: string;
      roles: readonly string[];
    }
  | {
      kind: 'principal-missing';
      assignment: SsoAccountAssignment;
      principal: string;
      permissionSet: string;
    }
  | {
      kind: 'role-missing';
      assignment: SsoAccountAssignment;
      principal: string;
      permissionSet: string;
      /** The account has no folder in the snapshot (its roles are unknown). */
      accountScanned: boolean;
    };

export interface IdentityCenterMatch {
  identityCenter: IdentityCenter;
  outcomes: readonly AssignmentOutcome[];
}

/** Whether an IAM role is a permission-set role of IAM Identity Center (path and name). */
export function permissionSetOfRole(path: string, name: string): string | undefined {
  if (!SSO_ROLE_PATH.test(path)) return undefined;
  return SSO_ROLE_NAME.exec(name)?.[1];
}

const CACHE = new WeakMap<Snapshot, IdentityCenterMatch | null>();

/**
 * Matches every assignment of the snapshot's identity-center.json to its role. Undefined when
 * the snapshot has no Identity Center. Computed once per snapshot.
 */
export function matchAssignments(snapshot: Snapshot): IdentityCenterMatch | undefined {
  const cached = CACHE.get(snapshot);
  if (cached !== undefined) return cached ?? undefined;
  const ic = snapshot.identityCenter;
  if (ic === undefined) {
    CACHE.set(snapshot, null);
    return undefined;
  }
  // `<accountId>\0<permission set name>` → role ARNs.
  const roles = new Map<string, string[]>();
  for (const account of snapshot.accounts.values())
    for (const role of account.roles) {
      const set = permissionSetOfRole(role.path, role.name);
      if (set === undefined) continue;
      const k = `${account.accountId}\u0000${set}`;
      const list = roles.get(k);
      if (list === undefined) roles.set(k, [role.arn]);
      else list.push(role.arn);
    }
  const setNames = new Map(ic.permissionSets.map((p) => [p.arn, p.name]));
  const users = new Set(ic.users.map((u) => u.userId));
  const groups = new Set(ic.groups.map((g) => g.groupId));
  const outcomes: AssignmentOutcome[] = [];
  for (const a of ic.assignments) {
    const permissionSet = setNames.get(a.permissionSetArn) ?? a.permissionSetArn;
    const isUser = a.principalType === 'USER';
    const principal = isUser
      ? ssoUserKey(ic.identityStoreId, a.principalId)
      : ssoGroupKey(ic.identityStoreId, a.principalId);
    if (!(isUser ? users : groups).has(a.principalId)) {
      outcomes.push({ kind: 'principal-missing', assignment: a, principal, permissionSet });
      continue;
    }
    const found = roles.get(`${a.accountId}\u0000${permissionSet}`);
    if (found === undefined)
      outcomes.push({
        kind: 'role-missing',
        assignment: a,
        principal,
        permissionSet,
        accountScanned: snapshot.accounts.has(a.accountId),
      });
    else outcomes.push({ kind: 'matched', assignment: a, principal, permissionSet, roles: found });
  }
  const match = { identityCenter: ic, outcomes };
  CACHE.set(snapshot, match);
  return match;
}

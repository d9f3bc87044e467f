/**
 * identity-center.json (DESIGN.md "Snapshot directory") becomes `IdentityCenter`: the users,
 * groups, group memberships, permission sets and account assignments of one IAM Identity Center
 * instance, as sso-admin and identitystore list them.
 *
 * Contract:
 * - Identifiers become parts of node keys (`sso:<IdentityStoreId>:user/<UserId>`): an id that is
 *   not a plain identifier (letters, digits, `.`, `_`, `-`; at most 128 characters) is refused
 *   with an error, never rewritten.
 * - A membership naming an unknown user or group is dropped (warning): it grants nothing.
 * - An assignment naming a user or group that the identity store does not hold is KEPT: the
 *   principal may have been deleted while its assignment stayed (a finding, not a load error).
 *   An assignment to a permission set that `PermissionSets` does not list is dropped (error):
 *   without the permission set's name its role cannot be recognised.
 * - Duplicates (same id, same membership, same assignment) keep the first entry (warning).
 */
import { isAccountId } from '../arn/parse-arn.js';
import { isRecord, quote, rootNode, type FileReader, type JsonNode } from './json-reader.js';
import type {
  IdentityCenter,
  SsoAccountAssignment,
  SsoGroup,
  SsoPermissionSet,
  SsoPrincipalType,
  SsoUser,
} from './types.js';

const PLAIN_ID = /^[A-Za-z0-9._-]{1,128}$/;
/** Longest user name, group name or permission set name kept (longer text is cut). */
const MAX_NAME = 256;

/** Reads identity-center.json; undefined (reported) when it cannot be used at all. */
export function normalizeIdentityCenter(
  raw: unknown,
  reader: FileReader,
): IdentityCenter | undefined {
  if (!isRecord(raw)) {
    reader.error(
      '$',
      'expected an object with "IdentityStoreId", "Users", "Groups", "GroupMemberships", "PermissionSets" and "AccountAssignments"; the file is ignored',
    );
    return undefined;
  }
  const root = rootNode(raw);
  const storeNode = reader.field(root, 'IdentityStoreId');
  const identityStoreId = reader.string(storeNode, 'IdentityStoreId');
  if (identityStoreId === undefined) {
    reader.error(
      '$',
      'without an IdentityStoreId the users and groups cannot be named; the file is ignored',
    );
    return undefined;
  }
  if (!PLAIN_ID.test(identityStoreId)) {
    reader.error(
      storeNode.path,
      `${quote(identityStoreId, 60)} is not an identity store id (such as "d-1234567890"); the file is ignored`,
    );
    return undefined;
  }
  const out: IdentityCenter = {
    identityStoreId,
    users: [],
    groups: [],
    memberships: [],
    permissionSets: [],
    assignments: [],
  };
  const instanceArn = reader.string(reader.field(root, 'InstanceArn'));
  if (instanceArn !== undefined) out.instanceArn = instanceArn;

  const userIds = new Set<string>();
  for (const node of reader.list(reader.field(root, 'Users'), 'users')) {
    const user = readUser(node, reader);
    if (user !== undefined && firstTime(user.userId, userIds, node, reader, 'user'))
      out.users.push(user);
  }
  const groupIds = new Set<string>();
  for (const node of reader.list(reader.field(root, 'Groups'), 'groups')) {
    const group = readGroup(node, reader);
    if (group !== undefined && firstTime(group.groupId, groupIds, node, reader, 'group'))
      out.groups.push(group);
  }

  const memberships = new Set<string>();
  for (const node of reader.list(reader.field(root, 'GroupMemberships'), 'group memberships')) {
    const groupId = readId(reader.field(node, 'GroupId'), reader, 'GroupId');
    const userId = readMemberId(node, reader);
    if (groupId === undefined || userId === undefined) continue;
    if (!groupIds.has(groupId) || !userIds.has(userId)) {
      const missing = !groupIds.has(groupId) ? `group ${quote(groupId)}` : `user ${quote(userId)}`;
      reader.warning(
        node.path,
        `${missing} is not in the identity store; the membership is ignored`,
      );
      continue;
    }
    const id = `${groupId}\u0000${userId}`;
    if (memberships.has(id)) {
      reader.warning(node.path, 'duplicate membership: the first one is kept');
      continue;
    }
    memberships.add(id);
    out.memberships.push({ groupId, userId });
  }

  const setArns = new Set<string>();
  for (const node of reader.list(reader.field(root, 'PermissionSets'), 'permission sets')) {
    const set = readPermissionSet(node, reader);
    if (set !== undefined && firstTime(set.arn, setArns, node, reader, 'permission set'))
      out.permissionSets.push(set);
  }

  const assignments = new Set<string>();
  for (const node of reader.list(reader.field(root, 'AccountAssignments'), 'account assignments')) {
    const a = readAssignment(node, reader);
    if (a === undefined) continue;
    if (!setArns.has(a.permissionSetArn)) {
      reader.error(
        node.path,
        `permission set ${quote(a.permissionSetArn)} is not listed in "PermissionSets": its role cannot be recognised; the assignment is skipped`,
      );
      continue;
    }
    const id = [a.accountId, a.permissionSetArn, a.principalType, a.principalId].join('\u0000');
    if (assignments.has(id)) {
      reader.warning(node.path, 'duplicate assignment: the first one is kept');
      continue;
    }
    assignments.add(id);
    out.assignments.push(a);
  }
  return out;
}

function readId(node: JsonNode, reader: FileReader, what: string): string | undefined {
  const id = reader.string(node, what);
  if (id === undefined) return undefined;
  if (PLAIN_ID.test(id)) return id;
  reader.error(node.path, `${quote(id, 60)} is not a valid ${what}; the entry is skipped`);
  return undefined;
}

/** `UserId`, or identitystore's `MemberId: { UserId }`. */
function readMemberId(node: JsonNode, reader: FileReader): string | undefined {
  const direct = reader.field(node, 'UserId');
  if (direct.value !== undefined) return readId(direct, reader, 'UserId');
  const member = reader.field(node, 'MemberId');
  if (member.value !== undefined) return readId(reader.field(member, 'UserId'), reader, 'UserId');
  return readId(direct, reader, 'UserId');
}

/** A name, cut to MAX_NAME; `required` names it in the error when it is missing. */
function name(node: JsonNode, reader: FileReader, required?: string): string | undefined {
  const text = reader.string(node, required);
  if (text === undefined) return undefined;
  return text.length > MAX_NAME ? `${text.slice(0, MAX_NAME)}…` : text;
}

function readUser(node: JsonNode, reader: FileReader): SsoUser | undefined {
  if (!isRecord(node.value)) {
    reader.error(node.path, 'expected a user (an object); it is skipped');
    return undefined;
  }
  const userId = readId(reader.field(node, 'UserId'), reader, 'UserId');
  if (userId === undefined) return undefined;
  const userName = name(reader.field(node, 'UserName'), reader, 'UserName') ?? userId;
  const user: SsoUser = { userId, userName };
  const displayName = name(reader.field(node, 'DisplayName'), reader);
  if (displayName !== undefined && displayName !== '') user.displayName = displayName;
  return user;
}

function readGroup(node: JsonNode, reader: FileReader): SsoGroup | undefined {
  if (!isRecord(node.value)) {
    reader.error(node.path, 'expected a group (an object); it is skipped');
    return undefined;
  }
  const groupId = readId(reader.field(node, 'GroupId'), reader, 'GroupId');
  if (groupId === undefined) return undefined;
  const displayName = name(reader.field(node, 'DisplayName'), reader, 'DisplayName') ?? groupId;
  return { groupId, displayName };
}

function readPermissionSet(node: JsonNode, reader: FileReader): SsoPermissionSet | undefined {
  if (!isRecord(node.value)) {
    reader.error(node.path, 'expected a permission set (an object); it is skipped');
    return undefined;
  }
  const arn = reader.string(reader.field(node, 'PermissionSetArn'), 'PermissionSetArn');
  const setName = reader.string(reader.field(node, 'Name'), 'Name');
  if (arn === undefined || setName === undefined) {
    reader.error(node.path, 'a permission set needs its PermissionSetArn and Name; it is skipped');
    return undefined;
  }
  return { arn, name: setName };
}

function readAssignment(node: JsonNode, reader: FileReader): SsoAccountAssignment | undefined {
  if (!isRecord(node.value)) {
    reader.error(node.path, 'expected an account assignment (an object); it is skipped');
    return undefined;
  }
  const accountNode = reader.field(node, 'AccountId');
  const accountId = reader.string(accountNode, 'AccountId');
  const permissionSetArn = reader.string(
    reader.field(node, 'PermissionSetArn'),
    'PermissionSetArn',
  );
  const typeNode = reader.field(node, 'PrincipalType');
  const type = reader.string(typeNode, 'PrincipalType');
  const principalId = readId(reader.field(node, 'PrincipalId'), reader, 'PrincipalId');
  if (accountId !== undefined && !isAccountId(accountId)) {
    reader.error(
      accountNode.path,
      `${quote(accountId, 40)} is not a 12-digit account id; the assignment is skipped`,
    );
    return undefined;
  }
  let principalType: SsoPrincipalType | undefined;
  if (type === 'USER' || type === 'GROUP') principalType = type;
  else if (type !== undefined)
    reader.error(
      typeNode.path,
      `PrincipalType ${quote(type, 40)} is neither "USER" nor "GROUP"; the assignment is skipped`,
    );
  if (
    accountId === undefined ||
    permissionSetArn === undefined ||
    principalType === undefined ||
    principalId === undefined
  )
    return undefined;
  return { accountId, permissionSetArn, principalType, principalId, source: node.path };
}

function firstTime(
  id: string,
  seen: Set<string>,
  node: JsonNode,
  reader: FileReader,
  what: string,
): boolean {
  if (seen.has(id)) {
    reader.warning(node.path, `duplicate ${what} ${quote(id)}: the first one is kept`);
    return false;
  }
  seen.add(id);
  return true;
}

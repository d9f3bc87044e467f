/**
 * Node keys of IAM Identity Center users and groups (DESIGN.md "The access graph"):
 * `sso:<IdentityStoreId>:user/<UserId>` and `sso:<IdentityStoreId>:group/<GroupId>`. The ids are
 * plain identifiers (checked by the snapshot loader), so keys never need escaping.
 */

export const SSO_KEY_PREFIX = 'sso:';

export function ssoUserKey(identityStoreId: string, userId: string): string {
  return `${SSO_KEY_PREFIX}${identityStoreId}:user/${userId}`;
}

export function ssoGroupKey(identityStoreId: string, groupId: string): string {
  return `${SSO_KEY_PREFIX}${identityStoreId}:group/${groupId}`;
}

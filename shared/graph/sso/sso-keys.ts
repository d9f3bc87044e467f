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

/**
 * Key of the one "IAM Identity Center" node that stands for every account's `AWSSSO_…` SAML
 * provider in the organization view (shared/graph/aggregate-accounts.ts). It has no edges of
 * its own: queries use the providers' edges and the people's.
 */
export const IDENTITY_CENTER_KEY = 'sso:identity-center';

/** The audience of the SAML assertions Identity Center issues for AWS account sign-in. */
export const SSO_SAML_AUDIENCE = 'https://signin.aws.amazon.com/saml';
/** The SAML provider IAM Identity Center creates in each account it serves (`AWSSSO_…_DO_NOT_DELETE`). */
const SSO_PROVIDER = /:saml-provider\/AWSSSO_[^/]*$/;

/** Whether a SAML provider ARN is the one IAM Identity Center manages in an account. */
export function isIdentityCenterProvider(arn: string): boolean {
  return SSO_PROVIDER.test(arn);
}

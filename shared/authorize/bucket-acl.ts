/**
 * Bucket ACL grants (IAM-SEMANTICS.md §7.3): which grants of a bucket's ACL name the caller and
 * grant the action. ACLs do nothing when Object Ownership is `BucketOwnerEnforced`; public grants
 * (AllUsers, AuthenticatedUsers) do nothing under the `IgnorePublicAcls` setting — both are
 * decided by the S3 authorizer, not here.
 */
import type { AclGrant } from '../snapshot/types.js';
import { bucketAclGrants } from './s3-actions.js';
import type { BucketProfile, CallerProfile } from './types.js';

export const ALL_USERS_URI = 'http://acs.amazonaws.com/groups/global/AllUsers';
export const AUTHENTICATED_USERS_URI = 'http://acs.amazonaws.com/groups/global/AuthenticatedUsers';
export const LOG_DELIVERY_URI = 'http://acs.amazonaws.com/groups/s3/LogDelivery';
const LOG_DELIVERY_SERVICE = 'logging.s3.amazonaws.com';

/**
 * How a grant names the caller: everyone (incl. anonymous), any signed request from any AWS
 * account, the caller's account (by canonical id), or the S3 log delivery service.
 */
export type AclMatch = 'all-users' | 'authenticated-users' | 'account' | 'log-delivery';

export interface AclHit {
  index: number;
  grant: AclGrant;
  match: AclMatch;
}

/** Whether the grant is public (AllUsers or AuthenticatedUsers). */
export function isPublicAclMatch(match: AclMatch): boolean {
  return match === 'all-users' || match === 'authenticated-users';
}

function sameUri(a: string, b: string): boolean {
  return a.replace(/^https:/i, 'http:').toLowerCase() === b.toLowerCase();
}

/** The grants of the bucket's ACL that name the caller and grant `action`. */
export function matchingAclGrants(
  bucket: BucketProfile,
  caller: CallerProfile,
  action: string,
  canonicalIds: ReadonlyMap<string, string>,
): AclHit[] {
  const acl = bucket.acl;
  if (!acl) return [];
  const c = caller.caller;
  const signed = c.type !== 'anonymous' && c.type !== 'oidc' && c.type !== 'saml';
  const out: AclHit[] = [];
  acl.grants.forEach((grant, index) => {
    if (!bucketAclGrants(grant.permission, action)) return;
    const g = grant.grantee;
    let match: AclMatch | undefined;
    if (g.type === 'Group') {
      if (sameUri(g.uri, ALL_USERS_URI) && c.type !== 'oidc' && c.type !== 'saml')
        match = 'all-users';
      else if (sameUri(g.uri, AUTHENTICATED_USERS_URI) && signed) match = 'authenticated-users';
      else if (
        sameUri(g.uri, LOG_DELIVERY_URI) &&
        c.type === 'service' &&
        c.service === LOG_DELIVERY_SERVICE
      )
        match = 'log-delivery';
    } else if (g.type === 'CanonicalUser') {
      const accountId =
        canonicalIds.get(g.id) ?? (g.id === bucket.ownerCanonicalId ? bucket.accountId : undefined);
      if (accountId !== undefined && signed && caller.accountId === accountId) match = 'account';
    }
    if (match) out.push({ index, grant, match });
  });
  return out;
}

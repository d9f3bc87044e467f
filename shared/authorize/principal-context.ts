/**
 * Condition keys that follow from the caller or the resource (IAM-SEMANTICS.md §5.2 "Identity-
 * derived", §5.3): computed once per principal, role and bucket when the model is compiled.
 *
 * - `aws:PrincipalArn`: the user ARN; for a role session the role ARN (with its path), never the
 *   session ARN; `arn:…:iam::ACCT:root` for the root user.
 * - `aws:userid`: the user id (`AIDA…`); for a role session `AROA…:<session name>`, unknown when
 *   the session name is; the account id for the root user.
 * - `aws:PrincipalOrgID` / `aws:PrincipalOrgPaths`: only for organization accounts.
 * - `aws:PrincipalTag/…`: the user's or role's tags.
 */
import type { ContextValue } from '../policy/types.js';
import type { Tags } from '../snapshot/types.js';
import type { OrgStructure } from './org-structure.js';

type Keys = Record<string, ContextValue>;

/** `aws:PrincipalAccount`, `aws:PrincipalOrgID`, `aws:PrincipalOrgPaths` of an account. */
export function principalAccountKeys(accountId: string, org: OrgStructure): Keys {
  const keys: Keys = { 'aws:PrincipalAccount': accountId };
  if (org.organizationId !== undefined && org.orgAccountIds.has(accountId)) {
    keys['aws:PrincipalOrgID'] = org.organizationId;
    const paths = orgPathList(accountId, org);
    if (paths !== undefined) keys['aws:PrincipalOrgPaths'] = paths;
  }
  return keys;
}

/**
 * The account's `[org path]`, one frozen list per account shared by every principal and resource
 * of it (a large organization has hundreds of thousands of them).
 */
function orgPathList(accountId: string, org: OrgStructure): readonly string[] | undefined {
  let byAccount = ORG_PATHS.get(org);
  if (byAccount === undefined)
    ORG_PATHS.set(org, (byAccount = new Map<string, readonly string[] | null>()));
  let paths = byAccount.get(accountId);
  if (paths === undefined) {
    const path = org.orgPath(accountId);
    paths = path === undefined ? null : Object.freeze([path]);
    byAccount.set(accountId, paths);
  }
  return paths ?? undefined;
}

const ORG_PATHS = new WeakMap<OrgStructure, Map<string, readonly string[] | null>>();

function addTags(keys: Keys, prefix: string, tags: Tags): void {
  for (const [k, v] of Object.entries(tags)) keys[`${prefix}${k}`] = v;
}

/** Keys of an IAM user: its ARN, account, organization, `User`, name, id and tags. */
export function userContextKeys(
  user: { arn: string; name: string; userId: string; accountId: string; tags: Tags },
  org: OrgStructure,
): Keys {
  const keys: Keys = {
    'aws:PrincipalArn': user.arn,
    ...principalAccountKeys(user.accountId, org),
    'aws:PrincipalType': 'User',
    'aws:PrincipalIsAWSService': 'false',
    'aws:username': user.name,
  };
  if (user.userId !== '') keys['aws:userid'] = user.userId;
  addTags(keys, 'aws:PrincipalTag/', user.tags);
  return keys;
}

/**
 * Keys of a session of `role`. With `sessionName` undefined, `aws:userid` is left out: the caller
 * lists it among the unknown keys.
 */
export function roleSessionContextKeys(
  role: { arn: string; roleId: string; accountId: string; tags: Tags },
  org: OrgStructure,
  sessionName?: string,
): Keys {
  const keys: Keys = {
    'aws:PrincipalArn': role.arn,
    ...principalAccountKeys(role.accountId, org),
    'aws:PrincipalType': 'AssumedRole',
    'aws:PrincipalIsAWSService': 'false',
  };
  if (sessionName !== undefined && role.roleId !== '')
    keys['aws:userid'] = `${role.roleId}:${sessionName}`;
  addTags(keys, 'aws:PrincipalTag/', role.tags);
  return keys;
}

/** Keys of the root user: `arn:…:iam::ACCT:root`, `Account`, `aws:userid` = the account id. */
export function rootContextKeys(partition: string, accountId: string, org: OrgStructure): Keys {
  return {
    'aws:PrincipalArn': `arn:${partition}:iam::${accountId}:root`,
    ...principalAccountKeys(accountId, org),
    'aws:PrincipalType': 'Account',
    'aws:PrincipalIsAWSService': 'false',
    'aws:userid': accountId,
  };
}

/** A GetFederationToken session: its ARN, `FederatedUser`, `aws:userid` = `ACCOUNT:name`. */
export function federatedUserContextKeys(
  arn: string,
  accountId: string,
  name: string,
  org: OrgStructure,
): Keys {
  return {
    'aws:PrincipalArn': arn,
    ...principalAccountKeys(accountId, org),
    'aws:PrincipalType': 'FederatedUser',
    'aws:PrincipalIsAWSService': 'false',
    'aws:userid': `${accountId}:${name}`,
  };
}

/** `aws:ResourceAccount`, `aws:ResourceOrgID`, `aws:ResourceOrgPaths` of a resource's account. */
export function resourceAccountKeys(accountId: string, org: OrgStructure): Keys {
  const keys: Keys = { 'aws:ResourceAccount': accountId };
  if (org.organizationId !== undefined && org.orgAccountIds.has(accountId)) {
    keys['aws:ResourceOrgID'] = org.organizationId;
    const paths = orgPathList(accountId, org);
    if (paths !== undefined) keys['aws:ResourceOrgPaths'] = paths;
  }
  return keys;
}

/**
 * The facts of a regional resource (KMS key, secret, queue, topic, repository, function): its
 * account keys and `aws:RequestedRegion` = its region. Every call on such a resource is served
 * by the endpoint of its region (a KMS key, a queue, a topic … is used by calling its Region:
 * IAM-SEMANTICS.md "Keys the caller chooses"), so the key is a fact, not a choice; an unknown
 * region leaves it unknown.
 */
export function regionalResourceKeys(
  accountId: string,
  org: OrgStructure,
  region: string | undefined,
): Keys {
  const keys = resourceAccountKeys(accountId, org);
  if (region !== undefined && region !== '') keys['aws:RequestedRegion'] = region;
  return keys;
}

/** Keys of a role as the resource of an STS call: account keys and its tags. */
export function roleResourceKeys(role: { accountId: string; tags: Tags }, org: OrgStructure): Keys {
  const keys = resourceAccountKeys(role.accountId, org);
  addTags(keys, 'aws:ResourceTag/', role.tags);
  addTags(keys, 'iam:ResourceTag/', role.tags);
  return keys;
}

/** Keys of a bucket as an S3 resource (bucket tags are not collected). */
export function bucketResourceKeys(accountId: string, org: OrgStructure): Keys {
  return { ...resourceAccountKeys(accountId, org), 's3:ResourceAccount': accountId };
}

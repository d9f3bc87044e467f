/**
 * The administrators of a scanned account as one caller (IAM-SEMANTICS.md "Privilege escalation"
 * E.4): the account node stands for them, and a self-escalation reaches it. An administrator's
 * identity policies allow every action on every resource — the escalation attaches or writes
 * AdministratorAccess, or any policy it likes — so the S3 buckets and the resources of its account
 * are its to use unless a Deny stops it or a KMS key policy does not let the account's identity
 * policies count: the account's SCPs (which apply to whatever it attaches), the resource policy,
 * RCPs. Which principal it is (its ARN, name, tags, type) is the escalating principal's, or
 * one it creates: unknown here, so a condition that tests it leaves the decision conditional. It
 * is a user or a role, never the root user: as a caller it is a session of a role no policy can
 * name (a role name cannot hold parentheses or spaces), so a `Principal` or `NotPrincipal` that
 * lists the account's root ARN alone admits it or denies it as it does every IAM principal of the
 * account, and one that lists a particular user or role is that principal's own edge.
 */
import type { AuthzModel, CallerProfile, OrgPolicyChain } from '../../authorize/types.js';
import type { ContextValue } from '../../policy/types.js';
import type { BuildContext } from '../build-context.js';
import { administratorPolicy } from '../edges/can-escalate/policy-changes.js';

/** A role ARN no IAM role can have, standing for "some administrator" of the account. */
export function administratorRoleArn(accountId: string, partition: string): string {
  return `arn:${partition}:iam::${accountId}:role/(an administrator of the account)`;
}

/** The principal keys an administrator's identity sets but the snapshot cannot know. */
const UNKNOWN_PRINCIPAL_KEYS = [
  'aws:PrincipalArn',
  'aws:PrincipalTag',
  'aws:username',
  'aws:userid',
  'aws:PrincipalType',
];

/**
 * The administrators of `accountId` (node `key`, the account node) as a caller: AdministratorAccess,
 * the account's SCP chain (`scps`, undefined where SCPs do not apply) and organization facts.
 */
function accountAdministratorsCaller(
  model: AuthzModel,
  key: string,
  accountId: string,
  partition: string,
  scps: OrgPolicyChain | undefined,
  org: { orgId: string; orgPaths?: readonly string[] } | undefined,
): CallerProfile {
  const contextKeys: Record<string, ContextValue> = {
    'aws:PrincipalAccount': accountId,
    'aws:PrincipalIsAWSService': 'false',
  };
  if (org !== undefined) {
    contextKeys['aws:PrincipalOrgID'] = org.orgId;
    if (org.orgPaths !== undefined) contextKeys['aws:PrincipalOrgPaths'] = org.orgPaths;
  }
  const p: CallerProfile = {
    caller: {
      type: 'role-session',
      roleArn: administratorRoleArn(accountId, partition),
      accountId,
      partition,
    },
    key,
    accountId,
    identityPolicies: [administratorPolicy(model, partition)],
    policiesKnown: true,
    serviceLinked: false,
    contextKeys,
    unknownContextKeys: UNKNOWN_PRINCIPAL_KEYS,
  };
  if (scps !== undefined) p.scps = scps;
  return p;
}

/** Per build, the administrators' caller of each account (its caches are the caller's own). */
const BY_BUILD = new WeakMap<BuildContext, Map<string, CallerProfile>>();

/**
 * The administrators of scanned account `accountId` as one caller per build, shared by every
 * bucket and resource of the account (its account node ensured).
 */
export function accountAdministrators(
  ctx: BuildContext,
  accountId: string,
  partition: string,
): CallerProfile {
  let byAccount = BY_BUILD.get(ctx);
  if (byAccount === undefined) BY_BUILD.set(ctx, (byAccount = new Map<string, CallerProfile>()));
  const id = `${partition}:${accountId}`;
  let caller = byAccount.get(id);
  if (caller === undefined) {
    caller = accountAdministratorsCaller(
      ctx.model,
      ctx.accounts.ensureAccount(accountId),
      accountId,
      partition,
      ctx.model.scpsByAccount?.get(accountId),
      ctx.orgFacts(accountId),
    );
    byAccount.set(id, caller);
  }
  return caller;
}

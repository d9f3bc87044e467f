/**
 * Callers whose policies the snapshot does not hold: anyone (`*`), accounts outside the scan,
 * principals of unscanned accounts, AWS services and identity providers.
 *
 * An opaque account's principals are "whatever that account's administrators allow": their
 * identity side is delegated, and the facts they choose (tags, ARN, organization) are unknown.
 * One fact is known: an account outside our organization is never in our organization, so
 * `aws:PrincipalOrgID` is either absent or some other organization's id. `hypotheses()` gives
 * both, and the builder keeps the best decision (the attacker picks); an organization the
 * target's policy names is a third (foreign-organizations.ts).
 */
import type { CallerProfile, ContextOptions } from '../../authorize/types.js';
import type { Caller } from '../../policy/types.js';
import { markForeignHypothesis, type ForeignOrganization } from './foreign-organizations.js';

/** Keys an opaque caller controls or that the snapshot cannot know. */
const OPAQUE_PRINCIPAL_KEYS = [
  'aws:PrincipalArn',
  'aws:PrincipalTag',
  'aws:PrincipalType',
  'aws:userid',
  'aws:username',
  'aws:PrincipalServiceName',
  'aws:PrincipalServiceNamesList',
  'aws:MultiFactorAuthPresent',
  'aws:MultiFactorAuthAge',
];

export const ANYONE_KEY = '*';

/** A made-up organization id that is certainly not ours. */
const OTHER_ORG_ID = 'o-00000000other';

/** A made-up account id that no policy names (no AWS account has it). */
const NO_ACCOUNT = '000000000000';

function profile(key: string, caller: Caller, accountId?: string): CallerProfile {
  const p: CallerProfile = {
    caller,
    key,
    identityPolicies: [],
    policiesKnown: false,
    serviceLinked: false,
    contextKeys: accountId !== undefined ? { 'aws:PrincipalAccount': accountId } : {},
  };
  if (accountId !== undefined) p.accountId = accountId;
  return p;
}

/** Any AWS principal anywhere (`"AWS": "*"`); the account is unknown. */
export function anyPrincipalCaller(partition: string): CallerProfile {
  return profile(ANYONE_KEY, { type: 'account', accountId: '*', partition });
}

/** An unauthenticated caller (S3 only). */
export function anonymousCaller(): CallerProfile {
  return profile(ANYONE_KEY, { type: 'anonymous' });
}

/** Some principal of `accountId`, chosen by that account. */
export function opaqueAccountCaller(
  key: string,
  accountId: string,
  partition: string,
): CallerProfile {
  return profile(key, { type: 'account', accountId, partition }, accountId);
}

/** A named role (any session) of an account whose policies are not known. */
export function opaqueRoleCaller(arn: string, accountId: string, partition: string): CallerProfile {
  const p = profile(arn, { type: 'role-session', roleArn: arn, accountId, partition }, accountId);
  p.contextKeys = { ...p.contextKeys, 'aws:PrincipalArn': arn };
  return p;
}

/** A named user of an account whose policies are not known. */
export function opaqueUserCaller(arn: string, accountId: string, partition: string): CallerProfile {
  const p = profile(arn, { type: 'user', arn, accountId, partition }, accountId);
  p.contextKeys = { ...p.contextKeys, 'aws:PrincipalArn': arn };
  return p;
}

export function serviceCaller(service: string): CallerProfile {
  const p = profile(`service:${service}`, { type: 'service', service });
  p.contextKeys = { 'aws:PrincipalIsAWSService': 'true', 'aws:PrincipalServiceName': service };
  return p;
}

export function federatedCaller(key: string, provider: string, saml: boolean): CallerProfile {
  return profile(key, saml ? { type: 'saml', provider } : { type: 'oidc', provider });
}

/** The one hypothesis of a caller whose facts are known (shared: the engine caches per options object). */
const KNOWN_FACTS: readonly ContextOptions[] = Object.freeze([
  Object.freeze({ otherKeys: 'unknown' } as const),
]);

/**
 * The context hypotheses to evaluate for a caller: one for a caller whose facts are known, two
 * (no organization / another organization) for an opaque caller outside the organization.
 */
export function hypotheses(
  caller: CallerProfile,
  callerInOrg: { orgId: string; orgPaths?: readonly string[] } | undefined,
  inOrganization = callerInOrg !== undefined,
  foreign: readonly ForeignOrganization[] = [],
): readonly ContextOptions[] {
  const iam =
    caller.caller.type === 'account' ||
    caller.caller.type === 'role-session' ||
    caller.caller.type === 'user';
  if (!iam) return KNOWN_FACTS;
  // An IAM principal of the organization: the model holds its organization keys.
  if (caller.policiesKnown && inOrganization) return KNOWN_FACTS;
  const unknown = caller.policiesKnown
    ? []
    : OPAQUE_PRINCIPAL_KEYS.filter((k) => !(k in caller.contextKeys));
  const anyPrincipal = caller.caller.type === 'account' && caller.caller.accountId === '*';
  if (anyPrincipal) unknown.push('aws:PrincipalAccount');
  if (callerInOrg) {
    const known: Record<string, string | readonly string[]> = {
      'aws:PrincipalOrgID': callerInOrg.orgId,
    };
    if (callerInOrg.orgPaths) known['aws:PrincipalOrgPaths'] = callerInOrg.orgPaths;
    return [{ otherKeys: 'unknown', unknown, known }];
  }
  // Outside the organization (scanned or not): in no organization, in another one, or in one
  // of the other organizations the target's policy names (foreign-organizations.ts).
  // `*` is a principal of no account a policy names (those accounts are candidates of their
  // own, principal-references.ts): a KMS key policy's kms:CallerAccount never matches it — so
  // an AWS managed key (kms:CallerAccount = its account) never serves another account.
  const account: Record<string, string> = anyPrincipal ? { 'kms:CallerAccount': NO_ACCOUNT } : {};
  const out: ContextOptions[] = [
    {
      otherKeys: 'unknown',
      unknown,
      absent: ['aws:PrincipalOrgID', 'aws:PrincipalOrgPaths'],
      ...(anyPrincipal ? { known: account } : {}),
    },
    {
      otherKeys: 'unknown',
      unknown,
      known: {
        ...account,
        'aws:PrincipalOrgID': OTHER_ORG_ID,
        'aws:PrincipalOrgPaths': [`${OTHER_ORG_ID}/r-0000/`],
      },
    },
  ];
  for (const org of foreign) {
    const context: ContextOptions = {
      otherKeys: 'unknown',
      unknown,
      known: {
        ...account,
        'aws:PrincipalOrgID': org.orgId,
        'aws:PrincipalOrgPaths': [org.orgPath ?? `${org.orgId}/r-0000/`],
      },
    };
    markForeignHypothesis(context, org);
    out.push(context);
  }
  return out;
}

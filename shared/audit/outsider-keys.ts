/**
 * Which condition keys stop an outsider — anyone holding credentials in *some* AWS account, or no
 * credentials at all — and which the outsider satisfies at will (IAM-SEMANTICS.md §5.2 key
 * classes). A `*` grant whose only conditions are of the second kind is public.
 *
 * - Caller-asserted keys (`sts:ExternalId`, session name, source identity, request tags,
 *   user agent, referer): the caller sends whatever value is required. ExternalId "is not a
 *   secret" (confused deputy guide).
 * - Authentication strength (`aws:MultiFactorAuthPresent`, …): an outsider authenticates with
 *   its own MFA device (§5.2: "the trusted account can satisfy MFA by creating its own").
 * - Facts of the outsider's own principals (`aws:PrincipalTag/*`, `aws:PrincipalType`,
 *   `aws:username`) and request facts it chooses (`aws:RequestedRegion`, `aws:SecureTransport`,
 *   `aws:CurrentTime`).
 * - Identity keys (`aws:PrincipalArn`, `aws:PrincipalAccount`, `aws:PrincipalOrgID`, …) stop
 *   an outsider unless the statement tests them so loosely that any account matches: a wildcard
 *   in the account part of an ARN (`arn:aws:iam::*:role/ci-*`, §5.3), a wildcard in an account or
 *   organization id (`o-*`; in an organization path, in its organization id), a negated operator ("every account but ours"), or `…IfExists` on a
 *   key outsiders do not send (`aws:PrincipalOrgID` is absent outside an organization).
 * - Everything else (`aws:SourceIp`, `aws:SourceVpce`, OIDC claims …) is taken as a real limit.
 */
import { isPattern, keyTests } from './statement-conditions.js';
import type { StatementView } from '../policy/types.js';

const OUTSIDER_CHOSEN = new Set([
  'sts:externalid',
  'sts:rolesessionname',
  'sts:sourceidentity',
  'sts:transitivetagkeys',
  'aws:sourceidentity',
  'aws:tagkeys',
  'aws:useragent',
  'aws:referer',
  'aws:multifactorauthpresent',
  'aws:multifactorauthage',
  'aws:tokenissuetime',
  'aws:principaltype',
  'aws:username',
  'aws:requestedregion',
  'aws:securetransport',
  'aws:currenttime',
  'aws:epochtime',
]);
const OUTSIDER_CHOSEN_PREFIXES = ['aws:requesttag/', 'aws:principaltag/'];

/** Identity keys whose value an outsider cannot pick, unless the test is loose. */
const IDENTITY_KEYS = new Set([
  'aws:principalarn',
  'aws:principalaccount',
  'aws:principalorgid',
  'aws:principalorgpaths',
  'aws:userid',
  'aws:sourceaccount',
  'aws:sourcearn',
  'aws:sourceorgid',
  'aws:sourceorgpaths',
  'kms:calleraccount',
]);
/** Keys absent from requests of principals outside any organization. */
const ABSENT_OUTSIDE_ORG = new Set(['aws:principalorgid', 'aws:principalorgpaths']);

/** Whether an ARN pattern leaves the account open (`arn:aws:iam::*:role/x`, `*`). */
function accountOpen(pattern: string): boolean {
  const parts = pattern.split(':');
  if (parts.length < 6) return /[*?]/.test(pattern);
  return /[*?]/.test(parts[4] ?? '') || /[*?]/.test(parts[0] ?? '') || pattern === '*';
}

/**
 * Whether an organization id or path pattern leaves the organization open (`o-*`, `*`): a path
 * pattern with a fixed organization id (`o-abc/r-ab12/ou-ab12-xyz/*`) admits that organization only.
 */
function organizationOpen(pattern: string): boolean {
  return /[*?]/.test(pattern.split('/')[0] ?? '');
}

/** Whether an identity key is tested loosely enough in `statements` that any account passes. */
function looselyTested(lowerKey: string, statements: readonly StatementView[]): boolean {
  for (const view of statements)
    for (const test of keyTests(view, (k) => k === lowerKey)) {
      if (test.parts.negated) return true;
      if (test.parts.ifExists && ABSENT_OUTSIDE_ORG.has(lowerKey)) return true;
      const arnKey = lowerKey.endsWith('arn');
      const orgKey = ABSENT_OUTSIDE_ORG.has(lowerKey);
      if (
        test.values.some(
          (v) =>
            isPattern(test, v) && (arnKey ? accountOpen(v) : orgKey ? organizationOpen(v) : true),
        )
      )
        return true;
    }
  return false;
}

/**
 * Whether an outsider satisfies every condition keyed on `key` in the granting `statements`
 * (the statements an edge's evidence names).
 */
export function outsiderSatisfies(key: string, statements: readonly StatementView[]): boolean {
  const lower = key.toLowerCase();
  if (OUTSIDER_CHOSEN.has(lower)) return true;
  if (OUTSIDER_CHOSEN_PREFIXES.some((p) => lower.startsWith(p))) return true;
  if (IDENTITY_KEYS.has(lower)) return looselyTested(lower, statements);
  return false;
}

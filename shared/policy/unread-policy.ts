/**
 * The stand-in for a resource policy that exists but could not be read (IAM-SEMANTICS.md §7a.7):
 * the collector was refused `s3:GetBucketPolicy`, `kms:GetKeyPolicy` … for that resource, or the
 * document in the snapshot could not be decoded. Such a policy may deny any call and may
 * delegate to its own account, and nothing says which, so it is read as two statements that
 * only POSSIBLY apply, conditional on the never-known key `<policy-not-read>`:
 *
 * 1. `Allow` to the resource's own account (`arn:…:iam::ACCOUNT:root`), every action: a KMS key
 *    policy may delegate to the account's identity policies (or not);
 * 2. `Deny` to `*`, every action: the policy may deny the call (a bucket locked to one role
 *    commonly denies everyone else, the collector included).
 *
 * A KMS key policy known not to delegate to the account (`mayAllowAccount` false: it refused the
 * collector, unread-policies.ts) has only the second statement.
 *
 * So a caller the identity side allows is `conditional` on the unread policy, never a silent
 * `allow` (which a Deny in it may refuse) nor a silent `deny` (a key policy that delegates). It
 * grants nothing to another account or to anyone: who else the policy lets in is unknown and
 * drawn as nothing, and the account's `incomplete-coverage` finding says so.
 */
import { compilePolicy } from './compile-policy.js';
import type { CompiledClause } from './conditions/compile-condition.js';
import { StatementInternal, internalOf } from './statement-internal.js';
import type { CompiledPolicy, CompiledStatement, PolicyRef } from './types.js';

/** The key an unread policy's statements are conditional on (never known). */
export const POLICY_NOT_READ_KEY = '<policy-not-read>';

export const NOT_READ_SIDS = {
  allow: 'NotReadMayAllowItsAccount',
  deny: 'NotReadMayDeny',
} as const;

const NOT_READ_CLAUSE: CompiledClause = {
  operator: '<not-read>',
  key: POLICY_NOT_READ_KEY,
  lowerKey: POLICY_NOT_READ_KEY,
  info: undefined,
  values: [],
};

/**
 * The unread policy of a resource of `accountId` (partition `partition`), cited as `ref`. The
 * statements are built fresh for every call (never shared with a read policy).
 */
export function compileUnreadPolicy(
  ref: PolicyRef,
  accountId: string,
  partition: string,
  options: { mayAllowAccount: boolean } = { mayAllowAccount: true },
): CompiledPolicy {
  const mayAllow = {
    Sid: NOT_READ_SIDS.allow,
    Effect: 'Allow',
    Principal: { AWS: `arn:${partition}:iam::${accountId}:root` },
    Action: '*',
    Resource: '*',
  };
  const mayDeny = {
    Sid: NOT_READ_SIDS.deny,
    Effect: 'Deny',
    Principal: '*',
    Action: '*',
    Resource: '*',
  };
  const doc = {
    Version: '2012-10-17',
    Statement: options.mayAllowAccount ? [mayAllow, mayDeny] : [mayDeny],
  };
  const read = compilePolicy(doc, ref);
  const statements: CompiledStatement[] = read.statements.map((stmt) => {
    const s = internalOf(stmt);
    const view = { ...s.view, conditionKeys: [POLICY_NOT_READ_KEY] };
    const internal = new StatementInternal(
      s.notAction,
      s.actions,
      s.resourceMode,
      s.resources,
      s.principalMode,
      s.principals,
      [NOT_READ_CLAUSE],
      [POLICY_NOT_READ_KEY],
      view,
    );
    return { ...stmt, internal };
  });
  return { ref, version: read.version, statements, issues: [] };
}

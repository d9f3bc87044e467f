/**
 * Tag first, then act (IAM-SEMANTICS.md "Privilege escalation" E.3, credentials and trust-rewrite
 * rows): a permission on an IAM user or role that a condition on its tags (`aws:ResourceTag/…`,
 * `iam:ResourceTag/…`) denies today is within reach of an attacker that may `iam:TagUser` that
 * user (`iam:TagRole` that role) — tagging adds a tag or overwrites its value, and the condition
 * reads the tags the resource has when the request is made
 * (https://docs.aws.amazon.com/IAM/latest/UserGuide/access_iam-tags.html,
 * https://docs.aws.amazon.com/IAM/latest/APIReference/API_TagUser.html,
 * https://docs.aws.amazon.com/IAM/latest/APIReference/API_TagRole.html; CloudGoat
 * iam_privesc_by_key_rotation). The permission is decided again with the tags unknown (the
 * attacker picks them), and the tagging call with `aws:TagKeys` = the tag keys that decision
 * depends on (its `aws:RequestTag/…` values stay unknown). Only an implicit deny (no Allow
 * matched) is lifted; an explicit Deny is left as it is. The technique is never better than
 * `conditional`: which values satisfy the conditions is not searched, so no edge claims a request
 * AWS would deny.
 */
import type { FactTable } from '../../../authorize/authz-context.js';
import type { CallerProfile } from '../../../authorize/types.js';
import type { EscalationContext, Step } from './escalation-context.js';

/** The IAM user or role acted on: its ARN, account, facts (its tags) and the action that tags it. */
export interface TagTarget {
  arn: string;
  accountId: string;
  facts: FactTable;
  tagAction: 'iam:TagUser' | 'iam:TagRole';
}

const TAG_KEY = /^(?:aws|iam):resourcetag\/(.+)$/i;

/**
 * The steps of tagging `target` then `denied.action` on it, when `denied` (decided with its real
 * tags) is a `deny` that tagging can lift; undefined otherwise.
 */
export function afterTagging(
  esc: EscalationContext,
  attacker: CallerProfile,
  target: TagTarget,
  denied: Step,
): Step[] | undefined {
  if (denied.result.decision !== 'deny') return undefined;
  // An explicit Deny stays: lifting it could need removing a tag (iam:UntagUser), not modelled.
  if (denied.result.evidence.some((e) => e.role === 'denies')) return undefined;
  const untagged = esc.decide(
    attacker,
    denied.action,
    target.arn,
    target.accountId,
    esc.accountFacts(target.accountId),
  );
  if (untagged.result.decision !== 'conditional') return undefined;
  const keys = untagged.result.conditionKeys
    .map((k) => TAG_KEY.exec(k)?.[1])
    .filter((k): k is string => k !== undefined);
  // Only a decision that turns on the tags (not on some other unknown) is lifted by tagging.
  if (keys.length === 0 || keys.length !== untagged.result.conditionKeys.length) return undefined;
  const tag = esc.decide(attacker, target.tagAction, target.arn, target.accountId, target.facts, {
    known: { 'aws:TagKeys': [...new Set(keys)].sort() },
  });
  if (tag.result.decision === 'deny') return undefined;
  return [tag, untagged];
}

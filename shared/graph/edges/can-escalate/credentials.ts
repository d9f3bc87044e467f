/**
 * Technique family 1, credentials of another principal (IAM-SEMANTICS.md "Privilege escalation" E.3): a principal that
 * may call `iam:CreateAccessKey`, `iam:CreateLoginProfile` or `iam:UpdateLoginProfile` on an IAM
 * user of its account obtains that user's credentials, hence its permissions. Each is its own
 * edge (the snapshot does not say whether the user has a console password, which decides between
 * CreateLoginProfile and UpdateLoginProfile, nor how many access keys it has: with two,
 * CreateAccessKey fails until one is deleted — not modelled, see the section's list). A
 * permission denied by a condition on the user's tags is tried again after `iam:TagUser`
 * (tag-first.ts).
 *
 * Candidates: the principals of the user's account whose identity policies name one of the
 * actions on a pattern that may match the user (the permission index), never all pairs.
 */
import { PermissionIndex, rolePatternKey } from '../../index/permission-index.js';
import type { EscalationContext } from './escalation-context.js';
import { afterTagging } from './tag-first.js';

export const CREDENTIAL_ACTIONS = [
  'iam:CreateAccessKey',
  'iam:CreateLoginProfile',
  'iam:UpdateLoginProfile',
] as const;

/** Adds the credential techniques' edges (attacker → user). */
export function addCredentialEdges(esc: EscalationContext): void {
  const { model } = esc.build;
  const index = new PermissionIndex(esc.attackers(), CREDENTIAL_ACTIONS, rolePatternKey);
  for (const target of model.principals.values()) {
    if (target.caller.type !== 'user' || !esc.inScope(target.accountId)) continue;
    if (target.accountId === undefined) continue;
    const candidates = index.candidates(target.accountId, target.key, target.accountId);
    if (candidates.size === 0) continue;
    const user = esc.user(target.key);
    if (!user) continue;
    const facts = esc.userFacts(user);
    for (const attacker of candidates) {
      if (attacker.key === target.key) continue;
      for (const action of CREDENTIAL_ACTIONS) {
        const step = esc.decide(attacker, action, target.key, target.accountId, facts);
        esc.addEdge(attacker.key, target.key, action, [step]);
        // A condition on the user's tags may deny it: the attacker may tag the user first.
        const tagged = afterTagging(
          esc,
          attacker,
          { arn: user.arn, accountId: user.accountId, facts, tagAction: 'iam:TagUser' },
          step,
        );
        if (tagged) esc.addEdge(attacker.key, target.key, `iam:TagUser+${action}`, tagged);
      }
    }
  }
}

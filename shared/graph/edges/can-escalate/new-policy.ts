/**
 * A managed policy the attacker creates, to attach where AdministratorAccess may not be attached
 * (IAM-SEMANTICS.md "Privilege escalation" E.3, self-escalation): an `iam:Attach…Policy`
 * permission whose `iam:PolicyARN` condition admits only the attacker's own new policies
 * (`policy/new-*`) still attaches one it writes with `iam:CreatePolicy` allowing `*` on `*`
 * (WithSecureLabs/awspx CreatePolicy followed by Attach…Policy). The policy's name is one the
 * attacker's CreatePolicy statements point to, or a fresh one; a name in use is not created
 * (CreatePolicy fails with EntityAlreadyExists).
 */
import type { FactTable } from '../../../authorize/authz-context.js';
import type { CallerProfile } from '../../../authorize/types.js';
import type { EscalationContext, Step } from './escalation-context.js';
import { placesFor, type Template } from './pass-role.js';

export const CREATE_POLICY = ['iam:CreatePolicy'] as const;

const NEW_POLICY: Template = 'arn:{p}:iam::{a}:policy/{n}';

/**
 * The ways to attach a new policy to `target` (its facts `targetFacts`) with `attach`
 * (CreatePolicy then the attach, each decided; denied ones dropped), none when the attacker
 * holds no CreatePolicy.
 */
export function newPolicyAttachments(
  esc: EscalationContext,
  p: CallerProfile,
  accountId: string,
  partition: string,
  attach: string,
  target: string,
  targetFacts: FactTable,
): Step[][] {
  if (!esc.holdsAny(p, CREATE_POLICY)) return [];
  const facts = esc.accountFacts(accountId);
  const existing = new Set(
    (esc.snapshot.accounts.get(accountId)?.managedPolicies ?? []).map((m) => m.arn),
  );
  const out: Step[][] = [];
  for (const place of placesFor(p, 'iam:CreatePolicy', NEW_POLICY, partition, accountId)) {
    const arn = `arn:${partition}:iam::${accountId}:policy/${place.name}`;
    if (existing.has(arn)) continue;
    const create = esc.decide(p, 'iam:CreatePolicy', arn, accountId, facts);
    if (create.result.decision === 'deny') continue;
    const attached = esc.decide(p, attach, target, accountId, targetFacts, {
      known: { 'iam:PolicyARN': arn },
    });
    if (attached.result.decision === 'deny') continue;
    out.push([create, attached]);
  }
  return out;
}

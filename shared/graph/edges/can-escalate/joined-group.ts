/**
 * Technique family "joined group" (IAM-SEMANTICS.md "Privilege escalation" E.3, self-escalation):
 * an IAM user that may give a group it is not in AdministratorAccess (`iam:PutGroupPolicy`, or
 * `iam:AttachGroupPolicy` with `iam:PolicyARN` = AdministratorAccess) and add itself to that group
 * becomes an administrator of its account — "any user in that user group automatically has the
 * permissions that are assigned to the user group". The group is an existing one of the account
 * or one the user creates (`iam:CreateGroup`), even when none of these permissions covers an
 * existing group (Resource `group/new-*`): WithSecureLabs/awspx PutGroupPolicy and
 * AttachGroupPolicy on a group reached by AddUserToGroup, and CreateGroup.
 *
 * Every permission is decided by the engine on the group's ARN (a new group: a name the user's
 * own Allow statements point to, or a fresh one; CreateGroup fails on a name in use). The edge
 * goes to the account node only when the user itself — its policies plus AdministratorAccess, its
 * Deny statements, permissions boundary and SCPs unchanged — passes the administrator test (E.2).
 * Roles cannot be members of a group.
 */
import { isAdministrator } from '../../../authorize/is-administrator.js';
import type { EscalationContext, Step } from './escalation-context.js';
import { placesFor, type Template } from './pass-role.js';
import { administratorAccessArn, withAdministratorAccess } from './policy-changes.js';

export const JOINED_GROUP_ACTIONS = ['iam:CreateGroup', 'iam:AddUserToGroup'] as const;

const NEW_GROUP: Template = 'arn:{p}:iam::{a}:group/{n}';
const CREATE = 'iam:CreateGroup';
const JOIN = 'iam:AddUserToGroup';
const GRANTS = ['iam:PutGroupPolicy', 'iam:AttachGroupPolicy'] as const;
const NEEDED = [JOIN] as const;

/** Adds the joined-group edges (user → its account node). */
export function addJoinedGroupEdges(esc: EscalationContext): void {
  const { model, accounts } = esc.build;
  for (const p of esc.attackers()) {
    if (p.caller.type !== 'user') continue;
    const accountId = p.accountId;
    if (accountId === undefined || esc.admins.has(p.key) || esc.owners.has(p.key)) continue;
    if (!esc.inScope(accountId) || !esc.holdsAny(p, NEEDED) || !esc.holdsAny(p, GRANTS)) continue;
    const partition = p.caller.partition;
    if (!isAdministrator(withAdministratorAccess(model, p), model)) continue;
    const facts = esc.accountFacts(accountId);
    const policyArn = { 'iam:PolicyARN': administratorAccessArn(partition) };
    const decide = (action: string, arn: string): Step =>
      esc.decide(
        p,
        action,
        arn,
        accountId,
        facts,
        action === 'iam:AttachGroupPolicy' ? { known: policyArn } : {},
      );
    const denied = (s: Step): boolean => s.result.decision === 'deny';
    /** The edges through group `arn`, `first` the steps before the grant (CreateGroup); whether any. */
    const through = (arn: string, first: readonly Step[]): boolean => {
      const join = decide(JOIN, arn);
      if (denied(join)) return false;
      let any = false;
      for (const action of GRANTS) {
        const grant = decide(action, arn);
        if (denied(grant)) continue;
        const steps = [...first, grant, join];
        const added = esc.addEdge(
          p.key,
          accounts.ensureAccount(accountId),
          steps.map((s) => s.action).join('+'),
          steps,
          { notes: ['self-escalation'] },
        );
        if (added && steps.every((s) => s.result.decision === 'allow')) esc.owners.add(p.key);
        any = true;
      }
      return any;
    };

    // Existing groups of the account that the user is not in (its own: self-escalation's).
    const existing = new Set<string>();
    for (const g of model.groups?.values() ?? []) {
      if (g.accountId !== accountId) continue;
      existing.add(g.arn);
      if (!g.members.includes(p.key)) through(g.arn, []);
    }

    // A new group: names the user's Allow statements point to (for any step), then a fresh one.
    if (!esc.holdsAny(p, [CREATE])) continue;
    const names = new Set<string>();
    for (const a of [CREATE, JOIN, ...GRANTS])
      for (const place of placesFor(p, a, NEW_GROUP, partition, accountId)) names.add(place.name);
    for (const name of names) {
      const arn = `arn:${partition}:iam::${accountId}:group/${name}`;
      if (existing.has(arn)) continue;
      const create = decide(CREATE, arn);
      if (!denied(create) && through(arn, [create])) break;
    }
  }
}

/**
 * `sso-direct-user-assignment`: a permission set assigned to an IAM Identity Center user directly
 * instead of through a group. One finding per user and permission set, listing the accounts.
 */
import { matchAssignments } from '../../graph/sso/match-assignments.js';
import {
  accountsText,
  assignmentEvidence,
  groupAssignments,
  principalName,
} from '../sso-support.js';
import type { FindingDraft, FindingRule, FindingsInput } from '../types.js';

export const ssoDirectUserAssignment: FindingRule = {
  id: 'sso-direct-user-assignment',
  severity: 'low',
  title: 'Permission set assigned to a user directly',
  help:
    'An IAM Identity Center permission set is assigned to this user directly rather than through ' +
    'a group. Direct assignments are invisible in the group-based reviews most teams run, survive ' +
    'role changes (a person moving teams keeps them) and are easy to forget when someone leaves. ' +
    'Fix: create or choose a group for the job, assign the permission set to the group, add the ' +
    'user to it and remove the direct assignment. ' +
    'https://docs.aws.amazon.com/singlesignon/latest/userguide/useraccess.html',
  evaluate({ graph, snapshot }: FindingsInput): FindingDraft[] {
    const match = matchAssignments(snapshot);
    if (match === undefined) return [];
    const direct = match.outcomes.filter(
      (o) => o.assignment.principalType === 'USER' && o.kind !== 'principal-missing',
    );
    return groupAssignments(direct).map((g) => {
      const first = g.outcomes[0];
      const accounts = g.outcomes.map((o) => o.assignment.accountId);
      return {
        subject: g.principal,
        discriminator: g.permissionSet,
        title: `${first === undefined ? g.principal : principalName(graph, first)} is assigned permission set ${g.permissionSet} directly, not through a group, in ${accountsText(accounts)}`,
        evidence: g.outcomes.map((o) =>
          assignmentEvidence(
            o,
            `permission set ${o.permissionSet} is assigned to the user itself in account ${o.assignment.accountId}.`,
          ),
        ),
      };
    });
  },
};

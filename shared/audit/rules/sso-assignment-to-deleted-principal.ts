/**
 * `sso-assignment-to-deleted-principal`: an account assignment to an IAM Identity Center user or
 * group that the identity store no longer holds. Nobody signs in through it (user and group ids
 * are never reused), but it is stale configuration that hides what was intended, and it shows
 * that deprovisioning left assignments behind.
 */
import { matchAssignments } from '../../graph/sso/match-assignments.js';
import { accountsText, assignmentEvidence, groupAssignments } from '../sso-support.js';
import type { FindingDraft, FindingRule, FindingsInput } from '../types.js';

export const ssoAssignmentToDeletedPrincipal: FindingRule = {
  id: 'sso-assignment-to-deleted-principal',
  severity: 'low',
  title: 'Assignment to a user or group that no longer exists',
  help:
    'An IAM Identity Center account assignment names a user or group id that is not in the ' +
    "identity store: the user or group was deleted (or removed by the identity provider's " +
    'synchronisation) and its assignment stayed. It grants nothing — ids are not reused — but ' +
    'stale assignments hide what was intended and show that offboarding does not clean up. Fix: ' +
    'delete the account assignment (sso-admin DeleteAccountAssignment). ' +
    'https://docs.aws.amazon.com/singlesignon/latest/userguide/useraccess.html',
  evaluate({ snapshot }: FindingsInput): FindingDraft[] {
    const match = matchAssignments(snapshot);
    if (match === undefined) return [];
    const stale = match.outcomes.filter((o) => o.kind === 'principal-missing');
    return groupAssignments(stale).map((g) => {
      const first = g.outcomes[0];
      const what = first?.assignment.principalType === 'GROUP' ? 'group' : 'user';
      const accounts = g.outcomes.map((o) => o.assignment.accountId);
      return {
        subject: g.principal,
        discriminator: g.permissionSet,
        title: `Permission set ${g.permissionSet} is assigned to ${what} ${first?.assignment.principalId ?? g.principal}, which is not in the identity store, in ${accountsText(accounts)}`,
        evidence: g.outcomes.map((o) =>
          assignmentEvidence(
            o,
            `the ${what} ${o.assignment.principalId} is not among the identity store's ${what}s.`,
          ),
        ),
      };
    });
  },
};

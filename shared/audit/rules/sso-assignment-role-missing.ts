/**
 * `sso-assignment-role-missing`: an account assignment of IAM Identity Center with no
 * `can-sign-in` edge although its user or group exists — the permission set's role
 * (`AWSReservedSSO_<name>_…` under `/aws-reserved/sso.amazonaws.com/`) is not in the account's
 * iam.json, or its trust policy does not admit Identity Center's SAML provider. The assignment
 * is reported rather than dropped: either the snapshot is missing data (the role was created
 * after the collection, or the account was not read: then access is unknown, not absent) or the
 * role was changed by hand. Severity low; info when the account was not scanned (the
 * `incomplete-coverage` finding already says so).
 */
import { matchAssignments, type AssignmentOutcome } from '../../graph/sso/match-assignments.js';
import {
  accountsText,
  assignmentEvidence,
  groupAssignments,
  principalName,
} from '../sso-support.js';
import type { FindingDraft, FindingRule, FindingsInput } from '../types.js';

export const ssoAssignmentRoleMissing: FindingRule = {
  id: 'sso-assignment-role-missing',
  severity: 'low',
  title: 'Assignment whose permission-set role is missing or refuses Identity Center',
  help:
    'IAM Identity Center provisions each assigned permission set in the account as the role ' +
    'AWSReservedSSO_<permission set>_<suffix> under /aws-reserved/sso.amazonaws.com/, trusting ' +
    "Identity Center's SAML provider. For this assignment no such role is in the snapshot, or its " +
    'trust policy no longer admits that provider, so trustmap draws no sign-in edge. Either the ' +
    'snapshot misses data (collect again; an account that was not read has unknown, not absent, ' +
    'access) or the role was deleted or edited outside Identity Center. Fix: re-provision the ' +
    'permission set in the account (sso-admin ProvisionPermissionSet), never edit AWSReservedSSO ' +
    'roles by hand, or delete the assignment if it is not wanted. ' +
    'https://docs.aws.amazon.com/singlesignon/latest/userguide/referencingpermissionsets.html',
  evaluate({ graph, snapshot }: FindingsInput): FindingDraft[] {
    const match = matchAssignments(snapshot);
    if (match === undefined) return [];
    const why = (o: AssignmentOutcome): string | undefined => {
      if (o.kind === 'role-missing')
        return o.accountScanned
          ? `account ${o.assignment.accountId}'s iam.json holds no role AWSReservedSSO_${o.permissionSet}_… under /aws-reserved/sso.amazonaws.com/.`
          : `account ${o.assignment.accountId} was not scanned: the role of permission set ${o.permissionSet} and its access are unknown.`;
      if (o.kind !== 'matched' || !graph.hasNode(o.principal)) return undefined;
      const signsIn = o.roles.some((role) =>
        graph
          .edges(o.principal, role)
          .some((e) => graph.getEdgeAttribute(e, 'kind') === 'can-sign-in'),
      );
      return signsIn
        ? undefined
        : `the trust policy of ${o.roles.join(', ')} does not admit IAM Identity Center's SAML provider.`;
    };
    const reasons = new Map<AssignmentOutcome, string>();
    for (const o of match.outcomes) {
      const reason = why(o);
      if (reason !== undefined) reasons.set(o, reason);
    }
    return groupAssignments(reasons.keys()).map((g) => {
      const first = g.outcomes[0];
      const unscanned = g.outcomes.every((o) => o.kind === 'role-missing' && !o.accountScanned);
      const accounts = g.outcomes.map((o) => o.assignment.accountId);
      return {
        subject: g.principal,
        discriminator: g.permissionSet,
        title: `${first === undefined ? g.principal : principalName(graph, first)} is assigned permission set ${g.permissionSet} in ${accountsText(accounts)}, but ${unscanned ? 'the account was not scanned' : 'no role in the snapshot lets Identity Center sign in to it'}`,
        evidence: g.outcomes.map((o) => assignmentEvidence(o, reasons.get(o) ?? '')),
        ...(unscanned ? { severity: 'info' as const } : {}),
      };
    });
  },
};

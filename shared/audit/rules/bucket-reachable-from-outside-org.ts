/**
 * `bucket-reachable-from-outside-org`: a bucket of the organization whose own policy or ACL lets a
 * principal outside the organization act on it — an external or vendor account or principal, or
 * `*` through conditions an outsider satisfies (IAM-SEMANTICS.md §7.5, §9; Access Analyzer's
 * external access). One finding per bucket and outside principal, listing the action groups.
 *
 * Reach through a role (an outsider assumes a role that reads the bucket) is reported on the
 * role's trust (`external-trust-unknown-account`, `public-trust`, the OIDC rules,
 * `external-path-to-admin`) and shown by `query who-can-reach`; reporting it again on every bucket
 * the role can read would bury the trust that needs fixing.
 */
import { ANYONE_KEY } from '../../graph/callers/opaque-callers.js';
import { outsideReach, outsiderName } from '../resource-outsiders.js';
import { listText, mergeEvidence, nameOf, actionGroupsText, riskOfEdges } from '../rule-support.js';
import type { FindingDraft, FindingRule, FindingsInput } from '../types.js';

export const bucketReachableFromOutsideOrg: FindingRule = {
  id: 'bucket-reachable-from-outside-org',
  severity: 'high',
  title: 'Bucket reachable from outside the organization',
  help:
    'The bucket policy (or ACL) of this bucket grants access to a principal outside your ' +
    'organization: an AWS account that is not a member, a vendor, or everyone. That principal ' +
    'can read, write, list or change the access of the bucket without going through any role of ' +
    "yours, and your organization's SCPs do not restrict it. Fix: remove the grant, or limit it " +
    'with aws:PrincipalOrgID, or — when the sharing is intended — record it as a suppression with ' +
    'the reason. https://docs.aws.amazon.com/IAM/latest/UserGuide/access-analyzer-resources.html#access-analyzer-s3',
  evaluate({ graph, model }: FindingsInput): FindingDraft[] {
    return outsideReach(graph, model, (a) => a.kind === 'bucket').map((g) => {
      const scope =
        g.from === ANYONE_KEY && g.namedOrganizations === undefined
          ? 'public'
          : g.fromAttrs.scope === 'vendor'
            ? 'vendor'
            : 'external';
      const who = outsiderName(graph, g.from, g.namedOrganizations);
      const verbs = actionGroupsText(g.actions);
      const conditional = g.allow ? '' : ` (conditional on ${listText([...g.keys].sort())})`;
      const draft: FindingDraft = {
        subject: g.target,
        title: `Bucket ${nameOf(graph, g.target)}: ${who}, outside the organization, can ${verbs} it${conditional}`,
        evidence: mergeEvidence(g.evidence),
        discriminator:
          g.namedOrganizations === undefined ? g.from : `org:${g.namedOrganizations.join(',')}`,
        risk: riskOfEdges(
          [{ decision: g.allow ? 'allow' : 'conditional', conditionKeys: [...g.keys] }],
          scope,
        ),
      };
      const accountId = g.targetAttrs.accountId;
      if (accountId !== undefined) draft.accountId = accountId;
      return draft;
    });
  },
};

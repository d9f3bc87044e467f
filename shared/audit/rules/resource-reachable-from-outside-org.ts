/**
 * `resource-reachable-from-outside-org`: a KMS key, secret, queue, topic or repository of the
 * organization whose own policy (or a KMS grant) lets an external or vendor account or principal
 * act on it (IAM-SEMANTICS.md §7a, §9; Access Analyzer's external access). One rule for every
 * service, one finding per resource and outsider, listing the action groups. `*` is reported by
 * `public-resource`, the administration of a key by `kms-key-admin-outside-org`; reach through a
 * role is reported on the role's trust, as for buckets.
 */
import { ANYONE_KEY } from '../../graph/callers/opaque-callers.js';
import { SERVICE_NOUNS, outsideResourceReach, outsiderName } from '../resource-outsiders.js';
import { actionGroupsText, attrsOf, listText, mergeEvidence, nameOf } from '../rule-support.js';
import type { FindingDraft, FindingRule, FindingsInput } from '../types.js';

export const resourceReachableFromOutsideOrg: FindingRule = {
  id: 'resource-reachable-from-outside-org',
  severity: 'high',
  title: 'KMS key, secret, queue, topic or repository reachable from outside the organization',
  help:
    'The resource policy of this KMS key, secret, SQS queue, SNS topic or ECR repository (or a ' +
    'grant of the key) lets a principal outside your organization use it without going through ' +
    "any role of yours; your SCPs do not restrict that principal. For a key, the outsider's " +
    'identity policies decide the rest. Fix: remove the grant, limit it with aws:PrincipalOrgID, ' +
    'or record the intended sharing as a suppression with the reason. ' +
    'https://docs.aws.amazon.com/IAM/latest/UserGuide/access-analyzer-resources.html',
  evaluate({ graph, model }: FindingsInput): FindingDraft[] {
    const drafts: FindingDraft[] = [];
    for (const g of outsideResourceReach(graph, model)) {
      // `*` is public-resource's, unless the policy limits it to other named organizations.
      if (g.from === ANYONE_KEY && g.namedOrganizations === undefined) continue;
      if (g.service === 'kms') g.actions.delete('admin');
      if (g.actions.size === 0) continue;
      const conditional = g.allow ? '' : ` (conditional on ${listText([...g.keys].sort())})`;
      const draft: FindingDraft = {
        subject: g.resource,
        title: `${SERVICE_NOUNS[g.service]} ${nameOf(graph, g.resource)}: ${outsiderName(graph, g.from, g.namedOrganizations)}, outside the organization, can ${actionGroupsText(g.actions)} it${conditional}`,
        evidence: mergeEvidence(g.evidence),
        discriminator:
          g.namedOrganizations === undefined ? g.from : `org:${g.namedOrganizations.join(',')}`,
      };
      const accountId = attrsOf(graph, g.resource)?.accountId;
      if (accountId !== undefined) draft.accountId = accountId;
      drafts.push(draft);
    }
    return drafts;
  },
};

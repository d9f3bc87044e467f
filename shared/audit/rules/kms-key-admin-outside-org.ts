/**
 * `kms-key-admin-outside-org`: a KMS key of the organization whose key policy (or a grant) lets a
 * principal outside the organization — an external or vendor account or principal, or anyone —
 * administer it: `kms:CreateGrant` (give itself or others any use of the key) or, for callers
 * the key's rules let in, `kms:PutKeyPolicy` (IAM-SEMANTICS.md §7a).
 * Whoever can create grants on a key decides who decrypts everything it protects. Critical.
 */
import { SERVICE_NOUNS, outsideResourceReach, outsiderName } from '../resource-outsiders.js';
import { attrsOf, listText, mergeEvidence, nameOf } from '../rule-support.js';
import type { FindingDraft, FindingRule, FindingsInput } from '../types.js';

export const kmsKeyAdminOutsideOrg: FindingRule = {
  id: 'kms-key-admin-outside-org',
  severity: 'critical',
  title: 'KMS key administrable from outside the organization',
  help:
    'The key policy (or a grant) of this KMS key lets a principal outside your organization ' +
    'create grants on it (and so give anyone any use of the key), or change or delete it. ' +
    'Everything the key encrypts — buckets, secrets, queues — is then open to that principal. ' +
    'Fix: keep key administration (kms:CreateGrant, kms:PutKeyPolicy, kms:ScheduleKeyDeletion) ' +
    'to principals of the key account; share the key for use (kms:Decrypt, kms:Encrypt) only. ' +
    'https://docs.aws.amazon.com/kms/latest/developerguide/key-policy-default.html#key-policy-default-allow-administrators',
  evaluate({ graph, model }: FindingsInput): FindingDraft[] {
    const drafts: FindingDraft[] = [];
    for (const g of outsideResourceReach(graph, model)) {
      if (g.service !== 'kms' || !g.actions.has('admin')) continue;
      const conditional = g.allow ? '' : ` (conditional on ${listText([...g.keys].sort())})`;
      const draft: FindingDraft = {
        subject: g.resource,
        title: `${SERVICE_NOUNS.kms} ${nameOf(graph, g.resource)}: ${outsiderName(graph, g.from, g.namedOrganizations)}, outside the organization, can administer it${conditional}`,
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

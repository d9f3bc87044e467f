/**
 * `public-resource`: a KMS key, secret, queue, topic or repository of the organization that
 * anyone can act on — a `can-access` edge from `*` allowed, or conditional only on keys an
 * outsider satisfies (IAM-SEMANTICS.md §7a, §9). One rule for every service: the service is in
 * the title and the subject's ARN. Critical when anyone can write, push, publish, encrypt with or
 * administer it; high otherwise.
 */
import { ANYONE_KEY } from '../../graph/callers/opaque-callers.js';
import { SERVICE_NOUNS, outsideResourceReach } from '../resource-outsiders.js';
import { actionGroupsText, attrsOf, mergeEvidence, nameOf } from '../rule-support.js';
import type { FindingDraft, FindingRule, FindingsInput } from '../types.js';

const CRITICAL = new Set(['write', 'admin', 'push', 'publish', 'encrypt', 'modify']);

export const publicResource: FindingRule = {
  id: 'public-resource',
  severity: 'high',
  title: 'Public KMS key, secret, queue, topic or repository',
  help:
    'The resource policy (key policy, secret, queue, topic or repository policy) grants "*" and ' +
    'no condition an outsider cannot meet limits it: anyone with an AWS account — for an SQS ' +
    'queue even anonymous callers — can use the resource. Fix: name the accounts or principals ' +
    'that need it, or limit the statement with aws:PrincipalOrgID or aws:SourceArn / ' +
    'aws:SourceAccount for a service. ' +
    'https://docs.aws.amazon.com/IAM/latest/UserGuide/access-analyzer-resources.html',
  evaluate({ graph, model }: FindingsInput): FindingDraft[] {
    return outsideResourceReach(graph, model)
      .filter((g) => g.from === ANYONE_KEY && g.namedOrganizations === undefined)
      .map((g) => {
        const draft: FindingDraft = {
          subject: g.resource,
          title: `${SERVICE_NOUNS[g.service]} ${nameOf(graph, g.resource)} is public: anyone can ${actionGroupsText(g.actions)} it`,
          evidence: mergeEvidence(g.evidence),
          severity: [...g.actions].some((a) => CRITICAL.has(a)) ? 'critical' : 'high',
        };
        const accountId = attrsOf(graph, g.resource)?.accountId;
        if (accountId !== undefined) draft.accountId = accountId;
        return draft;
      });
  },
};

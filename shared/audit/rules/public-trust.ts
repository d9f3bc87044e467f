/**
 * `public-trust`: a role that any AWS principal of any account can assume — a `can-assume` edge
 * from `*` that is allowed, or conditional only on keys an outsider satisfies (IAM-SEMANTICS.md
 * §2.1 `"AWS": "*"`, §5.2 key classes, §9 "public").
 */
import { ANYONE_KEY } from '../../graph/callers/opaque-callers.js';
import { isPublicEdge } from '../public-edges.js';
import { attrsOf, nameOf, outEdgesOfKind, riskOfEdges } from '../rule-support.js';
import type { FindingDraft, FindingRule, FindingsInput } from '../types.js';

export const publicTrust: FindingRule = {
  id: 'public-trust',
  severity: 'critical',
  title: 'Role assumable by any AWS principal',
  help:
    'The trust policy of this role lets any AWS principal, in any AWS account, assume it: its ' +
    'Principal is "*" (or "AWS": "*") and no condition limits who the caller is — the remaining ' +
    'conditions, if any, are ones the caller satisfies itself (an ExternalId it sends, MFA on its ' +
    'own device, tags on its own principals, a wildcard account in aws:PrincipalArn). Anyone with ' +
    "an AWS account gets the role's permissions. Fix: name the trusted accounts or principals in " +
    'Principal, or keep "*" only together with a condition on an identity key such as ' +
    'aws:PrincipalOrgID or aws:PrincipalAccount with exact values. ' +
    'https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_principal.html#principal-anonymous',
  evaluate({ graph, model }: FindingsInput): FindingDraft[] {
    const drafts = new Map<string, FindingDraft>();
    for (const edge of outEdgesOfKind(graph, ANYONE_KEY, 'can-assume')) {
      const role = edge.target;
      if (drafts.has(role)) continue;
      const { attrs } = edge;
      let title = `Any AWS principal in any account can assume role ${nameOf(graph, role)}`;
      if (!isPublicEdge(model, role, attrs)) continue;
      if (attrs.decision === 'conditional') {
        title += ` (its conditions are met by the caller itself: ${attrs.conditionKeys.join(', ')})`;
      }
      const draft: FindingDraft = {
        subject: role,
        title,
        evidence: attrs.evidence,
        risk: riskOfEdges([attrs], 'public'),
      };
      const accountId = attrsOf(graph, role)?.accountId;
      if (accountId !== undefined) draft.accountId = accountId;
      drafts.set(role, draft);
    }
    return [...drafts.values()];
  },
};

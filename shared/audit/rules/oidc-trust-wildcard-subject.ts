/**
 * `oidc-trust-wildcard-subject`: a role trusting a multi-tenant OIDC issuer whose tenant claim is
 * tested only with patterns that admit other tenants — `*`, `repo:*`, `repo:acme*` (which also
 * matches the organization `acme-evil`), `repo:*\/app:…` (IAM-SEMANTICS.md §5.5; Access Analyzer
 * "Specific github repo and branch recommended"). `StringEquals` with `*` is a literal, not a
 * wildcard, and is not reported.
 */
import { attrsOf, nameOf } from '../rule-support.js';
import { oidcTrusts } from '../oidc-trust.js';
import type { FindingDraft, FindingRule, FindingsInput } from '../types.js';

export const oidcTrustWildcardSubject: FindingRule = {
  id: 'oidc-trust-wildcard-subject',
  severity: 'high',
  title: 'OIDC trust with a wildcard subject',
  help:
    'This role trusts tokens of an identity provider that issues tokens to anyone who signs up ' +
    '(GitHub Actions, GitLab.com, Google …), and the only conditions on the tenant claim are ' +
    'patterns that other tenants also match: "*", "repo:*", or "repo:acme*" without the slash, ' +
    'which also matches a GitHub organization called acme-evil that anyone can create. Fix: bound ' +
    'the pattern to your organization and repository, such as repo:acme/app:* or, better, ' +
    'repo:acme/app:ref:refs/heads/main or repo:acme/app:environment:prod. ' +
    'https://docs.github.com/en/actions/security-for-github-actions/security-hardening-your-deployments/configuring-openid-connect-in-amazon-web-services',
  evaluate({ graph, model }: FindingsInput): FindingDraft[] {
    const drafts = new Map<string, FindingDraft>();
    for (const t of oidcTrusts(graph, model)) {
      if (t.verdict !== 'broad') continue;
      const id = `${t.edge.target}\u0000${t.edge.source}`;
      if (drafts.has(id)) continue;
      const patterns = [...new Set(t.broadValues)].map((v) => JSON.stringify(v)).join(', ');
      const draft: FindingDraft = {
        subject: t.edge.target,
        title: `Role ${nameOf(graph, t.edge.target)} trusts ${t.issuer.name} tokens whose subject matches ${patterns}: other ${t.issuer.name} users match it too`,
        evidence: t.edge.attrs.evidence,
        discriminator: t.edge.source,
      };
      const accountId = attrsOf(graph, t.edge.target)?.accountId;
      if (accountId !== undefined) draft.accountId = accountId;
      drafts.set(id, draft);
    }
    return [...drafts.values()];
  },
};

/**
 * `oidc-trust-without-subject`: a role trusting a multi-tenant OIDC issuer (GitHub Actions,
 * GitLab.com, Google, HCP Terraform, Buildkite; Cognito identity pools without `aud`) with no
 * condition on the claim that names the tenant — for GitHub, no `sub` condition: any workflow of
 * any repository on GitHub can assume the role (IAM-SEMANTICS.md §5.5: "aud-only = any
 * repository on GitHub").
 */
import { attrsOf, nameOf } from '../rule-support.js';
import { oidcTrusts } from '../oidc-trust.js';
import type { FindingDraft, FindingRule, FindingsInput } from '../types.js';

export const oidcTrustWithoutSubject: FindingRule = {
  id: 'oidc-trust-without-subject',
  severity: 'high',
  title: 'OIDC trust without a subject condition',
  help:
    'This role trusts tokens of an identity provider that issues tokens to anyone who signs up ' +
    '(GitHub Actions, GitLab.com, Google, HCP Terraform, Buildkite, or a Cognito identity pool ' +
    'when aud is not tested), and its trust policy does not test the claim that names your tenant: ' +
    'for GitHub the sub claim (repo:ORG/REPO:…), for Cognito the aud claim (your identity pool id). ' +
    'A condition on aud alone is met by every GitHub workflow, so anyone can create a repository ' +
    'and assume the role. Fix: add a StringEquals (or StringLike bounded to your organization, ' +
    'such as repo:acme/app:ref:refs/heads/main) condition on the sub claim. ' +
    'https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_create_for-idp_oidc.html#idp_oidc_Create_GitHub',
  evaluate({ graph, model }: FindingsInput): FindingDraft[] {
    const drafts = new Map<string, FindingDraft>();
    for (const t of oidcTrusts(graph, model)) {
      if (t.verdict !== 'unbounded') continue;
      const id = `${t.edge.target}\u0000${t.edge.source}`;
      if (drafts.has(id)) continue;
      const claim = `${t.issuer.issuer}:${t.issuer.tenantClaims[0] ?? 'sub'}`;
      const draft: FindingDraft = {
        subject: t.edge.target,
        title: `Role ${nameOf(graph, t.edge.target)} trusts ${t.issuer.name} tokens without a ${claim} condition: any ${t.issuer.name} user can assume it`,
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

/**
 * `oidc-trust-without-subject`: a role trusting a multi-tenant OIDC issuer (GitHub Actions,
 * GitLab.com, Google, HCP Terraform, Buildkite; Cognito identity pools without `aud`) with no
 * condition on the claim that names the tenant — for GitHub, no `sub` condition: any workflow of
 * any repository on GitHub can assume the role (IAM-SEMANTICS.md §5.5: "aud-only = any
 * repository on GitHub").
 *
 * Also (medium): a role trusting an EKS cluster's OIDC provider (`oidc.eks.<region>.amazonaws.com/
 * id/<cluster>`, single tenant: the cluster's own tokens) with no positive `<issuer>:sub` test:
 * every service account of every namespace of that cluster can assume the role (IRSA). The fix is
 * a `sub` condition naming the service account (`system:serviceaccount:<namespace>:<name>`).
 */

/** The host and path of an EKS cluster's OIDC issuer, from a provider ARN or key. */
const EKS_ISSUER =
  /:oidc-provider\/(oidc\.eks\.[a-z0-9-]+\.amazonaws\.com(?:\.cn)?\/id\/[A-Za-z0-9]+)$/;

/** EKS trusts without a subject: one draft per (role, provider). */
function eksTrustsWithoutSubject({ graph, model }: FindingsInput): FindingDraft[] {
  const out: FindingDraft[] = [];
  const seen = new Set<string>();
  for (const { source, target, attrs } of edgesFrom(
    graph,
    'can-assume',
    (key, a) => a.kind === 'idp' && EKS_ISSUER.test(key),
  )) {
    const issuer = EKS_ISSUER.exec(source)?.[1];
    if (issuer === undefined || !isOrgRole(graph, target)) continue;
    const id = `${target}\u0000${source}`;
    if (seen.has(id)) continue;
    const { allows } = statementsOfEdge(
      model.roles.get(target)?.trustPolicy,
      attrs.evidence,
      'trust',
    );
    const subKey = `${issuer.toLowerCase()}:sub`;
    const bounded = allows.some((view) =>
      keyTests(view, (k) => k === subKey).some(
        (t) => !t.parts.negated && t.operator.toLowerCase() !== 'null',
      ),
    );
    if (bounded) continue;
    seen.add(id);
    const cluster = issuer.slice(issuer.lastIndexOf('/') + 1);
    const draft: FindingDraft = {
      subject: target,
      title: `Role ${nameOf(graph, target)} trusts the EKS cluster OIDC provider ${cluster} without a ${issuer}:sub condition: every service account of that cluster can assume it (fix: a sub condition naming the service account, system:serviceaccount:<namespace>:<name>)`,
      evidence: attrs.evidence,
      discriminator: source,
      severity: 'medium',
    };
    const accountId = attrsOf(graph, target)?.accountId;
    if (accountId !== undefined) draft.accountId = accountId;
    out.push(draft);
  }
  return out;
}
import { attrsOf, edgesFrom, isOrgRole, nameOf } from '../rule-support.js';
import { oidcTrusts } from '../oidc-trust.js';
import { keyTests, statementsOfEdge } from '../statement-conditions.js';
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
    'For an EKS cluster (single tenant, reported medium) a trust without a sub condition lets every ' +
    'service account of every namespace of the cluster assume the role: add a StringEquals on ' +
    'oidc.eks.REGION.amazonaws.com/id/CLUSTER:sub naming system:serviceaccount:NAMESPACE:NAME. ' +
    'https://docs.aws.amazon.com/eks/latest/userguide/associate-service-account-role.html ' +
    'https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_create_for-idp_oidc.html#idp_oidc_Create_GitHub',
  evaluate(input: FindingsInput): FindingDraft[] {
    const { graph, model } = input;
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
    return [...drafts.values(), ...eksTrustsWithoutSubject(input)];
  },
};

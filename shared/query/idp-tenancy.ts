/**
 * Who can obtain a token from an OIDC issuer (IAM-SEMANTICS.md §5.2 "IdP claims", §5.5, §9).
 *
 * A *multi-tenant* issuer (GitHub Actions, GitLab.com, Terraform Cloud, Buildkite, Google,
 * Cognito identity pools) mints tokens for anyone who signs up: only a claim that names the
 * tenant (GitHub's `sub` = `repo:ORG/REPO:…`, Cognito's `aud` = the identity pool) limits a trust
 * to your workflows. A *single-tenant* issuer (an EKS cluster, a GitHub Enterprise issuer with
 * the enterprise in its URL, your own Okta) mints tokens only for you.
 *
 * The list below is deliberately small; an issuer not in it is treated as single-tenant.
 */
import type { AccessGraph, NodeAttributes } from '../graph/types.js';

export interface MultiTenantIssuer {
  /** The issuer as IAM writes condition keys (`<issuer>:sub`), lower case. */
  issuer: string;
  /** The platform, for titles ("GitHub Actions"). */
  name: string;
  /**
   * Claims that bind a token to one tenant: a trust must test at least one of them. The first is
   * the one findings name (`sub`, or `aud` for Cognito).
   */
  tenantClaims: readonly string[];
  /** Where the platform documents its claims. */
  doc: string;
}

const ISSUERS: readonly MultiTenantIssuer[] = [
  {
    issuer: 'token.actions.githubusercontent.com',
    name: 'GitHub Actions',
    // IAM-SEMANTICS.md §5.5: `sub`, and since 2026 the provider-specific repository claims.
    tenantClaims: [
      'sub',
      'repository',
      'repository_id',
      'repository_owner',
      'repository_owner_id',
      'job_workflow_ref',
    ],
    doc: 'https://docs.github.com/en/actions/security-for-github-actions/security-hardening-your-deployments/configuring-openid-connect-in-amazon-web-services',
  },
  {
    issuer: 'gitlab.com',
    name: 'GitLab.com',
    tenantClaims: ['sub', 'project_id', 'project_path', 'namespace_id', 'namespace_path'],
    doc: 'https://docs.gitlab.com/ci/cloud_services/aws/',
  },
  {
    issuer: 'app.terraform.io',
    name: 'HCP Terraform',
    tenantClaims: ['sub'],
    doc: 'https://developer.hashicorp.com/terraform/cloud-docs/workspaces/dynamic-provider-credentials/aws-configuration',
  },
  {
    issuer: 'agent.buildkite.com',
    name: 'Buildkite',
    tenantClaims: ['sub'],
    doc: 'https://buildkite.com/docs/pipelines/security/oidc/aws',
  },
  {
    issuer: 'accounts.google.com',
    name: 'Google',
    tenantClaims: ['sub'],
    doc: 'https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_iam-condition-keys.html#condition-keys-wif',
  },
  {
    issuer: 'cognito-identity.amazonaws.com',
    name: 'Amazon Cognito identity pools',
    // The `aud` of a Cognito token is the identity pool id: it is what names the tenant.
    tenantClaims: ['aud'],
    doc: 'https://docs.aws.amazon.com/cognito/latest/developerguide/role-trust-and-permissions.html',
  },
];

const BY_ISSUER = new Map(ISSUERS.map((i) => [i.issuer, i]));

/**
 * The issuer of an identity-provider node, lower case, without scheme or trailing slash: the
 * provider URL of an `oidc-provider/…` ARN, or the built-in provider host. Undefined for SAML.
 */
export function issuerOf(
  key: string,
  attrs: Pick<NodeAttributes, 'kind' | 'idpType' | 'idpUrl'>,
): string | undefined {
  if (attrs.kind !== 'idp' || attrs.idpType === 'saml') return undefined;
  const marker = ':oidc-provider/';
  const raw =
    attrs.idpUrl ?? (key.includes(marker) ? key.slice(key.indexOf(marker) + marker.length) : key);
  return raw
    .toLowerCase()
    .replace(/^https?:\/\//, '')
    .replace(/\/+$/, '');
}

/** The multi-tenant issuer profile, or undefined for a single-tenant (or unknown) issuer. */
export function multiTenantIssuer(issuer: string | undefined): MultiTenantIssuer | undefined {
  return issuer === undefined ? undefined : BY_ISSUER.get(issuer);
}

/**
 * Whether a `…Like` subject pattern admits other tenants (IAM-SEMANTICS.md §5.5): `*`,
 * `repo:*`, `repo:acme*` (also matches `acme-evil`), `repo:*\/app:…`. A pattern is bounded when
 * the text before its first wildcard holds a complete first value: `claim:VALUE/` or
 * `claim:VALUE:` (`repo:acme/*`, `organization:acme:*`). A subject without `claim:` structure
 * (Google's numeric `sub`) is broad as soon as it has a wildcard. Patterns without wildcards are
 * exact and never broad.
 */
export function isBroadSubjectPattern(pattern: string): boolean {
  const firstWildcard = pattern.search(/[*?]/);
  if (firstWildcard < 0) return false;
  const prefix = pattern.slice(0, firstWildcard);
  const colon = prefix.indexOf(':');
  if (colon < 0) return true;
  return !/^[^/:]+[/:]/.test(prefix.slice(colon + 1));
}

/**
 * What a trust lets an issuer's token holders do, judged from the claim conditions of a
 * `can-assume` edge (`EdgeAttributes.claims`, operator-agnostic): `public` when the issuer is
 * multi-tenant and no tenant claim is tested or a tenant pattern is broad; `bounded` otherwise.
 * Operator details (a `StringEquals` value with a literal `*`) are judged by the findings, which
 * read the trust statements themselves.
 */
export function claimTenancy(
  issuer: MultiTenantIssuer,
  claims: Readonly<Record<string, readonly string[]>> | undefined,
): 'public' | 'bounded' {
  const tenant = new Set(issuer.tenantClaims.map((c) => `${issuer.issuer}:${c}`));
  let bounded = false;
  for (const [key, values] of Object.entries(claims ?? {})) {
    if (!tenant.has(key.toLowerCase())) continue;
    if (values.length === 0) continue;
    if (values.some((v) => isBroadSubjectPattern(v))) return 'public';
    bounded = true;
  }
  return bounded ? 'bounded' : 'public';
}

/** The multi-tenant issuer of a graph node, if it is an identity provider with one. */
export function nodeIssuer(graph: AccessGraph, key: string): MultiTenantIssuer | undefined {
  if (!graph.hasNode(key)) return undefined;
  return multiTenantIssuer(issuerOf(key, graph.getNodeAttributes(key)));
}

/**
 * Whether an edge is open to anyone (issue 12 case 4: one judgement for the CLI's scope, the
 * findings and the dashboard's colour): from `anyone` (unless `otherOrganizationsOnly` or
 * `gatedForOutsiders`), or from an identity provider of a
 * multi-tenant issuer whose trust tests no tenant claim or only a broad one (GitHub `sub: "*"`,
 * `aud` only).
 */
export function isPublicSourceEdge(
  sourceKey: string,
  source: Pick<NodeAttributes, 'kind' | 'idpType' | 'idpUrl'>,
  edge: {
    claims?: Readonly<Record<string, readonly string[]>> | undefined;
    otherOrganizationsOnly?: boolean | undefined;
    gatedForOutsiders?: boolean | undefined;
  },
): boolean {
  // `*` is public unless the policy limits it to principals of other organizations it names, or
  // to callers an outsider cannot pose as (the findings' judgement, public-edges.ts).
  if (source.kind === 'anyone')
    return edge.otherOrganizationsOnly !== true && edge.gatedForOutsiders !== true;
  if (source.kind !== 'idp') return false;
  const issuer = multiTenantIssuer(issuerOf(sourceKey, source));
  return issuer !== undefined && claimTenancy(issuer, edge.claims) === 'public';
}

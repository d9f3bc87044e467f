/**
 * How a role's trust limits the tokens of a multi-tenant OIDC issuer (IAM-SEMANTICS.md §5.5): for
 * each granting statement, the tests of the issuer's tenant claims (`<issuer>:sub`, GitHub's
 * repository claims, Cognito's `aud` …).
 *
 * - `unbounded`: no positive test of a tenant claim (none at all, only `Null`, only negated
 *   tests) — any tenant of the platform can assume the role.
 * - `broad`: tenant claims are tested, but only with patterns that admit other tenants
 *   (`*`, `repo:*`, `repo:acme*`).
 * - `bounded`: some positive test admits only fixed values or tenant-bounded patterns
 *   (conditions on different keys are ANDed, so one binding test suffices).
 */
import type { AuthzModel } from '../authorize/types.js';
import type { AccessGraph, EdgeAttributes } from '../graph/types.js';
import {
  claimTenancy,
  isBroadSubjectPattern,
  nodeIssuer,
  type MultiTenantIssuer,
} from '../query/idp-tenancy.js';
import type { StatementView } from '../policy/types.js';
import { edgesFrom, isOrgRole, type GraphEdge } from './rule-support.js';
import { isPattern, keyTests, statementsOfEdge } from './statement-conditions.js';

export type TenantVerdict = 'unbounded' | 'broad' | 'bounded';

export interface OidcTrust {
  edge: GraphEdge;
  issuer: MultiTenantIssuer;
  verdict: TenantVerdict;
  /** The broad patterns (verdict `broad`). */
  broadValues: string[];
  /** Index of the statement that decided the verdict, when statements were read. */
  statementIndex?: number;
}

const RANK: Readonly<Record<TenantVerdict, number>> = { unbounded: 0, broad: 1, bounded: 2 };

function judgeStatement(
  view: StatementView,
  issuer: MultiTenantIssuer,
): { verdict: TenantVerdict; broad: string[] } {
  const tenantKeys = new Set(issuer.tenantClaims.map((c) => `${issuer.issuer}:${c}`));
  const positive = keyTests(view, (k) => tenantKeys.has(k)).filter(
    (t) => !t.parts.negated && t.parts.base.toLowerCase() !== 'null' && t.values.length > 0,
  );
  if (positive.length === 0) return { verdict: 'unbounded', broad: [] };
  const broadOf = (t: (typeof positive)[number]): string[] =>
    t.values.filter((v) => isPattern(t, v) && isBroadSubjectPattern(v));
  if (positive.some((t) => broadOf(t).length === 0)) return { verdict: 'bounded', broad: [] };
  return { verdict: 'broad', broad: positive.flatMap(broadOf) };
}

function namesProvider(view: StatementView, provider: string): boolean {
  const p = provider.toLowerCase();
  return (view.principals?.Federated ?? []).some((f) => f.toLowerCase() === p);
}

/** Judges one `can-assume` edge from an identity provider of a multi-tenant issuer. */
export function judgeOidcEdge(
  model: AuthzModel,
  edge: GraphEdge,
  issuer: MultiTenantIssuer,
): OidcTrust {
  const { allows, fallback } = statementsOfEdge(
    model.roles.get(edge.target)?.trustPolicy,
    edge.attrs.evidence,
    'trust',
  );
  const statements = fallback ? allows.filter((v) => namesProvider(v, edge.source)) : allows;
  if (statements.length === 0) return fromClaims(edge, issuer, edge.attrs);
  let worst: OidcTrust | undefined;
  for (const view of statements) {
    const { verdict, broad } = judgeStatement(view, issuer);
    if (worst === undefined || RANK[verdict] < RANK[worst.verdict])
      worst = { edge, issuer, verdict, broadValues: broad, statementIndex: view.index };
  }
  return worst ?? fromClaims(edge, issuer, edge.attrs);
}

/** Without the statements: the builder's claim summary (operator-agnostic). */
function fromClaims(edge: GraphEdge, issuer: MultiTenantIssuer, attrs: EdgeAttributes): OidcTrust {
  const tenantKeys = new Set(issuer.tenantClaims.map((c) => `${issuer.issuer}:${c}`));
  const tested = Object.entries(attrs.claims ?? {}).filter(
    ([k, v]) => tenantKeys.has(k.toLowerCase()) && v.length > 0,
  );
  if (tested.length === 0) return { edge, issuer, verdict: 'unbounded', broadValues: [] };
  if (claimTenancy(issuer, attrs.claims) === 'bounded')
    return { edge, issuer, verdict: 'bounded', broadValues: [] };
  return {
    edge,
    issuer,
    verdict: 'broad',
    broadValues: tested.flatMap(([, v]) => v.filter(isBroadSubjectPattern)),
  };
}

/** Every `can-assume` edge from a multi-tenant OIDC provider to a role of the organization, judged. */
export function oidcTrusts(graph: AccessGraph, model: AuthzModel): OidcTrust[] {
  const out: OidcTrust[] = [];
  const issuers = new Map<string, MultiTenantIssuer>();
  graph.forEachNode((key, a) => {
    if (a.kind !== 'idp') return;
    const issuer = nodeIssuer(graph, key);
    if (issuer !== undefined) issuers.set(key, issuer);
  });
  for (const edge of edgesFrom(graph, 'can-assume', (key) => issuers.has(key))) {
    const issuer = issuers.get(edge.source);
    if (issuer === undefined || !isOrgRole(graph, edge.target)) continue;
    out.push(judgeOidcEdge(model, edge, issuer));
  }
  return out;
}

/**
 * `external-path-to-admin`: a path from outside the organization to an admin principal or a
 * configured crown jewel (IAM-SEMANTICS.md §4.5 transitive reachability, §9 classification).
 *
 * Starting points: accounts and principals of `external` or `vendor` scope; `*` through trusts an
 * outsider can satisfy (public-edges.ts); an identity provider of a multi-tenant issuer through
 * trusts without a tenant bound (oidc-trust.ts). A single-tenant provider (your SAML IdP, an EKS
 * cluster) is inside. Paths follow privilege escalation (`can-escalate`) like role assumption, and
 * an organization account's administrators (its account node) are a target too; the title counts
 * the escalation hops and names their techniques. The search stops at the first admin on a path: an admin controls its
 * account, and the first one reached is where the fix belongs. One finding per (target, start),
 * with the best path as evidence: the shortest unconditional path when one exists, else the
 * shortest path (issue 12 case 8: allow beats conditional).
 */
import { ANYONE_KEY } from '../../graph/callers/opaque-callers.js';
import type { AccessGraph, EdgeAttributes } from '../../graph/types.js';
import { hopsFromOrigin, layeredBfs } from '../../query/layered-bfs.js';
import { compareKeys, isPathEdge, QueryBudget } from '../../query/traversal.js';
import { DEFAULT_MAX_DEPTH } from '../../query/types.js';
import { startScope } from '../../query/start-scope.js';
import { oidcTrusts } from '../oidc-trust.js';
import { isPublicEdge } from '../public-edges.js';
import { attrsOf, mergeEvidence, nameOf, riskOfPath } from '../rule-support.js';
import type { FindingDraft, FindingRule, FindingsInput } from '../types.js';

/** Time allowed to the search from one starting point. */
const PER_START_BUDGET_MS = 30_000;

/**
 * An admin principal or crown jewel of the organization, or an organization account's
 * administrators (its account node, reached only by administrators and escalations).
 */
function isTarget(graph: AccessGraph, key: string): boolean {
  const a = attrsOf(graph, key);
  return (
    a !== undefined &&
    a.scope === 'org' &&
    (a.admin === true || a.crownJewel === true || a.kind === 'account')
  );
}

function startLabel(graph: AccessGraph, key: string): string {
  const a = attrsOf(graph, key);
  if (a === undefined) return key;
  if (a.kind === 'anyone') return 'anyone';
  if (a.kind === 'account')
    return `account ${a.accountId ?? key}${a.vendor !== undefined ? ` (${a.vendor})` : ''}`;
  return nameOf(graph, key);
}

export const externalPathToAdmin: FindingRule = {
  id: 'external-path-to-admin',
  severity: 'critical',
  title: 'Path from outside the organization to an admin',
  help:
    'Someone outside your organization — an unknown AWS account, a vendor, anyone on the internet, ' +
    'or any user of a public CI platform — can reach a principal with administrator permissions ' +
    '(or a resource you listed in crownJewels) through a chain of role assumptions. Each hop is ' +
    'allowed on its own; together they hand an outsider full control of an account. The evidence ' +
    'lists every hop and the statements that allow it. Fix: break the chain at its weakest hop — ' +
    'usually the first trust from outside (remove it, or bind it with an ExternalId and the exact ' +
    'principal), or the permission of an intermediate role to assume the admin role. ' +
    'https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_common-scenarios_third-party.html',
  evaluate({ graph, model }: FindingsInput): FindingDraft[] {
    // Starting points, each with the first edges it may use (undefined = all its edges).
    const starts = new Map<string, Set<string> | undefined>();
    graph.forEachNode((key, a) => {
      if (a.unresolved === true) return;
      if (
        (a.kind === 'account' || a.kind === 'user' || a.kind === 'role') &&
        (a.scope === 'external' || a.scope === 'vendor')
      )
        starts.set(key, undefined);
    });
    if (graph.hasNode(ANYONE_KEY)) {
      const open = new Set<string>();
      graph.forEachOutEdge(ANYONE_KEY, (edgeKey, attrs, _s, target) => {
        // A public trust, or a takeover anyone may do (outsider-takeover.ts), unconditionally.
        if (
          (attrs.kind === 'can-assume' && isPublicEdge(model, target, attrs)) ||
          (attrs.kind === 'can-escalate' && attrs.decision === 'allow')
        )
          open.add(edgeKey);
      });
      if (open.size > 0) starts.set(ANYONE_KEY, open);
    }
    for (const t of oidcTrusts(graph, model)) {
      if (t.verdict === 'bounded') continue;
      let open = starts.get(t.edge.source);
      if (open === undefined) starts.set(t.edge.source, (open = new Set()));
      open.add(t.edge.key);
    }

    const drafts: FindingDraft[] = [];
    for (const start of [...starts.keys()].sort(compareKeys)) {
      const firstEdges = starts.get(start);
      // An outside account's own principals are starting points of their own: from the account
      // node, its administrators' hop to them would report each of their paths twice. A
      // `can-access` hop only ends a path at a crown jewel: access to a resource never continues
      // (invoking or reading a Lambda function does not give its role's permissions,
      // IAM-SEMANTICS.md §7a.6; taking it over is a `can-escalate` edge).
      const accept = (
        attrs: EdgeAttributes,
        source: string,
        target: string,
        key: string,
      ): boolean =>
        isPathEdge(attrs, true) &&
        (attrs.kind !== 'can-access' || isTarget(graph, target)) &&
        (source !== start ||
          ((firstEdges === undefined || firstEdges.has(key)) &&
            attrs.technique !== 'administrator-owns-account'));
      const search = (allowOnly: boolean): ReturnType<typeof layeredBfs>['links'] =>
        layeredBfs(
          graph,
          start,
          'forward',
          DEFAULT_MAX_DEPTH,
          new QueryBudget(PER_START_BUDGET_MS),
          allowOnly
            ? (attrs, ...rest) => attrs.decision === 'allow' && accept(attrs, ...rest)
            : accept,
          (node) => !isTarget(graph, node),
        ).links;
      const links = search(false);
      // The decision shown is the best over all paths (allow beats conditional), and the path
      // the shortest with that decision: an unconditional path is searched for separately.
      let allowLinks: typeof links | undefined;
      for (const [node, link] of links)
        if (link.conditional > 0 && isTarget(graph, node)) {
          allowLinks = search(true);
          break;
        }
      for (const [node] of [...links].sort(([a], [b]) => compareKeys(a, b))) {
        if (!isTarget(graph, node)) continue;
        const best = allowLinks !== undefined && allowLinks.has(node) ? allowLinks : links;
        const path = hopsFromOrigin(best, node);
        const target = attrsOf(graph, node);
        const conditional = [...new Set(path.flatMap((h) => h.conditionKeys))].sort(compareKeys);
        const via = path.slice(0, -1).map((h) => nameOf(graph, h.to));
        const escalations = path.filter((h) => h.kind === 'can-escalate').length;
        const what =
          target?.kind === 'account'
            ? 'Administrator access to account'
            : target?.admin === true
              ? `Admin ${target.kind}`
              : `Crown jewel ${target?.kind ?? 'node'}`;
        const risk = riskOfPath(graph, path);
        const first = path[0];
        if (first !== undefined)
          risk.scope = startScope(graph, start, first.to, best.get(first.to)?.attrs);
        const draft: FindingDraft = {
          subject: node,
          title:
            `${what} ${nameOf(graph, node)} is reachable from ${startLabel(graph, start)}` +
            (via.length > 0 ? ` through ${via.join(' → ')}` : '') +
            (escalations > 0
              ? ` (${String(escalations)} privilege escalation hop${escalations > 1 ? 's' : ''}: ${path
                  .filter((h) => h.kind === 'can-escalate')
                  .map((h) => h.technique ?? 'escalation')
                  .join(', ')})`
              : '') +
            (conditional.length > 0 ? ` (conditional on ${conditional.join(', ')})` : ''),
          evidence: mergeEvidence(path.map((h) => h.evidence)),
          discriminator: start,
          path,
          risk,
        };
        if (target?.accountId !== undefined) draft.accountId = target.accountId;
        drafts.push(draft);
      }
    }
    return drafts;
  },
};

/**
 * `privilege-escalation-to-admin`: a principal that is not an administrator of an account can
 * become one through privilege escalation (IAM-SEMANTICS.md "Privilege escalation"): a path whose first hop is one
 * of the principal's own `can-escalate` techniques (credentials of another principal, a trust
 * rewrite, a policy change, a role passed to compute, a workload taken over) and that ends at the
 * account's administrators (its account node).
 *
 * One finding per root cause: the principal that holds the escalation permission and the account
 * it gains, never one per path or per principal that can reach it (a user who assumes an
 * escalating role is shown by `who-can-reach`, not by another finding). High; critical when the
 * principal is reachable from outside the organization (an `external`, `vendor` or `public`
 * start within 6 hops).
 */
import type { AccessGraph, EdgeAttributes } from '../../graph/types.js';
import { hopsFromOrigin, layeredBfs } from '../../query/layered-bfs.js';
import { compareKeys, isPathEdge, QueryBudget } from '../../query/traversal.js';
import { DEFAULT_MAX_DEPTH } from '../../query/types.js';
import { startScope } from '../../query/start-scope.js';
import { mergeEvidence, nameOf } from '../rule-support.js';
import type { FindingDraft, FindingRule, FindingsInput } from '../types.js';

const PER_START_BUDGET_MS = 10_000;

/** Techniques that are not escalations of the source itself. */
const NOT_A_TECHNIQUE = new Set(['administrator', 'administrator-owns-account', 'runs-as']);

function isTechnique(a: EdgeAttributes): boolean {
  return a.kind === 'can-escalate' && !NOT_A_TECHNIQUE.has(a.technique ?? '');
}

/** Whether some start outside the organization reaches `key` (backwards over path edges). */
function reachableFromOutside(graph: AccessGraph, key: string): string | undefined {
  const { links } = layeredBfs(
    graph,
    key,
    'backward',
    DEFAULT_MAX_DEPTH,
    new QueryBudget(PER_START_BUDGET_MS),
    (attrs, _s, target) =>
      isPathEdge(attrs, true) && (attrs.kind !== 'can-access' || target === key),
  );
  let found: string | undefined;
  for (const [node, link] of links) {
    const scope = startScope(graph, node, link.via, link.attrs);
    if (scope === 'external' || scope === 'vendor' || scope === 'public')
      if (found === undefined || compareKeys(node, found) < 0) found = node;
  }
  return found;
}

export const privilegeEscalationToAdmin: FindingRule = {
  id: 'privilege-escalation-to-admin',
  severity: 'high',
  title: 'Principal can make itself an administrator',
  help:
    'A user or role that is not an administrator holds permissions that let it obtain an ' +
    "administrator's permissions: create another user's access key or password, rewrite a " +
    "role's trust policy, change its own (or its group's) policies or boundary, pass a powerful " +
    'role to compute it creates, or change the code of a workload that runs as one. The evidence ' +
    "lists every permission the technique uses and the path to the account's administrators. " +
    'Fix: remove the escalation permission (or scope it to resources that cannot lead to an ' +
    'administrator, e.g. iam:PassRole with iam:PassedToService and specific role ARNs), or put ' +
    'a permissions boundary on the principal. ' +
    'https://docs.aws.amazon.com/IAM/latest/UserGuide/best-practices.html#grant-least-privilege',
  evaluate({ graph }: FindingsInput): FindingDraft[] {
    const starts: string[] = [];
    graph.forEachNode((key, a) => {
      if (a.kind !== 'user' && a.kind !== 'role') return;
      if (a.unresolved === true) return;
      if (graph.someOutEdge(key, (_k, attrs) => isTechnique(attrs))) starts.push(key);
    });
    const drafts: FindingDraft[] = [];
    for (const start of starts.sort(compareKeys)) {
      const own = graph.getNodeAttributes(start);
      const accept = (attrs: EdgeAttributes, source: string): boolean =>
        isPathEdge(attrs, true) &&
        attrs.kind !== 'can-access' &&
        (source !== start || isTechnique(attrs));
      const { links } = layeredBfs(
        graph,
        start,
        'forward',
        DEFAULT_MAX_DEPTH,
        new QueryBudget(PER_START_BUDGET_MS),
        accept,
        (node) => graph.getNodeAttribute(node, 'kind') !== 'account',
      );
      let outside: string | undefined | null = null;
      for (const [node] of [...links].sort(([a], [b]) => compareKeys(a, b))) {
        const target = graph.getNodeAttributes(node);
        if (target.kind !== 'account' || target.accountId === undefined) continue;
        if (own.admin === true && own.accountId === target.accountId) continue;
        const path = hopsFromOrigin(links, node);
        const first = path[0];
        if (first === undefined) continue;
        if (outside === null) outside = reachableFromOutside(graph, start);
        const conditional = [...new Set(path.flatMap((h) => h.conditionKeys))].sort(compareKeys);
        const escalations = path.filter((h) => h.kind === 'can-escalate').length;
        const draft: FindingDraft = {
          subject: start,
          accountId: target.accountId,
          title:
            `${own.kind === 'user' ? 'User' : 'Role'} ${nameOf(graph, start)} can become an administrator of account ${target.accountId}` +
            ` through ${first.technique ?? 'escalation'}` +
            (path.length > 2
              ? ` (${String(path.length)} hops, ${String(escalations)} of them escalations)`
              : '') +
            (conditional.length > 0
              ? ` (conditional on ${conditional.join(', ')})`
              : path.some((h) => h.decision === 'conditional')
                ? ' (conditional: see the evidence)'
                : '') +
            (outside !== undefined
              ? `; it is reachable from outside the organization (${nameOf(graph, outside)})`
              : ''),
          evidence: mergeEvidence(path.map((h) => h.evidence)),
          discriminator: target.accountId,
          path,
        };
        if (outside !== undefined) draft.severity = 'critical';
        drafts.push(draft);
      }
    }
    return drafts;
  },
};

/**
 * `deleted-principal-in-trust`: a trust policy naming a principal that does not exist
 * (IAM-SEMANTICS.md §2.1).
 *
 * - A unique id (`AROA…`, `AIDA…`) in place of an ARN: IAM shows it when the principal named was
 *   deleted. It matches nothing, not even a principal re-created with the same name; the graph
 *   has a `dangling-trust` edge for it. Severity low: stale, not exploitable.
 * - An ARN of a user or role missing from its account although that account was scanned (an
 *   `unresolved` node with a `can-assume` edge): deleted after the trust was written, or missing
 *   from the snapshot. Severity medium: the grant is live for whoever holds that name.
 */
import type { AccessGraph } from '../../graph/types.js';
import { attrsOf, edgesFrom, nameOf, type GraphEdge } from '../rule-support.js';
import type { FindingDraft, FindingRule, FindingsInput } from '../types.js';

function roleTarget(graph: AccessGraph, edge: GraphEdge): boolean {
  const t = attrsOf(graph, edge.target);
  return t?.kind === 'role' && t.unresolved !== true;
}

export const deletedPrincipalInTrust: FindingRule = {
  id: 'deleted-principal-in-trust',
  severity: 'medium',
  title: 'Trust policy names a principal that does not exist',
  help:
    'The trust policy of this role names a principal that is not there. Either it shows a unique ' +
    'id such as AROA… or AIDA… instead of an ARN — IAM displays that when the principal was ' +
    'deleted; the grant matches nothing, not even a new principal with the same name — or it names ' +
    'the ARN of a user or role that is missing from an account that was scanned. Stale grants hide ' +
    'intent and the second kind is live for whoever holds that name. Fix: remove the principal from ' +
    'the trust policy, or name the principal that should have the access. ' +
    'https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_principal.html#principal-roles',
  evaluate({ graph }: FindingsInput): FindingDraft[] {
    const drafts = new Map<string, FindingDraft>();
    const add = (edge: GraphEdge, draft: Omit<FindingDraft, 'subject' | 'discriminator'>): void => {
      const id = `${edge.target}\u0000${edge.source}`;
      if (drafts.has(id)) return;
      const full: FindingDraft = { ...draft, subject: edge.target, discriminator: edge.source };
      const accountId = attrsOf(graph, edge.target)?.accountId;
      if (accountId !== undefined) full.accountId = accountId;
      drafts.set(id, full);
    };
    for (const edge of edgesFrom(graph, 'dangling-trust', (_k, a) => a.unresolved === true)) {
      if (!roleTarget(graph, edge)) continue;
      add(edge, {
        title: `The trust policy of role ${nameOf(graph, edge.target)} names ${edge.source}, the unique id of a deleted principal; it grants nothing`,
        evidence: edge.attrs.evidence,
        severity: 'low',
      });
    }
    for (const edge of edgesFrom(graph, 'can-assume', (_k, a) => a.unresolved === true)) {
      const from = attrsOf(graph, edge.source);
      if (from?.unresolved !== true || (from.kind !== 'user' && from.kind !== 'role')) continue;
      if (from.scanned !== true || !roleTarget(graph, edge)) continue;
      add(edge, {
        title: `The trust policy of role ${nameOf(graph, edge.target)} names ${edge.source}, which is not in the scanned account ${from.accountId ?? ''}`,
        evidence: edge.attrs.evidence,
      });
    }
    return [...drafts.values()];
  },
};

/**
 * `sso-admin-group-too-large`: an IAM Identity Center group with more members than the config's
 * `ssoAdminGroupMaxMembers` (default 10) can sign in to a role with administrator access (the
 * graph's `admin` mark: its effective policies allow `*` on `*` or `iam:*`). One finding per
 * group and permission set, listing the accounts.
 */
import { compareKeys } from '../../query/traversal.js';
import { accountsText } from '../sso-support.js';
import { edgesFrom, mergeEvidence, nameOf, type GraphEdge } from '../rule-support.js';
import type { FindingDraft, FindingRule, FindingsInput } from '../types.js';

export const ssoAdminGroupTooLarge: FindingRule = {
  id: 'sso-admin-group-too-large',
  severity: 'medium',
  title: 'Administrator permission set assigned to a large group',
  help:
    'An IAM Identity Center group with more members than the configured limit ' +
    '(ssoAdminGroupMaxMembers, default 10) is assigned a permission set whose role has ' +
    'administrator access (its policies allow every action, or every IAM action, on every ' +
    'resource). Every member can take over the account; the more people hold standing ' +
    'administrator access, the more phished sessions and mistakes can become an incident. Fix: ' +
    'give the group a narrower permission set for daily work, keep administrator access to a ' +
    'small group (or temporary elevated access), and review membership regularly. ' +
    'https://docs.aws.amazon.com/singlesignon/latest/userguide/permissionsetsconcept.html',
  evaluate({ graph, config }: FindingsInput): FindingDraft[] {
    const limit = config.ssoAdminGroupMaxMembers;
    const edges = edgesFrom(
      graph,
      'can-sign-in',
      (_k, a) => a.kind === 'sso-group' && (a.members ?? 0) > limit,
    ).filter((e) => graph.getNodeAttribute(e.target, 'admin') === true);
    const bySet = new Map<string, GraphEdge[]>();
    for (const e of edges) {
      const id = `${e.source}\u0000${e.attrs.permissionSet ?? ''}`;
      const list = bySet.get(id);
      if (list === undefined) bySet.set(id, [e]);
      else list.push(e);
    }
    const drafts: FindingDraft[] = [];
    for (const list of bySet.values()) {
      const first = list[0];
      if (first === undefined) continue;
      const members = graph.getNodeAttribute(first.source, 'members') ?? 0;
      const set = first.attrs.permissionSet ?? '';
      const accounts = list
        .map((e) => graph.getNodeAttribute(e.target, 'accountId') ?? '')
        .filter((a) => a !== '');
      drafts.push({
        subject: first.source,
        discriminator: set,
        title: `Group ${nameOf(graph, first.source)} (${String(members)} people, more than ${String(limit)}) can sign in with administrator access through permission set ${set} in ${accountsText(accounts)}`,
        evidence: mergeEvidence(list.map((e) => e.attrs.evidence)),
      });
    }
    return drafts.sort(
      (a, b) =>
        compareKeys(a.subject, b.subject) ||
        compareKeys(a.discriminator ?? '', b.discriminator ?? ''),
    );
  },
};

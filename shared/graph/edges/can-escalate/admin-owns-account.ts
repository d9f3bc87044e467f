/**
 * "Administrators own their account" (IAM-SEMANTICS.md "Privilege escalation" E.4), modelled once per account and never
 * as N² edges: the account node stands for the account's administrators (as it does in a trust
 * policy that names the account). Each administrator has a `can-escalate` edge to its account
 * node (`administrator`), and the account node has one edge to each user and (not service-linked)
 * role of the account (`administrator-owns-account`): an administrator rewrites a role's trust
 * policy and assumes it, or creates an access key for a user. An account with N principals and A
 * administrators gets N + A edges, and every query traverses them like any other path edge.
 */
import { authorizeAction, resourceFactTable } from '../../../authorize/index.js';
import { PROBE_SERVICE } from '../../../authorize/is-administrator.js';
import { noteEvidence } from '../../../authorize/evidence.js';
import type { CallerProfile, Evidence } from '../../../authorize/types.js';
import { addDecisionEdge } from '../../build-context.js';
import { edgeKey } from '../../edge-key.js';
import type { EdgeAttributes } from '../../types.js';
import type { EscalationContext } from './escalation-context.js';

/** Adds administrator → account and account → principal edges. */
export function addAdminOwnsAccountEdges(
  esc: EscalationContext,
  admins: ReadonlyMap<string, readonly CallerProfile[]>,
): void {
  const { graph, model, accounts } = esc.build;
  for (const [accountId, list] of admins) {
    const accountKey = accounts.ensureAccount(accountId);
    for (const p of list) {
      const partition = accounts.partition;
      const probe = authorizeAction({
        action: `${PROBE_SERVICE}:AnyAction`,
        resource: `arn:${partition}:${PROBE_SERVICE}:any-region:${accountId}:any-resource`,
        resourceAccountId: accountId,
        caller: p,
        model,
        resourceFacts: resourceFactTable({ 'aws:ResourceAccount': accountId }, false),
        context: { otherKeys: 'unknown' },
      });
      const evidence: Evidence[] = [
        noteEvidence(
          { kind: 'identity', name: 'identity policies', attachedTo: p.key },
          `${p.key} is an administrator of account ${accountId}: its identity policies, boundary and SCPs allow every action on every resource (the grants below allow even an action of a service no policy names)`,
        ),
        ...probe.evidence.filter((e) => e.role === 'grants'),
      ];
      addDecisionEdge(
        esc.build,
        'can-escalate',
        p.key,
        accountKey,
        'administrator',
        { decision: 'allow', conditionKeys: [], evidence, notes: [] },
        { technique: 'administrator' },
      );
    }
  }
  // One shared evidence list per account: the account's principals are many.
  const byAccount = new Map<string, string[]>();
  for (const p of model.principals.values()) {
    if (p.accountId === undefined || p.serviceLinked) continue;
    let keys = byAccount.get(p.accountId);
    if (!keys) byAccount.set(p.accountId, (keys = []));
    keys.push(p.key);
  }
  for (const [accountId, keys] of byAccount) {
    const accountKey = accounts.ensureAccount(accountId);
    const evidence: readonly Evidence[] = Object.freeze([
      noteEvidence(
        { kind: 'identity', name: 'administrators of the account', attachedTo: accountKey },
        `An administrator of account ${accountId} can act as any of its users and roles: it can rewrite a role's trust policy and assume the role, or create an access key or password for a user (service-linked roles excepted)`,
      ),
    ]);
    const attrs: EdgeAttributes = {
      kind: 'can-escalate',
      decision: 'allow',
      conditionKeys: [],
      evidence,
      technique: 'administrator-owns-account',
    };
    for (const key of keys) {
      if (!graph.hasNode(key)) continue;
      const k = edgeKey('can-escalate', accountKey, key, 'administrator-owns-account');
      if (graph.hasEdge(k)) continue;
      graph.addDirectedEdgeWithKey(k, accountKey, key, attrs);
      esc.build.stats.edges++;
    }
  }
}

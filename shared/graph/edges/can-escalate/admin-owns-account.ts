/**
 * "Administrators own their account" (IAM-SEMANTICS.md "Privilege escalation" E.4), modelled once per account and never
 * as N² edges: the account node stands for the account's administrators (as it does in a trust
 * policy that names the account). Each administrator has a `can-escalate` edge to its account
 * node (`administrator`), and the account node has one edge to each user and (not service-linked)
 * role of the account (`administrator-owns-account`): an administrator rewrites a role's trust
 * policy and assumes it, or creates an access key for a user. An account with N principals and A
 * administrators gets N + A edges, and every query traverses them like any other path edge.
 * When a Deny could stop that (an SCP that protects a role from IAM changes, an RCP on
 * sts:AssumeRole), each principal is decided by the engine for the account's administrators and
 * a protected principal gets no edge; otherwise no evaluation is needed.
 */
import { authorizeAction, resourceFactTable } from '../../../authorize/index.js';
import { PROBE_SERVICE } from '../../../authorize/is-administrator.js';
import { noteEvidence } from '../../../authorize/evidence.js';
import type {
  AuthorizationResult,
  CallerProfile,
  Evidence,
  OrgPolicyChain,
} from '../../../authorize/types.js';
import { statementMatchesAction } from '../../../policy/index.js';
import type { CompiledPolicy, CompiledStatement } from '../../../policy/types.js';
import { addDecisionEdge, bestResult } from '../../build-context.js';
import { edgeKey } from '../../edge-key.js';
import type { EdgeAttributes } from '../../types.js';
import { combineSteps, type EscalationContext, type Step } from './escalation-context.js';
import { assumeAfterRewrite } from './trust-rewrite.js';

/** Adds administrator → account and account → principal edges. */
export function addAdminOwnsAccountEdges(
  esc: EscalationContext,
  admins: ReadonlyMap<string, readonly CallerProfile[]>,
): void {
  const { graph, model, accounts } = esc.build;
  for (const [accountId, list] of admins) {
    if (!esc.inScope(accountId)) continue;
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
  const byAccount = new Map<string, CallerProfile[]>();
  for (const p of model.principals.values()) {
    if (p.accountId === undefined || p.serviceLinked || !esc.inScope(p.accountId)) continue;
    let list = byAccount.get(p.accountId);
    if (!list) byAccount.set(p.accountId, (list = []));
    list.push(p);
  }
  for (const [accountId, targets] of byAccount) {
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
    const owners = admins.get(accountId) ?? [];
    // A Deny that could stop an administrator from taking a principal over (an SCP protecting a
    // role, an RCP on sts:AssumeRole): then each principal is decided with the engine.
    const guarded = owners.length > 0 && owners.some((a) => mayDenyTakeover(a));
    for (const target of targets) {
      if (!graph.hasNode(target.key)) continue;
      const k = edgeKey('can-escalate', accountKey, target.key, 'administrator-owns-account');
      if (graph.hasEdge(k)) continue;
      const role = model.roles.get(target.key);
      if (guarded || (role?.rcps !== undefined && rcpsMayDeny(role.rcps))) {
        const result = takeover(esc, owners, target);
        if (result === undefined) continue;
        addDecisionEdge(
          esc.build,
          'can-escalate',
          accountKey,
          target.key,
          'administrator-owns-account',
          result,
          { technique: 'administrator-owns-account' },
        );
        continue;
      }
      graph.addDirectedEdgeWithKey(k, accountKey, target.key, attrs);
      esc.build.stats.edges++;
    }
  }
}

/** What an administrator uses to take a principal over. */
const TAKEOVER_ACTIONS = [
  'iam:UpdateAssumeRolePolicy',
  'sts:AssumeRole',
  'iam:CreateAccessKey',
  'iam:CreateLoginProfile',
  'iam:UpdateLoginProfile',
];

const DENIES = new WeakMap<readonly CompiledStatement[], boolean>();

/** Whether some Deny statement of the policies names a takeover action (cached per statement list). */
function deniesTakeover(policies: readonly CompiledPolicy[]): boolean {
  return policies.some((p) => {
    let v = DENIES.get(p.statements);
    if (v === undefined) {
      v = p.statements.some(
        (stmt) =>
          stmt.effect === 'Deny' && TAKEOVER_ACTIONS.some((a) => statementMatchesAction(stmt, a)),
      );
      DENIES.set(p.statements, v);
    }
    return v;
  });
}

function mayDenyTakeover(a: CallerProfile): boolean {
  const policies = [...a.identityPolicies];
  if (a.permissionsBoundary) policies.push(a.permissionsBoundary);
  for (const level of a.scps?.levels ?? []) policies.push(...level.policies);
  return deniesTakeover(policies);
}

function rcpsMayDeny(chain: OrgPolicyChain): boolean {
  return deniesTakeover(chain.levels.flatMap((l) => l.policies));
}

/**
 * The best way one of the account's administrators takes `target` over, decided by the engine:
 * a user's access key or password, a role's trust rewrite and assumption. Undefined when no
 * administrator can (the account's root user, never a path here, is not modelled).
 */
function takeover(
  esc: EscalationContext,
  owners: readonly CallerProfile[],
  target: CallerProfile,
): AuthorizationResult | undefined {
  const role = esc.build.model.roles.get(target.key);
  const facts = esc.principalFacts(target);
  const accountId = target.accountId ?? '';
  let best: AuthorizationResult | undefined;
  for (const a of owners) {
    const ways: Step[][] = role
      ? [
          [
            esc.decide(a, 'iam:UpdateAssumeRolePolicy', role.arn, accountId, facts),
            assumeAfterRewrite(esc, a, role),
          ],
        ]
      : ['iam:CreateAccessKey', 'iam:CreateLoginProfile', 'iam:UpdateLoginProfile'].map(
          (action) => [esc.decide(a, action, target.key, accountId, facts)],
        );
    for (const steps of ways) {
      const r = combineSteps(steps, [], []);
      best = bestResult(best, r);
      if (best.decision === 'allow') return best;
    }
  }
  return best?.decision === 'deny' ? undefined : best;
}

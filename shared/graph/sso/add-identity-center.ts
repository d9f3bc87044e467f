/**
 * IAM Identity Center in the access graph (DESIGN.md): `sso-user` and `sso-group` nodes,
 * `member-of` from user to group, and `can-sign-in` from a user or group to its permission set's
 * role in each assigned account.
 *
 * A sign-in is an `AssumeRoleWithSAML` call that Identity Center makes for the person with its
 * own SAML provider (`AWSSSO_…_DO_NOT_DELETE`) and an assertion whose audience is
 * `https://signin.aws.amazon.com/saml`. The role's trust policy is evaluated by the policy engine
 * for that call: the audience is known, every other request-time key unknown. So a permission-set
 * role whose trust was edited to refuse Identity Center gets no edge, and one edited to require
 * more (a source IP, a claim) gets a `conditional` edge. The SAML provider's own `can-assume`
 * edge stays, as the evidence of the trust; it is marked `identityCenter` so that queries start
 * from the people instead. Assignments without an edge are reported by the findings
 * (`sso-assignment-role-missing`, `sso-assignment-to-deleted-principal`).
 */
import { authorizeAssumeRole } from '../../authorize/index.js';
import type { AuthorizationResult, Evidence, RoleProfile } from '../../authorize/types.js';
import type { Snapshot } from '../../snapshot/types.js';
import { addDecisionEdge, bestResult, type BuildContext } from '../build-context.js';
import { federatedCaller } from '../callers/opaque-callers.js';
import { edgeKey } from '../edge-key.js';
import { principalReferences } from '../index/principal-references.js';
import type { AccessGraph, NodeAttributes } from '../types.js';
import { matchAssignments } from './match-assignments.js';
import {
  IDENTITY_CENTER_KEY,
  isIdentityCenterProvider,
  SSO_SAML_AUDIENCE,
  ssoGroupKey,
  ssoUserKey,
} from './sso-keys.js';

export { IDENTITY_CENTER_KEY, isIdentityCenterProvider, SSO_SAML_AUDIENCE };

/** Adds the Identity Center node when some account has Identity Center's SAML provider. */
export function addIdentityCenterHub(graph: AccessGraph): void {
  const any = graph.findNode(
    (key, a) => a.kind === 'idp' && a.idpType === 'saml' && isIdentityCenterProvider(key),
  );
  if (any === undefined) return;
  graph.mergeNode(IDENTITY_CENTER_KEY, {
    kind: 'idp',
    label: 'IAM Identity Center',
    idpType: 'saml',
    scope: 'org',
    identityCenter: true,
  });
}

interface SignIn {
  result: AuthorizationResult;
}

/** The decision of an Identity Center sign-in to `role`, over its trusted AWSSSO providers. */
function decideSignIn(ctx: BuildContext, role: RoleProfile): SignIn | undefined {
  let best: AuthorizationResult | undefined;
  for (const ref of principalReferences(role.trustPolicy)) {
    if (ref.type !== 'federated' || !isIdentityCenterProvider(ref.provider)) continue;
    ctx.stats.evaluations++;
    best = bestResult(
      best,
      authorizeAssumeRole({
        action: 'sts:AssumeRoleWithSAML',
        caller: federatedCaller(ref.provider, ref.provider, true),
        role,
        model: ctx.model,
        context: { otherKeys: 'unknown', known: { 'SAML:aud': SSO_SAML_AUDIENCE } },
      }),
    );
    if (best.decision === 'allow') break;
  }
  return best === undefined || best.decision === 'deny' ? undefined : { result: best };
}

/** Adds the Identity Center nodes and edges of `snapshot` (nothing when it has none). */
export function addIdentityCenter(ctx: BuildContext, snapshot: Snapshot): void {
  const match = matchAssignments(snapshot);
  if (match === undefined) return;
  const { graph } = ctx;
  const ic = match.identityCenter;
  const store = ic.identityStoreId;

  const members = new Map<string, number>();
  for (const m of ic.memberships) members.set(m.groupId, (members.get(m.groupId) ?? 0) + 1);
  for (const u of ic.users) {
    const attrs: NodeAttributes = { kind: 'sso-user', label: u.userName, scope: 'org' };
    if (u.displayName !== undefined) attrs.displayName = u.displayName;
    graph.mergeNode(ssoUserKey(store, u.userId), attrs);
  }
  for (const g of ic.groups)
    graph.mergeNode(ssoGroupKey(store, g.groupId), {
      kind: 'sso-group',
      label: g.displayName,
      scope: 'org',
      members: members.get(g.groupId) ?? 0,
    });
  for (const m of ic.memberships) {
    const user = ssoUserKey(store, m.userId);
    const group = ssoGroupKey(store, m.groupId);
    graph.mergeEdgeWithKey(edgeKey('member-of', user, group), user, group, {
      kind: 'member-of',
      decision: 'allow',
      conditionKeys: [],
      evidence: [],
      identityCenter: true,
    });
  }

  // The people are the starting points: the providers' own edges become evidence.
  graph.forEachNode((key, attrs) => {
    if (attrs.kind === 'idp' && attrs.idpType === 'saml' && isIdentityCenterProvider(key))
      graph.setNodeAttribute(key, 'identityCenter', true);
  });

  const signIns = new Map<string, SignIn | null>();
  const evidenceOf = new Map<string, readonly Evidence[]>();
  for (const outcome of match.outcomes) {
    if (outcome.kind !== 'matched') continue;
    for (const roleArn of outcome.roles) {
      let signIn = signIns.get(roleArn);
      if (signIn === undefined) {
        const role = ctx.model.roles.get(roleArn);
        signIn = (role === undefined ? undefined : decideSignIn(ctx, role)) ?? null;
        signIns.set(roleArn, signIn);
      }
      if (signIn === null) continue;
      const noteKey = `${roleArn}\u0000${outcome.permissionSet}`;
      let evidence = evidenceOf.get(noteKey);
      if (evidence === undefined) {
        evidence = [
          {
            policy: { kind: 'trust', name: 'trust policy', arn: roleArn },
            role: 'note',
            conditionKeys: [],
            reason: `IAM Identity Center provisions permission set ${outcome.permissionSet} in account ${outcome.assignment.accountId} as this role; its assigned users and groups sign in to it through Identity Center's SAML provider.`,
          },
          ...signIn.result.evidence,
        ];
        evidenceOf.set(noteKey, evidence);
      }
      addDecisionEdge(
        ctx,
        'can-sign-in',
        outcome.principal,
        roleArn,
        outcome.permissionSet,
        { ...signIn.result, evidence },
        { action: 'sts:AssumeRoleWithSAML', permissionSet: outcome.permissionSet },
      );
    }
  }
}

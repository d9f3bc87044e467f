/**
 * `can-escalate` edges (DESIGN.md "The access graph"; IAM-SEMANTICS.md "Privilege escalation"): privilege
 * escalation as part of reach. The order matters: administrators and certain self-escalators own
 * their account first (their same-account techniques then add nothing), and techniques that
 * build on acting as another principal run once the assume-role and credential edges exist.
 */
import type { CallerProfile } from '../../../authorize/types.js';
import type { Role, Snapshot } from '../../../snapshot/types.js';
import type { BuildContext } from '../../build-context.js';
import { addAdminOwnsAccountEdges } from './admin-owns-account.js';
import { addCodeDeployEdges, CODEDEPLOY_ACTIONS } from './codedeploy-deployment.js';
import { addCognitoPoolEdges, COGNITO_POOL_ACTIONS } from './cognito-identity-pool.js';
import { addCredentialEdges, CREDENTIAL_ACTIONS } from './credentials.js';
import { EscalationContext, type EscalationScope } from './escalation-context.js';
import { addJoinedGroupEdges, JOINED_GROUP_ACTIONS } from './joined-group.js';
import { addNewPrincipalEdges, NEW_PRINCIPAL_ACTIONS } from './new-principal.js';
import { ROLE_SWAP_ACTIONS } from './workload-role-swap.js';
import { addPassRoleEdges, NEW_COMPUTE_FAMILIES } from './pass-role.js';
import { addLaunchTemplateEdges, LAUNCH_TEMPLATE_ACTIONS } from './launch-template-version.js';
import {
  addOtherPrincipalPolicyEdges,
  addSelfEscalationEdges,
  SELF_ESCALATION_ACTIONS,
} from './policy-changes.js';
import { addStackFunctionEdges } from './stack-function.js';
import { addSamlProviderEdges, SAML_PROVIDER_ACTIONS } from './saml-provider.js';
import { addStackSetEdges, STACK_SET_ACTIONS } from './stack-sets.js';
import { addTrustRewriteEdges, TRUST_REWRITE_ACTIONS } from './trust-rewrite.js';
import { addWorkloadEdges, TAKEOVERS } from './workload-takeover.js';

/** Every action some technique uses: principals holding none of them are never candidates. */
const ESCALATION_ACTIONS: readonly string[] = [
  ...new Set([
    ...CREDENTIAL_ACTIONS,
    ...TRUST_REWRITE_ACTIONS,
    ...SAML_PROVIDER_ACTIONS,
    ...SELF_ESCALATION_ACTIONS,
    ...NEW_PRINCIPAL_ACTIONS,
    ...JOINED_GROUP_ACTIONS,
    'iam:PassRole',
    ...ROLE_SWAP_ACTIONS,
    ...LAUNCH_TEMPLATE_ACTIONS,
    ...COGNITO_POOL_ACTIONS,
    ...CODEDEPLOY_ACTIONS,
    ...STACK_SET_ACTIONS,
    ...NEW_COMPUTE_FAMILIES.flatMap((f) => f.variants.flatMap((v) => v.steps.map((s) => s.action))),
    ...Object.values(TAKEOVERS).flatMap((list) => list.flatMap((t) => t.actions)),
  ]),
];

/**
 * Adds every `can-escalate` edge and `workload` node; with a `scope`, only those of some accounts
 * and workloads (see EscalationScope), the graph holding the others already.
 */
export function addCanEscalateEdges(
  ctx: BuildContext,
  snapshot: Snapshot,
  admins: ReadonlyMap<string, readonly CallerProfile[]>,
  scope?: EscalationScope,
): void {
  const esc = new EscalationContext(ctx, snapshot, admins, ESCALATION_ACTIONS, scope);
  addAdminOwnsAccountEdges(esc, admins);
  addSelfEscalationEdges(esc);
  addJoinedGroupEdges(esc);
  addNewPrincipalEdges(esc);
  addCredentialEdges(esc);
  addTrustRewriteEdges(esc);
  addSamlProviderEdges(esc);
  const rolesByArn = new Map<string, Role>();
  for (const account of snapshot.accounts.values())
    for (const r of account.roles) rolesByArn.set(r.arn, r);
  addPassRoleEdges(esc, rolesByArn);
  addStackFunctionEdges(esc);
  addLaunchTemplateEdges(esc, rolesByArn);
  addCognitoPoolEdges(esc);
  addWorkloadEdges(esc);
  addCodeDeployEdges(esc);
  addStackSetEdges(esc);
  addOtherPrincipalPolicyEdges(esc);
}

export type { EscalationScope } from './escalation-context.js';

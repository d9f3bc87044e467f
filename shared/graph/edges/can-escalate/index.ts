/**
 * `can-escalate` edges (DESIGN.md "The access graph"; IAM-SEMANTICS.md §13): privilege
 * escalation as part of reach. The order matters: administrators and certain self-escalators own
 * their account first (their same-account techniques then add nothing), and techniques that
 * build on acting as another principal run once the assume-role and credential edges exist.
 */
import type { CallerProfile } from '../../../authorize/types.js';
import type { Role, Snapshot } from '../../../snapshot/types.js';
import type { BuildContext } from '../../build-context.js';
import { addAdminOwnsAccountEdges } from './admin-owns-account.js';
import { addCredentialEdges } from './credentials.js';
import { EscalationContext } from './escalation-context.js';
import { addPassRoleEdges } from './pass-role.js';
import { addOtherPrincipalPolicyEdges, addSelfEscalationEdges } from './policy-changes.js';
import { addTrustRewriteEdges } from './trust-rewrite.js';
import { addWorkloadEdges } from './workload-takeover.js';

/** Adds every `can-escalate` edge and `workload` node. */
export function addCanEscalateEdges(
  ctx: BuildContext,
  snapshot: Snapshot,
  admins: ReadonlyMap<string, readonly CallerProfile[]>,
): void {
  const esc = new EscalationContext(ctx, snapshot, admins);
  addAdminOwnsAccountEdges(esc, admins);
  addSelfEscalationEdges(esc);
  addCredentialEdges(esc);
  addTrustRewriteEdges(esc);
  const rolesByArn = new Map<string, Role>();
  for (const account of snapshot.accounts.values())
    for (const r of account.roles) rolesByArn.set(r.arn, r);
  addPassRoleEdges(esc, rolesByArn);
  addWorkloadEdges(esc);
  addOtherPrincipalPolicyEdges(esc);
}

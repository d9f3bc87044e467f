/**
 * CloudFormation StackSets with service-managed permissions (IAM-SEMANTICS.md "Privilege
 * escalation" E.3): with trusted access for StackSets activated, the management account's
 * service-linked role `AWSServiceRoleForCloudFormationStackSetsOrgAdmin` assumes the execution
 * role `stacksets-exec-*` that StackSets creates in each target member account (trusting that
 * service-linked role, with AdministratorAccess), and the template's resources are created with the
 * execution role's permissions. A principal of the management account that may call
 * `cloudformation:CreateStackSet` + `cloudformation:CreateStackInstances` (PermissionModel
 * SERVICE_MANAGED: no administration role, no execution role name, no `iam:PassRole`; the
 * instances target OUs) therefore acts as the execution role of every member account; one that may
 * call `cloudformation:UpdateStackSet` on an existing service-managed stack set, as the execution
 * role of every account where it has an instance (an update deploys to existing instances only).
 *
 * What the snapshot shows: the service-linked role in the management account's iam.json (trusted
 * access was activated; the role can be deleted only once it is deactivated, so whether it is still
 * active is not known: every edge is `conditional` on it), the `stacksets-exec-*` roles of member
 * accounts (whose trust and the service-linked role's `sts:AssumeRole` are decided by the engine,
 * the service-linked role as caller: no SCP or RCP applies to it). Delegated administrators of
 * StackSets are not in the snapshot: only the management account's principals are attackers.
 * StackSets never deploys to the management account: its roles are never targets.
 */
import type { CallerProfile, RoleProfile } from '../../../authorize/types.js';
import { noteEvidence } from '../../../authorize/evidence.js';
import type { Workload } from '../../../snapshot/types.js';
import { ensureWorkloadNode } from './workload-node.js';
import type { EscalationContext, Step } from './escalation-context.js';
import { fill, placesFor, STACKSET } from './pass-role.js';
import { decideExecutionRoleAssume } from './stack-set-assume.js';
import { decideOnWorkload } from './workload-takeover.js';

/** The StackSets service-linked role of the management account (trusted access). */
export const ORG_ADMIN_ROLE = 'AWSServiceRoleForCloudFormationStackSetsOrgAdmin';
const ORG_ADMIN_PATH = '/aws-service-role/stacksets.cloudformation.amazonaws.com/';
/** The prefix of the execution roles StackSets creates in member accounts. */
export const EXECUTION_ROLE_PREFIX = 'stacksets-exec-';
const CREATE = ['cloudformation:CreateStackSet', 'cloudformation:CreateStackInstances'] as const;
const UPDATE = 'cloudformation:UpdateStackSet';
/** Note on every service-managed stack-set edge. */
export const TRUSTED_ACCESS_UNKNOWN = 'stacksets-trusted-access-unknown';

interface OrgTarget {
  role: RoleProfile;
  assume: Step;
}

/** Adds the service-managed stack-set edges (management account principal → execution role). */
export function addOrgStackSetEdges(
  esc: EscalationContext,
  attackers: readonly CallerProfile[],
): void {
  const { model } = esc.build;
  const mgmt = model.managementAccountId;
  if (mgmt === undefined) return;
  const own = attackers.filter((p) => p.accountId === mgmt);
  const sets = serviceManagedStackSets(esc, mgmt);
  if (own.length === 0) return;
  const slr = orgAdminRole(esc, mgmt);
  if (slr === undefined) return;
  const caller = model.principals.get(slr.arn);
  if (caller === undefined) return;
  const targets = executionRoles(esc, mgmt, caller);
  if (targets.length === 0) return;
  const access = trustedAccess(slr);
  for (const w of sets) addUpdate(esc, w, own, targets, access);
  for (const attacker of own)
    if (esc.holdsAny(attacker, CREATE)) addCreate(esc, attacker, mgmt, targets, access);
}

/** The management account's `AWSServiceRoleForCloudFormationStackSetsOrgAdmin`, if present. */
function orgAdminRole(esc: EscalationContext, mgmt: string): RoleProfile | undefined {
  for (const partition of ['aws', 'aws-cn', 'aws-us-gov']) {
    const role = esc.build.model.roles.get(
      `arn:${partition}:iam::${mgmt}:role${ORG_ADMIN_PATH}${ORG_ADMIN_ROLE}`,
    );
    if (role?.serviceLinked === true) return role;
  }
  return undefined;
}

/**
 * The `stacksets-exec-*` roles of the organization's member accounts (never the management
 * account) that the service-linked role may assume, each with that decision.
 */
function executionRoles(esc: EscalationContext, mgmt: string, slr: CallerProfile): OrgTarget[] {
  const { model } = esc.build;
  const out: OrgTarget[] = [];
  for (const role of model.roles.values()) {
    if (
      role.accountId === mgmt ||
      !model.orgAccountIds.has(role.accountId) ||
      role.serviceLinked ||
      !role.name.startsWith(EXECUTION_ROLE_PREFIX)
    )
      continue;
    const assume = decideExecutionRoleAssume(
      esc,
      slr,
      role,
      `StackSets' service-linked role ${slr.key}`,
    );
    if (assume.result.decision !== 'deny') out.push({ role, assume });
  }
  return out;
}

/** Trusted access for StackSets: activated once (the role exists), its current state unknown. */
function trustedAccess(slr: RoleProfile): Step {
  return {
    action: 'organizations:EnableAWSServiceAccess',
    resource: slr.arn,
    result: {
      decision: 'conditional',
      conditionKeys: [],
      evidence: [
        noteEvidence(
          { kind: 'resource', name: 'StackSets trusted access', arn: slr.arn },
          `${ORG_ADMIN_ROLE} exists, so trusted access between StackSets and AWS Organizations was activated; the role may outlive its deactivation, and the snapshot does not record whether it is active now`,
        ),
      ],
      notes: [TRUSTED_ACCESS_UNKNOWN],
    },
  };
}

/** Service-managed stack sets of the management account whose instances are known. */
function serviceManagedStackSets(esc: EscalationContext, mgmt: string): Workload[] {
  const out: Workload[] = [];
  for (const w of esc.snapshot.accounts.get(mgmt)?.workloads ?? [])
    if (
      w.type === 'cloudformation-stack-set' &&
      w.stackSet?.permissionModel === 'SERVICE_MANAGED' &&
      w.stackSet.instances !== undefined &&
      w.arn.split(':')[4] === mgmt
    )
      out.push(w);
  return out;
}

function addUpdate(
  esc: EscalationContext,
  w: Workload,
  attackers: readonly CallerProfile[],
  targets: readonly OrgTarget[],
  access: Step,
): void {
  const accounts = new Set((w.stackSet?.instances ?? []).map((i) => i.account));
  const reached = targets.filter((t) => accounts.has(t.role.accountId));
  if (reached.length === 0) return;
  ensureWorkloadNode(esc, w);
  for (const attacker of attackers) {
    if (!esc.holdsAny(attacker, [UPDATE])) continue;
    const update = decideOnWorkload(esc, attacker, w, UPDATE);
    if (update.result.decision === 'deny') continue;
    for (const t of reached)
      esc.addEdge(attacker.key, t.role.arn, UPDATE, [update, access, t.assume], {
        workload: w.arn,
      });
  }
}

function addCreate(
  esc: EscalationContext,
  attacker: CallerProfile,
  mgmt: string,
  targets: readonly OrgTarget[],
  access: Step,
): void {
  const partition = attacker.key.split(':')[1] ?? 'aws';
  const facts = esc.accountFacts(mgmt);
  for (const place of placesFor(attacker, CREATE[0], STACKSET, partition, mgmt)) {
    const arn = fill(STACKSET, place);
    const steps: Step[] = [];
    for (const action of CREATE) {
      const step = esc.decide(attacker, action, arn, mgmt, facts);
      if (step.result.decision === 'deny') break;
      steps.push(step);
    }
    if (steps.length < CREATE.length) continue;
    for (const t of targets)
      esc.addEdge(attacker.key, t.role.arn, CREATE.join('+'), [...steps, access, t.assume]);
    // The attacker's other places would add the same edges.
    if (steps.every((s) => s.result.decision === 'allow')) return;
  }
}

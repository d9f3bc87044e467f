/**
 * A new version of an Auto Scaling group's launch template (IAM-SEMANTICS.md "Privilege
 * escalation" E.3; pathfinding.cloud ec2-005): a principal that may add a version to the EC2
 * launch template an existing group launches from — any instance profile of the account, user
 * data that runs its code — and make it the version the group uses, obtains the permissions of
 * any role of the group's account that is in an instance profile and trusts EC2.
 *
 * What AWS checks (docs/IAM-SEMANTICS.md E.3 cites the pages):
 * - `ec2:CreateLaunchTemplateVersion` on the template: the resources a version names (its
 *   instance profile) are not authorized when it is created ("You can't use resource-level
 *   permissions to restrict the resources that users can specify in a launch template").
 * - The group must launch that version: a group on `$Latest` does at once; a group on `$Default`
 *   once `ec2:ModifyLaunchTemplate` makes it the default; a group pinned to a version number
 *   never does (changing the group's version with UpdateAutoScalingGroup makes Auto Scaling
 *   check the caller's own `ec2:RunInstances` and `iam:PassRole` by a dry run, which is the plain
 *   EC2 technique: no edge here).
 * - Auto Scaling launches with its service-linked role, which passes the role, so the caller's
 *   `iam:PassRole` is never asked once the group exists ("a user who is using the launch template
 *   could potentially update it to pass an IAM role to an instance even if they don't have the
 *   iam:PassRole permission").
 * - The group must launch an instance: `autoscaling:SetDesiredCapacity` (when MaxSize > MinSize
 *   there is a capacity to move to, up or down and up again) or
 *   `autoscaling:TerminateInstanceInAutoScalingGroup` of one of its instances without
 *   decrementing the capacity (when DesiredCapacity > 0) — neither call is checked against the
 *   launch template; StartInstanceRefresh and UpdateAutoScalingGroup are (dry run), so they are
 *   not used. Without either the edge is `conditional`: the group launches the version when it
 *   scales out or replaces an instance by itself, which the snapshot does not know.
 * - The instance gets the role's credentials only if its trust admits `ec2.amazonaws.com`.
 * Launch templates and groups have no resource policy: only principals of the group's account.
 */
import { noteEvidence } from '../../../authorize/evidence.js';
import { resourceFactTable, type FactTable } from '../../../authorize/authz-context.js';
import type { CallerProfile, RoleProfile } from '../../../authorize/types.js';
import type { ContextValue } from '../../../policy/types.js';
import type { Role, Workload } from '../../../snapshot/types.js';
import { workloadAccount } from './workload-node.js';
import { PermissionIndex, rolePatternKey } from '../../index/permission-index.js';
import { principalReferences } from '../../index/principal-references.js';
import type { EscalationContext, Step } from './escalation-context.js';
import { serviceAssumes } from './service-trust.js';
import { decideOnWorkload } from './workload-takeover.js';

const CREATE_VERSION = 'ec2:CreateLaunchTemplateVersion';
const SET_DEFAULT = 'ec2:ModifyLaunchTemplate';
const SET_CAPACITY = 'autoscaling:SetDesiredCapacity';
const TERMINATE = 'autoscaling:TerminateInstanceInAutoScalingGroup';
const EC2 = 'ec2.amazonaws.com';
const CREATE_ONLY: readonly string[] = [CREATE_VERSION];

/** Every action of the technique (a principal holding none is no attacker). */
export const LAUNCH_TEMPLATE_ACTIONS: readonly string[] = [
  CREATE_VERSION,
  SET_DEFAULT,
  SET_CAPACITY,
  TERMINATE,
];

/** The note of an edge that waits for the group to launch an instance by itself. */
export const LAUNCHES_WHEN_GROUP_SCALES = 'launches-when-group-scales';

/** Adds the edges attacker → role through an Auto Scaling group's launch template. */
export function addLaunchTemplateEdges(
  esc: EscalationContext,
  rolesByArn: ReadonlyMap<string, Role>,
): void {
  const groups: Workload[] = [];
  for (const [accountId, account] of esc.snapshot.accounts)
    if (esc.inScope(accountId))
      for (const w of account.workloads ?? [])
        if (w.type === 'autoscaling-group' && w.launchTemplate?.arn !== undefined) groups.push(w);
  if (groups.length === 0) return;
  const index = new PermissionIndex(esc.attackers(), CREATE_ONLY, rolePatternKey);
  const targetsByAccount = ec2RolesByAccount(esc, new Set(groups.map(workloadAccount)), rolesByArn);
  // Attacker → role pairs already reached with `allow`: another group adds nothing.
  const done = new Set<string>();
  for (const group of groups) {
    const template = group.launchTemplate;
    const templateArn = template?.arn;
    if (template === undefined || templateArn === undefined) continue;
    const version = template.version.toLowerCase();
    if (version !== '$latest' && version !== '$default') continue;
    const accountId = workloadAccount(group);
    const targets = targetsByAccount.get(accountId) ?? [];
    if (targets.length === 0) continue;
    const facts = templateFacts(esc, accountId, group);
    const region = group.region ?? templateArn.split(':')[3] ?? '';
    const known = region === '' ? undefined : { 'aws:RequestedRegion': region };
    const instanceArn = `${templateArn.split(':').slice(0, 5).join(':')}:instance/zz`;
    for (const attacker of index.candidates(accountId, templateArn, accountId)) {
      if (!esc.holdsAny(attacker, CREATE_ONLY)) continue;
      const steps: Step[] = [];
      const onTemplate = (action: string): boolean => {
        const step = esc.decide(attacker, action, templateArn, accountId, facts, {
          ...(known !== undefined ? { known } : {}),
        });
        if (step.result.decision === 'deny') return false;
        steps.push(step);
        return true;
      };
      if (!onTemplate(CREATE_VERSION)) continue;
      if (version === '$default' && !onTemplate(SET_DEFAULT)) continue;
      const launch = launchStep(esc, attacker, group);
      steps.push(launch);
      const technique = steps
        .map((s) => s.action)
        .filter((a) => a !== 'launch')
        .join('+');
      for (const role of targets) {
        if (role.arn === attacker.key) continue;
        const pair = `${attacker.key}\u0000${role.arn}`;
        if (done.has(pair)) continue;
        const trust = serviceAssumes(esc, role, EC2, instanceArn);
        if (trust.result.decision === 'deny') continue;
        const all = [...steps, trust];
        const added = esc.addEdge(attacker.key, role.arn, technique, all, { workload: group.arn });
        if (added && all.every((s) => s.result.decision === 'allow')) done.add(pair);
      }
    }
  }
}

/**
 * By account (of `accounts`), the roles an instance of the account can run as: in an instance
 * profile (iam.json `InstanceProfileList`), not service-linked, with a trust policy that names EC2
 * (or anyone); the trust itself is decided per edge. One pass over the roles.
 */
function ec2RolesByAccount(
  esc: EscalationContext,
  accounts: ReadonlySet<string>,
  rolesByArn: ReadonlyMap<string, Role>,
): Map<string, RoleProfile[]> {
  const out = new Map<string, RoleProfile[]>();
  for (const role of esc.build.model.roles.values()) {
    if (!accounts.has(role.accountId) || role.serviceLinked) continue;
    if ((rolesByArn.get(role.arn)?.instanceProfileArns?.length ?? 0) === 0) continue;
    const namesEc2 = principalReferences(role.trustPolicy).some(
      (ref) =>
        ref.type === 'wildcard' ||
        (ref.type === 'service' && ref.service.toLowerCase().startsWith('ec2.amazonaws.com')),
    );
    if (!namesEc2) continue;
    let list = out.get(role.accountId);
    if (list === undefined) out.set(role.accountId, (list = []));
    list.push(role);
  }
  return out;
}

/** The template as a resource: its account, and its tags when DescribeLaunchTemplates gave them. */
function templateFacts(esc: EscalationContext, accountId: string, group: Workload): FactTable {
  const tags = group.launchTemplate?.tags;
  if (tags === undefined) return esc.accountFacts(accountId);
  // Tag keys are data: no prototype.
  const keys = Object.create(null) as Record<string, ContextValue>;
  keys['aws:ResourceAccount'] = accountId;
  for (const [k, v] of Object.entries(tags)) {
    keys[`aws:ResourceTag/${k}`] = v;
    keys[`ec2:ResourceTag/${k}`] = v;
  }
  return resourceFactTable(keys, true);
}

/**
 * How the group comes to launch an instance: the attacker's SetDesiredCapacity (a capacity to
 * move to: MaxSize > MinSize) or TerminateInstanceInAutoScalingGroup (an instance to replace:
 * DesiredCapacity > 0), decided on the group; else a conditional step that says the group must
 * launch by itself. Its action is the call's, or `launch` for the conditional one.
 */
function launchStep(esc: EscalationContext, attacker: CallerProfile, group: Workload): Step {
  const capacity = group.capacity;
  const ways: string[] = [];
  if (capacity !== undefined && capacity.max > capacity.min) ways.push(SET_CAPACITY);
  if (capacity !== undefined && capacity.desired > 0) ways.push(TERMINATE);
  for (const action of ways) {
    const step = decideOnWorkload(esc, attacker, group, action);
    if (step.result.decision !== 'deny') return step;
  }
  const why =
    capacity === undefined
      ? "the group's sizes are unknown"
      : ways.length === 0
        ? `the group's sizes (min ${String(capacity.min)}, max ${String(capacity.max)}, desired ${String(capacity.desired)}) leave no capacity to set and no instance to replace`
        : `the attacker may not call ${ways.join(' or ')} on the group`;
  return {
    action: 'launch',
    resource: group.arn,
    result: {
      decision: 'conditional',
      conditionKeys: [],
      evidence: [
        noteEvidence(
          { kind: 'resource', name: 'autoscaling-group configuration', arn: group.arn },
          `The new version runs only when Auto Scaling group ${group.name} launches an instance by itself (a scale-out or a replacement), which the snapshot does not tell: ${why}`,
        ),
      ],
      notes: [LAUNCHES_WHEN_GROUP_SCALES],
    },
  };
}

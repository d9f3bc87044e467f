/**
 * A deployment to an existing CodeDeploy deployment group (IAM-SEMANTICS.md "Privilege escalation"
 * E.3; pathfinding-labs codedeploy-001): a principal that may create a deployment of its own
 * revision to a group of the EC2/on-premises (`Server`) compute platform runs the revision's
 * appspec lifecycle hooks, as root, on every instance the group selects; the hooks act with the
 * instance's instance-profile role. One edge attacker → each such role, its workload the group.
 *
 * What AWS checks (docs/IAM-SEMANTICS.md E.3 cites the pages):
 * - `codedeploy:CreateDeployment` on the group
 *   (`arn:…:codedeploy:REGION:ACCOUNT:deploymentgroup:APP/GROUP`), `codedeploy:GetDeploymentConfig`
 *   on the group's deployment configuration (`deploymentconfig:NAME`,
 *   `CodeDeployDefault.OneAtATime` when the group names none), and
 *   `codedeploy:RegisterApplicationRevision` or `codedeploy:GetApplicationRevision` on the
 *   application (`application:APP`): the permissions reference's note on CreateDeployment. (The
 *   catalog scenario grants all four and calls each required; AWS documents the either-or.)
 * - No `iam:PassRole`: the group's service role was passed when the group was made.
 * - CodeDeploy has no resource policies: only principals of the group's account.
 * - The instances: those of the group's account and region whose tags match its EC2 tag filters
 *   (`ec2TagFilters`: any filter; `ec2TagSet`: a filter of every group) and those of its Auto
 *   Scaling groups (tag `aws:autoscaling:groupName`). An instance whose tags are unknown gives a
 *   `conditional` edge. Lambda and ECS groups run no code on instances: no edge.
 * - The instance gets its role's credentials only if the role's trust admits `ec2.amazonaws.com`.
 * - The CodeDeploy agent downloads the revision with the instance's credentials: the role must be
 *   able to read the attacker's revision. An object in a bucket the attacker owns is granted by
 *   the attacker's bucket policy, so the role's own policies decide (`s3:GetObject` on a bucket
 *   the snapshot does not know, its account and tags unknown, in the group's region, the key under
 *   `CodeDeploy/` as the attacker may choose); when they deny, the edge stays
 *   `conditional`: the revision must come from a bucket the role may read that the attacker can
 *   write, or from GitHub through a connection of the account, which the snapshot does not show.
 * - Whether the agent runs on the instance is not observable: taken as running (as the SSM agent).
 */
import { noteEvidence } from '../../../authorize/evidence.js';
import type { FactTable } from '../../../authorize/authz-context.js';
import type { CallerProfile, RoleProfile } from '../../../authorize/types.js';
import type {
  DeploymentGroupFacts,
  Ec2TagFilter,
  Tags,
  Workload,
} from '../../../snapshot/types.js';
import { PermissionIndex, rolePatternKey } from '../../index/permission-index.js';
import type { EscalationContext, Step } from './escalation-context.js';
import { serviceAssumes } from './service-trust.js';

const CREATE = 'codedeploy:CreateDeployment';
const REGISTER = 'codedeploy:RegisterApplicationRevision';
const GET_REVISION = 'codedeploy:GetApplicationRevision';
const GET_CONFIG = 'codedeploy:GetDeploymentConfig';
const DEFAULT_CONFIG = 'CodeDeployDefault.OneAtATime';
const EC2 = 'ec2.amazonaws.com';
const ASG_TAG = 'aws:autoscaling:groupName';
const CREATE_ONLY: readonly string[] = [CREATE];

/** Every action of the technique (a principal holding none is no attacker). */
export const CODEDEPLOY_ACTIONS: readonly string[] = [CREATE, GET_CONFIG, REGISTER, GET_REVISION];
/** Either of these on the application, with CreateDeployment (the permissions reference's ¹). */
const REVISION_ACTIONS: readonly string[] = [REGISTER, GET_REVISION];

/** The note of an edge whose revision source the snapshot cannot show the role reading. */
export const REVISION_SOURCE_UNKNOWN = 'revision-source-unknown';

/**
 * The attacker's revision object. The attacker names bucket and key; the key is under
 * `CodeDeploy/`, which the AWS managed policy AmazonEC2RoleforAWSCodeDeployLimited reads
 * (`arn:aws:s3:::*` + `/CodeDeploy/*`). The bucket must be in the instances' region.
 */
const REVISION_OBJECT = 'attacker-revision-bucket/CodeDeploy/revision.zip';

/** A bucket the snapshot does not know: its account, organization and tags are unknown. */
const UNKNOWN_BUCKET: FactTable = { values: new Map(), unknown: [], completeMask: 0 };

/** Adds the edges attacker → instance role through a deployment to an existing group. */
export function addCodeDeployEdges(esc: EscalationContext): void {
  const groups: Workload[] = [];
  for (const [accountId, account] of esc.snapshot.accounts)
    if (esc.inScope(accountId))
      for (const w of account.workloads ?? [])
        if (
          w.type === 'codedeploy-deployment-group' &&
          w.deploymentGroup?.computePlatform === 'Server'
        )
          groups.push(w);
  if (groups.length === 0) return;
  const index = new PermissionIndex(esc.attackers(), CREATE_ONLY, rolePatternKey);
  const s3Steps = new Map<string, Step>();
  for (const group of groups) {
    const facts = group.deploymentGroup;
    if (facts === undefined) continue;
    const [, partition = 'aws', , region = '', accountId = ''] = group.arn.split(':');
    const targets = targetInstances(esc, group, facts, accountId, region);
    if (targets.length === 0) continue;
    const prefix = `arn:${partition}:codedeploy:${region}:${accountId}`;
    const appArn = `${prefix}:application:${facts.applicationName}`;
    const required: readonly [string, string][] = [
      [CREATE, group.arn],
      [GET_CONFIG, `${prefix}:deploymentconfig:${facts.deploymentConfigName ?? DEFAULT_CONFIG}`],
    ];
    const known = region === '' ? undefined : { 'aws:RequestedRegion': region };
    const accountFacts = esc.accountFacts(accountId);
    const decide = (attacker: CallerProfile, action: string, resource: string): Step =>
      esc.decide(attacker, action, resource, accountId, accountFacts, {
        ...(known !== undefined ? { known } : {}),
      });
    for (const attacker of index.candidates(accountId, group.arn, accountId)) {
      if (attacker.accountId !== accountId || !esc.holdsAny(attacker, CREATE_ONLY)) continue;
      const steps: Step[] = [];
      for (const [action, resource] of required) {
        const step = decide(attacker, action, resource);
        if (step.result.decision === 'deny') break;
        steps.push(step);
      }
      if (steps.length < required.length) continue;
      // RegisterApplicationRevision or GetApplicationRevision: the first allowed, else the first
      // conditional one.
      let revision: Step | undefined;
      for (const action of REVISION_ACTIONS) {
        const step = decide(attacker, action, appArn);
        if (step.result.decision === 'allow') {
          revision = step;
          break;
        }
        if (step.result.decision === 'conditional') revision ??= step;
      }
      if (revision === undefined) continue;
      steps.push(revision);
      const technique = steps.map((step) => step.action).join('+');
      for (const target of targets) {
        if (target.role.arn === attacker.key) continue;
        const trust = serviceAssumes(esc, target.role, EC2, target.instance.arn);
        if (trust.result.decision === 'deny') continue;
        const readKey = `${target.role.arn}\u0000${region}`;
        let read = s3Steps.get(readKey);
        if (read === undefined)
          s3Steps.set(readKey, (read = revisionRead(esc, target.role, region)));
        const all = [...steps, trust, read];
        if (target.selection !== undefined) all.push(target.selection);
        esc.addEdge(attacker.key, target.role.arn, technique, all, {
          workload: group.arn,
        });
      }
    }
  }
}

interface Target {
  instance: Workload;
  role: RoleProfile;
  /** A conditional step when whether the group selects the instance is unknown (its tags are). */
  selection?: Step;
}

/** The instances with a role of the group's account and region that the group may select. */
function targetInstances(
  esc: EscalationContext,
  group: Workload,
  facts: DeploymentGroupFacts,
  accountId: string,
  region: string,
): Target[] {
  const out: Target[] = [];
  const selectsByTags = facts.ec2TagFilters.length > 0 || facts.ec2TagSet.length > 0;
  if (!selectsByTags && facts.autoScalingGroups.length === 0) return out;
  for (const w of esc.snapshot.accounts.get(accountId)?.workloads ?? []) {
    if (w.type !== 'ec2-instance' || w.roleArn === undefined) continue;
    if ((w.region ?? w.arn.split(':')[3]) !== region) continue;
    const role = esc.build.model.roles.get(w.roleArn);
    if (role === undefined) continue;
    if (w.tags === undefined) {
      out.push({ instance: w, role, selection: unknownTags(group, w) });
      continue;
    }
    if (selects(facts, w.tags)) out.push({ instance: w, role });
  }
  return out;
}

/** Whether the group selects an instance with these tags. */
export function selects(facts: DeploymentGroupFacts, tags: Tags): boolean {
  const asg = tags[ASG_TAG];
  if (asg !== undefined && Object.hasOwn(tags, ASG_TAG) && facts.autoScalingGroups.includes(asg))
    return true;
  if (facts.ec2TagFilters.some((f) => matches(f, tags))) return true;
  return (
    facts.ec2TagSet.length > 0 && facts.ec2TagSet.every((g) => g.some((f) => matches(f, tags)))
  );
}

function matches(f: Ec2TagFilter, tags: Tags): boolean {
  switch (f.type) {
    case 'KEY_ONLY':
      return f.key !== undefined && Object.hasOwn(tags, f.key);
    case 'VALUE_ONLY':
      return f.value !== undefined && Object.values(tags).includes(f.value);
    case 'KEY_AND_VALUE':
      return f.key !== undefined && Object.hasOwn(tags, f.key) && tags[f.key] === f.value;
  }
}

function unknownTags(group: Workload, instance: Workload): Step {
  return {
    action: 'select-instance',
    resource: instance.arn,
    result: {
      decision: 'conditional',
      conditionKeys: [],
      evidence: [
        noteEvidence(
          { kind: 'resource', name: 'ec2-instance configuration', arn: instance.arn },
          `The tags of instance ${instance.name} are not in the snapshot: whether deployment group ${group.name} selects it is unknown`,
        ),
      ],
      notes: ['instance-tags-unknown'],
    },
  };
}

/**
 * Whether the instance role can download an attacker's revision: `s3:GetObject` on an object of a
 * bucket the snapshot does not know (the attacker's bucket policy grants it). When the role's own
 * policies deny it, a conditional step: another source is needed, which the snapshot does not show.
 */
function revisionRead(esc: EscalationContext, role: RoleProfile, region: string): Step {
  const caller: CallerProfile | undefined = esc.build.model.principals.get(role.arn);
  const object = `arn:${role.partition}:s3:::${REVISION_OBJECT}`;
  if (caller !== undefined) {
    const step = esc.decide(caller, 's3:GetObject', object, role.accountId, UNKNOWN_BUCKET, {
      ...(region === '' ? {} : { known: { 'aws:RequestedRegion': region } }),
    });
    if (step.result.decision !== 'deny') return step;
  }
  return {
    action: 's3:GetObject',
    resource: object,
    result: {
      decision: 'conditional',
      conditionKeys: [],
      evidence: [
        noteEvidence(
          { kind: 'resource', name: 'codedeploy revision', arn: object },
          `The CodeDeploy agent downloads the revision with ${role.arn}'s credentials, whose policies do not let it read an object of a bucket the attacker owns: the revision must come from a bucket the role may read that the attacker can write, or from GitHub through a connection of the account, which the snapshot does not show`,
        ),
      ],
      notes: [REVISION_SOURCE_UNKNOWN],
    },
  };
}

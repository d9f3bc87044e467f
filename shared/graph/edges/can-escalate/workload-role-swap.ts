/**
 * Pass a role to existing compute (IAM-SEMANTICS.md "Privilege escalation" E.3, new compute): a
 * principal that may change which role a workload of workloads.json runs as — with `iam:PassRole`
 * on the new role — and then run the workload acts as any role that trusts the workload's service
 * and that it may pass, whatever role the workload had:
 * - Lambda function: UpdateFunctionConfiguration + UpdateFunctionCode, then InvokeFunction or an
 *   existing push trigger that the function policy shows (workload-takeover.ts);
 * - CodeBuild project: UpdateProject (its service role and buildspec), then StartBuild or
 *   StartBuildBatch;
 * - Glue job: UpdateJob (its role and script), then StartJobRun or CreateTrigger;
 * - CloudFormation stack: UpdateStack with a new RoleARN (the template is the attacker's);
 * - App Runner service: UpdateService with a new instance role (a new image or source);
 * - ECS service: RegisterTaskDefinition (a revision with the role as task role) + UpdateService;
 * - ECS task definition: RunTask, or StartTask (conditional on a container instance), with the
 *   role as `overrides.taskRoleArn`;
 * - SageMaker notebook: Stop, UpdateNotebookInstance (its role), Start, then its presigned URL;
 * - Step Functions state machine: UpdateStateMachine (its role and definition), then
 *   StartExecution;
 * - EC2 instance: the role's instance profile associated (or swapped in) with
 *   AssociateIamInstanceProfile / ReplaceIamInstanceProfileAssociation — or, for an instance
 *   with a profile, DisassociateIamInstanceProfile then AssociateIamInstanceProfile — then code
 *   run there (SendCommand, StartSession, SendSSHPublicKey); only a role already in an instance
 *   profile.
 * Every permission is decided on the workload's ARN (a function with its policy), PassRole with
 * `iam:PassedToService` = the service and `iam:AssociatedResourceArn` = the workload, and the
 * role's trust must admit the service for that workload. Roles are never passed across accounts,
 * so the workload is in the role's account.
 */
import type { CallerProfile, Evidence, RoleProfile } from '../../../authorize/types.js';
import type { Workload } from '../../../snapshot/types.js';
import { containerInstanceFact } from './ecs-container-instances.js';
import { unknownFactSteps, type FactOf } from './unknown-facts.js';
import type { EscalationContext, Step } from './escalation-context.js';
import { workloadPolicy } from './workload-policies.js';
import {
  commandDocuments,
  decideOnOneOf,
  decideOnWorkload,
  invokeLatest,
  existingTrigger,
} from './workload-takeover.js';

export interface RoleSwap {
  workloadType: string;
  /** Actions that set the workload's role and what it runs, in order. */
  configure: readonly string[];
  /** Ways to run it: one of these (each a list of actions); none = configuring runs it. */
  run: readonly (readonly string[])[];
  /** Other resources of the actions (a Glue trigger, a task definition), as `<type>/<name>` of the workload's region and account. */
  otherResources?: Readonly<Record<string, string>>;
  /** A Lambda push trigger the function policy shows also runs it. */
  existingTrigger?: boolean;
  /**
   * EC2: the role reaches an instance through an instance profile it is already in; a running
   * instance with a profile gets the new one by ReplaceIamInstanceProfileAssociation or by
   * DisassociateIamInstanceProfile then AssociateIamInstanceProfile, one without by
   * AssociateIamInstanceProfile (`configure` is then chosen per instance: one of the ways, each
   * a list of actions in order).
   */
  instanceProfile?: {
    withProfile: readonly (readonly string[])[];
    withoutProfile: readonly (readonly string[])[];
  };
  /**
   * What a run action on the workload also needs that the snapshot does not show: that way of
   * running is `conditional` on it (a note step after the action).
   */
  unknownFact?: FactOf;
}

const EC2_RUN: RoleSwap['run'] = [
  ['ssm:SendCommand'],
  ['ssm:StartSession'],
  ['ec2-instance-connect:SendSSHPublicKey'],
];

/**
 * EC2: the role put into the instance profile an instance already has, in place of the profile's
 * role (RemoveRoleFromInstanceProfile + AddRoleToInstanceProfile on that profile: pass-role.ts
 * decides them), then code run there. "You can remove the existing role and then add a different
 * role to an instance profile. You must then wait for the change to appear" ([AddRoleToInstanceProfile](https://docs.aws.amazon.com/IAM/latest/APIReference/API_AddRoleToInstanceProfile.html)).
 */
export const EC2_PROFILE_REFILL: RoleSwap = {
  workloadType: 'ec2-instance',
  configure: [],
  run: EC2_RUN,
};

/** By new-compute family id (pass-role.ts): the workloads of that service that can take a new role. */
export const ROLE_SWAPS: Readonly<Record<string, readonly RoleSwap[]>> = Object.assign(
  Object.create(null) as Record<string, readonly RoleSwap[]>,
  {
    lambda: [
      {
        workloadType: 'lambda-function',
        configure: ['lambda:UpdateFunctionConfiguration', 'lambda:UpdateFunctionCode'],
        run: [['lambda:InvokeFunction']],
        existingTrigger: true,
      },
    ],
    codebuild: [
      {
        workloadType: 'codebuild-project',
        configure: ['codebuild:UpdateProject'],
        run: [['codebuild:StartBuild'], ['codebuild:StartBuildBatch']],
      },
    ],
    glue: [
      {
        workloadType: 'glue-job',
        configure: ['glue:UpdateJob'],
        run: [['glue:StartJobRun'], ['glue:CreateTrigger']],
        otherResources: { 'glue:CreateTrigger': 'trigger/zz' },
      },
    ],
    cloudformation: [
      {
        workloadType: 'cloudformation-stack',
        configure: ['cloudformation:UpdateStack'],
        run: [],
      },
    ],
    apprunner: [
      {
        workloadType: 'apprunner-service',
        configure: ['apprunner:UpdateService'],
        run: [],
      },
    ],
    ecs: [
      // A new task definition revision with the role as its task role, deployed by the service.
      {
        workloadType: 'ecs-service',
        configure: ['ecs:RegisterTaskDefinition', 'ecs:UpdateService'],
        run: [],
        otherResources: { 'ecs:RegisterTaskDefinition': 'task-definition/zz:1' },
      },
      // An existing task definition run with the role as its task role and the attacker's
      // command (RunTask or StartTask `overrides.taskRoleArn` and `containerOverrides`:
      // pathfinding.cloud ecs-009); StartTask, and RunTask of a definition that cannot run on
      // Fargate, need a registered container instance.
      {
        workloadType: 'ecs-task-definition',
        configure: [],
        run: [['ecs:RunTask'], ['ecs:StartTask']],
        unknownFact: containerInstanceFact,
      },
    ],
    // A profile with the role put on an instance whose commands the attacker runs already.
    ec2: [
      {
        workloadType: 'ec2-instance',
        configure: [],
        instanceProfile: {
          withProfile: [
            ['ec2:ReplaceIamInstanceProfileAssociation'],
            ['ec2:DisassociateIamInstanceProfile', 'ec2:AssociateIamInstanceProfile'],
          ],
          withoutProfile: [['ec2:AssociateIamInstanceProfile']],
        },
        run: EC2_RUN,
      },
    ],
    // A state machine's role and definition change together; an execution then runs it.
    stepfunctions: [
      {
        workloadType: 'stepfunctions-state-machine',
        configure: ['states:UpdateStateMachine'],
        run: [['states:StartExecution']],
      },
    ],
    // A notebook's role changes only while it is stopped; its Jupyter URL then runs code as it.
    sagemaker: [
      {
        workloadType: 'sagemaker-notebook',
        configure: [
          'sagemaker:StopNotebookInstance',
          'sagemaker:UpdateNotebookInstance',
          'sagemaker:StartNotebookInstance',
        ],
        run: [['sagemaker:CreatePresignedNotebookInstanceUrl']],
      },
    ],
  },
);

export const ROLE_SWAP_ACTIONS: readonly string[] = [
  ...new Set(
    Object.values(ROLE_SWAPS)
      .flat()
      .flatMap((s) => [
        ...s.configure,
        ...s.run.flat(),
        ...(s.instanceProfile?.withProfile.flat() ?? []),
        ...(s.instanceProfile?.withoutProfile.flat() ?? []),
      ]),
  ),
];

/** The workloads of each account's workloads.json, by account id and then by type. */
export function workloadsByAccount(
  esc: EscalationContext,
): ReadonlyMap<string, ReadonlyMap<string, Workload[]>> {
  const out = new Map<string, Map<string, Workload[]>>();
  for (const [accountId, account] of esc.snapshot.accounts)
    for (const w of account.workloads ?? []) {
      let byType = out.get(accountId);
      if (byType === undefined) out.set(accountId, (byType = new Map<string, Workload[]>()));
      let list = byType.get(w.type);
      if (list === undefined) byType.set(w.type, (list = []));
      list.push(w);
    }
  return out;
}

/** The configure actions of each swap, one list per swap (the holdsAny cache is keyed by the list). */
const SINGLE = new Map<string, readonly string[]>();
function single(action: string): readonly string[] {
  let list = SINGLE.get(action);
  if (list === undefined) SINGLE.set(action, (list = [action]));
  return list;
}

/**
 * Adds the edge attacker → role through the first workload of `workloads` (the role's account,
 * of the swap's type) that the attacker can give the role and run; `assumes` decides the role's
 * trust for the service acting for that workload; `prefix`, steps taken first (the role put into
 * an instance profile).
 */
export function swapWorkloadRole(
  esc: EscalationContext,
  swap: RoleSwap,
  service: string,
  attacker: CallerProfile,
  role: RoleProfile,
  workloads: readonly Workload[],
  assumes: (sourceArn: string) => Step,
  prefix: readonly Step[] = [],
): void {
  if (workloads.length === 0) return;
  if (!swap.configure.every((a) => esc.holdsAny(attacker, single(a)))) return;
  const profile = swap.instanceProfile;
  if (
    profile !== undefined &&
    ![...profile.withProfile, ...profile.withoutProfile].some((way) =>
      way.every((a) => esc.holdsAny(attacker, single(a))),
    )
  )
    return;
  const account = role.accountId;
  // Denied whatever the workload (iam:AssociatedResourceArn unknown): none needs trying.
  const passAny = esc.decide(attacker, 'iam:PassRole', role.arn, account, esc.roleFacts(role), {
    known: { 'iam:PassedToService': service },
  });
  if (passAny.result.decision === 'deny') return;
  const done = workloadStepsOf(esc, swap);
  for (const w of workloads) {
    // The workload's own role is the plain takeover's business.
    if (w.roleArn === role.arn) continue;
    // The steps on the workload do not depend on the role passed: decided once per attacker and
    // workload, shared (evidence included) by the edges to every role it passes.
    const cacheKey = `${attacker.key}\u0000${w.arn}`;
    let found = done.get(cacheKey);
    if (found === undefined) {
      found = workloadSteps(esc, swap, attacker, w) ?? null;
      done.set(cacheKey, found);
    }
    if (found === null) continue;
    const { steps, trigger } = found;
    // Allowed whatever the workload: that decision holds for this one too.
    const pass =
      passAny.result.decision === 'allow'
        ? passAny
        : esc.decide(attacker, 'iam:PassRole', role.arn, account, esc.roleFacts(role), {
            known: { 'iam:PassedToService': service, 'iam:AssociatedResourceArn': w.arn },
          });
    if (pass.result.decision === 'deny') continue;
    // The trust may name some workloads only (aws:SourceArn): try the next one.
    const trust = assumes(w.arn);
    if (trust.result.decision === 'deny') continue;
    const all = [pass, ...prefix, ...steps, trust];
    // A note step repeats its action: the technique names each action once.
    const technique = [
      ...new Set(['iam:PassRole', ...prefix.map((s) => s.action), ...steps.map((s) => s.action)]),
    ].join('+');
    const added = esc.addEdge(
      attacker.key,
      role.arn,
      technique,
      all,
      trigger === undefined
        ? { workload: w.arn }
        : { workload: w.arn, evidence: [trigger], notes: ['runs-at-existing-trigger'] },
    );
    if (added && all.every((s) => s.result.decision === 'allow')) return;
  }
}

/** Each action decided in order; undefined when one is denied. */
function decideAll(actions: readonly string[], on: (action: string) => Step): Step[] | undefined {
  const steps: Step[] = [];
  for (const action of actions) {
    const step = on(action);
    if (step.result.decision === 'deny') return undefined;
    steps.push(step);
  }
  return steps;
}

interface WorkloadSteps {
  /** The configure and run steps, in order. */
  steps: readonly Step[];
  /** When no run step is allowed: the trigger that runs the workload. */
  trigger?: Evidence;
}

/** Per build: the steps of an attacker on a workload (`null`: it cannot take the role or run it). */
const STEPS = new WeakMap<EscalationContext, Map<RoleSwap, Map<string, WorkloadSteps | null>>>();

function workloadStepsOf(
  esc: EscalationContext,
  swap: RoleSwap,
): Map<string, WorkloadSteps | null> {
  let bySwap = STEPS.get(esc);
  if (bySwap === undefined)
    STEPS.set(esc, (bySwap = new Map<RoleSwap, Map<string, WorkloadSteps | null>>()));
  let map = bySwap.get(swap);
  if (map === undefined) bySwap.set(swap, (map = new Map<string, WorkloadSteps | null>()));
  return map;
}

/** The attacker's steps on `w` for `swap`: give it a role, then run it; undefined when it cannot. */
function workloadSteps(
  esc: EscalationContext,
  swap: RoleSwap,
  attacker: CallerProfile,
  w: Workload,
): WorkloadSteps | undefined {
  const on = (action: string): Step =>
    action === 'lambda:InvokeFunction' && w.type === 'lambda-function'
      ? invokeLatest(esc, attacker, w)
      : decideOnWorkload(esc, attacker, w, action, swap.otherResources?.[action]);
  const profile = swap.instanceProfile;
  let steps: Step[] | undefined;
  if (profile === undefined) steps = decideAll(swap.configure, on);
  else {
    // One of the ways to put the profile on this instance: the first allowed, else the first
    // that is not denied.
    const ways = w.roleArn === undefined ? profile.withoutProfile : profile.withProfile;
    const tried = ways.map((way) => decideAll(way, on));
    steps =
      tried.find((t) => t?.every((s) => s.result.decision === 'allow')) ??
      tried.find((t) => t !== undefined);
  }
  if (steps === undefined) return undefined;
  for (const way of swap.run) {
    const tried = way.map(on);
    // SendCommand names a command document too (workload-takeover.ts commandDocuments).
    if (way.includes('ssm:SendCommand')) {
      const document = decideOnOneOf(esc, attacker, w, 'ssm:SendCommand', commandDocuments(w));
      if (document === undefined) continue;
      tried.push(document);
    }
    if (tried.every((s) => s.result.decision !== 'deny')) {
      const facts = unknownFactSteps(way, w, esc.snapshot, swap.unknownFact);
      if (facts !== undefined) return { steps: [...steps, ...tried, ...facts] };
    }
  }
  if (swap.run.length === 0) return { steps };
  const trigger = swap.existingTrigger === true ? existingTrigger(w, workloadPolicy(w)) : undefined;
  return trigger === undefined ? undefined : { steps, trigger };
}

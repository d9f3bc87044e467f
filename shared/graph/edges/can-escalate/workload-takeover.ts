/**
 * Technique family 5, take over an existing workload (IAM-SEMANTICS.md "Privilege escalation" E.3; needs
 * workloads.json): a principal that may change the code, commands or configuration of compute
 * that runs as a role obtains the role's permissions. The graph gets a `workload` node per
 * workload with a role, an edge attacker → workload (the technique, its evidence) and an edge
 * workload → role (`runs-as`: whoever controls the workload's code acts as its role).
 *
 * Every permission is decided by the engine on the workload's ARN (and a Lambda function's
 * resource policy: from another account, identity policy AND function policy). Techniques that
 * need the role passed again (`ecs:RunTask` of an existing task definition, `glue:UpdateJob`)
 * decide `iam:PassRole` as the new-compute techniques do. The calls go to the workload's region,
 * so `aws:RequestedRegion` is known (an SCP that denies that region blocks the takeover). Workloads
 * of unknown types are loaded but no technique uses them.
 */
import { statementMatchesAction } from '../../../policy/index.js';
import type { CompiledPolicy, ContextValue } from '../../../policy/types.js';
import type { CallerProfile } from '../../../authorize/types.js';
import { invokeOrUrl } from './function-url-invoke.js';
import type { Workload } from '../../../snapshot/types.js';
import { addDecisionEdge } from '../../build-context.js';
import { ensureWorkloadNode, workloadAccount } from './workload-node.js';
import { admittedAccounts } from '../../index/admitted-accounts.js';
import { PermissionIndex, rolePatternKey } from '../../index/permission-index.js';
import { statementView } from '../../index/statement-views.js';
import { aliasPolicy, workloadPolicy } from './workload-policies.js';
import {
  jobDefinitionPlatform,
  runnableQueues,
  runningEnvironment,
  workloadRegion,
} from './batch-queues.js';
import { noteEvidence } from '../../../authorize/evidence.js';
import type { Evidence } from '../../../authorize/types.js';
import type { EscalationContext, Step } from './escalation-context.js';
import { serviceAssumes } from './service-trust.js';
import { containerInstanceFact } from './ecs-container-instances.js';
import { instanceTagsCanChange } from './instance-tags.js';
import { unknownFactSteps, type FactOf } from './unknown-facts.js';
import { addOutsiderTakeovers } from './outsider-takeover.js';

export interface TakeoverTechnique {
  /** Actions on the workload itself, in order. */
  actions: readonly string[];
  /** The role must be passed again to this service. */
  passRoleTo?: string;
  /** Extra resource for an action that does not act on the workload (an event source mapping). */
  otherResources?: Readonly<Record<string, string>>;
  /** Request keys an action sends, from the workload (the layer a function is given). */
  requestKeys?: Readonly<Record<string, (w: Workload) => Readonly<Record<string, ContextValue>>>>;
  /** Only for principals of the workload's account (an action another account cannot use). */
  sameAccountOnly?: boolean;
  /**
   * Lambda: the new code runs when an existing trigger fires — the function's policy (or that of
   * an alias of `$LATEST`) lets an AWS service invoke it (existingTrigger). Without one, no edge.
   */
  existingTrigger?: boolean;
  /**
   * AWS Batch job definition: the job is submitted to an existing job queue of the definition's
   * account and region that runs it (batch-queues.ts); `batch:SubmitJob` is decided on that
   * queue as well as on the definition.
   */
  batchQueue?: boolean;
  /**
   * The workload's role must trust this service for the code to get its credentials (the
   * assume-role decision as for new compute, `aws:SourceArn` = the workload).
   */
  trustedBy?: string;
  /**
   * What the technique's actions also need on this workload that the snapshot does not show
   * (a container instance for an ECS task): the edge is `conditional` on it.
   */
  unknownFact?: FactOf;
  /** Only workloads this admits can be taken over this way (a fact of the workload's configuration). */
  usable?: (w: Workload) => boolean;
  /**
   * The technique's last action is also decided on this resource of the workload's account and
   * region (`<type>/<name>`): a call authorized on two resources.
   */
  alsoOn?: (w: Workload) => string;
  /**
   * The first action is also decided on one of these resources (full ARNs, the first not denied
   * is used): a call that names a second resource the attacker picks among several (the command
   * document of `ssm:SendCommand`).
   */
  alsoOnOneOf?: (w: Workload) => readonly string[];
  /**
   * The first action is also decided on each of these resources (full ARNs), which the call
   * creates: they have no tags yet (`…:ResourceTag/…` absent).
   */
  alsoOnEach?: (w: Workload) => readonly string[];
}

/**
 * A new State Manager association of the instance (its id is SSM's choice: a fresh one), in the
 * instance's account and region.
 */
function newAssociation(w: Workload): readonly string[] {
  const [arn, partition, , region, account] = w.arn.split(':');
  return [`${arn}:${partition}:ssm:${region}:${account}:association/zz`];
}

/**
 * The AWS-owned Command documents that run the caller's shell commands: SendCommand is authorized
 * on the document as well as on the instance (the document resource is required: Service
 * Authorization Reference, https://docs.aws.amazon.com/service-authorization/latest/reference/list_awssystemsmanager.html;
 * https://docs.aws.amazon.com/systems-manager/latest/userguide/run-command-setting-up.html).
 * A custom document whose content the snapshot does not hold is not tried (a miss, never a false edge).
 */
export function commandDocuments(w: Workload): readonly string[] {
  const [arn, partition, , region] = w.arn.split(':');
  return ['AWS-RunShellScript', 'AWS-RunPowerShellScript'].map(
    (name) => `${arn}:${partition}:ssm:${region}::document/${name}`,
  );
}

/**
 * The first day on which AgentCore Runtime agents run commands: "Agents created after March 17,
 * 2026 automatically support command execution. If you deployed your agent before this date, you
 * must redeploy" (https://docs.aws.amazon.com/bedrock-agentcore/latest/devguide/runtime-execute-command.html).
 */
const RUNTIME_COMMANDS_SINCE = '2026-03-17T00:00:00Z';

/**
 * An AgentCore runtime takes SigV4 calls unless it was given a JWT authorizer (IAM inbound auth,
 * the default), and runs commands when deployed (last updated) on or after the date above.
 */
function runsCommands(w: Workload): boolean {
  if (w.inboundAuth?.toUpperCase() !== 'IAM' || w.lastUpdatedAt === undefined) return false;
  const at = Date.parse(w.lastUpdatedAt);
  return Number.isFinite(at) && at >= Date.parse(RUNTIME_COMMANDS_SINCE);
}

/** Publishing a layer version in the function's account, using it, adding it to the function. */
const ADD_LAYER = [
  'lambda:PublishLayerVersion',
  'lambda:GetLayerVersion',
  'lambda:UpdateFunctionConfiguration',
] as const;
const LAYER = { 'lambda:PublishLayerVersion': 'layer:zz', 'lambda:GetLayerVersion': 'layer:zz:1' };
/** UpdateFunctionConfiguration names the layer version (`lambda:Layer`, multivalued). */
const LAYER_KEYS = {
  'lambda:UpdateFunctionConfiguration': (w: Workload) => ({
    'lambda:Layer': [workloadResource(w, LAYER['lambda:GetLayerVersion'])],
  }),
};

/** The takeover techniques by workload type. */
export const TAKEOVERS: Readonly<Record<string, readonly TakeoverTechnique[]>> = Object.assign(
  Object.create(null) as Record<string, readonly TakeoverTechnique[]>,
  {
    'lambda-function': [
      { actions: ['lambda:UpdateFunctionCode', 'lambda:InvokeFunction'] },
      {
        actions: ['lambda:UpdateFunctionCode', 'lambda:CreateEventSourceMapping'],
        otherResources: { 'lambda:CreateEventSourceMapping': 'event-source-mapping:zz' },
      },
      // The attacker adds a function-policy statement naming itself, which in the function's own
      // account is enough to invoke it; AddPermission does not work across accounts.
      { actions: ['lambda:UpdateFunctionCode', 'lambda:AddPermission'], sameAccountOnly: true },
      // A service the function's policy lets invoke it (S3, SNS, EventBridge, API Gateway …)
      // runs the new code at its next event: changing the code is enough.
      { actions: ['lambda:UpdateFunctionCode'], existingTrigger: true },
      // A layer the attacker publishes in the function's account, added to the function by
      // UpdateFunctionConfiguration (same account only): its extension or wrapper runs in the
      // function's execution environment, as the function's role, at the next invocation.
      {
        actions: [...ADD_LAYER, 'lambda:InvokeFunction'],
        sameAccountOnly: true,
        otherResources: LAYER,
        requestKeys: LAYER_KEYS,
      },
      {
        actions: ADD_LAYER,
        existingTrigger: true,
        sameAccountOnly: true,
        otherResources: LAYER,
        requestKeys: LAYER_KEYS,
      },
    ],
    'ec2-instance': [
      { actions: ['ssm:SendCommand'], alsoOnOneOf: commandDocuments },
      // A State Manager association runs the document on the instance once at creation (no
      // schedule) and then on its schedule (HackTricks aws-ssm-privesc "ssm:CreateAssociation").
      {
        actions: ['ssm:CreateAssociation'],
        alsoOnOneOf: commandDocuments,
        alsoOnEach: newAssociation,
      },
      { actions: ['ssm:StartSession'] },
      { actions: ['ec2-instance-connect:SendSSHPublicKey'] },
      { actions: ['ec2:ModifyInstanceAttribute', 'ec2:StopInstances', 'ec2:StartInstances'] },
    ],
    'ecs-service': [
      { actions: ['ecs:ExecuteCommand'] },
      // A new revision of the service's task definition (the same task role, the attacker's
      // container command) deployed by UpdateService: registering a definition with a task role
      // passes it again (CloudGoat ecs_efs_attack; another role is workload-role-swap.ts's).
      {
        actions: ['ecs:RegisterTaskDefinition', 'ecs:UpdateService'],
        passRoleTo: 'ecs-tasks.amazonaws.com',
        otherResources: { 'ecs:RegisterTaskDefinition': 'task-definition/zz:1' },
      },
    ],
    'ecs-task-definition': [
      {
        actions: ['ecs:RunTask'],
        passRoleTo: 'ecs-tasks.amazonaws.com',
        unknownFact: containerInstanceFact,
      },
      // StartTask places the task (its command overridden) on a container instance the attacker
      // registers into the cluster.
      {
        actions: ['ecs:StartTask', 'ecs:RegisterContainerInstance'],
        passRoleTo: 'ecs-tasks.amazonaws.com',
        otherResources: { 'ecs:RegisterContainerInstance': 'cluster/zz' },
      },
    ],
    'glue-job': [
      { actions: ['glue:UpdateJob', 'glue:StartJobRun'], passRoleTo: 'glue.amazonaws.com' },
      // A trigger the attacker creates (on demand or on a schedule) starts the changed job.
      {
        actions: ['glue:UpdateJob', 'glue:CreateTrigger'],
        passRoleTo: 'glue.amazonaws.com',
        otherResources: { 'glue:CreateTrigger': 'trigger/zz' },
      },
    ],
    'glue-dev-endpoint': [{ actions: ['glue:UpdateDevEndpoint'] }],
    'codebuild-project': [
      { actions: ['codebuild:StartBuild'] },
      { actions: ['codebuild:StartBuildBatch'] },
    ],
    'sagemaker-notebook': [
      { actions: ['sagemaker:CreatePresignedNotebookInstanceUrl'] },
      {
        // A lifecycle configuration runs its script as the notebook's role at the next start.
        actions: [
          'sagemaker:CreateNotebookInstanceLifecycleConfig',
          'sagemaker:StopNotebookInstance',
          'sagemaker:UpdateNotebookInstance',
          'sagemaker:StartNotebookInstance',
        ],
        otherResources: {
          'sagemaker:CreateNotebookInstanceLifecycleConfig':
            'notebook-instance-lifecycle-config/zz',
        },
      },
    ],
    'cloudformation-stack': [
      { actions: ['cloudformation:UpdateStack'] },
      { actions: ['cloudformation:CreateChangeSet', 'cloudformation:ExecuteChangeSet'] },
    ],
    'apprunner-service': [{ actions: ['apprunner:UpdateService'] }],
    // A job of the definition, its command overridden at submission (containerOverrides,
    // ecsPropertiesOverride), runs as the definition's job role; SubmitJob needs no iam:PassRole.
    'batch-job-definition': [
      { actions: ['batch:SubmitJob'], batchQueue: true, trustedBy: 'ecs-tasks.amazonaws.com' },
    ],
    // A session of an existing custom code interpreter runs the attacker's code in a microVM
    // whose metadata service hands out the interpreter's execution role credentials.
    // A shell command in a session of an existing runtime runs in its microVM, whose metadata
    // service hands out the runtime's execution role credentials. Authorized on the runtime and on
    // the endpoint the call goes to (DEFAULT).
    'bedrock-agentcore-runtime': [
      {
        actions: ['bedrock-agentcore:InvokeAgentRuntimeCommand'],
        trustedBy: 'bedrock-agentcore.amazonaws.com',
        usable: runsCommands,
        alsoOn: (w: Workload) => `${w.arn.split(':').slice(5).join(':')}/runtime-endpoint/DEFAULT`,
      },
    ],
    // A new definition (Amazon States Language: any AWS SDK call as a task) replaces the
    // machine's, which keeps its role (no iam:PassRole: the role is not changed), and an
    // execution runs it as that role (pathfinding.cloud stepfunctions-002).
    'stepfunctions-state-machine': [
      {
        actions: ['states:UpdateStateMachine', 'states:StartExecution'],
        trustedBy: 'states.amazonaws.com',
      },
    ],
    // A session of an existing custom browser with an execution role, driven over its
    // automation stream (CDP): the page reads the role's credentials from the microVM's
    // metadata service (pathfinding.cloud bedrock-007).
    'bedrock-agentcore-browser': [
      {
        actions: [
          'bedrock-agentcore:StartBrowserSession',
          'bedrock-agentcore:ConnectBrowserAutomationStream',
        ],
        trustedBy: 'bedrock-agentcore.amazonaws.com',
      },
    ],
    'bedrock-agentcore-code-interpreter': [
      {
        actions: [
          'bedrock-agentcore:StartCodeInterpreterSession',
          'bedrock-agentcore:InvokeCodeInterpreter',
        ],
        trustedBy: 'bedrock-agentcore.amazonaws.com',
      },
    ],
  },
);

const ALL_ACTIONS = [
  ...new Set(Object.values(TAKEOVERS).flatMap((list) => list.flatMap((t) => t.actions))),
];

/** Adds workload nodes, `runs-as` edges and the takeover edges. */
export function addWorkloadEdges(esc: EscalationContext): void {
  const workloads: Workload[] = [];
  for (const account of esc.snapshot.accounts.values())
    for (const w of account.workloads ?? []) if (w.roleArn !== undefined) workloads.push(w);
  if (workloads.length === 0) return;
  const { scope } = esc;
  const index = new PermissionIndex(esc.attackers(), ALL_ACTIONS, rolePatternKey);
  // With a scope, a workload built whole takes its attackers from every account.
  let everyIndex: PermissionIndex | undefined;
  for (const w of workloads) {
    const roleArn = w.roleArn;
    if (roleArn === undefined) continue;
    const whole = scope === undefined || scope.workloads.has(w.arn);
    // Outside the scope only a resource policy lets the scope's attackers in.
    if (!whole && w.resourcePolicy === undefined) continue;
    if (!whole) {
      if (!esc.build.graph.hasNode(roleArn)) continue;
      addTakeovers(esc, index, w, workloadAccount(w));
      continue;
    }
    const accountId = ensureWorkloadNode(esc, w, roleArn);
    if (!esc.build.graph.hasNode(roleArn)) continue;
    addDecisionEdge(
      esc.build,
      'can-escalate',
      w.arn,
      roleArn,
      'runs-as',
      {
        decision: 'allow',
        conditionKeys: [],
        evidence: [
          noteEvidence(
            { kind: 'resource', name: `${w.type} configuration`, arn: w.arn },
            `${w.type} ${w.name} runs as ${roleArn} (workloads.json): code or commands run there act with the role's permissions`,
          ),
        ],
        notes: [],
      },
      { technique: 'runs-as', workload: w.arn },
    );
    if (scope !== undefined)
      everyIndex ??= new PermissionIndex(esc.allAttackers(), ALL_ACTIONS, rolePatternKey);
    addTakeovers(esc, everyIndex ?? index, w, accountId);
    if (w.type === 'lambda-function')
      addOutsiderTakeovers(esc, w, accountId, () => existingTrigger(w, workloadPolicy(w)));
  }
}

/** The takeover edges into `w` from the attackers of `index`. */
function addTakeovers(
  esc: EscalationContext,
  index: PermissionIndex,
  w: Workload,
  accountId: string,
): void {
  const techniques = TAKEOVERS[w.type];
  if (techniques === undefined) return;
  const policy = workloadPolicy(w);
  const callers = new Set<CallerProfile>(index.candidates(accountId, w.arn, accountId));
  if (policy !== undefined) {
    // Another account's principal needs the resource policy to admit it: only the accounts its
    // Allow statements can name (none for a trigger policy that names a service principal).
    const admitted = admittedAccounts(policy);
    for (const other of admitted === 'any' ? index.callerAccounts() : admitted)
      if (other !== accountId)
        for (const p of index.candidates(other, w.arn, accountId)) callers.add(p);
  }
  for (const attacker of callers) {
    // Techniques of a workload share actions (UpdateFunctionCode is in four): each is decided once.
    const decided = new Map<string, Step>();
    for (const t of techniques) takeover(esc, attacker, w, accountId, t, policy, decided);
  }
}

const INVOKE = 'lambda:InvokeFunction';

/** The keys of a function URL call, which the Invoke API never carries (resource-request.ts). */
const URL_KEYS = ['lambda:FunctionUrlAuthType', 'lambda:InvokedViaFunctionUrl'];

/**
 * `lambda:InvokeFunction` of the function's `$LATEST`, which runs the new code: through the
 * Invoke API on the function, else on an alias of `$LATEST` (invokeThroughLatestAlias) — neither
 * carries the function URL keys, so a grant bound to `lambda:InvokedViaFunctionUrl` does not
 * serve it — else through a function URL of `$LATEST` that workloads.json lists: signed by the
 * attacker at an `AWS_IAM` URL, or unsigned at a `NONE` URL whose function policy lets anyone
 * call both halves of a URL call (IAM-SEMANTICS.md §7a.6, function-url.ts). The first allowed,
 * else the first conditional, else the Invoke API's deny. Also the run step of a role swap
 * (workload-role-swap.ts): the new role is `$LATEST`'s.
 */
export function invokeLatest(esc: EscalationContext, attacker: CallerProfile, w: Workload): Step {
  const accountId = workloadAccount(w);
  const known = workloadRegionKeys(w);
  const api = decideOnWorkload(esc, attacker, w, INVOKE, undefined, undefined, URL_KEYS);
  return invokeOrUrl(esc, attacker, w, api, [
    () => invokeThroughLatestAlias(esc, attacker, w, accountId, known),
  ]);
}

/**
 * The invoke step of a Lambda takeover through an alias that points to `$LATEST`: invoking an
 * alias runs the version it points to, and UpdateFunctionCode changes `$LATEST` only
 * (IAM-SEMANTICS.md §7a.6), so an alias of a published version runs none of the new code. The
 * call names the alias ARN and is decided with the alias's own policy. Undefined when none allows.
 */
function invokeThroughLatestAlias(
  esc: EscalationContext,
  attacker: CallerProfile,
  w: Workload,
  accountId: string,
  known: Record<string, string>,
): Step | undefined {
  const facts = esc.accountFacts(accountId);
  for (const alias of w.aliases ?? []) {
    if (alias.functionVersion !== '$LATEST') continue;
    const policy = aliasPolicy(alias);
    const step = esc.decide(attacker, INVOKE, alias.arn, accountId, facts, {
      known,
      absent: URL_KEYS,
      ...(policy !== undefined ? { resourcePolicy: policy } : {}),
    });
    if (step.result.decision !== 'deny') return step;
  }
  return undefined;
}

function takeover(
  esc: EscalationContext,
  attacker: CallerProfile,
  w: Workload,
  accountId: string,
  t: TakeoverTechnique,
  policy: CompiledPolicy | undefined,
  decided: Map<string, Step>,
): void {
  if (!esc.holdsAny(attacker, t.actions)) return;
  if (t.sameAccountOnly === true && attacker.accountId !== accountId) return;
  const trigger = t.existingTrigger === true ? existingTrigger(w, policy) : undefined;
  if (t.existingTrigger === true && trigger === undefined) return;
  if (t.usable !== undefined && !t.usable(w)) return;
  const known = workloadRegionKeys(w);
  const steps: Step[] = [];
  for (const action of t.actions) {
    const other = t.otherResources?.[action];
    const requestKeys = t.requestKeys?.[action]?.(w);
    const memoKey = `${action}\u0000${workloadResource(w, other)}\u0000${requestKeys === undefined ? '' : JSON.stringify(requestKeys)}`;
    let step = decided.get(memoKey);
    if (step === undefined) {
      step =
        action === INVOKE && w.type === 'lambda-function'
          ? invokeLatest(esc, attacker, w)
          : decideOnWorkload(esc, attacker, w, action, other, requestKeys);
      decided.set(memoKey, step);
    }
    if (step.result.decision === 'deny') return;
    steps.push(step);
  }
  const first = t.actions[0];
  if (t.alsoOnOneOf !== undefined && first !== undefined) {
    const step = decideOnOneOf(esc, attacker, w, first, t.alsoOnOneOf(w), decided);
    if (step === undefined) return;
    steps.push(step);
  }
  if (t.alsoOnEach !== undefined && first !== undefined)
    for (const arn of t.alsoOnEach(w)) {
      const step = decideOnOneOf(esc, attacker, w, first, [arn], decided, NEW_RESOURCE);
      if (step === undefined) return;
      steps.push(step);
    }
  const last = t.actions[t.actions.length - 1];
  if (t.alsoOn !== undefined && last !== undefined) {
    const other = t.alsoOn(w);
    const memoKey = `${last}\u0000${workloadResource(w, other)}`;
    let step = decided.get(memoKey);
    if (step === undefined) {
      step = decideOnWorkload(esc, attacker, w, last, other);
      decided.set(memoKey, step);
    }
    if (step.result.decision === 'deny') return;
    steps.push(step);
  }
  const facts = unknownFactSteps(t.actions, w, esc.snapshot, t.unknownFact);
  if (facts === undefined) return;
  steps.push(...facts);
  let queueNote: Evidence | undefined;
  if (t.batchQueue === true) {
    const queued = submitToQueue(esc, attacker, w, decided);
    if (queued === undefined) return;
    steps.push(queued.step);
    queueNote = queued.note;
  }
  const actions = [...t.actions];
  if (t.passRoleTo !== undefined && w.roleArn !== undefined) {
    const role = esc.build.model.roles.get(w.roleArn);
    if (!role) return;
    const pass = esc.decide(attacker, 'iam:PassRole', role.arn, accountId, esc.roleFacts(role), {
      known: {
        ...known,
        'iam:PassedToService': t.passRoleTo,
        'iam:AssociatedResourceArn': w.arn,
      },
    });
    if (pass.result.decision === 'deny') return;
    steps.unshift(pass);
    actions.unshift('iam:PassRole');
  }
  if (t.trustedBy !== undefined && w.roleArn !== undefined) {
    const role = esc.build.model.roles.get(w.roleArn);
    if (!role) return;
    const trust = serviceAssumes(esc, role, t.trustedBy, w.arn);
    if (trust.result.decision === 'deny') return;
    steps.push(trust);
  }
  esc.addEdge(
    attacker.key,
    w.arn,
    actions.join('+'),
    steps,
    trigger !== undefined
      ? { workload: w.arn, evidence: [trigger], notes: ['runs-at-existing-trigger'] }
      : queueNote !== undefined
        ? { workload: w.arn, evidence: [queueNote] }
        : { workload: w.arn },
  );
}

/**
 * `batch:SubmitJob` on the job queue a job of definition `w` goes to: the first queue of its
 * account and region that runs it and on which the call is allowed, else the first on which it
 * is conditional; undefined when there is none.
 */
function submitToQueue(
  esc: EscalationContext,
  attacker: CallerProfile,
  w: Workload,
  decided: Map<string, Step>,
): { step: Step; note: Evidence } | undefined {
  const platform = jobDefinitionPlatform(w);
  let best: { step: Step; note: Evidence } | undefined;
  for (const queue of runnableQueues(esc, workloadAccount(w), workloadRegion(w), platform)) {
    const memoKey = `batch:SubmitJob\u0000${queue.arn}`;
    let step = decided.get(memoKey);
    if (step === undefined) {
      step = decideOnWorkload(esc, attacker, queue, 'batch:SubmitJob');
      decided.set(memoKey, step);
    }
    if (step.result.decision === 'deny') continue;
    const env = runningEnvironment(queue, platform);
    const note = noteEvidence(
      { kind: 'resource', name: 'batch-job-queue', arn: queue.arn },
      `job queue ${queue.name} is ENABLED and its compute environment ${env?.arn ?? ''} runs ${platform} jobs (workloads.json): a job of ${w.name} submitted there runs as ${w.roleArn ?? 'its job role'}`,
    );
    if (step.result.decision === 'allow') return { step, note };
    best ??= { step, note };
  }
  return best;
}

/** The calls go to the workload's region: `aws:RequestedRegion` is a fact there, not a choice. */
function workloadRegionKeys(w: Workload): Record<string, string> {
  const region = w.region ?? w.arn.split(':')[3];
  return region !== undefined && region !== '' ? { 'aws:RequestedRegion': region } : {};
}

/** `decideOnOneOf`'s `created`: the resource is one the call creates. */
const NEW_RESOURCE = true;

/**
 * `action` decided on the first of `arns` that does not deny it (memoized in `decided`); a
 * resource the call `created` has no tags.
 */
export function decideOnOneOf(
  esc: EscalationContext,
  attacker: CallerProfile,
  w: Workload,
  action: string,
  arns: readonly string[],
  decided = new Map<string, Step>(),
  created = false,
): Step | undefined {
  const accountId = workloadAccount(w);
  for (const arn of arns) {
    const memoKey = `${action}\u0000${arn}`;
    let step = decided.get(memoKey);
    if (step === undefined) {
      const facts = created ? esc.newResourceFacts(accountId) : esc.accountFacts(accountId);
      step = esc.decide(attacker, action, arn, accountId, facts, {
        known: workloadRegionKeys(w),
      });
      decided.set(memoKey, step);
    }
    if (step.result.decision !== 'deny') return step;
  }
  return undefined;
}

/** The workload's ARN, or `other` (`<type>/<name>`) in the workload's account and region. */
function workloadResource(w: Workload, other: string | undefined): string {
  return other === undefined ? w.arn : `${w.arn.split(':').slice(0, 5).join(':')}:${other}`;
}

/**
 * `attacker` calling `action` on workload `w` — or on `other` (a resource the call creates, see
 * `workloadResource`) — in the workload's region; the workload's resource policy applies to
 * calls on the workload itself.
 */
export function decideOnWorkload(
  esc: EscalationContext,
  attacker: CallerProfile,
  w: Workload,
  action: string,
  other?: string,
  requestKeys?: Readonly<Record<string, ContextValue>>,
  /** Request keys the call does not carry. */
  absent?: readonly string[],
): Step {
  const accountId = workloadAccount(w);
  const policy = other === undefined ? workloadPolicy(w) : undefined;
  const region = workloadRegionKeys(w);
  const known = { ...region, ...requestKeys };
  const extra = {
    known,
    ...(absent !== undefined ? { absent } : {}),
    ...(policy !== undefined ? { resourcePolicy: policy } : {}),
  };
  const resource = workloadResource(w, other);
  const accountFacts = esc.accountFacts(accountId);
  const facts = other === undefined ? esc.workloadFacts(w, accountId) : accountFacts;
  const step = esc.decide(attacker, action, resource, accountId, facts, extra);
  // Tags someone may change are not final: decided again as unknown (instance-tags.ts).
  if (
    step.result.decision === 'deny' &&
    facts !== accountFacts &&
    instanceTagsCanChange(esc, w, accountId, region)
  )
    return esc.decide(attacker, action, resource, accountId, accountFacts, extra);
  return step;
}

/**
 * The evidence that an AWS service invokes the function's current code (`$LATEST`): an Allow of
 * `lambda:InvokeFunction` to a service principal in the function's own policy, or in the policy
 * of an alias that points to `$LATEST` (a trigger on an alias of a published version runs that
 * version, which UpdateFunctionCode does not change). The permission is what a push trigger
 * (S3, SNS, EventBridge, API Gateway, CloudWatch Logs …) needs (Lambda developer guide, "Working
 * with resource-based IAM policies in Lambda"), or an `Enabled` event source mapping of the
 * function itself or of an alias that points to `$LATEST` (Lambda polls the queue or stream and
 * invokes the function with each batch: "Lambda event source mappings" in the developer guide;
 * it needs no function-policy statement); undefined when neither shows one.
 */
export function existingTrigger(
  w: Workload,
  policy: CompiledPolicy | undefined,
): Evidence | undefined {
  const policies: CompiledPolicy[] = policy === undefined ? [] : [policy];
  for (const alias of w.aliases ?? []) {
    const own = alias.functionVersion === '$LATEST' ? aliasPolicy(alias) : undefined;
    if (own !== undefined) policies.push(own);
  }
  for (const p of policies)
    for (const stmt of p.statements) {
      if (stmt.effect !== 'Allow' || !statementMatchesAction(stmt, 'lambda:InvokeFunction'))
        continue;
      const service = statementView(stmt).principals?.Service?.[0];
      if (service === undefined) continue;
      const view = statementView(stmt);
      return {
        policy: p.ref,
        statementIndex: view.index,
        ...(view.sid !== undefined ? { sid: view.sid } : {}),
        effect: 'Allow',
        role: 'note',
        conditionKeys: [],
        reason: `Statement ${view.index} of the resource policy of ${p.ref.arn ?? w.arn} lets ${service} invoke it: that service's trigger runs the function's current code at its next event, so whoever changes the code acts as ${w.roleArn ?? 'its role'}`,
      };
    }
  return mappingTrigger(w);
}

/** The first `Enabled` event source mapping that runs the function's `$LATEST` code, as evidence. */
function mappingTrigger(w: Workload): Evidence | undefined {
  const latestAliases = new Set(
    (w.aliases ?? []).filter((a) => a.functionVersion === '$LATEST').map((a) => a.name),
  );
  for (const m of w.eventSourceMappings ?? []) {
    if (m.state !== 'Enabled') continue;
    if (m.qualifier !== undefined && !latestAliases.has(m.qualifier)) continue;
    const target = m.qualifier === undefined ? w.arn : `${w.arn}:${m.qualifier}`;
    const source = m.eventSourceArn ?? 'its event source';
    const name = m.uuid === undefined ? 'event source mapping' : `event source mapping ${m.uuid}`;
    return noteEvidence(
      { kind: 'resource', name, arn: target },
      `The ${name} (Enabled) has Lambda read ${source} and invoke ${target} with each batch: it runs the function's current code, so whoever changes the code acts as ${w.roleArn ?? 'its role'}`,
    );
  }
  return undefined;
}

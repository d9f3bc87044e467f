/**
 * CloudFormation StackSets with self-managed permissions (IAM-SEMANTICS.md "Privilege escalation"
 * E.3): the stack set's administration role — a role of the stack set's account that CloudFormation
 * assumes — assumes the execution role in each target account, and the template's resources are
 * created with the execution role's permissions. Whoever writes the template therefore acts as
 * every execution role the administration role may assume; the administration role's own
 * permissions are never the stack's (stacksets-prereqs-self-managed.html).
 *
 * - Existing stack set (workloads.json `cloudformation-stack-set`): `cloudformation:UpdateStackSet`
 *   on it reaches the roles of the accounts where it has stack instances (an update deploys to
 *   existing instances only: its `Accounts`/`Regions` select among them, new ones need
 *   CreateStackInstances). The caller names the execution role (`ExecutionRoleName`, any name,
 *   no permission needed) and the administration role: one whose ARN it passes (`iam:PassRole`,
 *   `iam:PassedToService` = cloudformation.amazonaws.com) — required when the stack set has a
 *   customized one, even the same — or none, when the stack set uses the account's
 *   `AWSCloudFormationStackSetAdministrationRole` ("users don't pass an administrator role").
 * - New stack set: `CreateStackSet` + `CreateStackInstances` in the attacker's account, into any
 *   account, with the same choice of administration role.
 *
 * Each step is decided by the engine: the calls, the pass, the administration role's trust for
 * cloudformation.amazonaws.com (`aws:SourceAccount` = its account, `aws:SourceArn` = the stack
 * set), and the administration role's `sts:AssumeRole` of the execution role (its identity
 * policy, boundary and SCPs; the execution role's trust and RCPs; StackSets sends no
 * `sts:ExternalId`). The execution role is named without a path, so only roles at path `/` can
 * be one. Service-managed stack sets (through StackSets' service-linked role): org-stack-sets.ts.
 */
import type { CallerProfile, RoleProfile } from '../../../authorize/types.js';
import type { Workload } from '../../../snapshot/types.js';
import { ensureWorkloadNode } from './workload-node.js';
import { principalReferences } from '../../index/principal-references.js';
import { PermissionIndex, rolePatternKey } from '../../index/permission-index.js';
import type { EscalationContext, Step } from './escalation-context.js';
import { fill, placesFor, STACKSET } from './pass-role.js';
import { serviceAssumes } from './service-trust.js';
import { addOrgStackSetEdges } from './org-stack-sets.js';
import { decideExecutionRoleAssume } from './stack-set-assume.js';
import { decideOnWorkload } from './workload-takeover.js';

const CLOUDFORMATION = 'cloudformation.amazonaws.com';
/** The administration role StackSets uses when the caller names none. */
export const DEFAULT_ADMINISTRATION_ROLE = 'AWSCloudFormationStackSetAdministrationRole';
const UPDATE: readonly string[] = ['cloudformation:UpdateStackSet'];
const CREATE: readonly string[] = [
  'cloudformation:CreateStackSet',
  'cloudformation:CreateStackInstances',
];
const PASS: readonly string[] = ['iam:PassRole'];
/** Every action of the stack-set techniques. */
export const STACK_SET_ACTIONS: readonly string[] = [...UPDATE, ...CREATE];

/** One way to name the administration role: passed (with its pass decided) or the default one. */
interface AdminChoice {
  role: RoleProfile;
  pass?: Step;
  trust: Step;
}

/** An execution role the administration role may assume, with that decision. */
interface ExecutionTarget {
  role: RoleProfile;
  assume: Step;
}

/** Adds the stack-set edges (attacker → execution role, workload = the existing stack set). */
export function addStackSetEdges(esc: EscalationContext): void {
  const attackers = esc
    .attackers()
    .filter((p) => esc.holdsAny(p, STACK_SET_ACTIONS) && p.accountId !== undefined);
  addOrgStackSetEdges(esc, attackers);
  const sets = existingStackSets(esc);
  if (attackers.length === 0 && sets.length === 0) return;
  const admins = new AdminRoles(esc);
  for (const w of sets) addExistingStackSet(esc, admins, w, attackers);
  for (const attacker of attackers)
    if (esc.holdsAny(attacker, CREATE)) addNewStackSet(esc, admins, attacker);
}

/** Self-managed stack sets whose instances are known. */
function existingStackSets(esc: EscalationContext): Workload[] {
  const out: Workload[] = [];
  for (const account of esc.snapshot.accounts.values())
    for (const w of account.workloads ?? [])
      if (
        w.type === 'cloudformation-stack-set' &&
        w.stackSet?.permissionModel === 'SELF_MANAGED' &&
        w.stackSet.instances !== undefined
      )
        out.push(w);
  return out;
}

function addExistingStackSet(
  esc: EscalationContext,
  admins: AdminRoles,
  w: Workload,
  attackers: readonly CallerProfile[],
): void {
  const facts = w.stackSet;
  if (facts?.instances === undefined) return;
  const account = ensureWorkloadNode(esc, w);
  const partition = w.arn.split(':')[1] ?? 'aws';
  const targets = new Set(facts.instances.map((i) => i.account));
  const defaultArn = `arn:${partition}:iam::${account}:role/${DEFAULT_ADMINISTRATION_ROLE}`;
  // Without a customized administration role the caller may name none (no pass).
  const usesDefault =
    facts.administrationRoleArn === undefined || facts.administrationRoleArn === defaultArn;
  // No resource policy: only principals of the stack set's account may call it.
  const index = new PermissionIndex(
    attackers.filter((p) => p.accountId === account),
    UPDATE,
    rolePatternKey,
  );
  const region = w.region ?? w.arn.split(':')[3] ?? '';
  for (const attacker of index.candidates(account, w.arn, account)) {
    const update = decideOnWorkload(esc, attacker, w, 'cloudformation:UpdateStackSet');
    if (update.result.decision === 'deny') continue;
    for (const choice of admins.choices(attacker, account, w.arn, region, usesDefault)) {
      const technique = [
        ...(choice.pass !== undefined ? PASS : []),
        'cloudformation:UpdateStackSet',
      ].join('+');
      for (const target of admins.targets(choice.role, targets)) {
        const steps = [
          ...(choice.pass !== undefined ? [choice.pass] : []),
          update,
          choice.trust,
          target.assume,
        ];
        esc.addEdge(attacker.key, target.role.arn, technique, steps, { workload: w.arn });
      }
    }
  }
}

function addNewStackSet(esc: EscalationContext, admins: AdminRoles, attacker: CallerProfile): void {
  const account = attacker.accountId;
  if (account === undefined) return;
  // No administration role it could name: nothing to decide.
  if (!admins.mayChoose(attacker, account)) return;
  const partition = attacker.key.split(':')[1] ?? 'aws';
  const [create, instances] = CREATE as [string, string];
  for (const place of placesFor(attacker, create, STACKSET, partition, account)) {
    const arn = fill(STACKSET, place);
    const facts = esc.accountFacts(account);
    const steps: Step[] = [];
    for (const action of [create, instances]) {
      const step = esc.decide(attacker, action, arn, account, facts);
      if (step.result.decision === 'deny') break;
      steps.push(step);
    }
    if (steps.length < 2) continue;
    let complete = false;
    for (const choice of admins.choices(attacker, account, arn, undefined, true)) {
      const technique = [...(choice.pass !== undefined ? PASS : []), create, instances].join('+');
      for (const target of admins.targets(choice.role, undefined)) {
        const all = [
          ...(choice.pass !== undefined ? [choice.pass] : []),
          ...steps,
          choice.trust,
          target.assume,
        ];
        esc.addEdge(attacker.key, target.role.arn, technique, all);
      }
      if ([...steps, choice.trust].every((s) => s.result.decision === 'allow')) complete = true;
    }
    // The attacker's other places would add the same edges.
    if (complete) return;
  }
}

/**
 * The administration roles of each account (roles whose trust names CloudFormation or any
 * service) and, per role, the execution roles it may assume (decided once, whatever the attacker).
 */
class AdminRoles {
  private readonly byAccount = new Map<string, RoleProfile[]>();
  private readonly assumed = new Map<string, ExecutionTarget[]>();
  /** CloudFormation's assumption of a role for a stack set, by role and stack set ARN. */
  private readonly trusts = new Map<string, Step>();

  constructor(private readonly esc: EscalationContext) {
    for (const role of esc.build.model.roles.values()) {
      if (role.serviceLinked || !trustsCloudFormation(role)) continue;
      let list = this.byAccount.get(role.accountId);
      if (!list) this.byAccount.set(role.accountId, (list = []));
      list.push(role);
    }
  }

  /** Whether `attacker` could name any administration role of `account` (a cheap filter). */
  mayChoose(attacker: CallerProfile, account: string): boolean {
    const roles = this.byAccount.get(account) ?? [];
    if (roles.length === 0) return false;
    return this.esc.holdsAny(attacker, PASS) || roles.some((r) => isDefaultAdministrationRole(r));
  }

  /** CloudFormation assuming `role` for the stack set `arn` (decided once per pair). */
  private trust(role: RoleProfile, arn: string): Step {
    const key = `${role.arn}\u0000${arn}`;
    let step = this.trusts.get(key);
    if (step === undefined) {
      step = serviceAssumes(this.esc, role, CLOUDFORMATION, arn);
      this.trusts.set(key, step);
    }
    return step;
  }

  /**
   * The administration roles `attacker` may use for the stack set `arn` of `account`: the
   * default one without a pass when `mayOmit`, and every role of the account it may pass to
   * CloudFormation; each with CloudFormation's assumption of it decided.
   */
  choices(
    attacker: CallerProfile,
    account: string,
    arn: string,
    region: string | undefined,
    mayOmit: boolean,
  ): AdminChoice[] {
    const out: AdminChoice[] = [];
    const regionKeys: Record<string, string> =
      region === undefined || region === '' ? {} : { 'aws:RequestedRegion': region };
    const passes = this.esc.holdsAny(attacker, PASS);
    for (const role of this.byAccount.get(account) ?? []) {
      const omitted = mayOmit && isDefaultAdministrationRole(role);
      if (!omitted && !passes) continue;
      const trust = this.trust(role, arn);
      if (trust.result.decision === 'deny') continue;
      if (omitted) {
        out.push({ role, trust });
        continue;
      }
      const pass = this.esc.decide(
        attacker,
        'iam:PassRole',
        role.arn,
        account,
        this.esc.roleFacts(role),
        {
          known: {
            ...regionKeys,
            'iam:PassedToService': CLOUDFORMATION,
            'iam:AssociatedResourceArn': arn,
          },
        },
      );
      if (pass.result.decision !== 'deny') out.push({ role, pass, trust });
    }
    return out;
  }

  /** The execution roles `admin` may assume, in `accounts` (undefined: any account). */
  targets(admin: RoleProfile, accounts: ReadonlySet<string> | undefined): ExecutionTarget[] {
    let all = this.assumed.get(admin.arn);
    if (all === undefined) this.assumed.set(admin.arn, (all = this.assumable(admin)));
    return accounts === undefined ? all : all.filter((t) => accounts.has(t.role.accountId));
  }

  /**
   * Candidates are the roles the graph's `can-assume` edges lead to from the administration
   * role (decided without the StackSets facts: no edge there, no assumption here); each is
   * decided again as StackSets calls it.
   */
  private assumable(admin: RoleProfile): ExecutionTarget[] {
    const { graph, model } = this.esc.build;
    const caller = model.principals.get(admin.arn);
    if (caller === undefined || !graph.hasNode(admin.arn)) return [];
    const out: ExecutionTarget[] = [];
    const seen = new Set<string>();
    graph.forEachOutEdge(admin.arn, (_key, attrs, _source, target) => {
      if (attrs.kind !== 'can-assume' || seen.has(target)) return;
      seen.add(target);
      const role = model.roles.get(target);
      if (role === undefined || role.serviceLinked || role.arn === admin.arn) return;
      // ExecutionRoleName is a bare name: StackSets assumes arn:…:role/<name>, path `/`.
      if (role.arn !== `arn:${role.partition}:iam::${role.accountId}:role/${role.name}`) return;
      const assume = decideExecutionRoleAssume(
        this.esc,
        caller,
        role,
        `StackSets administration role ${admin.arn}`,
      );
      if (assume.result.decision !== 'deny') out.push({ role, assume });
    });
    return out;
  }
}

/** The account's `AWSCloudFormationStackSetAdministrationRole` (path `/`), used when none is named. */
function isDefaultAdministrationRole(role: RoleProfile): boolean {
  return (
    role.name === DEFAULT_ADMINISTRATION_ROLE &&
    role.arn === `arn:${role.partition}:iam::${role.accountId}:role/${role.name}`
  );
}

/** By trust statements (shared by every role with the same trust text). */
const TRUSTS = new WeakMap<object, boolean>();

/** Whether the role's trust names CloudFormation (or any principal): a possible administration role. */
export function trustsCloudFormation(role: RoleProfile): boolean {
  let v = TRUSTS.get(role.trustPolicy.statements);
  if (v === undefined) {
    v = principalReferences(role.trustPolicy).some(
      (ref) =>
        ref.type === 'wildcard' ||
        (ref.type === 'service' &&
          /^cloudformation(\.[a-z0-9-]+)?\.amazonaws\.com(\.cn)?$/i.test(ref.service)),
    );
    TRUSTS.set(role.trustPolicy.statements, v);
  }
  return v;
}

/**
 * Technique family 3, policy changes (IAM-SEMANTICS.md "Privilege escalation" E.3).
 *
 * Self-escalation: a principal that may change its own permissions — `iam:PutUserPolicy` /
 * `AttachUserPolicy` (or the role's `PutRolePolicy` / `AttachRolePolicy`) on itself,
 * `PutGroupPolicy` / `AttachGroupPolicy` on one of its groups, `AddUserToGroup` into another
 * group, `CreatePolicyVersion` of a customer managed policy attached to it (directly or through a
 * group), `SetDefaultPolicyVersion` of such a policy to one of its other versions (the version
 * replaces the policy, so its Deny statements go too) — and, where its boundary stops it,
 * `Delete…PermissionsBoundary` / `Put…PermissionsBoundary` on itself, or `CreatePolicyVersion` /
 * `SetDefaultPolicyVersion` of its customer managed boundary policy, becomes
 * an administrator of its account *within what its boundary and SCPs still allow*: the edge goes
 * to its account node only when the engine's administrator test passes with the changed policies
 * (`isAdministrator`), its Deny statements, boundary (unless removed) and SCPs unchanged.
 * `AttachUserPolicy` is decided with `iam:PolicyARN` = AdministratorAccess and
 * `Put…PermissionsBoundary` with `iam:PermissionsBoundary` = AdministratorAccess: the attacker
 * picks the policy, and AdministratorAccess always exists.
 *
 * Another principal: a principal that may put or attach a policy on a user or role it can also
 * act as (a direct `can-assume` or `can-escalate` edge to it), or create or set the default
 * version of a customer managed policy attached to it, becomes an administrator through it,
 * within that principal's boundary and SCPs.
 */
import { isAdministrator } from '../../../authorize/is-administrator.js';
import type {
  AuthzModel,
  CallerProfile,
  Evidence,
  GroupProfile,
} from '../../../authorize/types.js';
import { compilePolicy } from '../../../policy/index.js';
import type { CompiledPolicy } from '../../../policy/types.js';
import { PermissionIndex, rolePatternKey } from '../../index/permission-index.js';
import type { EscalationContext, Step } from './escalation-context.js';
import { stepOfEdge } from './escalation-context.js';
import { newPolicyAttachments } from './new-policy.js';
import type { OtherVersion } from './policy-versions.js';

export const SELF_ESCALATION_ACTIONS = [
  'iam:PutUserPolicy',
  'iam:AttachUserPolicy',
  'iam:PutRolePolicy',
  'iam:AttachRolePolicy',
  'iam:PutGroupPolicy',
  'iam:AttachGroupPolicy',
  'iam:AddUserToGroup',
  'iam:CreatePolicyVersion',
  'iam:SetDefaultPolicyVersion',
  'iam:DeleteUserPermissionsBoundary',
  'iam:DeleteRolePermissionsBoundary',
  'iam:PutUserPermissionsBoundary',
  'iam:PutRolePermissionsBoundary',
] as const;

const ADD_USER_TO_GROUP = ['iam:AddUserToGroup'] as const;

const OTHER_ACTIONS = [
  'iam:PutUserPolicy',
  'iam:AttachUserPolicy',
  'iam:PutRolePolicy',
  'iam:AttachRolePolicy',
] as const;

const VERSION_ACTIONS = ['iam:CreatePolicyVersion', 'iam:SetDefaultPolicyVersion'] as const;

/** How an attacker acts as another principal: its best direct edge to it. */
interface ActAs {
  action: string;
  decision: 'allow' | 'conditional';
  keys: readonly string[];
  evidence: readonly Evidence[];
}

/** One way of changing a principal's identity side (or its boundary, by a new default version). */
interface Gain {
  actions: string[];
  steps: Step[];
  /** The policies the principal holds afterwards, besides its own. */
  added: readonly CompiledPolicy[];
  /** A managed policy whose default version changes: it is replaced wherever it is attached. */
  version?: OtherVersion;
  notes?: readonly string[];
}

/**
 * Per model (one analysis), AdministratorAccess by partition. Not one per process: the evidence
 * that cites a shared policy is interned on it (authorize/evidence.ts), and the account
 * administrators cite it for every resource of every account — a process-wide policy would keep
 * every analysis's citations for as long as a server runs.
 */
const ADMIN_POLICIES = new WeakMap<AuthzModel, Map<string, CompiledPolicy>>();

/** AdministratorAccess, as the attacker would attach or write it, for the analysis of `model`. */
export function administratorPolicy(model: AuthzModel, partition: string): CompiledPolicy {
  let byPartition = ADMIN_POLICIES.get(model);
  if (byPartition === undefined)
    ADMIN_POLICIES.set(model, (byPartition = new Map<string, CompiledPolicy>()));
  let p = byPartition.get(partition);
  if (!p) {
    p = compilePolicy(
      { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }] },
      {
        kind: 'identity',
        name: 'AdministratorAccess (added by the escalation)',
        arn: administratorAccessArn(partition),
      },
    );
    byPartition.set(partition, p);
  }
  return p;
}

export function administratorAccessArn(partition: string): string {
  return `arn:${partition}:iam::aws:policy/AdministratorAccess`;
}

function partitionOf(p: CallerProfile): string {
  return p.caller.type === 'user' || p.caller.type === 'role-session' ? p.caller.partition : 'aws';
}

/**
 * The principal with `added` identity policies, `version` in place of its policy (as an identity
 * policy and as the boundary, wherever it is attached) and, when `dropBoundary`, no boundary.
 */
/** `p` holding AdministratorAccess besides its own policies (boundary, Denies and SCPs unchanged). */
export function withAdministratorAccess(model: AuthzModel, p: CallerProfile): CallerProfile {
  return changed(p, [administratorPolicy(model, partitionOf(p))], false);
}

function changed(
  p: CallerProfile,
  added: readonly CompiledPolicy[],
  dropBoundary: boolean,
  version?: OtherVersion,
): CallerProfile {
  const own =
    version === undefined
      ? p.identityPolicies
      : p.identityPolicies.map((x) => (x.ref.arn === version.policyArn ? version.identity : x));
  const out: CallerProfile = { ...p, identityPolicies: [...own, ...added] };
  if (version !== undefined && p.permissionsBoundary?.ref.arn === version.policyArn)
    out.permissionsBoundary = version.boundary;
  if (dropBoundary && p.permissionsBoundary) {
    delete out.permissionsBoundary;
    if (p.caller.type === 'user' || p.caller.type === 'role-session') {
      const { hasPermissionsBoundary: _dropped, ...caller } = p.caller;
      out.caller = caller;
    }
  }
  return out;
}

function groupsOf(esc: EscalationContext, p: CallerProfile): GroupProfile[] {
  const groups = esc.build.model.groups;
  if (p.caller.type !== 'user' || !groups) return [];
  const user = esc.user(p.key);
  if (!user) return [];
  const out: GroupProfile[] = [];
  for (const g of groups.values())
    if (g.accountId === user.accountId && user.groups.includes(g.name)) out.push(g);
  return out;
}

function isCustomerManaged(arn: string | undefined): arn is string {
  return arn !== undefined && arn.includes(':policy/') && !arn.includes(':iam::aws:policy/');
}

/** The customer managed policies attached to `p` (directly or through its groups). */
function customerManaged(p: CallerProfile): string[] {
  const out: string[] = [];
  for (const policy of p.identityPolicies) {
    const arn = policy.ref.arn;
    if (isCustomerManaged(arn) && !out.includes(arn)) out.push(arn);
  }
  return out;
}

/** `customerManaged(p)` and, when it is customer managed too, `p`'s boundary policy. */
function customerManagedWithBoundary(p: CallerProfile): string[] {
  const arns = customerManaged(p);
  const boundaryArn = p.permissionsBoundary?.ref.arn;
  if (isCustomerManaged(boundaryArn) && !arns.includes(boundaryArn)) arns.push(boundaryArn);
  return arns;
}

/**
 * The ways of changing the default version of a customer managed policy attached to `p` (its
 * identity policies and its boundary): `iam:SetDefaultPolicyVersion` to each other version the
 * snapshot holds. `iam:CreatePolicyVersion` of an identity policy is a plain gain of
 * AdministratorAccess (gains); of the boundary policy, a boundary lift (boundaryLifts).
 */
function versionChanges(esc: EscalationContext, p: CallerProfile, accountId: string): Gain[] {
  const arns = customerManagedWithBoundary(p);
  const out: Gain[] = [];
  const facts = esc.accountFacts(accountId);
  for (const arn of arns) {
    const versions = esc.policyVersions.of(arn);
    if (versions.length === 0) continue;
    const step = esc.decide(p, 'iam:SetDefaultPolicyVersion', arn, accountId, facts);
    if (step.result.decision === 'deny') continue;
    for (const version of versions)
      out.push({
        actions: ['iam:SetDefaultPolicyVersion'],
        steps: [step],
        added: [],
        version,
        notes: [`version ${version.versionId} of ${arn} becomes the default`],
      });
  }
  return out;
}

/**
 * The ways `p` may add policies to itself (each decided; denied ones dropped). `joinGroups`:
 * also `iam:AddUserToGroup` into each other group of its account (left out of a second change,
 * which already starts from every group the first could join).
 */
function gains(
  esc: EscalationContext,
  p: CallerProfile,
  accountId: string,
  joinGroups = true,
): Gain[] {
  const partition = partitionOf(p);
  const admin = [administratorPolicy(esc.build.model, partition)];
  const adminArn = administratorAccessArn(partition);
  const selfFacts = esc.principalFacts(p);
  const out: Gain[] = [];
  const consider = (actions: string[], steps: Step[], added: readonly CompiledPolicy[]): void => {
    if (steps.every((s) => s.result.decision !== 'deny')) out.push({ actions, steps, added });
  };
  const one = (
    action: string,
    resource: string,
    known?: Record<string, string>,
    f = selfFacts,
  ): Step => esc.decide(p, action, resource, accountId, f, known ? { known } : {});
  const policyArn = { 'iam:PolicyARN': adminArn };
  // AdministratorAccess attached; where the attach is denied for it (an iam:PolicyARN
  // condition), a policy the attacker creates allowing * on * (new-policy.ts).
  const attachOrNew = (action: string, target: string, f: typeof selfFacts): void => {
    const step = one(action, target, policyArn, f);
    if (step.result.decision !== 'deny') {
      consider([action], [step], admin);
      return;
    }
    for (const steps of newPolicyAttachments(esc, p, accountId, partition, action, target, f))
      consider(['iam:CreatePolicy', action], steps, admin);
  };
  if (p.caller.type === 'user') {
    consider(['iam:PutUserPolicy'], [one('iam:PutUserPolicy', p.key)], admin);
    attachOrNew('iam:AttachUserPolicy', p.key, selfFacts);
    const mine = groupsOf(esc, p);
    const groupFacts = esc.accountFacts(accountId);
    for (const g of mine) {
      consider(
        ['iam:PutGroupPolicy'],
        [one('iam:PutGroupPolicy', g.arn, undefined, groupFacts)],
        admin,
      );
      attachOrNew('iam:AttachGroupPolicy', g.arn, groupFacts);
    }
    if (joinGroups && esc.holdsAny(p, ADD_USER_TO_GROUP))
      for (const g of esc.build.model.groups?.values() ?? []) {
        if (g.accountId !== accountId || mine.includes(g)) continue;
        consider(
          ['iam:AddUserToGroup'],
          [one('iam:AddUserToGroup', g.arn, undefined, groupFacts)],
          g.identityPolicies,
        );
      }
  } else {
    consider(['iam:PutRolePolicy'], [one('iam:PutRolePolicy', p.key)], admin);
    attachOrNew('iam:AttachRolePolicy', p.key, selfFacts);
  }
  const policyFacts = esc.accountFacts(accountId);
  for (const arn of customerManaged(p))
    consider(
      ['iam:CreatePolicyVersion'],
      [one('iam:CreatePolicyVersion', arn, undefined, policyFacts)],
      admin,
    );
  out.push(...versionChanges(esc, p, accountId));
  return out;
}

/** The ways `p` may lift its boundary (none when it has none). */
function boundaryLifts(esc: EscalationContext, p: CallerProfile, accountId: string): Gain[] {
  if (!p.permissionsBoundary) return [];
  const user = p.caller.type === 'user';
  const facts = esc.principalFacts(p);
  const del = user ? 'iam:DeleteUserPermissionsBoundary' : 'iam:DeleteRolePermissionsBoundary';
  const put = user ? 'iam:PutUserPermissionsBoundary' : 'iam:PutRolePermissionsBoundary';
  const out: Gain[] = [];
  for (const [action, known] of [
    [del, undefined],
    [put, { 'iam:PermissionsBoundary': administratorAccessArn(partitionOf(p)) }],
  ] as const) {
    const step = esc.decide(p, action, p.key, accountId, facts, known ? { known } : {});
    if (step.result.decision !== 'deny') out.push({ actions: [action], steps: [step], added: [] });
  }
  // A new default version of a customer managed boundary policy: the caller writes it, so it
  // can allow everything (a boundary of AdministratorAccess is no boundary).
  const boundaryArn = p.permissionsBoundary.ref.arn;
  if (isCustomerManaged(boundaryArn)) {
    const step = esc.decide(
      p,
      'iam:CreatePolicyVersion',
      boundaryArn,
      accountId,
      esc.accountFacts(accountId),
    );
    if (step.result.decision !== 'deny')
      out.push({ actions: ['iam:CreatePolicyVersion'], steps: [step], added: [] });
  }
  return out;
}

/**
 * Adds self-escalation edges (principal → its account node). Must run before the other
 * techniques: a principal with an `allow` edge becomes an owner, whose same-account techniques
 * add nothing.
 */
export function addSelfEscalationEdges(esc: EscalationContext): void {
  const { model, accounts } = esc.build;
  for (const p of esc.attackers()) {
    if (p.accountId === undefined || p.serviceLinked || esc.admins.has(p.key)) continue;
    if (!esc.holdsAny(p, SELF_ESCALATION_ACTIONS)) continue;
    const accountId = p.accountId;
    const accountKey = accounts.ensureAccount(accountId);
    const lifts = boundaryLifts(esc, p, accountId);
    const record = (actions: string[], steps: Step[], notes: readonly string[] = []): void => {
      const added = esc.addEdge(p.key, accountKey, actions.join('+'), steps, {
        notes: ['self-escalation', ...notes],
      });
      if (added && steps.every((s) => s.result.decision === 'allow')) esc.owners.add(p.key);
    };
    const admin = administratorPolicy(model, partitionOf(p));
    for (const g of gains(esc, p, accountId)) {
      const after = changed(p, g.added, false, g.version);
      if (isAdministrator(after, model)) {
        record(g.actions, g.steps, g.notes);
        continue;
      }
      if (lifts.length > 0 && isAdministrator(changed(p, g.added, true, g.version), model)) {
        for (const l of lifts)
          record([...g.actions, ...l.actions], [...g.steps, ...l.steps], g.notes);
        continue;
      }
      // A change that grants other permissions than AdministratorAccess (a group's policies,
      // another version of a policy) may grant a further change of its own permissions (a group
      // allowing iam:*): that second change is decided with the policies the first one gave.
      if (g.added.includes(admin) || !esc.holdsAny(after, SELF_ESCALATION_ACTIONS)) continue;
      for (const g2 of gains(esc, after, accountId, false))
        if (isAdministrator(changed(after, g2.added, false, g2.version), model))
          record(
            [...g.actions, ...g2.actions],
            [...g.steps, ...g2.steps],
            [...(g.notes ?? []), ...(g2.notes ?? [])],
          );
    }
    if (lifts.length > 0 && isAdministrator(changed(p, [], true), model))
      for (const l of lifts) record(l.actions, l.steps);
  }
}

/** How `attacker` acts as `target`: its best direct `can-assume` / `can-escalate` edge to it. */
function actAs(esc: EscalationContext, attacker: string, target: string): ActAs | undefined {
  let via: ActAs | undefined;
  // Out-edges only: forEachDirectedEdge(a, b) also yields the edges from b to a.
  esc.build.graph.forEachOutEdge(attacker, target, (_k, a) => {
    if (a.kind !== 'can-assume' && a.kind !== 'can-escalate') return;
    if (via === undefined || (via.decision === 'conditional' && a.decision === 'allow'))
      via = {
        action:
          a.kind === 'can-assume'
            ? (a.action ?? 'sts:AssumeRole')
            : (a.technique ?? 'can-escalate'),
        decision: a.decision,
        keys: a.conditionKeys,
        evidence: a.evidence,
      };
  });
  return via;
}

/**
 * Adds edges for a principal that changes the policies of another principal it can act as
 * (attacker → the other principal's account node, `via` the other principal). Runs after the
 * assume-role, credential and trust-rewrite edges exist.
 */
export function addOtherPrincipalPolicyEdges(esc: EscalationContext): void {
  const { model, accounts } = esc.build;
  const index = new PermissionIndex(esc.attackers(), OTHER_ACTIONS, rolePatternKey);
  const versionIndex = new PermissionIndex(esc.attackers(), VERSION_ACTIONS, rolePatternKey);
  const becomesAdmin = new Map<string, boolean>();
  /** Whether `target` with AdministratorAccess added passes the administrator test. */
  const adminWhenGranted = (target: CallerProfile): boolean => {
    let admin = becomesAdmin.get(target.key);
    if (admin === undefined) {
      admin = isAdministrator(withAdministratorAccess(model, target), model);
      becomesAdmin.set(target.key, admin);
    }
    return admin;
  };
  for (const target of model.principals.values()) {
    if (target.accountId === undefined || target.serviceLinked || esc.admins.has(target.key))
      continue;
    if (!esc.inScope(target.accountId)) continue;
    const accountId = target.accountId;
    const partition = partitionOf(target);
    const candidates = index.candidates(accountId, target.key, accountId);
    if (candidates.size > 0) {
      const user = target.caller.type === 'user';
      const facts = esc.principalFacts(target);
      for (const attacker of candidates) {
        if (attacker.key === target.key) continue;
        const via = actAs(esc, attacker.key, target.key);
        if (via === undefined) continue;
        if (!adminWhenGranted(target)) continue;
        const actions = user
          ? (['iam:PutUserPolicy', 'iam:AttachUserPolicy'] as const)
          : (['iam:PutRolePolicy', 'iam:AttachRolePolicy'] as const);
        for (const action of actions) {
          const known = action.startsWith('iam:Attach')
            ? { known: { 'iam:PolicyARN': administratorAccessArn(partition) } }
            : {};
          const step = esc.decide(attacker, action, target.key, accountId, facts, known);
          // An attach its iam:PolicyARN condition denies for AdministratorAccess: a policy the
          // attacker creates (new-policy.ts).
          const ways =
            step.result.decision !== 'deny'
              ? [[step]]
              : action.startsWith('iam:Attach')
                ? newPolicyAttachments(
                    esc,
                    attacker,
                    accountId,
                    partition,
                    action,
                    target.key,
                    facts,
                  )
                : [];
          const through = stepOfEdge(via.action, target.key, via.decision, via.keys, via.evidence);
          for (const steps of ways)
            esc.addEdge(
              attacker.key,
              accounts.ensureAccount(accountId),
              [...steps.map((x) => x.action), via.action].join('+'),
              [...steps, through],
              { via: target.key },
            );
        }
      }
    }
    addOtherVersionEdges(esc, versionIndex, target, adminWhenGranted);
  }
}

/**
 * `iam:CreatePolicyVersion` / `iam:SetDefaultPolicyVersion` of a customer managed policy attached
 * to `target` (an identity policy or its boundary), by a principal that can act as `target`.
 */
function addOtherVersionEdges(
  esc: EscalationContext,
  index: PermissionIndex,
  target: CallerProfile,
  adminWhenGranted: (target: CallerProfile) => boolean,
): void {
  const { model, accounts } = esc.build;
  const accountId = target.accountId;
  if (accountId === undefined) return;
  const identityArns = customerManaged(target);
  const facts = esc.accountFacts(accountId);
  for (const arn of customerManagedWithBoundary(target)) {
    const candidates = index.candidates(accountId, arn, accountId);
    if (candidates.size === 0) continue;
    // What each change makes of the target: a new version written by the attacker (an identity
    // policy becomes AdministratorAccess; a boundary stops limiting), or another stored version.
    const outcomes: { action: string; admin: boolean; version?: OtherVersion }[] = [];
    outcomes.push({
      action: 'iam:CreatePolicyVersion',
      admin: identityArns.includes(arn)
        ? adminWhenGranted(target)
        : isAdministrator(changed(target, [], true), model),
    });
    for (const version of esc.policyVersions.of(arn))
      outcomes.push({
        action: 'iam:SetDefaultPolicyVersion',
        admin: isAdministrator(changed(target, [], false, version), model),
        version,
      });
    if (!outcomes.some((o) => o.admin)) continue;
    for (const attacker of candidates) {
      if (attacker.key === target.key) continue;
      const via = actAs(esc, attacker.key, target.key);
      if (via === undefined) continue;
      for (const o of outcomes) {
        if (!o.admin) continue;
        const step = esc.decide(attacker, o.action, arn, accountId, facts);
        if (step.result.decision === 'deny') continue;
        esc.addEdge(
          attacker.key,
          accounts.ensureAccount(accountId),
          `${o.action}+${via.action}`,
          [step, stepOfEdge(via.action, target.key, via.decision, via.keys, via.evidence)],
          {
            via: target.key,
            ...(o.version !== undefined
              ? { notes: [`version ${o.version.versionId} of ${arn} becomes the default`] }
              : {}),
          },
        );
      }
    }
  }
}

/**
 * What the privilege-escalation techniques share (DESIGN.md "The access graph", `can-escalate`):
 * deciding one permission of a technique with the engine (`authorizeAction`, caller-chosen keys
 * settled), the facts of IAM users, roles, policies and workloads as resources, the principals
 * that already own their account (administrators and certain self-escalators: techniques from
 * them inside their account add nothing), and recording a technique as one edge whose evidence
 * lists every permission it used.
 */
import { authorizeAction, resourceFactTable } from '../../../authorize/index.js';
import type { FactTable } from '../../../authorize/authz-context.js';
import { settleCallerChosenKeys } from '../../../authorize/caller-chosen-keys.js';
import type {
  AuthorizationResult,
  CallerProfile,
  ContextOptions,
  Evidence,
  RoleProfile,
} from '../../../authorize/types.js';
import type { CompiledPolicy, CompiledStatement, ContextValue } from '../../../policy/types.js';
import { statementMatchesAction } from '../../../policy/index.js';
import { statementView } from '../../index/statement-views.js';
import type { Snapshot, User, Workload } from '../../../snapshot/types.js';
import { PolicyVersions } from './policy-versions.js';
import { addDecisionEdge, type BuildContext } from '../../build-context.js';
import { sortedKeys } from '../../../authorize/tri.js';

/** One permission a technique used, decided. */
export interface Step {
  action: string;
  resource: string;
  result: AuthorizationResult;
}

const OPTIONS: ContextOptions = { otherKeys: 'unknown' };

/**
 * A rebuild of the escalation edges of some accounts only (what-if, shared/what-if/
 * rebuild-incremental.ts), on a graph whose other escalation edges are already built. Every
 * technique but a workload takeover acts inside one account (the attacker, its target, the
 * policies, groups and roles it uses, the edges it acts through): only attackers and targets of
 * `accounts` are considered. A workload's edges depend on the attacker's account, the workload's
 * and its role's: `workloads` are built whole (node, `runs-as`, every attacker); any other workload
 * with a resource policy gets the edges of the attackers of `accounts`.
 */
export interface EscalationScope {
  accounts: ReadonlySet<string>;
  workloads: ReadonlySet<string>;
}

export class EscalationContext {
  /** Principals that are administrators of their account, by key. */
  readonly admins = new Set<string>();
  /** Principals with an `allow` edge to their own account node (administrators included). */
  readonly owners = new Set<string>();
  /** Non-default versions of customer managed policies (`iam:SetDefaultPolicyVersion`). */
  readonly policyVersions: PolicyVersions;
  private readonly usersByArn = new Map<string, User>();
  private readonly facts = new Map<string, FactTable>();
  private readonly holds = new Map<
    readonly string[],
    WeakMap<readonly CompiledStatement[], boolean>
  >();

  constructor(
    readonly build: BuildContext,
    readonly snapshot: Snapshot,
    admins: ReadonlyMap<string, readonly CallerProfile[]>,
    /** Every action any technique uses (a principal holding none of them is no attacker). */
    private readonly escalationActions: readonly string[],
    /** Build only these accounts' edges (the others are in the graph already). */
    readonly scope?: EscalationScope,
  ) {
    for (const list of admins.values())
      for (const p of list) {
        this.admins.add(p.key);
        this.owners.add(p.key);
      }
    for (const account of snapshot.accounts.values())
      for (const u of account.users) this.usersByArn.set(u.arn, u);
    this.policyVersions = new PolicyVersions(snapshot);
  }

  private escalators: CallerProfile[] | undefined;
  private everyEscalator: CallerProfile[] | undefined;

  /** Whether the edges of targets in this account are built (always, without a scope). */
  inScope(accountId: string | undefined): boolean {
    return (
      this.scope === undefined || (accountId !== undefined && this.scope.accounts.has(accountId))
    );
  }

  /**
   * The principals that may use some technique: not an owner of its account, and holding one of
   * the techniques' actions in an Allow statement (most principals hold none; the technique indexes
   * are built over these only). With a scope, those of its accounts.
   */
  attackers(): CallerProfile[] {
    if (this.scope === undefined) return this.allAttackers();
    if (this.escalators === undefined) {
      this.escalators = [];
      for (const id of this.scope.accounts)
        for (const p of this.build.principalsByAccount.get(id) ?? [])
          if (this.holdsAny(p, this.escalationActions)) this.escalators.push(p);
    }
    return this.escalators.filter((p) => !this.owners.has(p.key));
  }

  /**
   * The attackers of every account. With a scope, whether a principal outside it owns its account
   * is read from the graph: its `administrator` or self-escalation edge (`allow`, not through
   * another principal) to its account node, built with the rest of its account's edges.
   */
  allAttackers(): CallerProfile[] {
    this.everyEscalator ??= [...this.build.model.principals.values()].filter((p) =>
      this.holdsAny(p, this.escalationActions),
    );
    return this.everyEscalator.filter(
      (p) => !this.owners.has(p.key) && (this.inScope(p.accountId) || !this.ownsInGraph(p)),
    );
  }

  private ownsInGraph(p: CallerProfile): boolean {
    const { graph, accounts } = this.build;
    if (p.accountId === undefined || !graph.hasNode(p.key)) return false;
    const account = accounts.ensureAccount(p.accountId);
    let owns = false;
    // Out-edges only: the account node's `administrator-owns-account` edges point the other way.
    graph.forEachOutEdge(p.key, account, (_k, a) => {
      if (a.kind === 'can-escalate' && a.decision === 'allow' && a.via === undefined) owns = true;
    });
    return owns;
  }

  user(arn: string): User | undefined {
    return this.usersByArn.get(arn);
  }

  /** Whether some Allow statement of `p`'s identity policies names one of `actions` (cheap filter). */
  holdsAny(p: CallerProfile, actions: readonly string[]): boolean {
    if (!p.policiesKnown) return false;
    // Keyed by the list itself: callers pass constant lists (joining them per call cost more
    // than the test).
    let cache = this.holds.get(actions);
    if (!cache) this.holds.set(actions, (cache = new WeakMap()));
    for (const policy of p.identityPolicies) {
      // Statement lists are shared by every policy with the same text: decided once each.
      let v = cache.get(policy.statements);
      if (v === undefined) {
        v = policy.statements.some(
          (stmt) =>
            stmt.effect === 'Allow' &&
            mayNameService(stmt, servicesOf(actions)) &&
            actions.some((a) => statementMatchesAction(stmt, a)),
        );
        cache.set(policy.statements, v);
      }
      if (v) return true;
    }
    return false;
  }

  /** Facts of an IAM user as a resource: its account and tags. */
  userFacts(user: User): FactTable {
    return this.memo(user.arn, () => {
      // Tag keys are data: no prototype.
      const keys = Object.create(null) as Record<string, ContextValue>;
      keys['aws:ResourceAccount'] = user.accountId;
      for (const [k, v] of Object.entries(user.tags)) {
        keys[`aws:ResourceTag/${k}`] = v;
        keys[`iam:ResourceTag/${k}`] = v;
      }
      return resourceFactTable(keys, true);
    });
  }

  /** Facts of a user or role (given as a caller profile) as a resource. */
  principalFacts(p: CallerProfile): FactTable {
    const user = this.usersByArn.get(p.key);
    if (user) return this.userFacts(user);
    const role = this.build.model.roles.get(p.key);
    if (role) return this.roleFacts(role);
    return this.accountFacts(p.accountId ?? '');
  }

  /** Facts of a role as a resource (its profile's resource keys). */
  roleFacts(role: RoleProfile): FactTable {
    return this.memo(role.arn, () => resourceFactTable(role.resourceContextKeys, true));
  }

  /**
   * Facts of a workload as the resource of a call on it: an EC2 instance whose tags the snapshot
   * holds (workloads.json `Tags`) has them as `aws:ResourceTag/…`, `ec2:ResourceTag/…` and
   * `ssm:resourceTag/…` — the keys EC2, EC2 Instance Connect and Systems Manager document for the
   * instance resource type (IAM-SEMANTICS.md E.3) — and a key it lacks is known absent; any other
   * workload, or an instance whose tags are unknown, has only its account (`accountFacts`).
   */
  workloadFacts(w: Workload, accountId: string): FactTable {
    const tags = w.type === 'ec2-instance' ? w.tags : undefined;
    if (tags === undefined) return this.accountFacts(accountId);
    return this.memo(`workload:${w.arn}`, () => {
      // Tag keys are data: no prototype.
      const keys = Object.create(null) as Record<string, ContextValue>;
      keys['aws:ResourceAccount'] = accountId;
      for (const [k, v] of Object.entries(tags)) {
        keys[`aws:ResourceTag/${k}`] = v;
        keys[`ec2:ResourceTag/${k}`] = v;
        keys[`ssm:resourceTag/${k}`] = v;
      }
      return resourceFactTable(keys, true);
    });
  }

  /** Facts of a resource the call creates: in `accountId`, with no tags yet (`…:ResourceTag/…` absent). */
  newResourceFacts(accountId: string): FactTable {
    return this.memo(`new:${accountId}`, () =>
      resourceFactTable({ 'aws:ResourceAccount': accountId }, true),
    );
  }

  /** Facts of a resource whose tags are not in the snapshot (policies, groups, workloads, new resources). */
  accountFacts(accountId: string): FactTable {
    return this.memo(`account:${accountId}`, () =>
      resourceFactTable({ 'aws:ResourceAccount': accountId }, false),
    );
  }

  private memo(key: string, make: () => FactTable): FactTable {
    let f = this.facts.get(key);
    if (!f) this.facts.set(key, (f = make()));
    return f;
  }

  /** Decides one permission of a technique. */
  decide(
    caller: CallerProfile,
    action: string,
    resource: string,
    resourceAccountId: string,
    facts: FactTable,
    extra: {
      known?: Readonly<Record<string, ContextValue>>;
      /** Request keys the technique leaves out of its call. */
      absent?: readonly string[];
      resourcePolicy?: CompiledPolicy;
    } = {},
  ): Step {
    this.build.stats.evaluations++;
    const context: ContextOptions =
      extra.known || extra.absent
        ? {
            ...OPTIONS,
            ...(extra.known ? { known: extra.known } : {}),
            ...(extra.absent ? { absent: extra.absent } : {}),
          }
        : OPTIONS;
    const result = settleCallerChosenKeys(
      authorizeAction({
        action,
        resource,
        resourceAccountId,
        caller,
        model: this.build.model,
        resourceFacts: facts,
        context,
        ...(extra.resourcePolicy ? { resourcePolicy: extra.resourcePolicy } : {}),
      }),
    );
    return { action, resource, result };
  }

  /**
   * Records a technique as a `can-escalate` edge from `source` to `target` when every step is
   * allowed or conditional. Its decision is `conditional` when a step is; its evidence is every
   * step's, each naming its action.
   */
  addEdge(
    source: string,
    target: string,
    technique: string,
    steps: readonly Step[],
    extra: {
      workload?: string;
      via?: string;
      evidence?: readonly Evidence[];
      notes?: readonly string[];
    } = {},
  ): boolean {
    const combined = combineSteps(steps, extra.evidence ?? [], extra.notes ?? []);
    if (combined.decision === 'deny') return false;
    const attrs: Parameters<typeof addDecisionEdge>[6] = { technique };
    if (extra.workload !== undefined) attrs.workload = extra.workload;
    if (extra.via !== undefined) attrs.via = extra.via;
    const variant = [technique, extra.workload ?? '', extra.via ?? ''].join('|');
    return addDecisionEdge(this.build, 'can-escalate', source, target, variant, combined, attrs);
  }
}

const SERVICES = new WeakMap<readonly string[], ReadonlySet<string>>();

/** The services of a list of actions (`iam` of `iam:PassRole`), lower-cased. */
function servicesOf(actions: readonly string[]): ReadonlySet<string> {
  let set = SERVICES.get(actions);
  if (!set) {
    set = new Set(actions.map((a) => a.slice(0, a.indexOf(':')).toLowerCase()));
    SERVICES.set(actions, set);
  }
  return set;
}

/**
 * Cheap rejection: false when every Action pattern of the statement names a literal service
 * outside `services` (most statements: s3, dynamodb …); NotAction and wildcard services may match.
 */
function mayNameService(stmt: CompiledStatement, services: ReadonlySet<string>): boolean {
  const view = statementView(stmt);
  if (view.actions === undefined) return true;
  for (const a of view.actions) {
    const i = a.indexOf(':');
    if (i < 0) return true;
    const service = a.slice(0, i).toLowerCase();
    if (/[*?]/.test(service) || services.has(service)) return true;
  }
  return false;
}

/** All steps must be allowed: deny if one is denied, conditional if one is, else allow. */
export function combineSteps(
  steps: readonly Step[],
  extraEvidence: readonly Evidence[],
  extraNotes: readonly string[],
): AuthorizationResult {
  let decision: AuthorizationResult['decision'] = 'allow';
  const keys: string[] = [];
  const evidence: Evidence[] = [];
  const notes: string[] = [...extraNotes];
  for (const s of steps) {
    if (s.result.decision === 'deny') decision = 'deny';
    else if (s.result.decision === 'conditional' && decision === 'allow') decision = 'conditional';
    if (s.result.decision === 'conditional') keys.push(...s.result.conditionKeys);
    for (const e of s.result.evidence)
      evidence.push(e.action === undefined ? { ...e, action: s.action } : e);
    for (const n of s.result.notes) if (!notes.includes(n)) notes.push(n);
  }
  evidence.push(...extraEvidence);
  return {
    decision,
    conditionKeys: decision === 'conditional' ? sortedKeys(keys) : [],
    evidence,
    notes,
  };
}

/** A step that is certainly allowed, to combine an existing edge's decision. */
export function stepOfEdge(
  action: string,
  resource: string,
  decision: 'allow' | 'conditional',
  conditionKeys: readonly string[],
  evidence: readonly Evidence[],
): Step {
  return { action, resource, result: { decision, conditionKeys, evidence, notes: [] } };
}

/** The technique name of a list of actions. */
export function techniqueOf(actions: readonly string[]): string {
  return actions.join('+');
}

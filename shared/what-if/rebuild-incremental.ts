/**
 * The access graph after a change, rebuilt only where the change can matter (docs/what-if.md
 * "Incremental rebuild"). The result must equal a full rebuild's edges and node attributes; the
 * tests compare both on varied changes.
 *
 * Which edges a change can alter, by what the graph builder decides them from:
 * - `can-assume` edges into a role depend on the role (trust policy, tags, RCPs, registered
 *   providers) and on each candidate caller (its identity policies, boundary, SCPs, facts).
 * - `can-access` edges into a bucket depend on the bucket (policy, ACL, Block Public Access) and on
 *   each candidate caller.
 * So the targets rebuilt from every candidate are: roles whose trust or facts changed, created
 * roles, roles of an account whose OIDC providers changed, buckets whose policy changed, changed
 * Lambda functions. For every role, bucket and resource that a changed, created or deleted
 * principal had an edge into before, or whose policy could admit such a principal after (a
 * policy naming `*`, its account, its ARN or a session of it; a bucket or resource of its
 * account), only the edges out of the changed principals are rebuilt: the same functions run
 * with the candidates and same-account principals restricted to them. Edges are removed and
 * added again by the same functions as a full build, with the same context. `member-of` edges
 * of edited accounts' users, node attributes of their principals, and the administrator mark of
 * changed principals are recomputed; deleted principals' nodes go. `can-escalate` edges are
 * rebuilt for the edited accounts, the accounts whose stack-set edges they can affect
 * (stackSetDependents), and the workloads they can affect (EscalationScope).
 *
 * The base graph is changed in place and restored by `undo()` (GraphJournal).
 *
 * Falls back to a full rebuild (reported with the reason) when a change touches what this does
 * not rebuild — IAM Identity Center permission-set roles — or when so many targets are dirty
 * that a full build is as fast.
 */
import type { AuthzModel, CallerProfile } from '../authorize/types.js';
import type { AnalysisConfig } from '../config/analysis-config.js';
import { diffEdges, listDiffEdgesOf, type EdgeDiff } from '../diff/diff-edges.js';
import { createBuildContext } from '../graph/build-access-graph.js';
import type { BuildContext } from '../graph/build-context.js';
import { addCanAccessEdgesInto, S3_INDEXED_ACTIONS } from '../graph/edges/can-access.js';
import { addCanAssumeEdgesInto } from '../graph/edges/can-assume.js';
import {
  addResourceAccessEdgesInto,
  addResourceNode,
  resourcePatternKey,
  serviceActions,
} from '../graph/edges/can-access-resource.js';
import {
  bucketPatternKey,
  PermissionIndex,
  rolePatternKey,
  type CandidateIndex,
  type PatternKey,
} from '../graph/index/permission-index.js';
import {
  principalReferences,
  type PrincipalReference,
} from '../graph/index/principal-references.js';
import { accountRootArn } from '../arn/parse-arn.js';
import { addAccountNodes, type VendorLookup } from '../graph/nodes/account-nodes.js';
import { isAdministrator } from '../authorize/is-administrator.js';
import { addCanEscalateEdges } from '../graph/edges/can-escalate/index.js';
import { trustsCloudFormation } from '../graph/edges/can-escalate/stack-sets.js';
import { EXECUTION_ROLE_PREFIX } from '../graph/edges/can-escalate/org-stack-sets.js';
import { groupAsCaller } from '../graph/nodes/admin-principals.js';
import { addPrincipalNodes } from '../graph/nodes/principal-nodes.js';
import type { AccessGraph } from '../graph/types.js';
import type { CompiledPolicy } from '../policy/types.js';
import type { Snapshot } from '../snapshot/types.js';
import type { AppliedChanges } from './apply-changes.js';
import { GraphJournal } from './graph-journal.js';
import { recompileModel } from './recompile-model.js';

export type IncrementalOutcome =
  | {
      kind: 'done';
      graph: AccessGraph;
      model: AuthzModel;
      edges: EdgeDiff;
      /** Roles and buckets whose incoming edges were rebuilt. */
      rebuiltTargets: number;
      /** Milliseconds per stage (for benchmarks). */
      stagesMs: Record<string, number>;
      /**
       * `graph` is the base graph, changed in place: `undo()` restores it exactly (same nodes,
       * edges and attribute objects). Call it once the answer is computed, also on error.
       */
      undo: () => void;
    }
  | { kind: 'fallback'; reason: string };

/** Above this share of all roles and buckets, a full build is about as fast. */
const MAX_DIRTY_SHARE = 0.2;

const ASSUME_ACTIONS: readonly string[] = ['sts:AssumeRole'];

const SSO_ROLE = ':role/aws-reserved/sso.amazonaws.com/';

/** A permission index built per caller account, on first use. */
class LazyIndex implements CandidateIndex {
  private readonly built = new Map<string, PermissionIndex>();
  constructor(
    private readonly byAccount: ReadonlyMap<string, readonly CallerProfile[]>,
    private readonly actions: readonly string[],
    private readonly keyOf: (pattern: string) => PatternKey,
  ) {}
  callerAccounts(): Iterable<string> {
    return this.byAccount.keys();
  }
  candidates(
    callerAccountId: string,
    exactKey: string,
    targetAccountId: string,
  ): Set<CallerProfile> {
    let idx = this.built.get(callerAccountId);
    if (!idx) {
      idx = new PermissionIndex(
        this.byAccount.get(callerAccountId) ?? [],
        this.actions,
        this.keyOf,
      );
      this.built.set(callerAccountId, idx);
    }
    return idx.candidates(callerAccountId, exactKey, targetAccountId);
  }
}

const REFS = new WeakMap<CompiledPolicy['statements'], PrincipalReference[]>();
function refsOf(policy: CompiledPolicy): PrincipalReference[] {
  let refs = REFS.get(policy.statements);
  if (!refs) REFS.set(policy.statements, (refs = principalReferences(policy)));
  return refs;
}

/** Whether a policy naming `refs` may admit one of the changed callers. */
function mayAdmit(
  refs: readonly PrincipalReference[],
  callers: ReadonlySet<string>,
  callerAccounts: ReadonlySet<string>,
  canonicalIds: ReadonlyMap<string, string>,
): boolean {
  for (const r of refs) {
    switch (r.type) {
      case 'wildcard':
        return true;
      case 'account':
      case 'session':
      case 'federated-user':
        if (callerAccounts.has(r.accountId)) return true;
        break;
      case 'user':
      case 'role':
        if (callers.has(r.arn) || callerAccounts.has(r.accountId)) return true;
        break;
      case 'canonical-user': {
        const id = canonicalIds.get(r.id);
        if (id !== undefined && callerAccounts.has(id)) return true;
        break;
      }
      case 'unique-id':
      case 'service':
      case 'federated':
      case 'invalid':
        break;
    }
  }
  return false;
}

/**
 * Keys of the edges a rebuild replaces: every edge of the given kinds into `fullTargets`, every
 * edge of those kinds out of `callers` into a `rebuilt` target, and the `member-of` edges out of
 * `users`.
 */
function affectedEdgeKeys(
  graph: AccessGraph,
  fullTargets: Iterable<string>,
  callers: Iterable<string>,
  rebuilt: ReadonlySet<string>,
  kinds: ReadonlySet<string>,
  users: Iterable<string>,
): Set<string> {
  const out = new Set<string>();
  for (const t of fullTargets)
    if (graph.hasNode(t))
      graph.forEachInEdge(t, (key, a) => {
        if (kinds.has(a.kind)) out.add(key);
      });
  for (const c of callers)
    if (graph.hasNode(c))
      graph.forEachOutEdge(c, (key, a, _s, target) => {
        if (kinds.has(a.kind) && rebuilt.has(target)) out.add(key);
      });
  for (const u of users)
    if (graph.hasNode(u))
      graph.forEachOutEdge(u, (key, a) => {
        if (a.kind === 'member-of' && a.identityCenter !== true) out.add(key);
      });
  return out;
}

/**
 * Keys of the `can-escalate` edges an escalation rebuild of some accounts replaces: every one out
 * of `sources` (their principals and account nodes) and every one into or out of `workloads`
 * (those built whole).
 */
function escalationKeys(
  graph: AccessGraph,
  sources: Iterable<string>,
  workloads: Iterable<string>,
): Set<string> {
  const out = new Set<string>();
  for (const s of sources)
    if (graph.hasNode(s))
      graph.forEachOutEdge(s, (key, a) => {
        if (a.kind === 'can-escalate') out.add(key);
      });
  for (const w of workloads)
    if (graph.hasNode(w))
      graph.forEachEdge(w, (key, a) => {
        if (a.kind === 'can-escalate') out.add(key);
      });
  return out;
}

/**
 * Accounts outside `changed` whose stack-set edges (stack-sets.ts) the change can alter. Those go
 * from an account's principals, through one of its CloudFormation administration roles, to the
 * roles that role may assume in any account: when such a role is rebuilt from every candidate
 * (`targets`: its trust changed, it was created or deleted), the accounts whose administration
 * roles had an edge into it before, or may be admitted by its trust after, are rebuilt too. An
 * account's own stack sets and administration roles change only with the account. A rebuilt
 * `stacksets-exec-*` role brings in the management account (service-managed stack sets).
 */
function stackSetDependents(
  base: { model: AuthzModel; graph: AccessGraph },
  model: AuthzModel,
  changed: ReadonlySet<string>,
  targets: readonly string[],
): Set<string> {
  const out = new Set<string>();
  if (targets.length === 0) return out;
  // Service-managed stack sets: the management account's principals reach member accounts'
  // `stacksets-exec-*` roles (org-stack-sets.ts).
  const mgmt = model.managementAccountId;
  if (
    mgmt !== undefined &&
    !changed.has(mgmt) &&
    targets.some((arn) => arn.slice(arn.lastIndexOf('/') + 1).startsWith(EXECUTION_ROLE_PREFIX))
  )
    out.add(mgmt);
  const adminsByAccount = new Map<string, Set<string>>();
  for (const m of [base.model, model])
    for (const role of m.roles.values()) {
      if (changed.has(role.accountId) || !trustsCloudFormation(role)) continue;
      let set = adminsByAccount.get(role.accountId);
      if (!set) adminsByAccount.set(role.accountId, (set = new Set()));
      set.add(role.arn);
    }
  if (adminsByAccount.size === 0) return out;
  for (const arn of targets) {
    if (base.graph.hasNode(arn))
      base.graph.forEachInEdge(arn, (_k, a, source) => {
        if (a.kind !== 'can-assume') return;
        const account = source.split(':')[4] ?? '';
        if (adminsByAccount.get(account)?.has(source) === true) out.add(account);
      });
    const role = model.roles.get(arn);
    if (role === undefined) continue;
    const refs = refsOf(role.trustPolicy);
    for (const [account, admins] of adminsByAccount)
      if (!out.has(account) && mayAdmit(refs, admins, new Set([account]), model.canonicalIds))
        out.add(account);
  }
  return out;
}

/** Nodes the builder adds only when a policy names them. */
function isLazyNode(
  graph: AccessGraph,
  key: string,
  scanned: ReadonlySet<string>,
  org: ReadonlySet<string>,
): boolean {
  const a = graph.getNodeAttributes(key);
  if (a.kind === 'anyone' || a.kind === 'service' || a.kind === 'idp')
    return a.identityCenter !== true;
  if (a.kind === 'account') return !scanned.has(a.accountId ?? '') && !org.has(a.accountId ?? '');
  if (a.kind === 'user' || a.kind === 'role') return a.scanned !== true || a.unresolved === true;
  return false;
}

/** Rebuilds the graph after `applied`; `fallback` when it cannot do so exactly. */
export function rebuildIncremental(
  base: { snapshot: Snapshot; model: AuthzModel; graph: AccessGraph },
  applied: AppliedChanges,
  options: { config: AnalysisConfig; lookupVendor: VendorLookup },
): IncrementalOutcome {
  const after = applied.snapshot;
  const t = applied.touched;
  const changed = new Set<string>();
  for (const [id, a] of after.accounts) if (base.snapshot.accounts.get(id) !== a) changed.add(id);
  if (after.accounts.size !== base.snapshot.accounts.size)
    return { kind: 'fallback', reason: 'the set of accounts changed' };

  const stagesMs: Record<string, number> = {};
  let mark = performance.now();
  const lap = (name: string): void => {
    const now = performance.now();
    stagesMs[name] = now - mark;
    mark = now;
  };
  const model = recompileModel(base, after, changed);
  lap('model');

  const callers = new Set<string>([...t.identityChanged, ...t.created, ...t.deleted]);
  const callerAccounts = new Set<string>();
  for (const c of callers) {
    const id = c.split(':')[4];
    if (id !== undefined && id !== '') callerAccounts.add(id);
  }
  // Targets whose own side changed: every edge into them is rebuilt, from every candidate.
  const fullRoles = new Set<string>();
  const fullBuckets = new Set<string>(t.bucketsChanged);
  const fullResources = new Set<string>();
  // A Lambda function is a resource whose node and policy come from workloads.json: a changed,
  // created or deleted function gets its node and incoming edges afresh.
  const changedFunctions = [...t.workloadsChanged].filter(
    (arn) => base.model.resources?.has(arn) === true || model.resources?.has(arn) === true,
  );
  for (const arn of changedFunctions) fullResources.add(arn);
  for (const arn of [...t.trustChanged, ...t.created]) if (model.roles.has(arn)) fullRoles.add(arn);
  for (const arn of [...t.trustChanged, ...t.created, ...t.deleted])
    if (arn.includes(SSO_ROLE))
      return { kind: 'fallback', reason: 'an IAM Identity Center permission-set role changed' };
  // A Cognito identity pool decides edges into every role whose trust names it, in any account.
  for (const arn of t.workloadsChanged)
    if (arn.includes(':cognito-identity:'))
      return { kind: 'fallback', reason: 'a Cognito identity pool changed' };
  // A registered OIDC provider decides `can-assume` edges of its account's roles; IAM Identity
  // Center's `can-sign-in` edges depend on its SAML provider only, which no change here touches.
  for (const role of model.roles.values())
    if (t.providerAccounts.has(role.accountId)) fullRoles.add(role.arn);
  // Targets whose policy is unchanged but which a changed caller reached before or may reach
  // after: only the edges out of the changed callers are rebuilt. An edge from any other source
  // into them is decided by that source and the target alone, neither of which changed.
  const dirtyRoles = new Set<string>(fullRoles);
  const dirtyBuckets = new Set<string>(fullBuckets);
  const dirtyResources = new Set<string>(fullResources);
  for (const c of callers)
    if (base.graph.hasNode(c))
      base.graph.forEachOutEdge(c, (_k, a, _s, target) => {
        if (a.kind === 'can-assume' && model.roles.has(target)) dirtyRoles.add(target);
        else if (a.kind === 'can-access' && model.buckets.has(target)) dirtyBuckets.add(target);
        else if (a.kind === 'can-access' && model.resources?.has(target) === true)
          dirtyResources.add(target);
      });
  // Targets whose policies may admit a changed caller after.
  if (callers.size > 0) {
    for (const role of model.roles.values())
      if (
        !dirtyRoles.has(role.arn) &&
        mayAdmit(refsOf(role.trustPolicy), callers, callerAccounts, model.canonicalIds)
      )
        dirtyRoles.add(role.arn);
    for (const b of model.buckets.values()) {
      if (dirtyBuckets.has(b.arn)) continue;
      const acl = b.acl?.grants.some(
        (g) =>
          (g.grantee.type === 'Group' && /\/(AllUsers|AuthenticatedUsers)$/.test(g.grantee.uri)) ||
          (g.grantee.type === 'CanonicalUser' &&
            callerAccounts.has(model.canonicalIds.get(g.grantee.id) ?? '')),
      );
      if (
        callerAccounts.has(b.accountId) ||
        acl === true ||
        (b.policy !== undefined &&
          mayAdmit(refsOf(b.policy), callers, callerAccounts, model.canonicalIds))
      )
        dirtyBuckets.add(b.arn);
    }
  }
  // Resources (resources.json): as buckets — their policies and grants do not change here.
  if (callers.size > 0)
    for (const r of model.resources?.values() ?? [])
      if (
        callerAccounts.has(r.accountId) ||
        (r.grants !== undefined && r.grants.length > 0) ||
        (r.policy !== undefined &&
          mayAdmit(refsOf(r.policy), callers, callerAccounts, model.canonicalIds))
      )
        dirtyResources.add(r.arn);
  lap('dirty');
  const total = model.roles.size + model.buckets.size;
  if (dirtyRoles.size + dirtyBuckets.size > Math.max(200, total * MAX_DIRTY_SHARE))
    return {
      kind: 'fallback',
      reason: `${String(dirtyRoles.size + dirtyBuckets.size)} of ${String(total)} roles and buckets would be rebuilt`,
    };

  // Users whose member-of edges are rebuilt: every user of an edited account.
  const users = new Set<string>();
  for (const id of changed)
    for (const u of base.snapshot.accounts.get(id)?.users ?? []) users.add(u.arn);
  for (const id of changed) for (const u of after.accounts.get(id)?.users ?? []) users.add(u.arn);
  const fullTargets = [...fullRoles, ...fullBuckets, ...fullResources, ...t.deleted];
  const rebuilt = new Set<string>([
    ...dirtyRoles,
    ...dirtyBuckets,
    ...dirtyResources,
    ...t.deleted,
  ]);
  const TARGET_KINDS = new Set(['can-assume', 'can-access', 'dangling-trust']);
  const beforeKeys = affectedEdgeKeys(
    base.graph,
    fullTargets,
    callers,
    rebuilt,
    TARGET_KINDS,
    users,
  );
  // Escalation: every technique but a workload takeover acts inside one account, and an account's
  // escalation edges depend on its own data (principals, policies, groups, roles, the edges
  // between them) and on the organization, which a plan does not change. So the edited accounts'
  // edges are rebuilt (those out of their principals and account nodes), and the workloads whose
  // account or role's account was edited are rebuilt whole; a takeover of any other workload
  // through its resource policy by an edited account's principal is an edge out of that principal.
  const partition = base.graph.getAttribute('partition') ?? 'aws';
  const escalationAccounts = new Set<string>([
    ...changed,
    ...stackSetDependents(base, model, changed, [...fullRoles, ...t.deleted]),
  ]);
  const escalationSources = new Set<string>();
  const wholeWorkloads = new Set<string>();
  for (const snap of [base.snapshot, after]) {
    for (const id of escalationAccounts) {
      const a = snap.accounts.get(id);
      escalationSources.add(accountRootArn(partition, id));
      for (const u of a?.users ?? []) escalationSources.add(u.arn);
      for (const r of a?.roles ?? []) escalationSources.add(r.arn);
    }
    for (const a of snap.accounts.values())
      for (const w of a.workloads ?? [])
        if (
          escalationAccounts.has(a.accountId) ||
          changed.has(w.arn.split(':')[4] ?? '') ||
          (w.roleArn !== undefined && changed.has(w.roleArn.split(':')[4] ?? ''))
        )
          wholeWorkloads.add(w.arn);
  }
  const escalationBefore = escalationKeys(base.graph, escalationSources, wholeWorkloads);
  for (const key of escalationBefore) beforeKeys.add(key);
  const before = listDiffEdgesOf(base.graph, beforeKeys);

  // The base graph is changed in place and restored by `undo()` (or here, on any error).
  const graph = base.graph;
  const journal = new GraphJournal(graph);
  const added: string[] = [];
  const onNodeAdded = ({ key }: { key: string }): void => {
    added.push(key);
  };
  try {
    // Escalation edges read the graph (administrators, owners, the assume-role edges): they are
    // rebuilt by the builder's own function once the rest is right.
    const endpoints = new Set<string>();
    for (const key of escalationBefore)
      if (graph.hasEdge(key)) {
        endpoints.add(graph.source(key));
        graph.dropEdge(key);
      }
    // A workload built whole gets its node afresh (a Lambda function's node is its resource node).
    for (const w of wholeWorkloads)
      if (graph.hasNode(w) && graph.getNodeAttribute(w, 'kind') === 'workload') graph.dropNode(w);
    graph.on('nodeAdded', onNodeAdded);
    for (const key of beforeKeys) {
      if (!graph.hasEdge(key)) continue;
      endpoints.add(graph.source(key));
      graph.dropEdge(key);
    }
    for (const d of t.deleted) if (graph.hasNode(d)) graph.dropNode(d);
    for (const arn of changedFunctions) if (graph.hasNode(arn)) graph.dropNode(arn);
    for (const key of [...t.created, ...t.identityChanged, ...t.trustChanged])
      if (graph.hasNode(key)) {
        // Attributes the full build may not set again come from the data afresh.
        graph.removeNodeAttribute(key, 'unresolved');
        graph.removeNodeAttribute(key, 'tags');
        graph.removeNodeAttribute(key, 'admin');
      }

    const accounts = addAccountNodes(graph, after, options.config, options.lookupVendor, partition);
    const edited = new Map(
      [...changed].flatMap((id) => {
        const a = after.accounts.get(id);
        return a ? [[id, a] as const] : [];
      }),
    );
    addPrincipalNodes(graph, { accounts: edited, issues: [] }, accounts);
    lap('drop');
    const ctx = createBuildContext(graph, after, model, accounts);
    // The other targets see only the changed callers (created or identity changed): the same
    // builder functions, with the candidates and same-account principals restricted to them. What
    // else they add (edges from accounts, `anyone`, services, named principals) is decided exactly
    // as in the base and already there; the graph keeps an existing edge unless a better decision
    // comes, and none can.
    const changedProfiles: CallerProfile[] = [];
    for (const c of callers) {
      const p = model.principals.get(c);
      if (p !== undefined && p.accountId !== undefined) changedProfiles.push(p);
    }
    const changedByAccount = new Map<string, CallerProfile[]>();
    for (const p of changedProfiles) {
      const id = p.accountId ?? '';
      let list = changedByAccount.get(id);
      if (!list) changedByAccount.set(id, (list = []));
      list.push(p);
    }
    const callerCtx: BuildContext = { ...ctx, principalsByAccount: changedByAccount };
    const indexes = new Map<string, { full: CandidateIndex; callers: CandidateIndex }>();
    const indexOf = (
      kind: string,
      actions: readonly string[],
      keyOf: (pattern: string) => PatternKey,
      full: boolean,
    ): CandidateIndex => {
      let pair = indexes.get(kind);
      if (!pair) {
        pair = {
          full: new LazyIndex(ctx.principalsByAccount, actions, keyOf),
          callers: new PermissionIndex(changedProfiles, actions, keyOf),
        };
        indexes.set(kind, pair);
      }
      return full ? pair.full : pair.callers;
    };
    for (const arn of dirtyRoles) {
      const role = model.roles.get(arn);
      if (!role) continue;
      const full = fullRoles.has(arn);
      const index = indexOf('role', ASSUME_ACTIONS, rolePatternKey, full);
      addCanAssumeEdgesInto(full ? ctx : callerCtx, index, role);
    }
    for (const arn of dirtyBuckets) {
      const bucket = model.buckets.get(arn);
      if (!bucket) continue;
      const full = fullBuckets.has(arn);
      const index = indexOf('s3', S3_INDEXED_ACTIONS, bucketPatternKey, full);
      addCanAccessEdgesInto(full ? ctx : callerCtx, index, bucket);
    }
    lap('targets');
    for (const arn of changedFunctions) {
      const r = model.resources?.get(arn);
      if (r) addResourceNode(ctx, r);
    }
    for (const arn of dirtyResources) {
      const r = model.resources?.get(arn);
      if (!r) continue;
      const full = fullResources.has(arn);
      const index = indexOf(
        `resource:${r.service}`,
        serviceActions(r.service),
        resourcePatternKey,
        full,
      );
      addResourceAccessEdgesInto(full ? ctx : callerCtx, index, r);
    }
    lap('resources');
    for (const key of [...callers, ...t.trustChanged]) {
      const p = model.principals.get(key);
      if (p && graph.hasNode(key) && isAdministrator(p, model))
        graph.setNodeAttribute(key, 'admin', true);
    }
    for (const g of model.groups?.values() ?? [])
      if (changed.has(g.accountId) && graph.hasNode(g.arn)) {
        if (isAdministrator(groupAsCaller(g), model)) graph.setNodeAttribute(g.arn, 'admin', true);
        else graph.removeNodeAttribute(g.arn, 'admin');
      }
    if (options.config.crownJewels.length > 0) {
      const patterns = options.config.crownJewels.map(
        (p) =>
          new RegExp(
            `^${p
              .replace(/[.+^${}()|[\]\\]/g, '\\$&')
              .replace(/\*/g, '.*')
              .replace(/\?/g, '.')}$`,
          ),
      );
      for (const key of added)
        if (graph.hasNode(key) && patterns.some((re) => re.test(key)))
          graph.setNodeAttribute(key, 'crownJewel', true);
    }
    graph.removeListener('nodeAdded', onNodeAdded);
    // Administrators of the edited accounts (the others' own their account through their edges).
    const admins = new Map<string, CallerProfile[]>();
    for (const id of escalationAccounts)
      for (const p of ctx.principalsByAccount.get(id) ?? []) {
        if (!graph.hasNode(p.key) || graph.getNodeAttribute(p.key, 'admin') !== true) continue;
        let list = admins.get(id);
        if (!list) admins.set(id, (list = []));
        list.push(p);
      }
    lap('admins');
    addCanEscalateEdges(ctx, after, admins, {
      accounts: escalationAccounts,
      workloads: wholeWorkloads,
    });
    lap('escalation');
    // A node the builder adds only for a policy that named it goes when nothing connects it any more.
    for (const key of endpoints)
      if (
        graph.hasNode(key) &&
        graph.degree(key) === 0 &&
        isLazyNode(graph, key, accounts.scannedAccountIds, accounts.orgAccountIds)
      )
        graph.dropNode(key);

    const afterKeys = affectedEdgeKeys(graph, fullTargets, callers, rebuilt, TARGET_KINDS, users);
    for (const key of escalationKeys(graph, escalationSources, wholeWorkloads)) afterKeys.add(key);
    const edges = diffEdges(before, listDiffEdgesOf(graph, afterKeys));
    lap('diff');
    return {
      kind: 'done',
      graph,
      model,
      edges,
      rebuiltTargets: dirtyRoles.size + dirtyBuckets.size + dirtyResources.size,
      stagesMs,
      undo: () => {
        journal.undo();
      },
    };
  } catch (err) {
    graph.removeListener('nodeAdded', onNodeAdded);
    journal.undo();
    throw err;
  }
}

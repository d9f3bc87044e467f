/**
 * Applies a planned change to a snapshot: a pure function from (snapshot, changes) to the
 * snapshot as it would be after the change, plus what could not be applied and which parts of
 * the model the change touched (for the incremental rebuild, see rebuild-incremental.ts).
 *
 * - The input snapshot is never modified: an account is copied on its first edit, an entity on
 *   its own edit; everything else is shared.
 * - Changes apply in three phases, each in input order: what comes into existence (principals,
 *   managed policies, identity providers), then edits, then deletions — the order in which
 *   Terraform's dependency graph applies them, whatever order the plan lists them in.
 * - A change that names something neither the snapshot nor the plan holds is not applied and is
 *   reported (`not-in-snapshot`); nothing is invented.
 */
import { parseArn } from '../arn/parse-arn.js';
import type {
  AccountData,
  Bucket,
  FunctionAlias,
  FunctionVersion,
  Group,
  ManagedPolicy,
  NamedPolicy,
  PolicyJson,
  Role,
  Snapshot,
  User,
  Workload,
} from '../snapshot/types.js';
import type { SnapshotChange, Unresolved } from './types.js';

/** What a change touched, in the terms the graph builder decides edges by. */
export interface TouchedModel {
  /** Roles whose trust policy (or resource facts: tags) changed: edges INTO them. */
  trustChanged: Set<string>;
  /** Principals whose identity side changed (policies, boundary, groups, tags): edges OUT of them. */
  identityChanged: Set<string>;
  /** Principals that appear or disappear. */
  created: Set<string>;
  deleted: Set<string>;
  /** Buckets whose policy changed: edges INTO them. */
  bucketsChanged: Set<string>;
  /** Accounts whose registered identity providers changed: edges into their roles. */
  providerAccounts: Set<string>;
  /** Workloads changed (ARNs). */
  workloadsChanged: Set<string>;
  /** Managed policies created, changed or deleted. */
  policiesChanged: Set<string>;
}

export interface AppliedChanges {
  snapshot: Snapshot;
  /** Changes that could not be applied, with the reason. */
  unresolved: Unresolved[];
  touched: TouchedModel;
  /** Number of changes applied. */
  applied: number;
  /** The origin addresses of the changes that touched each principal, bucket or account. */
  touchedBy: ReadonlyMap<string, ReadonlySet<string>>;
}

type Principal = Role | User | Group;

const PHASE: Readonly<Record<SnapshotChange['kind'], number>> = {
  principal: 0,
  'oidc-provider': 0,
  'managed-policy': 0,
  'trust-policy': 1,
  'inline-policy': 1,
  'inline-policies': 1,
  attachment: 1,
  attachments: 1,
  'permissions-boundary': 1,
  'group-membership': 1,
  'group-members': 1,
  'bucket-policy': 1,
  workload: 1,
  // After the function's own change (a plan may create the function and its permission).
  'function-permission': 1.5,
  'function-url': 1.5,
  delete: 2,
};

function phaseOf(c: SnapshotChange): number {
  return c.kind === 'managed-policy' && c.document === null ? 2 : PHASE[c.kind];
}

/** `role/path/Name` → { type, path, name }. */
function principalParts(arn: string): { type: string; path: string; name: string } | undefined {
  const parsed = parseArn(arn);
  if (!parsed) return undefined;
  const slash = parsed.resource.indexOf('/');
  if (slash < 0) return undefined;
  const type = parsed.resource.slice(0, slash);
  const rest = parsed.resource.slice(slash);
  const last = rest.lastIndexOf('/');
  return { type, path: rest.slice(0, last + 1), name: rest.slice(last + 1) };
}

class Editor {
  readonly accounts: Map<string, AccountData>;
  private readonly copied = new Set<string>();
  readonly unresolved: Unresolved[] = [];
  readonly touched: TouchedModel = {
    trustChanged: new Set(),
    identityChanged: new Set(),
    created: new Set(),
    deleted: new Set(),
    bucketsChanged: new Set(),
    providerAccounts: new Set(),
    workloadsChanged: new Set(),
    policiesChanged: new Set(),
  };
  applied = 0;
  /** The addresses of the changes that touched each ARN. */
  readonly touchedBy = new Map<string, Set<string>>();
  /** The change being applied. */
  current: SnapshotChange | undefined;
  private knownPolicies: Set<string> | undefined;

  constructor(readonly base: Snapshot) {
    this.accounts = new Map(base.accounts);
  }

  touch(what: keyof TouchedModel, arn: string): void {
    this.touched[what].add(arn);
    const address = this.current?.origin?.address;
    if (address === undefined) return;
    let set = this.touchedBy.get(arn);
    if (!set) this.touchedBy.set(arn, (set = new Set()));
    set.add(address);
  }

  fail(change: SnapshotChange, reason: Unresolved['reason'], message: string): void {
    this.unresolved.push({ origin: change.origin ?? { address: change.arn }, reason, message });
  }

  /** The account's data, copied for editing on first use; undefined when it is not scanned. */
  edit(accountId: string): AccountData | undefined {
    const a = this.accounts.get(accountId);
    if (!a) return undefined;
    if (this.copied.has(accountId)) return a;
    const copy: AccountData = {
      ...a,
      users: [...a.users],
      groups: [...a.groups],
      roles: [...a.roles],
      managedPolicies: [...a.managedPolicies],
    };
    if (a.identityProviders)
      copy.identityProviders = {
        oidc: [...a.identityProviders.oidc],
        saml: a.identityProviders.saml,
      };
    if (a.s3) copy.s3 = { ...a.s3, buckets: [...a.s3.buckets] };
    this.accounts.set(accountId, copy);
    this.copied.add(accountId);
    return copy;
  }

  accountOf(change: SnapshotChange, arn: string): AccountData | undefined {
    const id = parseArn(arn)?.accountId ?? '';
    const a = this.edit(id);
    if (!a)
      this.fail(
        change,
        'not-in-snapshot',
        `account ${id || '(none)'} of ${arn} is not in the snapshot (not scanned): the change cannot be analyzed`,
      );
    return a;
  }

  /** The list holding principals of that type. */
  private listOf(a: AccountData, type: string): Principal[] | undefined {
    return type === 'role'
      ? a.roles
      : type === 'user'
        ? a.users
        : type === 'group'
          ? a.groups
          : undefined;
  }

  /** Index of the principal in its account's list, matched by ARN then by name (IAM names are case-insensitive). */
  private indexOf(list: readonly Principal[], arn: string, name: string): number {
    const exact = list.findIndex((p) => p.arn === arn);
    if (exact >= 0) return exact;
    const lower = name.toLowerCase();
    return list.findIndex((p) => p.name.toLowerCase() === lower);
  }

  /** Replaces the principal `arn` by `update(copy)`; reports and returns false when it does not exist. */
  updatePrincipal(change: SnapshotChange, arn: string, update: (p: Principal) => void): boolean {
    const parts = principalParts(arn);
    const a = this.accountOf(change, arn);
    if (!a || !parts) return false;
    const list = this.listOf(a, parts.type);
    const i = list ? this.indexOf(list, arn, parts.name) : -1;
    const found = list?.[i];
    if (!list || !found) {
      this.fail(
        change,
        'not-in-snapshot',
        `${arn} is neither in the snapshot nor created by the change`,
      );
      return false;
    }
    const copy = { ...found };
    update(copy);
    list[i] = copy;
    return true;
  }

  hasManagedPolicy(arn: string): boolean {
    if (!this.knownPolicies) {
      this.knownPolicies = new Set();
      for (const a of this.accounts.values())
        for (const p of a.managedPolicies)
          if (p.document !== undefined) this.knownPolicies.add(p.arn);
    }
    return this.knownPolicies.has(arn);
  }

  notePolicy(arn: string, exists: boolean): void {
    if (!this.knownPolicies) this.hasManagedPolicy(arn);
    if (exists) this.knownPolicies?.add(arn);
    else this.knownPolicies?.delete(arn);
  }

  /** Principals of the account that use a managed policy (as identity policy or boundary), users through groups too. */
  usersOfPolicy(a: AccountData, policyArn: string): string[] {
    const out: string[] = [];
    const groups = new Set<string>();
    for (const g of a.groups)
      if (g.attachedPolicyArns.includes(policyArn)) {
        groups.add(g.name);
        out.push(g.arn);
      }
    for (const r of a.roles)
      if (r.attachedPolicyArns.includes(policyArn) || r.permissionsBoundaryArn === policyArn)
        out.push(r.arn);
    for (const u of a.users)
      if (
        u.attachedPolicyArns.includes(policyArn) ||
        u.permissionsBoundaryArn === policyArn ||
        u.groups.some((g) => groups.has(g))
      )
        out.push(u.arn);
    return out;
  }

  /** A principal's identity changed; for a group, its members' too. */
  identityChanged(a: AccountData, arn: string): void {
    this.touch('identityChanged', arn);
    const group = a.groups.find((g) => g.arn === arn);
    if (group)
      for (const u of a.users)
        if (u.groups.includes(group.name)) this.touch('identityChanged', u.arn);
  }

  /** `principal` on an existing entity: replaces the given fields; false when it does not exist. */
  updatePrincipalIfExists(
    c: SnapshotChange,
    parts: { type: string; name: string },
    a: AccountData,
  ): boolean {
    if (c.kind !== 'principal') return false;
    const list: Principal[] | undefined =
      parts.type === 'role'
        ? a.roles
        : parts.type === 'user'
          ? a.users
          : parts.type === 'group'
            ? a.groups
            : undefined;
    if (!list) return false;
    const lower = parts.name.toLowerCase();
    const i = list.findIndex((p) => p.arn === c.arn || p.name.toLowerCase() === lower);
    const found = list[i];
    if (!found) return false;
    const copy = { ...found };
    if ('trustPolicy' in c && c.trustPolicy !== undefined && 'roleId' in copy) {
      copy.trustPolicy = c.trustPolicy;
      this.touch('trustChanged', found.arn);
    }
    if (c.tags !== undefined && !('groupId' in copy)) {
      copy.tags = c.tags;
      // Tags are facts of the principal as a caller and as a role (iam:ResourceTag).
      this.touch('identityChanged', found.arn);
      if ('roleId' in copy) this.touch('trustChanged', found.arn);
    }
    if (c.maxSessionDuration !== undefined && 'roleId' in copy) {
      copy.maxSessionDuration = c.maxSessionDuration;
      this.touch('trustChanged', found.arn);
    }
    list[i] = copy;
    this.applied++;
    return true;
  }

  findBucket(arn: string): { account: AccountData; index: number } | undefined {
    for (const [id, a] of this.accounts) {
      const i = a.s3?.buckets.findIndex((b) => b.arn === arn) ?? -1;
      if (i >= 0) {
        const account = this.edit(id);
        if (account) return { account, index: i };
      }
    }
    return undefined;
  }
}

function setInline(
  list: readonly NamedPolicy[],
  name: string,
  doc: NamedPolicy['document'] | null,
): NamedPolicy[] {
  const out = list.filter((p) => p.name !== name);
  if (doc !== null) {
    const i = list.findIndex((p) => p.name === name);
    const entry = { name, document: doc };
    if (i >= 0) out.splice(i, 0, entry);
    else out.push(entry);
  }
  return out;
}

function applyOne(ed: Editor, c: SnapshotChange): void {
  switch (c.kind) {
    case 'principal': {
      const parts = principalParts(c.arn);
      const a = ed.accountOf(c, c.arn);
      if (!a || !parts) return;
      const exists = ed.updatePrincipalIfExists(c, parts, a);
      if (exists) return;
      const accountId = a.accountId;
      if (parts.type === 'role') {
        const role: Role = {
          arn: c.arn,
          name: parts.name,
          path: parts.path,
          roleId: '',
          accountId,
          inlinePolicies: [],
          attachedPolicyArns: [],
          tags: c.tags ?? {},
          serviceLinked: parts.path.startsWith('/aws-service-role/'),
        };
        if (c.trustPolicy !== undefined) role.trustPolicy = c.trustPolicy;
        if (c.maxSessionDuration !== undefined) role.maxSessionDuration = c.maxSessionDuration;
        a.roles.push(role);
      } else if (parts.type === 'user') {
        a.users.push({
          arn: c.arn,
          name: parts.name,
          path: parts.path,
          userId: '',
          accountId,
          groups: [],
          inlinePolicies: [],
          attachedPolicyArns: [],
          tags: c.tags ?? {},
        });
      } else if (parts.type === 'group') {
        a.groups.push({
          arn: c.arn,
          name: parts.name,
          path: parts.path,
          groupId: '',
          accountId,
          inlinePolicies: [],
          attachedPolicyArns: [],
        });
      } else {
        ed.fail(c, 'not-in-snapshot', `${c.arn} is not a role, user or group`);
        return;
      }
      ed.touch('created', c.arn);
      ed.applied++;
      return;
    }
    case 'trust-policy':
      if (
        ed.updatePrincipal(c, c.arn, (p) => {
          (p as Role).trustPolicy = c.document;
        })
      ) {
        ed.touch('trustChanged', c.arn);
        ed.applied++;
      }
      return;
    case 'inline-policy':
    case 'inline-policies':
      if (
        ed.updatePrincipal(c, c.arn, (p) => {
          p.inlinePolicies =
            c.kind === 'inline-policies'
              ? c.policies.map((x) => ({ name: x.name, document: x.document }))
              : setInline(p.inlinePolicies, c.name, c.document);
        })
      ) {
        const a = ed.edit(parseArn(c.arn)?.accountId ?? '');
        if (a) ed.identityChanged(a, c.arn);
        ed.applied++;
      }
      return;
    case 'attachment':
    case 'attachments': {
      const arns = c.kind === 'attachments' ? c.policyArns : c.attached ? [c.policyArn] : [];
      for (const p of arns)
        if (!ed.hasManagedPolicy(p))
          ed.fail(
            c,
            'not-in-snapshot',
            `managed policy ${p} is neither in the snapshot nor created by the change: what it grants is not in the answer`,
          );
      if (
        ed.updatePrincipal(c, c.arn, (p) => {
          if (c.kind === 'attachments') p.attachedPolicyArns = [...new Set(c.policyArns)];
          else if (c.attached)
            p.attachedPolicyArns = p.attachedPolicyArns.includes(c.policyArn)
              ? p.attachedPolicyArns
              : [...p.attachedPolicyArns, c.policyArn];
          else p.attachedPolicyArns = p.attachedPolicyArns.filter((x) => x !== c.policyArn);
        })
      ) {
        const a = ed.edit(parseArn(c.arn)?.accountId ?? '');
        if (a) ed.identityChanged(a, c.arn);
        ed.applied++;
      }
      return;
    }
    case 'permissions-boundary':
      if (c.policyArn !== null && !ed.hasManagedPolicy(c.policyArn))
        ed.fail(
          c,
          'not-in-snapshot',
          `managed policy ${c.policyArn} is neither in the snapshot nor created by the change: as a boundary it lets nothing through in this answer`,
        );
      if (
        ed.updatePrincipal(c, c.arn, (p) => {
          const q = p as Role | User;
          if (c.policyArn === null) delete q.permissionsBoundaryArn;
          else q.permissionsBoundaryArn = c.policyArn;
        })
      ) {
        ed.touch('identityChanged', c.arn);
        ed.applied++;
      }
      return;
    case 'group-membership': {
      const a = ed.accountOf(c, c.arn);
      if (!a) return;
      if (c.member && !a.groups.some((g) => g.name === c.group)) {
        ed.fail(
          c,
          'not-in-snapshot',
          `group ${c.group} is neither in account ${a.accountId} nor created by the change`,
        );
        return;
      }
      if (
        ed.updatePrincipal(c, c.arn, (p) => {
          const u = p as User;
          u.groups = c.member
            ? u.groups.includes(c.group)
              ? u.groups
              : [...u.groups, c.group]
            : u.groups.filter((g) => g !== c.group);
        })
      ) {
        ed.touch('identityChanged', c.arn);
        ed.applied++;
      }
      return;
    }
    case 'group-members': {
      const a = ed.accountOf(c, c.arn);
      const parts = principalParts(c.arn);
      if (!a || !parts) return;
      const group = a.groups.find(
        (g) => g.arn === c.arn || g.name.toLowerCase() === parts.name.toLowerCase(),
      );
      if (!group) {
        ed.fail(
          c,
          'not-in-snapshot',
          `${c.arn} is neither in the snapshot nor created by the change`,
        );
        return;
      }
      const wanted = new Set(c.users.map((u) => u.toLowerCase()));
      for (const name of c.users)
        if (!a.users.some((u) => u.name.toLowerCase() === name.toLowerCase()))
          ed.fail(
            c,
            'not-in-snapshot',
            `user ${name} is neither in account ${a.accountId} nor created by the change`,
          );
      for (const [i, u] of a.users.entries()) {
        const member = u.groups.includes(group.name);
        const want = wanted.has(u.name.toLowerCase());
        if (member === want) continue;
        a.users[i] = {
          ...u,
          groups: want ? [...u.groups, group.name] : u.groups.filter((g) => g !== group.name),
        };
        ed.touch('identityChanged', u.arn);
      }
      ed.applied++;
      return;
    }
    case 'managed-policy': {
      const a = ed.accountOf(c, c.arn);
      if (!a) return;
      const i = a.managedPolicies.findIndex((p) => p.arn === c.arn);
      for (const arn of ed.usersOfPolicy(a, c.arn)) ed.touch('identityChanged', arn);
      ed.touch('policiesChanged', c.arn);
      if (c.document === null) {
        if (i >= 0) a.managedPolicies.splice(i, 1);
        ed.notePolicy(c.arn, false);
        // IAM refuses to delete an attached policy: the plan detaches it first.
        const detach = (p: Principal): Principal =>
          p.attachedPolicyArns.includes(c.arn)
            ? { ...p, attachedPolicyArns: p.attachedPolicyArns.filter((x) => x !== c.arn) }
            : p;
        a.roles = a.roles.map((p) => detach(p) as Role);
        a.users = a.users.map((p) => detach(p) as User);
        a.groups = a.groups.map((p) => detach(p) as Group);
        ed.applied++;
        return;
      }
      const parts = principalParts(c.arn);
      const before = i >= 0 ? a.managedPolicies[i] : undefined;
      const policy: ManagedPolicy =
        before !== undefined
          ? {
              ...before,
              document: c.document,
              defaultVersionId: 'what-if',
              ...keptVersions(before),
            }
          : {
              arn: c.arn,
              name: parts?.name ?? c.arn,
              path: parts?.path ?? '/',
              defaultVersionId: 'what-if',
              document: c.document,
              awsManaged: false,
            };
      if (i >= 0) a.managedPolicies[i] = policy;
      else a.managedPolicies.push(policy);
      ed.notePolicy(c.arn, true);
      ed.applied++;
      return;
    }
    case 'bucket-policy': {
      const found = ed.findBucket(c.arn);
      if (!found) {
        ed.fail(
          c,
          'not-in-snapshot',
          `bucket ${c.arn} is not in the snapshot (no s3.json lists it): its policy cannot be analyzed`,
        );
        return;
      }
      const buckets = found.account.s3?.buckets;
      const b = buckets?.[found.index];
      if (!buckets || !b) return;
      const next: Bucket = { ...b };
      if (c.document === null) delete next.policy;
      else next.policy = c.document;
      buckets[found.index] = next;
      ed.touch('bucketsChanged', c.arn);
      ed.applied++;
      return;
    }
    case 'oidc-provider': {
      const a = ed.accountOf(c, c.arn);
      if (!a) return;
      if (!a.identityProviders) {
        // identity-providers.json absent: registration is not checked in this account, so a
        // new provider changes nothing the analysis decides.
        ed.applied++;
        return;
      }
      const list = a.identityProviders.oidc;
      const i = list.findIndex((p) => p.arn === c.arn);
      const entry = { arn: c.arn, url: c.url, clientIds: [...c.clientIds] };
      if (i >= 0) list[i] = entry;
      else list.push(entry);
      ed.touch('providerAccounts', a.accountId);
      ed.applied++;
      return;
    }
    case 'workload': {
      const a = ed.accountOf(c, c.arn);
      if (!a) return;
      // Absent workloads.json = workloads unknown; the plan states this one, the rest stay unknown.
      const list = [...(a.workloads ?? [])];
      const i = list.findIndex((w) => w.arn === c.arn);
      const parsed = parseArn(c.arn);
      const name = (parsed?.resource ?? c.arn).split(/[:/]/).pop() ?? c.arn;
      const w: Workload =
        i >= 0
          ? { ...(list[i] as Workload), type: c.workloadType }
          : {
              type: c.workloadType,
              arn: c.arn,
              name,
              ...(parsed?.region ? { region: parsed.region } : {}),
            };
      if (c.roleArn === null) delete w.roleArn;
      else w.roleArn = c.roleArn;
      if (c.resourcePolicy === null) delete w.resourcePolicy;
      else if (c.resourcePolicy !== undefined) w.resourcePolicy = c.resourcePolicy;
      if (i >= 0) list[i] = w;
      else list.push(w);
      a.workloads = list;
      ed.touch('workloadsChanged', c.arn);
      ed.applied++;
      return;
    }
    case 'function-permission':
      applyFunctionPermission(ed, c);
      return;
    case 'function-url':
      applyFunctionUrl(ed, c);
      return;
    case 'delete':
      applyDelete(ed, c);
      return;
  }
}

/**
 * The Lambda function a `function-permission` or `function-url` change edits, in its account's
 * workloads. Undefined when it is not there: a removal (`removal`) of something of a function the
 * snapshot lacks (or the plan deletes) changes nothing; anything else cannot be analyzed.
 */
function lambdaFunctionOf(
  ed: Editor,
  c: SnapshotChange & { kind: 'function-permission' | 'function-url' },
  removal: boolean,
  what: string,
): { a: AccountData; list: Workload[]; i: number; fn: Workload } | undefined {
  const a = ed.accountOf(c, c.arn);
  if (!a) return undefined;
  const list = a.workloads ?? [];
  const i = list.findIndex((w) => w.arn === c.arn && w.type === 'lambda-function');
  const fn = list[i];
  if (fn !== undefined) return { a, list, i, fn };
  if (removal) ed.applied++;
  else
    ed.fail(
      c,
      'not-in-snapshot',
      `Lambda function ${c.arn} is not in workloads.json: ${what} cannot be analyzed`,
    );
  return undefined;
}

/**
 * A statement added, replaced or removed by its Sid in a function's policy or, with a
 * `qualifier`, in that alias's own policy (AddPermission with Qualifier,
 * https://docs.aws.amazon.com/lambda/latest/api/API_AddPermission.html). An alias the snapshot
 * does not list (its aliases unknown, or one the plan creates) is added with that statement
 * alone: what it grants is then seen, and nothing the snapshot held is lost. A version number as
 * qualifier does the same to that published version's own policy (`Versions`).
 */
function applyFunctionPermission(
  ed: Editor,
  c: SnapshotChange & { kind: 'function-permission' },
): void {
  const found = lambdaFunctionOf(ed, c, c.statement === null, `its permission ${c.sid}`);
  if (!found) return;
  const { a, list, i, fn } = found;
  const q = c.qualifier === '$LATEST' ? undefined : c.qualifier;
  let next: Workload;
  if (q === undefined) {
    next = { ...fn };
    const doc = withPermission(fn.resourcePolicy, c.sid, c.statement);
    if (doc === undefined) delete next.resourcePolicy;
    else next.resourcePolicy = doc;
  } else {
    if (/^[0-9]+$/.test(q)) {
      const versions = fn.versions ?? [];
      const known = versions.find((v) => v.version === q);
      if (known === undefined && c.statement === null) {
        ed.applied++;
        return;
      }
      const version: FunctionVersion = { ...(known ?? { version: q, arn: `${c.arn}:${q}` }) };
      const doc = withPermission(version.resourcePolicy, c.sid, c.statement);
      if (doc === undefined) delete version.resourcePolicy;
      else version.resourcePolicy = doc;
      next = {
        ...fn,
        versions:
          known === undefined
            ? [...versions, version]
            : versions.map((v) => (v === known ? version : v)),
      };
      a.workloads = list.map((w, j) => (j === i ? next : w));
      ed.touch('workloadsChanged', c.arn);
      ed.applied++;
      return;
    }
    const aliases = fn.aliases ?? [];
    const known = aliases.find((al) => al.name === q);
    if (known === undefined && c.statement === null) {
      ed.applied++;
      return;
    }
    const alias: FunctionAlias = { ...(known ?? { name: q, arn: `${c.arn}:${q}` }) };
    const doc = withPermission(alias.resourcePolicy, c.sid, c.statement);
    if (doc === undefined) delete alias.resourcePolicy;
    else alias.resourcePolicy = doc;
    next = {
      ...fn,
      aliases:
        known === undefined
          ? [...aliases, alias]
          : aliases.map((al) => (al === known ? alias : al)),
    };
  }
  a.workloads = list.map((w, j) => (j === i ? next : w));
  ed.touch('workloadsChanged', c.arn);
  ed.applied++;
}

/** `doc` with the statement `sid` replaced by `statement` (removed when null); undefined = empty. */
function withPermission(
  doc: PolicyJson | undefined,
  sid: string,
  statement: PolicyJson | null,
): PolicyJson | undefined {
  const old = doc?.Statement;
  const statements = (Array.isArray(old) ? old : old === undefined ? [] : [old]).filter(
    (s: unknown) => !(typeof s === 'object' && s !== null && (s as { Sid?: unknown }).Sid === sid),
  );
  if (statement !== null) statements.push({ ...statement, Sid: sid });
  if (statements.length === 0) return undefined;
  return { Version: doc?.Version ?? '2012-10-17', Id: doc?.Id ?? 'default', Statement: statements };
}

/**
 * A function URL created, updated or deleted. The function's URLs stay unknown when the snapshot
 * does not know them: one URL of the plan says nothing of the others, and unknown URLs are read
 * from the policies alone (IAM-SEMANTICS.md §7a.6), which already admits what the new URL would.
 */
function applyFunctionUrl(ed: Editor, c: SnapshotChange & { kind: 'function-url' }): void {
  const found = lambdaFunctionOf(ed, c, c.authType === null, 'its function URL');
  if (!found) return;
  const { a, list, i, fn } = found;
  if (fn.functionUrls === undefined) {
    ed.applied++;
    return;
  }
  const urls = fn.functionUrls.filter((u) => u.qualifier !== c.qualifier);
  if (c.authType !== null)
    urls.push({
      authType: c.authType,
      ...(c.qualifier === undefined ? {} : { qualifier: c.qualifier }),
    });
  a.workloads = list.map((w, j) => (j === i ? { ...fn, functionUrls: urls } : w));
  ed.touch('workloadsChanged', c.arn);
  ed.applied++;
}

function applyDelete(ed: Editor, c: SnapshotChange & { kind: 'delete' }): void {
  const a = ed.accountOf(c, c.arn);
  if (!a) return;
  const wi = a.workloads?.findIndex((w) => w.arn === c.arn) ?? -1;
  if (a.workloads && wi >= 0) {
    a.workloads = a.workloads.filter((w) => w.arn !== c.arn);
    ed.touch('workloadsChanged', c.arn);
    ed.applied++;
    return;
  }
  const parts = principalParts(c.arn);
  if (parts?.type === 'oidc-provider') {
    if (a.identityProviders) {
      a.identityProviders.oidc = a.identityProviders.oidc.filter((p) => p.arn !== c.arn);
      ed.touch('providerAccounts', a.accountId);
    }
    ed.applied++;
    return;
  }
  if (parts?.type === 'policy') {
    applyOne(ed, {
      kind: 'managed-policy',
      arn: c.arn,
      document: null,
      ...(c.origin ? { origin: c.origin } : {}),
    });
    return;
  }
  const type = parts?.type;
  if (type !== 'role' && type !== 'user' && type !== 'group') {
    ed.fail(
      c,
      'not-modelled',
      `${c.arn} is not a role, user, group, managed policy or OIDC provider`,
    );
    return;
  }
  const list: Principal[] = type === 'role' ? a.roles : type === 'user' ? a.users : a.groups;
  const lower = (parts?.name ?? '').toLowerCase();
  const i = list.findIndex((p) => p.arn === c.arn || p.name.toLowerCase() === lower);
  const found = list[i];
  if (!found) {
    ed.fail(c, 'not-in-snapshot', `${c.arn} is not in the snapshot: nothing to delete`);
    return;
  }
  list.splice(i, 1);
  if (type === 'group') {
    for (const [j, u] of a.users.entries())
      if (u.groups.includes(found.name)) {
        a.users[j] = { ...u, groups: u.groups.filter((g) => g !== found.name) };
        ed.touch('identityChanged', u.arn);
      }
  }
  ed.touch('deleted', found.arn);
  ed.applied++;
}

/** Applies `changes` to `snapshot` (which is left untouched). */
export function applyChanges(
  snapshot: Snapshot,
  changes: readonly SnapshotChange[],
): AppliedChanges {
  const ed = new Editor(snapshot);
  const ordered = changes
    .map((c, i) => ({ c, i, phase: phaseOf(c) }))
    .sort((x, y) => x.phase - y.phase || x.i - y.i);
  for (const { c } of ordered) {
    ed.current = c;
    applyOne(ed, c);
  }
  const next: Snapshot = { ...snapshot, accounts: ed.accounts, issues: snapshot.issues };
  return {
    snapshot: next,
    unresolved: ed.unresolved,
    touched: ed.touched,
    touchedBy: ed.touchedBy,
    applied: ed.applied,
  };
}

/**
 * The versions a policy keeps besides a new default one: its previous default and its other
 * versions, at most four (IAM keeps five versions; the AWS provider deletes the oldest first).
 */
function keptVersions(before: ManagedPolicy): Pick<ManagedPolicy, 'otherVersions'> {
  const others = [...(before.otherVersions ?? [])];
  if (before.document !== undefined)
    others.push({ versionId: before.defaultVersionId ?? 'previous', document: before.document });
  const kept = others.slice(-4);
  return kept.length > 0 ? { otherVersions: kept } : {};
}

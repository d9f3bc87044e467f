/**
 * The decision model after a change, compiling only the accounts the change edited. A caller's
 * and a role's profile depend on their own account's IAM data and on the organization (SCP and
 * RCP chains, organization facts), which a plan does not change; so the profiles of every other
 * account are the base model's, shared. Resources are merged the same way: an edited account's
 * Lambda functions (workloads.json) may have changed.
 *
 * Managed policies: the compiler looks a managed policy up across all accounts (AWS managed
 * policies are listed in several accounts' iam.json); the partial snapshot gives each edited
 * account the definitions of the policies it attaches that another account lists.
 */
import { compileAuthzModel } from '../authorize/compile-authz-model.js';
import type {
  AuthzModel,
  BucketProfile,
  CallerProfile,
  GroupProfile,
  ResourceProfile,
  RoleProfile,
} from '../authorize/types.js';
import type { AccountData, ManagedPolicy, Snapshot } from '../snapshot/types.js';

function attachedArns(a: AccountData): Set<string> {
  const out = new Set<string>();
  for (const p of [...a.roles, ...a.users, ...a.groups])
    for (const arn of p.attachedPolicyArns) out.add(arn);
  for (const p of [...a.roles, ...a.users])
    if (p.permissionsBoundaryArn !== undefined) out.add(p.permissionsBoundaryArn);
  return out;
}

/** Replaces the entries of `changed` accounts in `base` by those of `partial`, keeping the order of accounts. */
function merge<T extends { accountId?: string }>(
  base: ReadonlyMap<string, T>,
  partial: ReadonlyMap<string, T>,
  changed: ReadonlySet<string>,
): Map<string, T> {
  const byAccount = new Map<string, [string, T][]>();
  for (const [k, v] of partial) {
    const id = v.accountId ?? '';
    let list = byAccount.get(id);
    if (!list) byAccount.set(id, (list = []));
    list.push([k, v]);
  }
  const out = new Map<string, T>();
  const inserted = new Set<string>();
  const insert = (id: string): void => {
    if (inserted.has(id)) return;
    inserted.add(id);
    for (const [k, v] of byAccount.get(id) ?? []) out.set(k, v);
  };
  for (const [k, v] of base) {
    const id = v.accountId ?? '';
    if (changed.has(id)) insert(id);
    else out.set(k, v);
  }
  for (const id of changed) insert(id);
  return out;
}

/** The model of `after`, recompiling only the `changed` accounts of `base`. */
export function recompileModel(
  base: { snapshot: Snapshot; model: AuthzModel },
  after: Snapshot,
  changed: ReadonlySet<string>,
): AuthzModel {
  let definitions: Map<string, ManagedPolicy> | undefined;
  const definitionOf = (arn: string): ManagedPolicy | undefined => {
    if (!definitions) {
      definitions = new Map();
      for (const a of after.accounts.values())
        for (const p of a.managedPolicies)
          if (p.document !== undefined && !definitions.has(p.arn)) definitions.set(p.arn, p);
    }
    return definitions.get(arn);
  };
  const accounts = new Map<string, AccountData>();
  for (const id of changed) {
    const a = after.accounts.get(id);
    if (!a) continue;
    const own = new Set(
      a.managedPolicies.filter((p) => p.document !== undefined).map((p) => p.arn),
    );
    const extra: ManagedPolicy[] = [];
    for (const arn of attachedArns(a)) {
      if (own.has(arn)) continue;
      const def = definitionOf(arn);
      if (def) extra.push(def);
    }
    accounts.set(
      id,
      extra.length === 0 ? a : { ...a, managedPolicies: [...a.managedPolicies, ...extra] },
    );
  }
  const partial: Snapshot = { accounts, issues: [] };
  if (after.organization) partial.organization = after.organization;
  if (after.collection) partial.collection = after.collection;
  const m = compileAuthzModel(partial);

  const issueAccount = (ref: { arn?: string; attachedTo?: string }): string =>
    (ref.arn ?? ref.attachedTo ?? '').split(':')[4] ?? '';
  const model: AuthzModel = {
    ...base.model,
    principals: merge<CallerProfile>(base.model.principals, m.principals, changed),
    roles: merge<RoleProfile>(base.model.roles, m.roles, changed),
    buckets: merge<BucketProfile>(base.model.buckets, m.buckets, changed),
    // Lambda functions (workloads.json) are resources too: an edited account's come afresh.
    resources: merge<ResourceProfile>(
      base.model.resources ?? new Map(),
      m.resources ?? new Map(),
      changed,
    ),
    ...(base.model.groups || m.groups
      ? {
          groups: merge<GroupProfile>(
            base.model.groups ?? new Map(),
            m.groups ?? new Map(),
            changed,
          ),
        }
      : {}),
    policyIssues: [
      ...base.model.policyIssues.filter((i) => !changed.has(issueAccount(i.policy))),
      ...m.policyIssues.filter((i) => changed.has(issueAccount(i.policy))),
    ],
  };
  return model;
}

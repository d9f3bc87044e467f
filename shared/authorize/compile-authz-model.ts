/**
 * Compiles a snapshot into the decision layer's model (`AuthzModel`): every policy document
 * compiled exactly once, every IAM user and role resolved into a `CallerProfile` (its policies,
 * boundary, SCP chain and condition keys), every role into a `RoleProfile` and every bucket into
 * a `BucketProfile` (IAM-SEMANTICS.md §4.1 inputs, §6.1, §7, §8).
 *
 * - Managed policies are shared by ARN: AWS managed policies (`arn:PARTITION:iam::aws:policy/…`)
 *   appear in several accounts' iam.json and are compiled once.
 * - A user's policies: inline + attached + every group's inline + attached. A role as a caller
 *   (a session of it): the role's inline + attached.
 * - A managed policy attached but missing from the snapshot is reported in `policyIssues` and
 *   grants nothing; a missing boundary lets nothing through (`missing-policy.ts`).
 * - SCPs restrict members other than the management account, never service-linked roles; RCPs
 *   protect resources of members other than the management account, never service-linked roles.
 * - Block Public Access: the account and bucket settings combined, the most restrictive wins.
 */
import { compilePolicy, resourceIsImplied } from '../policy/index.js';
import type { CompiledPolicy, PolicyIssue, PolicyKind, PolicyRef } from '../policy/types.js';
import type {
  AccountData,
  ManagedPolicy,
  NamedPolicy,
  OrgPolicy,
  PublicAccessBlock,
  FunctionAlias,
  FunctionVersion,
  PolicyJson,
  Snapshot,
} from '../snapshot/types.js';
import { missingPolicy } from './missing-policy.js';
import { buildOrgStructure, type OrgStructure } from './org-structure.js';
import { serviceOfType, serviceRules } from './resource-services.js';
import {
  UNDECODABLE,
  unreadPolicies,
  unreadPolicyFor,
  unreadOwnershipControls,
  unreadPublicAccessBlocks,
  type UnreadReason,
} from './unread-policies.js';
import {
  bucketResourceKeys,
  regionalResourceKeys,
  roleResourceKeys,
  roleSessionContextKeys,
  userContextKeys,
} from './principal-context.js';
import type {
  AuthzModel,
  BucketProfile,
  CallerProfile,
  FunctionAliasProfile,
  GroupProfile,
  IdentityPoolProfile,
  OrgPolicyChain,
  ResourceProfile,
  RoleProfile,
} from './types.js';

type IssueList = { policy: PolicyRef; issue: PolicyIssue }[];

/** Compiles policies once and records their issues. */
class PolicyCompiler {
  readonly issues: IssueList = [];
  private readonly managed = new Map<string, ManagedPolicy>();
  private readonly compiledManaged = new Map<string, CompiledPolicy>();

  constructor(accounts: Iterable<AccountData>) {
    for (const account of accounts) {
      for (const mp of account.managedPolicies) {
        const known = this.managed.get(mp.arn);
        if (!known || (known.document === undefined && mp.document !== undefined))
          this.managed.set(mp.arn, mp);
      }
    }
  }

  /** Compiled statements by policy kind and document text: identical documents compile once. */
  private readonly byContent = new Map<string, CompiledPolicy>();
  /** The same, by document object (one object per text, see `DocumentCache`). */
  private readonly byDocument = new WeakMap<object, Map<string, CompiledPolicy>>();

  /**
   * Compiles `doc` as the policy `ref`. Documents with the same kind and text share their compiled
   * statements (large organizations repeat the same inline and trust policies thousands of times);
   * each policy keeps its own `ref`, so evidence still names the right policy.
   */
  compile(doc: Record<string, unknown>, ref: PolicyRef): CompiledPolicy {
    // The loader gives documents with the same text as one object: its text is known already.
    // A resource policy whose statements may leave Resource out compiles differently from a bucket
    // policy with the same text.
    const variant = resourceIsImplied(ref) ? 'resource-implied' : ref.kind;
    let byKind = this.byDocument.get(doc);
    let shared = byKind?.get(variant);
    let compiled: CompiledPolicy | undefined;
    if (shared === undefined) {
      const key = `${variant}\u0000${JSON.stringify(doc)}`;
      shared = this.byContent.get(key);
      if (shared === undefined) {
        shared = compiled = compilePolicy(doc, ref);
        this.byContent.set(key, compiled);
      }
      if (byKind === undefined)
        this.byDocument.set(doc, (byKind = new Map<string, CompiledPolicy>()));
      byKind.set(variant, shared);
    }
    compiled ??= {
      ref,
      version: shared.version,
      statements: shared.statements,
      issues: shared.issues,
    };
    for (const issue of compiled.issues) this.issues.push({ policy: ref, issue });
    return compiled;
  }

  /** A missing policy: reported once, a stand-in that grants nothing. */
  missing(ref: PolicyRef, code: string, message: string, path = ''): CompiledPolicy {
    this.issues.push({ policy: ref, issue: { severity: 'error', code, message, path } });
    return missingPolicy(ref);
  }

  /** A managed policy by ARN, as an identity policy or as a permissions boundary. */
  managedPolicy(
    arn: string,
    kind: Extract<PolicyKind, 'identity' | 'boundary'>,
    attachedTo: string,
  ): CompiledPolicy {
    const key = `${kind}|${arn}`;
    const cached = this.compiledManaged.get(key);
    if (cached) return cached;
    const mp = this.managed.get(arn);
    const name = mp?.name ?? arn.slice(arn.lastIndexOf('/') + 1);
    const ref: PolicyRef = { kind, name, arn };
    const compiled =
      mp?.document !== undefined
        ? this.compile(mp.document, ref)
        : this.missing(
            ref,
            'managed-policy-missing',
            `Managed policy ${arn} is attached${kind === 'boundary' ? ' as a permissions boundary' : ''} (first seen on ${attachedTo}) but its document is not in the snapshot: it grants nothing${kind === 'boundary' ? ', so nothing passes the boundary' : ''}`,
          );
    this.compiledManaged.set(key, compiled);
    return compiled;
  }

  inline(policy: NamedPolicy, attachedTo: string): CompiledPolicy {
    return this.compile(policy.document, { kind: 'identity', name: policy.name, attachedTo });
  }
}

function combinePab(
  account: PublicAccessBlock | undefined,
  bucket: PublicAccessBlock | undefined,
): PublicAccessBlock {
  return {
    blockPublicAcls: (account?.blockPublicAcls ?? false) || (bucket?.blockPublicAcls ?? false),
    ignorePublicAcls: (account?.ignorePublicAcls ?? false) || (bucket?.ignorePublicAcls ?? false),
    blockPublicPolicy:
      (account?.blockPublicPolicy ?? false) || (bucket?.blockPublicPolicy ?? false),
    restrictPublicBuckets:
      (account?.restrictPublicBuckets ?? false) || (bucket?.restrictPublicBuckets ?? false),
  };
}

/** A role session's `aws:userid` (`AROA…:<session name>`) is unknown: one list for every role. */
const SESSION_UNKNOWN_KEYS: readonly string[] = Object.freeze(['aws:userid']);

/**
 * The list at its exact size: a list grown by `push` keeps spare slots, and the model holds one
 * list of policies per principal of the organization.
 */
function exactList<T>(list: T[]): T[] {
  return list.slice();
}

function pushUnique(list: CompiledPolicy[], p: CompiledPolicy): void {
  if (!list.includes(p)) list.push(p);
}

function compileAccount(
  account: AccountData,
  org: OrgStructure,
  compiler: PolicyCompiler,
  principals: Map<string, CallerProfile>,
  roles: Map<string, RoleProfile>,
  groups: Map<string, GroupProfile>,
): void {
  const { accountId, partition } = account;
  const scps = org.scpChain(accountId);
  const groupPolicies = new Map<string, CompiledPolicy[]>();
  const membersByGroup = new Map<string, string[]>();
  for (const u of account.users)
    for (const name of u.groups) {
      let list = membersByGroup.get(name);
      if (!list) membersByGroup.set(name, (list = []));
      list.push(u.arn);
    }
  for (const g of account.groups) {
    const list: CompiledPolicy[] = [];
    for (const p of g.inlinePolicies) list.push(compiler.inline(p, g.arn));
    for (const arn of g.attachedPolicyArns)
      pushUnique(list, compiler.managedPolicy(arn, 'identity', g.arn));
    groupPolicies.set(g.name, list);
    const members = membersByGroup.get(g.name) ?? [];
    const profile: GroupProfile = {
      arn: g.arn,
      name: g.name,
      accountId,
      partition,
      identityPolicies: exactList(list),
      members: exactList(members),
    };
    if (scps) profile.scps = scps;
    groups.set(g.arn, profile);
  }

  for (const u of account.users) {
    const identity: CompiledPolicy[] = [];
    for (const p of u.inlinePolicies) identity.push(compiler.inline(p, u.arn));
    for (const arn of u.attachedPolicyArns)
      pushUnique(identity, compiler.managedPolicy(arn, 'identity', u.arn));
    for (const g of u.groups) {
      const list = groupPolicies.get(g);
      if (list) for (const p of list) pushUnique(identity, p);
      else
        compiler.issues.push({
          policy: { kind: 'identity', name: `group ${g}`, attachedTo: u.arn },
          issue: {
            severity: 'warning',
            code: 'group-missing',
            message: `User ${u.arn} is a member of group ${g}, which is not in ${accountId}/iam.json; its policies are not known`,
            path: '',
          },
        });
    }
    const profile: CallerProfile = {
      caller: { type: 'user', arn: u.arn, accountId, partition },
      key: u.arn,
      accountId,
      identityPolicies: exactList(identity),
      policiesKnown: true,
      serviceLinked: false,
      contextKeys: userContextKeys(u, org),
    };
    const userCreated = creationTime(u.createDate);
    if (userCreated !== undefined) profile.createdAt = userCreated;
    if (u.permissionsBoundaryArn !== undefined) {
      profile.permissionsBoundary = compiler.managedPolicy(
        u.permissionsBoundaryArn,
        'boundary',
        u.arn,
      );
      profile.caller = {
        type: 'user',
        arn: u.arn,
        accountId,
        partition,
        hasPermissionsBoundary: true,
      };
    }
    if (scps) profile.scps = scps;
    principals.set(u.arn, profile);
  }

  const registered = account.identityProviders
    ? new Set([
        ...account.identityProviders.oidc.map((p) => p.arn),
        ...account.identityProviders.saml.map((p) => p.arn),
      ])
    : undefined;
  const rcps = org.rcpChain(accountId);
  for (const r of account.roles) {
    const identity: CompiledPolicy[] = [];
    for (const p of r.inlinePolicies) identity.push(compiler.inline(p, r.arn));
    for (const arn of r.attachedPolicyArns)
      pushUnique(identity, compiler.managedPolicy(arn, 'identity', r.arn));
    const caller: CallerProfile = {
      caller: { type: 'role-session', roleArn: r.arn, accountId, partition },
      key: r.arn,
      accountId,
      identityPolicies: exactList(identity),
      policiesKnown: true,
      serviceLinked: r.serviceLinked,
      contextKeys: roleSessionContextKeys(r, org),
      unknownContextKeys: SESSION_UNKNOWN_KEYS,
    };
    const roleCreated = creationTime(r.createDate);
    if (roleCreated !== undefined) caller.createdAt = roleCreated;
    if (r.permissionsBoundaryArn !== undefined) {
      caller.permissionsBoundary = compiler.managedPolicy(
        r.permissionsBoundaryArn,
        'boundary',
        r.arn,
      );
      caller.caller = {
        type: 'role-session',
        roleArn: r.arn,
        accountId,
        partition,
        hasPermissionsBoundary: true,
      };
    }
    if (scps && !r.serviceLinked) caller.scps = scps;
    principals.set(r.arn, caller);

    const trustRef: PolicyRef = { kind: 'trust', name: 'trust policy', arn: r.arn };
    const trustPolicy =
      r.trustPolicy !== undefined
        ? compiler.compile(r.trustPolicy, trustRef)
        : compiler.missing(
            trustRef,
            'trust-policy-missing',
            `The trust policy of ${r.arn} is missing or could not be decoded: nobody is taken as able to assume the role`,
          );
    const role: RoleProfile = {
      arn: r.arn,
      name: r.name,
      accountId,
      partition,
      trustPolicy,
      serviceLinked: r.serviceLinked,
      tags: r.tags,
      resourceContextKeys: roleResourceKeys({ accountId, tags: r.tags }, org),
    };
    if (rcps && !r.serviceLinked) role.rcps = rcps;
    if (registered) role.registeredProviders = registered;
    if (r.maxSessionDuration !== undefined) role.maxSessionDuration = r.maxSessionDuration;
    if (r.roleId !== '') role.roleId = r.roleId;
    roles.set(r.arn, role);
  }
}

/**
 * A resource's policy: `doc` compiled, else — when the snapshot says the policy exists but was not
 * read (`unread`) — its stand-in (unread-policies.ts), else none.
 */
function policyOrStandIn(
  compiler: PolicyCompiler,
  doc: PolicyJson | undefined,
  ref: PolicyRef,
  owner: { accountId: string; partition: string },
  unread: UnreadReason | undefined,
): CompiledPolicy | undefined {
  if (doc !== undefined) return compiler.compile(doc, ref);
  return unread === undefined
    ? undefined
    : unreadPolicyFor(ref, owner.accountId, owner.partition, unread);
}

function compileBuckets(
  account: AccountData,
  org: OrgStructure,
  compiler: PolicyCompiler,
  buckets: Map<string, BucketProfile>,
  unread: ReadonlyMap<string, UnreadReason>,
  unreadPab: ReadonlyMap<string, string>,
  unreadOwnership: ReadonlyMap<string, string>,
): void {
  const s3 = account.s3;
  if (!s3) return;
  const rcps = org.rcpChain(account.accountId);
  for (const b of s3.buckets) {
    const profile: BucketProfile = {
      arn: b.arn,
      name: b.name,
      accountId: b.accountId,
      partition: account.partition,
      publicAccessBlock: combinePab(s3.accountPublicAccessBlock, b.publicAccessBlock),
      // An S3 request is served in the bucket's region (a request sent to another region is
      // redirected), so aws:RequestedRegion of every request on the bucket is its region.
      resourceContextKeys:
        b.region === undefined || b.region === ''
          ? bucketResourceKeys(b.accountId, org)
          : { ...bucketResourceKeys(b.accountId, org), 'aws:RequestedRegion': b.region },
    };
    const policy = policyOrStandIn(
      compiler,
      b.policy,
      { kind: 'resource', name: 'bucket policy', arn: b.arn },
      profile,
      b.policyUnknown === true ? UNDECODABLE : unread.get(b.arn),
    );
    if (policy !== undefined) profile.policy = policy;
    const pabWhy = unreadPab.get(b.arn) ?? unreadPab.get(b.accountId);
    if (pabWhy !== undefined) profile.publicAccessBlockNotRead = pabWhy;
    const ownershipWhy = b.ownership === undefined ? unreadOwnership.get(b.arn) : undefined;
    if (ownershipWhy !== undefined) profile.ownershipNotRead = ownershipWhy;
    if (rcps) profile.rcps = rcps;
    if (b.ownership !== undefined) profile.ownership = b.ownership;
    if (b.acl !== undefined) profile.acl = b.acl;
    if (s3.ownerCanonicalId !== undefined) profile.ownerCanonicalId = s3.ownerCanonicalId;
    if (b.region !== undefined) profile.region = b.region;
    if (b.encryption !== undefined) profile.encryption = b.encryption;
    buckets.set(b.arn, profile);
  }
}

/**
 * KMS keys and resources of the resource-policy services (resources.json, IAM-SEMANTICS.md §7a):
 * each policy compiled once, keys indexed by id and alias per account and region.
 */
function compileResources(
  account: AccountData,
  org: OrgStructure,
  compiler: PolicyCompiler,
  resources: Map<string, ResourceProfile>,
  keyIds: Map<string, string>,
  unread: ReadonlyMap<string, UnreadReason>,
): void {
  const data = account.resources;
  if (!data) return;
  const rcps = org.rcpChain(account.accountId);
  for (const r of data.resources) {
    const service = serviceOfType(r.type);
    const profile: ResourceProfile = {
      arn: r.arn,
      name: r.name,
      type: r.type,
      service,
      accountId: r.accountId,
      partition: account.partition,
      resourceContextKeys: regionalResourceKeys(r.accountId, org, r.region),
    };
    if (r.region !== undefined) profile.region = r.region;
    const policy = policyOrStandIn(
      compiler,
      r.policy,
      { kind: 'resource', name: serviceRules(service).policyName, arn: r.arn },
      profile,
      r.policyUnknown === true ? UNDECODABLE : unread.get(r.arn),
    );
    if (policy !== undefined) profile.policy = policy;
    if (rcps) profile.rcps = rcps;
    if (r.keyManager !== undefined) profile.keyManager = r.keyManager;
    if (r.aliases !== undefined) profile.aliases = r.aliases;
    if (r.grants !== undefined) profile.grants = r.grants;
    if (r.kmsKeyId !== undefined) profile.kmsKeyId = r.kmsKeyId;
    resources.set(r.arn, profile);
    if (r.type === 'kms-key' && r.region !== undefined) {
      const at = `${r.accountId}/${r.region}/`;
      keyIds.set(at + r.name, r.arn);
      for (const alias of r.aliases ?? []) keyIds.set(at + alias, r.arn);
    }
  }
}

/** Cognito identity pools of workloads.json (their id is the ARN's `identitypool/…`). */
function compileIdentityPools(account: AccountData, pools: Map<string, IdentityPoolProfile>): void {
  for (const w of account.workloads ?? []) {
    if (w.type !== 'cognito-identity-pool') continue;
    const marker = ':identitypool/';
    const at = w.arn.indexOf(marker);
    if (at < 0) continue;
    const id = w.arn.slice(at + marker.length);
    if (pools.has(id)) continue;
    const profile: IdentityPoolProfile = { id, arn: w.arn, accountId: account.accountId };
    const s = w.identityPool;
    if (s?.allowUnauthenticatedIdentities !== undefined)
      profile.allowUnauthenticatedIdentities = s.allowUnauthenticatedIdentities;
    if (s?.allowClassicFlow !== undefined) profile.allowClassicFlow = s.allowClassicFlow;
    pools.set(id, profile);
  }
}

/**
 * Lambda functions of workloads.json as resources of the `lambda` service (IAM-SEMANTICS.md §7a):
 * the function policy (GetPolicy) decides who besides the account's own principals may invoke,
 * read or change it. The function's graph node is this resource; escalation adds its `runs-as`
 * edge to the execution role.
 */
function compileFunctions(
  account: AccountData,
  org: OrgStructure,
  compiler: PolicyCompiler,
  resources: Map<string, ResourceProfile>,
  unread: ReadonlyMap<string, UnreadReason>,
): void {
  for (const w of account.workloads ?? []) {
    if (w.type !== 'lambda-function') continue;
    const profile: ResourceProfile = {
      arn: w.arn,
      name: w.name,
      type: 'lambda-function',
      service: 'lambda',
      accountId: account.accountId,
      partition: account.partition,
      resourceContextKeys: regionalResourceKeys(account.accountId, org, w.region),
    };
    if (w.region !== undefined) profile.region = w.region;
    if (w.roleArn !== undefined) profile.roleArn = w.roleArn;
    if (w.functionUrls !== undefined) profile.functionUrls = w.functionUrls;
    const policy = policyOrStandIn(
      compiler,
      w.resourcePolicy,
      { kind: 'resource', name: serviceRules('lambda').policyName, arn: w.arn },
      profile,
      w.resourcePolicyUnknown === true ? UNDECODABLE : unread.get(w.arn),
    );
    if (policy !== undefined) profile.policy = policy;
    if (w.aliases !== undefined)
      profile.functionAliases = w.aliases.map((a) => aliasProfile(profile, a, compiler, unread));
    if (w.versions !== undefined)
      profile.functionVersions = w.versions.map((v) => {
        const out = aliasProfile(
          profile,
          { name: v.version, arn: v.arn, functionVersion: v.version, ...policyOf(v) },
          compiler,
          unread,
        );
        out.isVersion = true;
        return out;
      });
    resources.set(w.arn, profile);
  }
}

function policyOf(v: FunctionVersion): Pick<FunctionAlias, 'resourcePolicy'> {
  return v.resourcePolicy === undefined ? {} : { resourcePolicy: v.resourcePolicy };
}

/**
 * An alias (or a published version) of `fn` as the resource a call to its ARN is decided on: its
 * own policy (or none).
 */
function aliasProfile(
  fn: ResourceProfile,
  alias: FunctionAlias,
  compiler: PolicyCompiler,
  unread: ReadonlyMap<string, UnreadReason>,
): FunctionAliasProfile {
  const {
    policy: _functionPolicy,
    functionAliases: _aliases,
    functionVersions: _versions,
    ...rest
  } = fn;
  const profile: ResourceProfile = {
    ...rest,
    arn: alias.arn,
    qualifier: alias.name,
    functionArn: fn.arn,
  };
  const policy = policyOrStandIn(
    compiler,
    alias.resourcePolicy,
    { kind: 'resource', name: serviceRules('lambda').policyName, arn: alias.arn },
    fn,
    unread.get(alias.arn),
  );
  if (policy !== undefined) profile.policy = policy;
  const out: FunctionAliasProfile = { name: alias.name, profile };
  if (alias.functionVersion !== undefined) out.functionVersion = alias.functionVersion;
  return out;
}

/**
 * Compiles every policy of `snapshot` once and resolves principals, roles, buckets, SCP and RCP
 * chains and condition keys. Never throws on bad policy content: what IAM would reject grants
 * nothing and is listed in `policyIssues`.
 */
export function compileAuthzModel(snapshot: Snapshot): AuthzModel {
  const compiler = new PolicyCompiler(snapshot.accounts.values());
  const orgPolicies = new Map<string, CompiledPolicy>();
  const compileOrgPolicy = (p: OrgPolicy): CompiledPolicy => {
    const cached = orgPolicies.get(p.id);
    if (cached) return cached;
    const ref: PolicyRef = {
      kind: p.type === 'SERVICE_CONTROL_POLICY' ? 'scp' : 'rcp',
      name: p.name,
      arn: p.id,
    };
    const compiled =
      p.document !== undefined
        ? compiler.compile(p.document, ref)
        : compiler.missing(
            ref,
            'org-policy-missing',
            `The content of ${p.type === 'SERVICE_CONTROL_POLICY' ? 'SCP' : 'RCP'} ${p.name} (${p.id}) could not be decoded: it is taken as allowing nothing`,
          );
    orgPolicies.set(p.id, compiled);
    return compiled;
  };
  const org = buildOrgStructure(
    snapshot.organization,
    snapshot.accounts.keys(),
    compileOrgPolicy,
    (policy, issue) => compiler.issues.push({ policy, issue }),
  );

  const principals = new Map<string, CallerProfile>();
  const roles = new Map<string, RoleProfile>();
  const groups = new Map<string, GroupProfile>();
  const buckets = new Map<string, BucketProfile>();
  const canonicalIds = new Map<string, string>();
  const resources = new Map<string, ResourceProfile>();
  const keyIds = new Map<string, string>();
  const resourceAccountIds = new Set<string>();
  const identityPools = new Map<string, IdentityPoolProfile>();
  const unread = unreadPolicies(snapshot);
  const unreadOwnership = unreadOwnershipControls(snapshot);
  const unreadPab = unreadPublicAccessBlocks(snapshot);
  for (const account of snapshot.accounts.values()) {
    compileIdentityPools(account, identityPools);
    compileAccount(account, org, compiler, principals, roles, groups);
    compileBuckets(account, org, compiler, buckets, unread, unreadPab, unreadOwnership);
    compileResources(account, org, compiler, resources, keyIds, unread);
    compileFunctions(account, org, compiler, resources, unread);
    if (account.resources) resourceAccountIds.add(account.accountId);
    const owner = account.s3?.ownerCanonicalId;
    if (owner !== undefined) canonicalIds.set(owner, account.accountId);
  }

  const scpsByAccount = new Map<string, OrgPolicyChain>();
  const orgPathsByAccount = new Map<string, string>();
  for (const id of org.orgAccountIds) {
    const chain = org.scpChain(id);
    if (chain) scpsByAccount.set(id, chain);
    const path = org.orgPath(id);
    if (path !== undefined) orgPathsByAccount.set(id, path);
  }

  const model: AuthzModel = {
    orgAccountIds: org.orgAccountIds,
    principals,
    roles,
    groups,
    buckets,
    resources,
    keyIds,
    resourceAccountIds,
    canonicalIds,
    policyIssues: compiler.issues,
    scpsByAccount,
    orgPathsByAccount,
    scannedAccountIds: new Set(snapshot.accounts.keys()),
    identityPools,
  };
  if (org.organizationId !== undefined) model.organizationId = org.organizationId;
  if (org.managementAccountId !== undefined) model.managementAccountId = org.managementAccountId;
  return model;
}

/** iam.json's `CreateDate` in epoch milliseconds; undefined when absent or not a date. */
function creationTime(createDate: string | undefined): number | undefined {
  if (createDate === undefined) return undefined;
  const ms = Date.parse(createDate);
  return Number.isFinite(ms) ? ms : undefined;
}

/**
 * The compact "world" of a decision case, and how it becomes a real `Snapshot`: a caller, a
 * role, a bucket, an organization (SCPs and RCPs by level), managed policies. The cases then run
 * through the same path as `trustmap simulate` (compileAuthzModel → callerFromArn → authorize).
 */
import { parseArn } from '../../../shared/arn/parse-arn.js';
import type {
  AccountData,
  Acl,
  ObjectOwnership,
  Organization,
  PolicyJson,
  PublicAccessBlock,
  Snapshot,
} from '../../../shared/snapshot/types.js';

export interface WorldCaller {
  /** User, role, role-session, account root or federated-user ARN. */
  arn?: string;
  service?: string;
  federated?: string;
  anonymous?: true;
  /** An opaque principal of this account (its policies unknown): `Caller` type `account`. */
  account?: string;
  /** Inline identity policies of the user or role. */
  policies?: PolicyJson[];
  /** Inline policies of a group the user is a member of. */
  groupPolicies?: PolicyJson[];
  /** Managed policies attached (documents in `World.managedPolicies`, or missing). */
  managedArns?: string[];
  /** A boundary document, or `{ "missingArn": … }` for a boundary not in the snapshot. */
  boundary?: PolicyJson;
  tags?: Record<string, string>;
  serviceLinked?: boolean;
  /** The caller's account folder is not in the snapshot (default: it is). */
  scanned?: boolean;
  /** The role's unique id (default: derived). */
  roleId?: string;
}

export interface WorldRole {
  arn: string;
  trust?: PolicyJson;
  tags?: Record<string, string>;
  /** Registered providers (writes identity-providers.json for the role's account). */
  providers?: string[];
  maxSessionDuration?: number;
}

export interface WorldBucket {
  name: string;
  account: string;
  policy?: PolicyJson;
  pab?: Partial<PublicAccessBlock>;
  accountPab?: Partial<PublicAccessBlock>;
  acl?: Acl;
  ownership?: ObjectOwnership;
  canonicalId?: string;
  /** The bucket's region (s3.json `Region`). */
  region?: string;
}

export interface WorldOrgPolicy {
  name: string;
  targets: string[];
  /** A document, or the name of a built-in: "FullAWSAccess" / "RCPFullAWSAccess". */
  document?: PolicyJson | 'FullAWSAccess' | 'RCPFullAWSAccess';
}

export interface WorldOrg {
  id?: string;
  management?: string;
  root?: string;
  /** OU id → parent id. */
  ous?: Record<string, string>;
  /** Member account → parent (root or OU) id. */
  accounts: Record<string, string>;
  scps?: WorldOrgPolicy[];
  rcps?: WorldOrgPolicy[];
}

export interface World {
  caller: WorldCaller;
  role?: WorldRole;
  bucket?: WorldBucket;
  org?: WorldOrg;
  managedPolicies?: { arn: string; document: PolicyJson }[];
  /** Canonical user id → account id of other accounts (written as their s3.json owner). */
  canonicalIds?: Record<string, string>;
}

export const FULL_AWS_ACCESS: PolicyJson = {
  Version: '2012-10-17',
  Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }],
};

export const RCP_FULL_AWS_ACCESS: PolicyJson = {
  Version: '2012-10-17',
  Statement: [{ Effect: 'Allow', Principal: '*', Action: '*', Resource: '*' }],
};

const NO_PAB: PublicAccessBlock = {
  blockPublicAcls: false,
  ignorePublicAcls: false,
  blockPublicPolicy: false,
  restrictPublicBuckets: false,
};

function accountOf(arn: string): string {
  const a = parseArn(arn)?.accountId;
  if (a === undefined || a === '') throw new Error(`world: no account in ${arn}`);
  return a;
}

function nameAndPath(resource: string): { name: string; path: string } {
  const parts = resource.split('/');
  const name = parts[parts.length - 1] ?? '';
  const path = parts.length > 2 ? `/${parts.slice(1, -1).join('/')}/` : '/';
  return { name, path };
}

function idFor(prefix: string, seed: string): string {
  let h = 0;
  for (const ch of seed) h = (h * 31 + ch.charCodeAt(0)) >>> 0;
  return `${prefix}${h.toString(36).toUpperCase().padStart(17, 'X')}`;
}

/** Builds the snapshot a world describes. */
export function buildSnapshot(world: World): Snapshot {
  const accounts = new Map<string, AccountData>();
  const account = (id: string): AccountData => {
    let a = accounts.get(id);
    if (!a) {
      a = {
        accountId: id,
        partition: 'aws',
        users: [],
        groups: [],
        roles: [],
        managedPolicies: [],
      };
      accounts.set(id, a);
    }
    return a;
  };
  const managed = new Map<string, PolicyJson>();
  for (const m of world.managedPolicies ?? []) managed.set(m.arn, m.document);

  const c = world.caller;
  if (c.arn !== undefined && c.scanned !== false) {
    const arn = parseArn(c.arn);
    if (!arn) throw new Error(`world: bad caller ARN ${c.arn}`);
    const acct = account(arn.accountId);
    let boundaryArn: string | undefined;
    if (c.boundary !== undefined) {
      if (typeof c.boundary.missingArn === 'string') boundaryArn = c.boundary.missingArn;
      else {
        boundaryArn = `arn:aws:iam::${arn.accountId}:policy/caller-boundary`;
        managed.set(boundaryArn, c.boundary);
      }
    }
    const inline = (c.policies ?? []).map((document, i) => ({
      name: `caller-inline-${i}`,
      document,
    }));
    if (arn.service === 'iam' && arn.resource.startsWith('user/')) {
      const { name, path } = nameAndPath(arn.resource);
      const groups: string[] = [];
      if (c.groupPolicies) {
        groups.push('callers');
        acct.groups.push({
          arn: `arn:aws:iam::${arn.accountId}:group/callers`,
          name: 'callers',
          path: '/',
          groupId: idFor('AGPA', c.arn),
          accountId: arn.accountId,
          inlinePolicies: c.groupPolicies.map((document, i) => ({
            name: `group-inline-${i}`,
            document,
          })),
          attachedPolicyArns: [],
        });
      }
      const user: AccountData['users'][number] = {
        arn: c.arn,
        name,
        path,
        userId: idFor('AIDA', c.arn),
        accountId: arn.accountId,
        groups,
        inlinePolicies: inline,
        attachedPolicyArns: c.managedArns ?? [],
        tags: c.tags ?? {},
      };
      if (boundaryArn !== undefined) user.permissionsBoundaryArn = boundaryArn;
      acct.users.push(user);
    } else if (
      (arn.service === 'iam' && arn.resource.startsWith('role/')) ||
      (arn.service === 'sts' && arn.resource.startsWith('assumed-role/'))
    ) {
      const roleArn =
        arn.service === 'iam'
          ? c.arn
          : `arn:aws:iam::${arn.accountId}:role/${arn.resource.split('/')[1] ?? ''}`;
      const { name, path } = nameAndPath(parseArn(roleArn)?.resource ?? '');
      const role: AccountData['roles'][number] = {
        arn: roleArn,
        name,
        path: c.serviceLinked ? '/aws-service-role/example.amazonaws.com/' : path,
        roleId: c.roleId ?? idFor('AROA', roleArn),
        accountId: arn.accountId,
        trustPolicy: { Version: '2012-10-17', Statement: [] },
        inlinePolicies: inline,
        attachedPolicyArns: c.managedArns ?? [],
        tags: c.tags ?? {},
        serviceLinked: c.serviceLinked ?? false,
      };
      if (boundaryArn !== undefined) role.permissionsBoundaryArn = boundaryArn;
      acct.roles.push(role);
    }
  }

  if (world.role) {
    const r = world.role;
    const arn = parseArn(r.arn);
    if (!arn) throw new Error(`world: bad role ARN ${r.arn}`);
    const acct = account(arn.accountId);
    const { name, path } = nameAndPath(arn.resource);
    const role: AccountData['roles'][number] = {
      arn: r.arn,
      name,
      path,
      roleId: idFor('AROA', r.arn),
      accountId: arn.accountId,
      inlinePolicies: [],
      attachedPolicyArns: [],
      tags: r.tags ?? {},
      serviceLinked: path.startsWith('/aws-service-role/'),
    };
    if (r.trust !== undefined) role.trustPolicy = r.trust;
    if (r.maxSessionDuration !== undefined) role.maxSessionDuration = r.maxSessionDuration;
    // The caller may be the role itself (self-assumption): one role, the caller's policies.
    const self = acct.roles.findIndex((x) => x.arn === r.arn);
    if (self >= 0) {
      const callerRole = acct.roles[self]!;
      role.inlinePolicies = callerRole.inlinePolicies;
      role.attachedPolicyArns = callerRole.attachedPolicyArns;
      if (callerRole.permissionsBoundaryArn !== undefined)
        role.permissionsBoundaryArn = callerRole.permissionsBoundaryArn;
      acct.roles[self] = role;
    } else acct.roles.push(role);
    if (r.providers) {
      acct.identityProviders = {
        oidc: r.providers
          .filter((p) => p.includes(':oidc-provider/'))
          .map((p) => ({ arn: p, url: p.slice(p.indexOf(':oidc-provider/') + 15), clientIds: [] })),
        saml: r.providers.filter((p) => p.includes(':saml-provider/')).map((p) => ({ arn: p })),
      };
    }
  }

  if (world.bucket) {
    const b = world.bucket;
    const acct = account(b.account);
    const bucket: NonNullable<AccountData['s3']>['buckets'][number] = {
      name: b.name,
      arn: `arn:aws:s3:::${b.name}`,
      accountId: b.account,
    };
    if (b.policy !== undefined) bucket.policy = b.policy;
    if (b.region !== undefined) bucket.region = b.region;
    if (b.pab !== undefined) bucket.publicAccessBlock = { ...NO_PAB, ...b.pab };
    if (b.acl !== undefined) bucket.acl = b.acl;
    if (b.ownership !== undefined) bucket.ownership = b.ownership;
    acct.s3 = { buckets: [bucket] };
    if (b.canonicalId !== undefined) acct.s3.ownerCanonicalId = b.canonicalId;
    if (b.accountPab !== undefined)
      acct.s3.accountPublicAccessBlock = { ...NO_PAB, ...b.accountPab };
  }

  for (const [id, accountId] of Object.entries(world.canonicalIds ?? {})) {
    const acct = account(accountId);
    acct.s3 ??= { buckets: [] };
    acct.s3.ownerCanonicalId = id;
  }

  // Managed policies are listed in the account of the principal that uses them; AWS managed
  // policies (account "aws") in every account folder, as real dumps do.
  for (const [arn, document] of managed) {
    const owner = parseArn(arn)?.accountId ?? '';
    const mp = {
      arn,
      name: arn.slice(arn.lastIndexOf('/') + 1),
      path: '/',
      document,
      awsManaged: owner === 'aws',
    };
    for (const a of accounts.values())
      if (owner === 'aws' || owner === a.accountId) a.managedPolicies.push(mp);
  }

  const snapshot: Snapshot = { accounts, issues: [] };
  if (world.org) snapshot.organization = buildOrganization(world.org);
  return snapshot;
}

function orgPolicyDocument(p: WorldOrgPolicy, kind: 'scp' | 'rcp'): PolicyJson {
  if (
    p.document === undefined ||
    p.document === 'FullAWSAccess' ||
    p.document === 'RCPFullAWSAccess'
  )
    return kind === 'scp' ? FULL_AWS_ACCESS : RCP_FULL_AWS_ACCESS;
  return p.document;
}

function buildOrganization(o: WorldOrg): Organization {
  const root = o.root ?? 'r-root';
  const org: Organization = {
    id: o.id ?? 'o-exampleorg1',
    roots: [{ id: root }],
    ous: Object.entries(o.ous ?? {}).map(([id, parentId]) => ({ id, name: id, parentId })),
    accounts: Object.keys(o.accounts).map((id) => ({ id })),
    accountParents: o.accounts,
    policies: [
      ...(o.scps ?? []).map((p, i) => ({
        id: `p-scp${i}`,
        name: p.name,
        type: 'SERVICE_CONTROL_POLICY' as const,
        document: orgPolicyDocument(p, 'scp'),
        targets: p.targets,
      })),
      ...(o.rcps ?? []).map((p, i) => ({
        id: `p-rcp${i}`,
        name: p.name,
        type: 'RESOURCE_CONTROL_POLICY' as const,
        document: orgPolicyDocument(p, 'rcp'),
        targets: p.targets,
      })),
    ],
  };
  if (o.management !== undefined) org.managementAccountId = o.management;
  return org;
}

export { accountOf };

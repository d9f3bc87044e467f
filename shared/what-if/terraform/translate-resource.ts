/**
 * One `resource_changes` entry of a Terraform plan → the snapshot changes it makes. The argument
 * names are the AWS provider's (registry.terraform.io/hashicorp/aws, docs/what-if.md lists them).
 *
 * Contract:
 * - A value known only at apply time is never guessed: an ARN is built from a known name, path
 *   and account (IAM ARNs are `arn:P:iam::ACCOUNT:role/PATH/NAME`); anything else unknown is an
 *   `Unresolved` entry naming the address and field, and the part of the change it decides is
 *   left out.
 * - Updates emit only what differs between `before` and `after`, so a change that only moves or
 *   renames the resource address changes nothing.
 * - Arguments that the provider computes when they are not configured (`managed_policy_arns`,
 *   `inline_policy` of `aws_iam_role`) are exclusive only when configured: wholly unknown on a
 *   create means "not managed by this resource".
 */
import type { PolicyJson } from '../../snapshot/types.js';
import type { ChangeOrigin, PrincipalType, SnapshotChange, Unresolved } from '../types.js';
import { PlanValues, type PlanValue } from './plan-values.js';

export type PlanAction = 'create' | 'update' | 'delete' | 'replace';

/** What a translator may ask about the world around the plan. */
export interface TranslateContext {
  partition: string;
  /** The account the resource is created in (provider config, caller identity, `--account`). */
  accountOf(address: string): string | undefined;
  /**
   * The ARN of a role, user or group named by name: from the snapshot, or created by this plan.
   * undefined when neither knows it.
   */
  principalArn(accountId: string, type: PrincipalType, name: string): string | undefined;
  /** The region of the resource's provider, when the configuration states it. */
  regionOf(address: string): string | undefined;
}

export interface TranslateOutput {
  changes: SnapshotChange[];
  unresolved: Unresolved[];
}

export interface ResourceChangeInput {
  address: string;
  type: string;
  action: PlanAction;
  before: PlanValues | undefined;
  after: PlanValues | undefined;
}

/** Resource types that change who can reach what but that trustmap does not model yet. */
export const NOT_MODELLED_TYPES: ReadonlySet<string> = new Set([
  'aws_organizations_policy',
  'aws_organizations_policy_attachment',
  'aws_s3_bucket_public_access_block',
  'aws_s3_account_public_access_block',
  'aws_s3_bucket_acl',
  'aws_s3_bucket_ownership_controls',
  'aws_iam_saml_provider',
  'aws_iam_instance_profile',
  'aws_iam_role_policies_exclusive',
  'aws_iam_role_policy_attachments_exclusive',
  'aws_iam_user_policies_exclusive',
  'aws_iam_user_policy_attachments_exclusive',
  'aws_iam_group_policies_exclusive',
  'aws_iam_group_policy_attachments_exclusive',
  'aws_instance',
  'aws_ecs_task_definition',
]);

/** Workload resources: the type of workloads.json, the name and role arguments, the ARN. */
const WORKLOADS: Readonly<
  Record<
    string,
    {
      type: string;
      name: string;
      role: string;
      arn: (p: string, region: string, account: string, name: string) => string;
    }
  >
> = {
  aws_lambda_function: {
    type: 'lambda-function',
    name: 'function_name',
    role: 'role',
    arn: (p, r, a, n) => `arn:${p}:lambda:${r}:${a}:function:${n}`,
  },
  aws_codebuild_project: {
    type: 'codebuild-project',
    name: 'name',
    role: 'service_role',
    arn: (p, r, a, n) => `arn:${p}:codebuild:${r}:${a}:project/${n}`,
  },
  aws_glue_job: {
    type: 'glue-job',
    name: 'name',
    role: 'role_arn',
    arn: (p, r, a, n) => `arn:${p}:glue:${r}:${a}:job/${n}`,
  },
  aws_sagemaker_notebook_instance: {
    type: 'sagemaker-notebook',
    name: 'name',
    role: 'role_arn',
    arn: (p, r, a, n) => `arn:${p}:sagemaker:${r}:${a}:notebook-instance/${n.toLowerCase()}`,
  },
};

/** The resource types this module translates. */
export function isTranslatedType(type: string): boolean {
  return type in TRANSLATORS || type in WORKLOADS;
}

/** `/` or `/a/b/` (the provider's default is `/`). */
function normalizePath(path: string | undefined): string {
  if (path === undefined || path === '') return '/';
  return path;
}

function iamArn(
  partition: string,
  account: string,
  type: 'role' | 'user' | 'group' | 'policy',
  path: string,
  name: string,
): string {
  return `arn:${partition}:iam::${account}:${type}${normalizePath(path)}${name}`;
}

const same = (a: unknown, b: unknown): boolean => JSON.stringify(a) === JSON.stringify(b);

class Translation {
  readonly out: TranslateOutput = { changes: [], unresolved: [] };
  constructor(
    readonly rc: ResourceChangeInput,
    readonly ctx: TranslateContext,
  ) {}

  origin(field?: string): ChangeOrigin {
    const o: ChangeOrigin = { address: this.rc.address, action: this.rc.action };
    if (field !== undefined) o.field = field;
    return o;
  }

  push(change: SnapshotChange, field?: string): void {
    this.out.changes.push({ ...change, origin: this.origin(field) });
  }

  unresolved(reason: Unresolved['reason'], message: string, field?: string): void {
    this.out.unresolved.push({ origin: this.origin(field), reason, message });
  }

  unknown(field: string, what: string): void {
    this.unresolved(
      'unknown-value',
      `${field} is known only after apply: ${what} is left out of the answer`,
      field,
    );
  }

  /** A known value, or undefined after recording that it is unknown. */
  known<T>(v: PlanValue<T>, field: string, what: string): { value: T } | undefined {
    if (v.known) return { value: v.value };
    this.unknown(field, what);
    return undefined;
  }

  account(side: PlanValues): string | undefined {
    const arn = side.string('arn');
    if (arn.known && arn.value !== undefined) {
      const account = arn.value.split(':')[4];
      if (account !== undefined && /^\d{12}$/.test(account)) return account;
    }
    return this.ctx.accountOf(this.rc.address);
  }

  /**
   * The ARN of the IAM entity this resource is (role, user, group, policy): `arn` when known,
   * else built from name, path and account.
   */
  entityArn(side: PlanValues, type: 'role' | 'user' | 'group' | 'policy'): string | undefined {
    const arn = side.string('arn');
    if (arn.known && arn.value !== undefined) return arn.value;
    const name = side.string('name');
    if (!name.known || name.value === undefined) {
      this.unknown('name', `the ${type} (its name, hence its ARN)`);
      return undefined;
    }
    const path = side.string('path');
    if (!path.known) {
      this.unknown('path', `the ${type} (its path, hence its ARN)`);
      return undefined;
    }
    const account = this.account(side);
    if (account === undefined) {
      this.unresolved(
        'unknown-account',
        `the account of this ${type} is not in the plan (no ARN, no provider account); pass --account`,
        'arn',
      );
      return undefined;
    }
    return iamArn(this.ctx.partition, account, type, path.value ?? '/', name.value);
  }

  /** A principal named by name in argument `field` (`role`, `user`, `group`). */
  namedPrincipal(side: PlanValues, field: string, type: PrincipalType): string | undefined {
    const name = side.string(field);
    if (!name.known) {
      this.unknown(field, `the ${type} it applies to`);
      return undefined;
    }
    if (name.value === undefined || name.value === '') return undefined;
    // Some configurations pass an ARN where the name is expected; IAM accepts only names, but
    // the ARN says exactly which principal is meant.
    if (name.value.startsWith('arn:')) return name.value;
    const account = this.ctx.accountOf(this.rc.address);
    if (account === undefined) {
      this.unresolved(
        'unknown-account',
        `the account of ${type} "${name.value}" is not in the plan; pass --account`,
        field,
      );
      return undefined;
    }
    const arn = this.ctx.principalArn(account, type, name.value);
    if (arn === undefined)
      this.unresolved(
        'not-in-snapshot',
        `${type} "${name.value}" is neither in account ${account} of the snapshot nor created by the plan`,
        field,
      );
    return arn;
  }

  policy(side: PlanValues, field: string, what: string): PolicyJson | undefined | null {
    const v = side.policy(field);
    if (!v.known) {
      this.unknown(field, what);
      return null;
    }
    return v.value;
  }
}

type Translator = (t: Translation) => void;

/** Roles, users and groups: the entity, its boundary, its exclusive policy arguments. */
function principalResource(type: PrincipalType): Translator {
  return (t) => {
    const { before, after, action } = t.rc;
    const oldArn = before && action !== 'create' ? t.entityArn(before, type) : undefined;
    if (action === 'delete') {
      if (oldArn !== undefined) t.push({ kind: 'delete', arn: oldArn });
      return;
    }
    if (!after) return;
    const arn = t.entityArn(after, type);
    if (arn === undefined) return;
    const isNew = action === 'create' || oldArn !== arn;
    if (oldArn !== undefined && oldArn !== arn) t.push({ kind: 'delete', arn: oldArn });
    const prior = isNew ? undefined : before;

    const entity: SnapshotChange & { kind: 'principal' } = { kind: 'principal', arn };
    let entityChanged = isNew;
    if (type === 'role') {
      const trust = t.policy(after, 'assume_role_policy', 'who may assume the role');
      const priorTrust = prior?.policy('assume_role_policy');
      if (trust !== null && trust !== undefined) {
        if (isNew) entity.trustPolicy = trust;
        else if (!(priorTrust?.known === true && same(priorTrust.value, trust)))
          t.push({ kind: 'trust-policy', arn, document: trust }, 'assume_role_policy');
      }
      const max = after.number('max_session_duration');
      if (max.known && max.value !== undefined) entity.maxSessionDuration = max.value;
    }
    if (type !== 'group') {
      const tags = after.stringMap('tags');
      const priorTags = prior?.stringMap('tags');
      if (tags.known) {
        entity.tags = tags.value ?? {};
        if (!(priorTags?.known === true && same(priorTags.value ?? {}, entity.tags)))
          entityChanged = true;
      }
    }
    if (entityChanged) t.push(entity, isNew ? undefined : 'tags');

    if (type !== 'group') {
      const boundary = after.string('permissions_boundary');
      const priorBoundary = prior?.string('permissions_boundary');
      if (!boundary.known) t.unknown('permissions_boundary', 'the permissions boundary');
      else {
        const value = boundary.value === '' ? undefined : boundary.value;
        const was = priorBoundary?.known === true ? priorBoundary.value || undefined : undefined;
        if (value !== was && !(isNew && value === undefined))
          t.push(
            { kind: 'permissions-boundary', arn, policyArn: value ?? null },
            'permissions_boundary',
          );
      }
    }
    if (type !== 'role') return;

    // managed_policy_arns / inline_policy: exclusive when configured (see the header).
    if (after.isUnknown('managed_policy_arns')) {
      if (!isNew || after.raw('managed_policy_arns') !== undefined)
        t.unknown('managed_policy_arns', 'the managed policies attached to the role');
    } else {
      const arns = after.strings('managed_policy_arns');
      const was = prior?.strings('managed_policy_arns');
      if (arns.known && arns.value !== undefined && !(isNew && arns.value.length === 0)) {
        if (!(was?.known === true && same([...(was.value ?? [])].sort(), [...arns.value].sort())))
          t.push({ kind: 'attachments', arn, policyArns: arns.value }, 'managed_policy_arns');
      }
    }
    if (after.isUnknown('inline_policy')) {
      const blocks = after.raw('inline_policy');
      if (!isNew || Array.isArray(blocks))
        t.unknown('inline_policy', 'the inline policies of the role');
      return;
    }
    const blocks = after.blocks('inline_policy');
    if (!blocks.known || blocks.value === undefined) return;
    const policies: { name: string; document: PolicyJson }[] = [];
    for (const [i, b] of blocks.value.entries()) {
      const name = b.string('name');
      if (name.known && (name.value === undefined || name.value === '')) continue;
      const doc = b.policy('policy');
      if (!name.known || !doc.known) {
        t.unknown(`inline_policy[${String(i)}]`, 'the inline policies of the role');
        return;
      }
      if (name.value === undefined || doc.value === undefined) continue;
      policies.push({ name: name.value, document: doc.value });
    }
    const wasBlocks = prior?.blocks('inline_policy');
    const wasPolicies =
      wasBlocks?.known === true
        ? (wasBlocks.value ?? [])
            .map((b) => ({ name: b.string('name'), document: b.policy('policy') }))
            .filter((p) => p.name.known && p.name.value !== undefined && p.name.value !== '')
            .map((p) => ({
              name: p.name.known ? p.name.value : '',
              document: p.document.known ? p.document.value : undefined,
            }))
        : undefined;
    if (isNew && policies.length === 0) return;
    if (wasPolicies !== undefined && same(sortByName(wasPolicies), sortByName(policies))) return;
    t.push({ kind: 'inline-policies', arn, policies }, 'inline_policy');
  };
}

function sortByName<T extends { name?: string }>(list: T[]): T[] {
  return [...list].sort((a, b) => ((a.name ?? '') < (b.name ?? '') ? -1 : 1));
}

/** `aws_iam_role_policy`, `aws_iam_user_policy`, `aws_iam_group_policy`: one inline policy. */
function inlinePolicy(type: PrincipalType): Translator {
  return (t) => {
    const { before, after, action } = t.rc;
    const target = (side: PlanValues): { arn: string; name: string } | undefined => {
      const arn = t.namedPrincipal(side, type, type);
      const name = side.string('name');
      if (!name.known) {
        t.unknown('name', 'the name of the inline policy');
        return undefined;
      }
      if (arn === undefined || name.value === undefined) return undefined;
      return { arn, name: name.value };
    };
    const old = before && action !== 'create' ? target(before) : undefined;
    const next = after && action !== 'delete' ? target(after) : undefined;
    const doc =
      after && action !== 'delete' ? t.policy(after, 'policy', 'the inline policy') : undefined;
    if (old && (!next || old.arn !== next.arn || old.name !== next.name))
      t.push({ kind: 'inline-policy', arn: old.arn, name: old.name, document: null }, 'name');
    if (next && doc !== null && doc !== undefined) {
      const was = before?.policy('policy');
      if (
        old?.arn === next.arn &&
        old.name === next.name &&
        was?.known === true &&
        same(was.value, doc)
      )
        return;
      t.push({ kind: 'inline-policy', arn: next.arn, name: next.name, document: doc }, 'policy');
    }
  };
}

/** `aws_iam_policy`: a customer managed policy; an update is a new default version. */
const managedPolicy: Translator = (t) => {
  const { before, after, action } = t.rc;
  const oldArn = before && action !== 'create' ? t.entityArn(before, 'policy') : undefined;
  if (action === 'delete') {
    if (oldArn !== undefined) t.push({ kind: 'managed-policy', arn: oldArn, document: null });
    return;
  }
  if (!after) return;
  const arn = t.entityArn(after, 'policy');
  if (arn === undefined) return;
  if (oldArn !== undefined && oldArn !== arn)
    t.push({ kind: 'managed-policy', arn: oldArn, document: null });
  const doc = t.policy(after, 'policy', 'the policy document');
  if (doc === null || doc === undefined) return;
  const was = before?.policy('policy');
  if (oldArn === arn && was?.known === true && same(was.value, doc)) return;
  t.push({ kind: 'managed-policy', arn, document: doc }, 'policy');
};

/** `aws_iam_{role,user,group}_policy_attachment`: one managed policy attached to one principal. */
function attachment(type: PrincipalType): Translator {
  return (t) => {
    const { before, after, action } = t.rc;
    const read = (side: PlanValues): { arn: string; policyArn: string } | undefined => {
      const arn = t.namedPrincipal(side, type, type);
      const policyArn = side.string('policy_arn');
      if (!policyArn.known) {
        t.unknown('policy_arn', 'the policy attached');
        return undefined;
      }
      if (arn === undefined || policyArn.value === undefined) return undefined;
      return { arn, policyArn: policyArn.value };
    };
    const old = before && action !== 'create' ? read(before) : undefined;
    const next = after && action !== 'delete' ? read(after) : undefined;
    if (old && (!next || old.arn !== next.arn || old.policyArn !== next.policyArn))
      t.push({ kind: 'attachment', ...old, attached: false }, 'policy_arn');
    if (next && !(old && old.arn === next.arn && old.policyArn === next.policyArn))
      t.push({ kind: 'attachment', ...next, attached: true }, 'policy_arn');
  };
}

/** `aws_iam_policy_attachment`: one policy attached to lists of users, roles and groups. */
const policyAttachment: Translator = (t) => {
  const { before, after, action } = t.rc;
  const read = (side: PlanValues): Map<string, string> | undefined => {
    const policyArn = side.string('policy_arn');
    if (!policyArn.known) {
      t.unknown('policy_arn', 'the policy attached');
      return undefined;
    }
    if (policyArn.value === undefined) return undefined;
    const out = new Map<string, string>();
    for (const [field, type] of [
      ['users', 'user'],
      ['roles', 'role'],
      ['groups', 'group'],
    ] as const) {
      const names = side.strings(field);
      if (!names.known) {
        t.unknown(field, `the ${field} the policy is attached to`);
        continue;
      }
      for (const name of names.value ?? []) {
        const arn = resolveNamed(t, type, name, field);
        if (arn !== undefined) out.set(arn, policyArn.value);
      }
    }
    return out;
  };
  const old = before && action !== 'create' ? read(before) : new Map<string, string>();
  const next = after && action !== 'delete' ? read(after) : new Map<string, string>();
  for (const [arn, policyArn] of old ?? [])
    if (next?.get(arn) !== policyArn)
      t.push({ kind: 'attachment', arn, policyArn, attached: false }, 'policy_arn');
  for (const [arn, policyArn] of next ?? [])
    if (old?.get(arn) !== policyArn)
      t.push({ kind: 'attachment', arn, policyArn, attached: true }, 'policy_arn');
};

function resolveNamed(
  t: Translation,
  type: PrincipalType,
  name: string,
  field: string,
): string | undefined {
  if (name.startsWith('arn:')) return name;
  const account = t.ctx.accountOf(t.rc.address);
  if (account === undefined) {
    t.unresolved(
      'unknown-account',
      `the account of ${type} "${name}" is not in the plan; pass --account`,
      field,
    );
    return undefined;
  }
  const arn = t.ctx.principalArn(account, type, name);
  if (arn === undefined)
    t.unresolved(
      'not-in-snapshot',
      `${type} "${name}" is neither in account ${account} of the snapshot nor created by the plan`,
      field,
    );
  return arn;
}

/** `aws_iam_user_group_membership`: a user joins groups (not exclusive). */
const userGroupMembership: Translator = (t) => {
  const { before, after, action } = t.rc;
  const read = (side: PlanValues): { arn: string; groups: string[] } | undefined => {
    const arn = t.namedPrincipal(side, 'user', 'user');
    const groups = side.strings('groups');
    if (!groups.known) {
      t.unknown('groups', 'the groups the user joins');
      return undefined;
    }
    return arn === undefined ? undefined : { arn, groups: groups.value ?? [] };
  };
  const old = before && action !== 'create' ? read(before) : undefined;
  const next = after && action !== 'delete' ? read(after) : undefined;
  for (const g of old?.groups ?? [])
    if (!(next?.arn === old?.arn && next?.groups.includes(g)) && old)
      t.push({ kind: 'group-membership', arn: old.arn, group: g, member: false }, 'groups');
  for (const g of next?.groups ?? [])
    if (!(old?.arn === next?.arn && old?.groups.includes(g)) && next)
      t.push({ kind: 'group-membership', arn: next.arn, group: g, member: true }, 'groups');
};

/** `aws_iam_group_membership`: the exact users of a group. */
const groupMembership: Translator = (t) => {
  const { before, after, action } = t.rc;
  const read = (side: PlanValues): { arn: string; users: string[] } | undefined => {
    const arn = t.namedPrincipal(side, 'group', 'group');
    const users = side.strings('users');
    if (!users.known) {
      t.unknown('users', 'the users of the group');
      return undefined;
    }
    return arn === undefined ? undefined : { arn, users: users.value ?? [] };
  };
  const old = before && action !== 'create' ? read(before) : undefined;
  const next = after && action !== 'delete' ? read(after) : undefined;
  if (old && (!next || next.arn !== old.arn))
    t.push({ kind: 'group-members', arn: old.arn, users: [] }, 'users');
  if (next && !(old && old.arn === next.arn && same([...old.users].sort(), [...next.users].sort())))
    t.push({ kind: 'group-members', arn: next.arn, users: next.users }, 'users');
};

/** `aws_s3_bucket_policy`. */
const bucketPolicy: Translator = (t) => {
  const { before, after, action } = t.rc;
  const bucket = (side: PlanValues): string | undefined => {
    const name = side.string('bucket');
    if (!name.known) {
      t.unknown('bucket', 'the bucket the policy is for');
      return undefined;
    }
    return name.value === undefined ? undefined : `arn:${t.ctx.partition}:s3:::${name.value}`;
  };
  const old = before && action !== 'create' ? bucket(before) : undefined;
  const next = after && action !== 'delete' ? bucket(after) : undefined;
  if (old !== undefined && old !== next)
    t.push({ kind: 'bucket-policy', arn: old, document: null }, 'policy');
  if (next === undefined || !after) return;
  const doc = t.policy(after, 'policy', 'the bucket policy');
  if (doc === null) return;
  const was = before?.policy('policy');
  if (old === next && was?.known === true && same(was.value, doc)) return;
  t.push({ kind: 'bucket-policy', arn: next, document: doc ?? null }, 'policy');
};

/** `aws_iam_openid_connect_provider`. */
const oidcProvider: Translator = (t) => {
  const { before, after, action } = t.rc;
  const arnOf = (side: PlanValues): string | undefined => {
    const arn = side.string('arn');
    if (arn.known && arn.value !== undefined) return arn.value;
    const url = side.string('url');
    if (!url.known || url.value === undefined) {
      t.unknown('url', 'the identity provider');
      return undefined;
    }
    const account = t.ctx.accountOf(t.rc.address);
    if (account === undefined) {
      t.unresolved(
        'unknown-account',
        'the account of this identity provider is not in the plan; pass --account',
        'arn',
      );
      return undefined;
    }
    return `arn:${t.ctx.partition}:iam::${account}:oidc-provider/${url.value.replace(/^https:\/\//, '')}`;
  };
  const old = before && action !== 'create' ? arnOf(before) : undefined;
  const next = after && action !== 'delete' ? arnOf(after) : undefined;
  if (old !== undefined && old !== next) t.push({ kind: 'delete', arn: old });
  if (next === undefined || !after) return;
  const url = after.string('url');
  const clients = after.strings('client_id_list');
  if (!clients.known) t.unknown('client_id_list', 'the audiences of the provider');
  const urlValue =
    url.known && url.value !== undefined
      ? url.value.replace(/^https:\/\//, '')
      : next.slice(next.indexOf(':oidc-provider/') + 15);
  const wasClients = before?.strings('client_id_list');
  if (
    old === next &&
    clients.known &&
    wasClients?.known === true &&
    same([...(wasClients.value ?? [])].sort(), [...(clients.value ?? [])].sort())
  )
    return;
  t.push(
    {
      kind: 'oidc-provider',
      arn: next,
      url: urlValue,
      clientIds: clients.known ? (clients.value ?? []) : [],
    },
    'client_id_list',
  );
};

/** Compute resources of workloads.json: the role each runs as. */
function workload(spec: (typeof WORKLOADS)[string]): Translator {
  return (t) => {
    const { before, after, action } = t.rc;
    const arnOf = (side: PlanValues): string | undefined => {
      const arn = side.string('arn');
      if (arn.known && arn.value !== undefined) return arn.value;
      const name = side.string(spec.name);
      if (!name.known || name.value === undefined) {
        t.unknown(spec.name, 'the workload (its name, hence its ARN)');
        return undefined;
      }
      const account = t.ctx.accountOf(t.rc.address);
      const region = t.ctx.regionOf(t.rc.address);
      if (account === undefined || region === undefined) {
        t.unresolved(
          'unknown-account',
          `the ${account === undefined ? 'account' : 'region'} of this workload is not in the plan${account === undefined ? '; pass --account' : ''}`,
          'arn',
        );
        return undefined;
      }
      return spec.arn(t.ctx.partition, region, account, name.value);
    };
    const old = before && action !== 'create' ? arnOf(before) : undefined;
    if (action === 'delete') {
      if (old !== undefined) t.push({ kind: 'delete', arn: old });
      return;
    }
    if (!after) return;
    const arn = arnOf(after);
    if (arn === undefined) return;
    if (old !== undefined && old !== arn) t.push({ kind: 'delete', arn: old });
    const role = after.string(spec.role);
    if (!role.known) {
      t.unknown(spec.role, 'the role the workload runs as');
      return;
    }
    const was = before?.string(spec.role);
    if (old === arn && was?.known === true && was.value === role.value) return;
    t.push(
      { kind: 'workload', arn, workloadType: spec.type, roleArn: role.value ?? null },
      spec.role,
    );
  };
}

/**
 * The function a Lambda resource names (`function_name`: a name, an ARN, or either with
 * `:qualifier`; `qualifier`): its unqualified ARN and the qualifier, if any. Undefined (reported)
 * when a value is unknown or the account or region is not in the plan.
 */
function lambdaFunctionOf(
  t: Translation,
  side: PlanValues,
  what: string,
): { arn: string; qualifier?: string } | undefined {
  const fn = side.string('function_name');
  const qualifier = side.string('qualifier');
  if (!fn.known || fn.value === undefined || !qualifier.known) {
    t.unknown(fn.known ? 'qualifier' : 'function_name', `the function of the ${what}`);
    return undefined;
  }
  let arn: string;
  let qual = qualifier.value;
  const m = /^(arn:[^:]+:lambda:[^:]+:\d{12}:function:[^:]+)(?::([^:]+))?$/.exec(fn.value);
  if (m?.[1] !== undefined) {
    arn = m[1];
    qual ??= m[2];
  } else {
    const account = t.ctx.accountOf(t.rc.address);
    const region = t.ctx.regionOf(t.rc.address);
    if (account === undefined || region === undefined) {
      t.unresolved(
        'unknown-account',
        `the ${account === undefined ? 'account' : 'region'} of this ${what}'s function is not in the plan${account === undefined ? '; pass --account' : ''}`,
        'function_name',
      );
      return undefined;
    }
    const [name, q] = fn.value.split(':');
    arn = `arn:${t.ctx.partition}:lambda:${region}:${account}:function:${name ?? fn.value}`;
    qual ??= q;
  }
  return qual !== undefined && qual !== '' ? { arn, qualifier: qual } : { arn };
}

/**
 * `aws_lambda_function_url`: the URL of a function or of one alias (`qualifier`) with its
 * `authorization_type` (https://docs.aws.amazon.com/lambda/latest/api/API_CreateFunctionUrlConfig.html);
 * deleting the resource deletes the URL.
 */
const lambdaFunctionUrl: Translator = (t) => {
  const { before, after, action } = t.rc;
  const old =
    before && action !== 'create' ? lambdaFunctionOf(t, before, 'function URL') : undefined;
  const gone = (fn: { arn: string; qualifier?: string }): void => {
    t.push({ kind: 'function-url', ...fn, authType: null });
  };
  if (action === 'delete') {
    if (old !== undefined) gone(old);
    return;
  }
  if (!after) return;
  const next = lambdaFunctionOf(t, after, 'function URL');
  if (next === undefined) return;
  if (old !== undefined && (old.arn !== next.arn || old.qualifier !== next.qualifier)) gone(old);
  const auth = after.string('authorization_type');
  if (!auth.known) {
    t.unknown('authorization_type', 'the AuthType of the function URL');
    return;
  }
  if (auth.value !== 'NONE' && auth.value !== 'AWS_IAM') {
    t.unresolved(
      'not-modelled',
      `authorization_type ${JSON.stringify(auth.value ?? null)} is neither NONE nor AWS_IAM`,
      'authorization_type',
    );
    return;
  }
  t.push({ kind: 'function-url', ...next, authType: auth.value }, 'authorization_type');
};

/**
 * `aws_lambda_permission`: one statement of a function's policy, as Lambda's AddPermission
 * writes it (https://docs.aws.amazon.com/lambda/latest/api/API_AddPermission.html): the
 * principal (an account id becomes its root ARN, a service stays a service principal),
 * `aws:SourceArn` (ArnLike), `aws:SourceAccount`, `aws:PrincipalOrgID`,
 * `lambda:FunctionUrlAuthType`, `lambda:EventSourceToken` as conditions; the resource is the
 * function, or its version or alias (`qualifier`).
 */
const lambdaPermission: Translator = (t) => {
  const { before, after, action } = t.rc;
  const target = (
    side: PlanValues,
  ): { arn: string; qualifier?: string; sid: string; resource: string } | undefined => {
    const sid = side.string('statement_id');
    if (!sid.known || sid.value === undefined) {
      t.unknown('statement_id', 'the statement id of the permission');
      return undefined;
    }
    const fn = lambdaFunctionOf(t, side, 'permission');
    if (fn === undefined) return undefined;
    // A qualified permission is a statement of that alias's own policy, on the alias ARN.
    return {
      ...fn,
      sid: sid.value,
      resource: fn.qualifier !== undefined ? `${fn.arn}:${fn.qualifier}` : fn.arn,
    };
  };
  const removal = (of: { arn: string; qualifier?: string; sid: string }): void => {
    t.push({
      kind: 'function-permission',
      arn: of.arn,
      ...(of.qualifier === undefined ? {} : { qualifier: of.qualifier }),
      sid: of.sid,
      statement: null,
    });
  };
  const old = before && action !== 'create' ? target(before) : undefined;
  if (action === 'delete') {
    if (old !== undefined) removal(old);
    return;
  }
  if (!after) return;
  const next = target(after);
  if (next === undefined) return;
  if (
    old !== undefined &&
    (old.arn !== next.arn || old.sid !== next.sid || old.qualifier !== next.qualifier)
  )
    removal(old);
  const fields = [
    'action',
    'principal',
    'source_arn',
    'source_account',
    'principal_org_id',
    'function_url_auth_type',
    'event_source_token',
  ] as const;
  const values: Partial<Record<(typeof fields)[number], string>> = {};
  for (const f of fields) {
    const v = after.string(f);
    if (!v.known) {
      t.unknown(f, 'a value of the permission');
      return;
    }
    if (v.value !== undefined && v.value !== '') values[f] = v.value;
  }
  const principal = values.principal ?? '';
  const statement: Record<string, unknown> = {
    Effect: 'Allow',
    Principal:
      principal === '*'
        ? '*'
        : /^[a-z0-9.-]+\.amazonaws\.com(\.cn)?$/.test(principal)
          ? { Service: principal }
          : /^\d{12}$/.test(principal)
            ? { AWS: `arn:${t.ctx.partition}:iam::${principal}:root` }
            : { AWS: principal },
    Action: values.action ?? 'lambda:InvokeFunction',
    Resource: next.resource,
  };
  const condition: Record<string, Record<string, string>> = {};
  const put = (op: string, key: string, value: string | undefined): void => {
    if (value !== undefined) condition[op] = { ...condition[op], [key]: value };
  };
  put('ArnLike', 'AWS:SourceArn', values.source_arn);
  put('StringEquals', 'AWS:SourceAccount', values.source_account);
  put('StringEquals', 'aws:PrincipalOrgID', values.principal_org_id);
  put('StringEquals', 'lambda:FunctionUrlAuthType', values.function_url_auth_type);
  put('StringEquals', 'lambda:EventSourceToken', values.event_source_token);
  if (Object.keys(condition).length > 0) statement.Condition = condition;
  t.push(
    {
      kind: 'function-permission',
      arn: next.arn,
      ...(next.qualifier === undefined ? {} : { qualifier: next.qualifier }),
      sid: next.sid,
      statement,
    },
    'principal',
  );
};

const TRANSLATORS: Readonly<Record<string, Translator>> = {
  aws_iam_role: principalResource('role'),
  aws_iam_user: principalResource('user'),
  aws_iam_group: principalResource('group'),
  aws_iam_role_policy: inlinePolicy('role'),
  aws_iam_user_policy: inlinePolicy('user'),
  aws_iam_group_policy: inlinePolicy('group'),
  aws_iam_policy: managedPolicy,
  aws_iam_role_policy_attachment: attachment('role'),
  aws_iam_user_policy_attachment: attachment('user'),
  aws_iam_group_policy_attachment: attachment('group'),
  aws_iam_policy_attachment: policyAttachment,
  aws_iam_user_group_membership: userGroupMembership,
  aws_iam_group_membership: groupMembership,
  aws_s3_bucket_policy: bucketPolicy,
  aws_iam_openid_connect_provider: oidcProvider,
  aws_lambda_permission: lambdaPermission,
  aws_lambda_function_url: lambdaFunctionUrl,
};

/** Translates one resource change. */
export function translateResourceChange(
  rc: ResourceChangeInput,
  ctx: TranslateContext,
): TranslateOutput {
  const t = new Translation(rc, ctx);
  // A malformed document is bad input whatever else the plan leaves open (exit 2 naming it).
  for (const field of ['assume_role_policy', 'policy']) rc.after?.policy(field);
  const blocks =
    rc.after?.isUnknown('inline_policy') === true ? undefined : rc.after?.blocks('inline_policy');
  if (blocks?.known === true) for (const b of blocks.value ?? []) b.policy('policy');
  const translator = TRANSLATORS[rc.type];
  const spec = WORKLOADS[rc.type];
  if (translator) translator(t);
  else if (spec) workload(spec)(t);
  return t.out;
}

/** The name, path and account of a role, user or group a plan creates (for name lookups). */
export function createdPrincipal(
  rc: ResourceChangeInput,
  ctx: TranslateContext,
): { type: PrincipalType; accountId: string; name: string; arn: string } | undefined {
  const type =
    rc.type === 'aws_iam_role'
      ? 'role'
      : rc.type === 'aws_iam_user'
        ? 'user'
        : rc.type === 'aws_iam_group'
          ? 'group'
          : undefined;
  if (type === undefined || !rc.after || rc.action === 'delete') return undefined;
  const probe = new Translation(rc, ctx);
  const arn = probe.entityArn(rc.after, type);
  if (arn === undefined) return undefined;
  const name = arn.slice(arn.lastIndexOf('/') + 1);
  const accountId = arn.split(':')[4] ?? '';
  return { type, accountId, name, arn };
}

/**
 * `terraform show -json PLANFILE` → a `ChangeSet` (Terraform's "JSON Output Format", plan
 * representation: `format_version`, `resource_changes[]` with `address`, `mode`, `type`,
 * `change.actions`, `before`, `after`, `after_unknown`; `configuration.provider_config`;
 * `prior_state`). Only managed resources are read; `no-op`, `read` and `forget` change nothing in
 * AWS.
 *
 * The account a resource is created in comes, in this order, from its own ARN, from its
 * provider's configuration (`allowed_account_ids` with one account, or the account of
 * `assume_role.role_arn`), from the `aws_caller_identity` data source in the prior state (when it
 * names one account), and last from `--account`. Nothing else is guessed.
 */
import type { PrincipalType, SnapshotChange, ChangeSet, Unresolved } from '../types.js';
import { WhatIfInputError } from '../errors.js';
import { describe, isRecord, PlanValues } from './plan-values.js';
import {
  createdPrincipal,
  isTranslatedType,
  NOT_MODELLED_TYPES,
  translateResourceChange,
  type PlanAction,
  type ResourceChangeInput,
  type TranslateContext,
} from './translate-resource.js';

export interface TerraformPlanOptions {
  partition: string;
  /** `--account`: the account of resources whose account the plan does not state. */
  defaultAccountId?: string;
  /** Whether the snapshot holds a role, user or group with that name: its ARN. */
  principalArn(accountId: string, type: PrincipalType, name: string): string | undefined;
}

/** Whether a parsed JSON value looks like a Terraform plan (and not a change file). */
export function isTerraformPlan(json: unknown): boolean {
  return isRecord(json) && ('resource_changes' in json || 'format_version' in json);
}

function planAction(actions: unknown, address: string): PlanAction | 'none' {
  if (!Array.isArray(actions) || !actions.every((a) => typeof a === 'string'))
    throw new WhatIfInputError(
      `expected a list of actions, got ${describe(actions)}`,
      address,
      'change.actions',
    );
  const list = actions.join(',');
  switch (list) {
    case 'no-op':
    case 'read':
    case 'forget':
    case '':
      return 'none';
    case 'create':
      return 'create';
    case 'update':
      return 'update';
    case 'delete':
      return 'delete';
    case 'delete,create':
    case 'create,delete':
      return 'replace';
    default:
      throw new WhatIfInputError(`unknown actions "${list}"`, address, 'change.actions');
  }
}

/** `module.a[0].aws_iam_role.r["k"]` → modules [`a`], resource `aws_iam_role.r`. */
function splitAddress(address: string): { modules: string[]; resource: string } {
  const modules: string[] = [];
  let rest = address;
  for (;;) {
    const m = /^module\.([A-Za-z0-9_-]+)(\[[^\]]*\])?\./.exec(rest);
    if (!m) break;
    modules.push(m[1] ?? '');
    rest = rest.slice(m[0].length);
  }
  return { modules, resource: rest.replace(/\[[^\]]*\]$/, '') };
}

interface ProviderFacts {
  accountId?: string;
  region?: string;
}

function constantOf(expr: unknown): unknown {
  return isRecord(expr) ? expr.constant_value : undefined;
}

/** Account and region that a provider configuration states as constants. */
function providerFacts(config: unknown): ProviderFacts {
  const facts: ProviderFacts = {};
  if (!isRecord(config) || !isRecord(config.expressions)) return facts;
  const e = config.expressions;
  const allowed = constantOf(e.allowed_account_ids);
  if (Array.isArray(allowed) && allowed.length === 1 && typeof allowed[0] === 'string')
    facts.accountId = allowed[0];
  const assume = e.assume_role;
  const first: unknown = Array.isArray(assume) ? assume[0] : assume;
  const roleArn = isRecord(first) ? constantOf(first.role_arn) : undefined;
  if (facts.accountId === undefined && typeof roleArn === 'string') {
    const account = roleArn.split(':')[4];
    if (account !== undefined && /^\d{12}$/.test(account)) facts.accountId = account;
  }
  const region = constantOf(e.region);
  if (typeof region === 'string') facts.region = region;
  return facts;
}

/** The provider configuration key (`aws`, `aws.prod`, `module.x:aws`) of each configured resource. */
function providerKeyOf(plan: Record<string, unknown>, address: string): string | undefined {
  const configuration = plan.configuration;
  if (!isRecord(configuration)) return undefined;
  const { modules, resource } = splitAddress(address);
  let module: unknown = configuration.root_module;
  for (const name of modules) {
    const calls = isRecord(module) ? module.module_calls : undefined;
    const call = isRecord(calls) ? calls[name] : undefined;
    module = isRecord(call) ? call.module : undefined;
  }
  const resources = isRecord(module) ? module.resources : undefined;
  if (!Array.isArray(resources)) return undefined;
  for (const r of resources)
    if (isRecord(r) && r.address === resource && typeof r.provider_config_key === 'string')
      return r.provider_config_key;
  return undefined;
}

/** Account ids of `aws_caller_identity` data sources in the prior state. */
function callerIdentityAccounts(plan: Record<string, unknown>): Set<string> {
  const out = new Set<string>();
  const walk = (module: unknown): void => {
    if (!isRecord(module)) return;
    for (const r of Array.isArray(module.resources) ? module.resources : [])
      if (isRecord(r) && r.type === 'aws_caller_identity' && isRecord(r.values)) {
        const id = r.values.account_id;
        if (typeof id === 'string' && /^\d{12}$/.test(id)) out.add(id);
      }
    for (const child of Array.isArray(module.child_modules) ? module.child_modules : [])
      walk(child);
  };
  const prior = plan.prior_state;
  if (isRecord(prior) && isRecord(prior.values)) walk(prior.values.root_module);
  return out;
}

/** Parses a Terraform plan in JSON. Throws `WhatIfInputError` naming the address and field. */
export function parseTerraformPlan(json: unknown, options: TerraformPlanOptions): ChangeSet {
  if (!isRecord(json))
    throw new WhatIfInputError(`expected a Terraform plan (a JSON object), got ${describe(json)}`);
  const version = json.format_version;
  if (version !== undefined && (typeof version !== 'string' || !/^[01]\./.test(version)))
    throw new WhatIfInputError(
      `format_version ${describe(version)} is not supported (this version reads 0.x and 1.x)`,
    );
  const list = json.resource_changes ?? [];
  if (!Array.isArray(list))
    throw new WhatIfInputError(`resource_changes: expected a list, got ${describe(list)}`);

  const providers = isRecord(json.configuration) ? json.configuration.provider_config : undefined;
  const awsProviders = isRecord(providers)
    ? Object.entries(providers).filter(([, p]) => isRecord(p) && p.name === 'aws')
    : [];
  const callerAccounts = callerIdentityAccounts(json);
  const factsOf = (address: string): ProviderFacts => {
    const key = providerKeyOf(json, address);
    const config =
      key !== undefined && isRecord(providers)
        ? (providers[key] ?? providers[key.slice(key.lastIndexOf(':') + 1)])
        : awsProviders.length === 1
          ? awsProviders[0]?.[1]
          : undefined;
    return providerFacts(config);
  };

  const inputs: ResourceChangeInput[] = [];
  const unchanged: string[] = [];
  const ignored: string[] = [];
  const unresolved: Unresolved[] = [];
  for (const [i, raw] of list.entries()) {
    if (!isRecord(raw))
      throw new WhatIfInputError(
        `expected an object, got ${describe(raw)}`,
        `resource_changes[${String(i)}]`,
      );
    const address = raw.address;
    if (typeof address !== 'string' || address === '')
      throw new WhatIfInputError('missing address', `resource_changes[${String(i)}]`, 'address');
    if (raw.mode !== undefined && raw.mode !== 'managed') continue;
    const type = raw.type;
    if (typeof type !== 'string') throw new WhatIfInputError('missing type', address, 'type');
    const change = raw.change;
    if (!isRecord(change))
      throw new WhatIfInputError(`expected an object, got ${describe(change)}`, address, 'change');
    const action = planAction(change.actions, address);
    if (action === 'none') {
      if (typeof raw.previous_address === 'string' || isTranslatedType(type))
        unchanged.push(address);
      continue;
    }
    if (NOT_MODELLED_TYPES.has(type)) {
      unresolved.push({
        origin: { address, action },
        reason: 'not-modelled',
        message: `${type} changes who can reach what, but trustmap does not model it yet: its effect is not in the answer`,
      });
      continue;
    }
    if (!isTranslatedType(type)) {
      ignored.push(address);
      continue;
    }
    const side = (value: unknown, mask: unknown, field: string): PlanValues | undefined => {
      if (value === null || value === undefined) return undefined;
      if (!isRecord(value))
        throw new WhatIfInputError(`expected an object, got ${describe(value)}`, address, field);
      return new PlanValues(address, value, mask);
    };
    const before = side(change.before, undefined, 'change.before');
    const after = side(change.after, change.after_unknown, 'change.after');
    if ((action === 'update' || action === 'delete' || action === 'replace') && !before)
      throw new WhatIfInputError(
        `a ${action} needs the values before it`,
        address,
        'change.before',
      );
    if ((action === 'create' || action === 'update' || action === 'replace') && !after)
      throw new WhatIfInputError(`a ${action} needs the values after it`, address, 'change.after');
    inputs.push({ address, type, action, before, after });
  }

  const created = new Map<string, string>();
  const key = (a: string, t: PrincipalType, n: string): string =>
    `${a}\u0000${t}\u0000${n.toLowerCase()}`;
  const ctx: TranslateContext = {
    partition: options.partition,
    accountOf: (address) =>
      factsOf(address).accountId ??
      (callerAccounts.size === 1 ? [...callerAccounts][0] : undefined) ??
      options.defaultAccountId,
    regionOf: (address) => factsOf(address).region,
    principalArn: (accountId, type, name) =>
      created.get(key(accountId, type, name)) ?? options.principalArn(accountId, type, name),
  };
  // Names of principals the plan creates resolve before the resources that name them.
  const quiet: TranslateContext = { ...ctx };
  for (const rc of inputs) {
    const p = createdPrincipal(rc, quiet);
    if (p) created.set(key(p.accountId, p.type, p.name), p.arn);
  }

  const changes: SnapshotChange[] = [];
  for (const rc of inputs) {
    const out = translateResourceChange(rc, ctx);
    changes.push(...out.changes);
    unresolved.push(...out.unresolved);
  }
  return { format: 'terraform', changes, unresolved, ignored, unchanged };
}

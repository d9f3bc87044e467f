/**
 * Writes Terraform plan JSON exactly in the shape `terraform show -json PLANFILE` prints
 * (Terraform "JSON Output Format", format_version 1.2): `planned_values`, `resource_changes` with
 * `change.actions` / `before` / `after` / `after_unknown` / `before_sensitive` /
 * `after_sensitive`, `prior_state`, and `configuration` with the AWS provider's config. Policy
 * documents are JSON strings, as the AWS provider stores them (`jsonencode` output).
 */
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';

export type Json = Record<string, unknown>;

export interface PlannedResource {
  address: string;
  type: string;
  /** `["create"]`, `["update"]`, `["delete"]`, `["delete","create"]`, `["no-op"]` … */
  actions: string[];
  before?: Json | null;
  after?: Json | null;
  afterUnknown?: Json;
  previousAddress?: string;
  /** `replace_because_cannot_update` … */
  actionReason?: string;
}

export interface PlanOptions {
  /** The provider's `allowed_account_ids` (one account). */
  accountId?: string;
  region?: string;
  /** An `aws_caller_identity` data source in the prior state with this account. */
  callerIdentityAccount?: string;
}

/** A policy document as the AWS provider writes it: compact JSON text. */
export function policyText(doc: Json): string {
  return JSON.stringify(doc);
}

/** The name part of an address (`aws_iam_role.deploy` → `deploy`). */
function nameOf(address: string): string {
  const last = address.split('.').pop() ?? address;
  return last.replace(/\[.*\]$/, '');
}

/** The plan JSON for `resources`. */
export function terraformPlan(
  resources: readonly PlannedResource[],
  options: PlanOptions = {},
): Json {
  const expressions: Json = { region: { constant_value: options.region ?? 'us-east-1' } };
  if (options.accountId !== undefined)
    expressions.allowed_account_ids = { constant_value: [options.accountId] };
  const priorResources: Json[] = [];
  if (options.callerIdentityAccount !== undefined)
    priorResources.push({
      address: 'data.aws_caller_identity.current',
      mode: 'data',
      type: 'aws_caller_identity',
      name: 'current',
      provider_name: 'registry.terraform.io/hashicorp/aws',
      schema_version: 0,
      values: {
        account_id: options.callerIdentityAccount,
        arn: `arn:aws:iam::${options.callerIdentityAccount}:user/terraform`,
        id: options.callerIdentityAccount,
        user_id: 'AIDAEXAMPLEUSERID0001',
      },
      sensitive_values: {},
    });
  for (const r of resources)
    if (r.before !== undefined && r.before !== null && !r.actions.includes('create'))
      priorResources.push({
        address: r.previousAddress ?? r.address,
        mode: 'managed',
        type: r.type,
        name: nameOf(r.previousAddress ?? r.address),
        provider_name: 'registry.terraform.io/hashicorp/aws',
        schema_version: 0,
        values: r.before,
        sensitive_values: {},
      });
  return {
    format_version: '1.2',
    terraform_version: '1.9.8',
    planned_values: {
      root_module: {
        resources: resources
          .filter((r) => r.after !== undefined && r.after !== null)
          .map((r) => ({
            address: r.address,
            mode: 'managed',
            type: r.type,
            name: nameOf(r.address),
            provider_name: 'registry.terraform.io/hashicorp/aws',
            schema_version: 0,
            values: r.after,
            sensitive_values: {},
          })),
      },
    },
    resource_changes: resources.map((r) => {
      const rc: Json = {
        address: r.address,
        mode: 'managed',
        type: r.type,
        name: nameOf(r.address),
        provider_name: 'registry.terraform.io/hashicorp/aws',
        change: {
          actions: r.actions,
          before: r.before ?? null,
          after: r.after ?? null,
          after_unknown: r.afterUnknown ?? {},
          before_sensitive: r.before === undefined || r.before === null ? false : {},
          after_sensitive: r.after === undefined || r.after === null ? false : {},
        },
      };
      if (r.previousAddress !== undefined) rc.previous_address = r.previousAddress;
      if (r.actionReason !== undefined) rc.action_reason = r.actionReason;
      return rc;
    }),
    prior_state: {
      format_version: '1.0',
      terraform_version: '1.9.8',
      values: { root_module: { resources: priorResources } },
    },
    configuration: {
      provider_config: {
        aws: {
          name: 'aws',
          full_name: 'registry.terraform.io/hashicorp/aws',
          version_constraint: '~> 5.0',
          expressions,
        },
      },
      root_module: {
        resources: resources.map((r) => ({
          address: r.address,
          mode: 'managed',
          type: r.type,
          name: nameOf(r.address),
          provider_config_key: 'aws',
          expressions: {},
          schema_version: 0,
        })),
      },
    },
    timestamp: '2026-12-07T03:30:00Z',
    applyable: true,
    complete: true,
    errored: false,
  };
}

/** Writes the plan to `dir/name` and returns its path. */
export async function writePlan(
  dir: string,
  name: string,
  resources: readonly PlannedResource[],
  options: PlanOptions = {},
): Promise<string> {
  const file = join(dir, name);
  await writeFile(file, `${JSON.stringify(terraformPlan(resources, options), null, 2)}\n`);
  return file;
}

/** The `after_unknown` of an `aws_iam_role` created with a known name. */
export const ROLE_CREATE_UNKNOWN: Json = {
  arn: true,
  create_date: true,
  id: true,
  inline_policy: true,
  managed_policy_arns: true,
  name_prefix: true,
  tags_all: true,
  unique_id: true,
};

/** An `aws_iam_role` as the provider describes it (after refresh / in `after`). */
export function roleValues(v: {
  name: string;
  path?: string;
  trust: Json;
  arn?: string;
  managed?: string[];
  inline?: { name: string; policy: Json }[];
  boundary?: string | null;
}): Json {
  const out: Json = {
    assume_role_policy: policyText(v.trust),
    description: '',
    force_detach_policies: false,
    max_session_duration: 3600,
    name: v.name,
    name_prefix: '',
    path: v.path ?? '/',
    permissions_boundary: v.boundary ?? null,
    tags: null,
    tags_all: {},
  };
  if (v.arn !== undefined) {
    out.arn = v.arn;
    out.id = v.name;
    out.unique_id = 'AROAEXAMPLEUNIQUEID01';
    out.create_date = '2025-01-01T00:00:00Z';
  }
  if (v.managed !== undefined) out.managed_policy_arns = v.managed;
  if (v.inline !== undefined)
    out.inline_policy = v.inline.map((p) => ({ name: p.name, policy: policyText(p.policy) }));
  return out;
}

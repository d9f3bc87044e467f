/**
 * An account's workloads.json becomes its workloads (DESIGN.md "Snapshot directory"):
 * `{ "Workloads": [{ "Type", "Arn", "Name", "Region", "RoleArn"?, "InstanceProfileArn"?,
 * "ResourcePolicy"?, "FunctionUrls"?, "Aliases"?, "Versions"?, "EventSourceMappings"? }] }`
 * (`FunctionUrls`: read-function-urls.ts; `Aliases`: read-function-aliases.ts; `Versions`:
 * read-function-versions.ts; `EventSourceMappings`: read-event-source-mappings.ts; the AWS Batch fields: read-batch-fields.ts; an
 * `autoscaling-group`'s `LaunchTemplate` and sizes: read-autoscaling-group.ts); a
 * `cognito-identity-pool` has no RoleArn but `AllowUnauthenticatedIdentities`?,
 * `AllowClassicFlow`? (booleans, DescribeIdentityPool) and `Roles`? (GetIdentityPoolRoles); a
 * `cloudformation-stack-set` has its own fields (read-stack-set.ts); an `ec2-instance` its `Tags`
 * and a `codedeploy-deployment-group` its targets (read-deployment-group.ts).
 *
 * - The file present with an empty list means "no workloads"; the file absent means "unknown"
 *   (the caller leaves `AccountData.workloads` undefined and coverage says so).
 * - An unknown `Type` loads with a warning (the collector may know more types than this version
 *   models); such a workload is kept but no technique uses it.
 * - An EC2 instance's role comes through its instance profile, resolved against iam.json's
 *   `InstanceProfileList` of the account's roles when `RoleArn` is not given.
 * - A workload of another account than the folder's, or without an ARN, is skipped (error).
 */
import { parseArn } from '../arn/parse-arn.js';
import { isRecord, quote, rootNode, type FileReader, type JsonNode } from './json-reader.js';
import { readBatchFields } from './read-batch-fields.js';
import { readDeploymentGroup, readInstanceTags } from './read-deployment-group.js';
import { readRuntimeFields } from './read-runtime-fields.js';
import { readFunctionAliases } from './read-function-aliases.js';
import { readEventSourceMappings } from './read-event-source-mappings.js';
import { readFunctionUrls } from './read-function-urls.js';
import { readFunctionVersions } from './read-function-versions.js';
import { readGroupCapacity, readLaunchTemplateSpec } from './read-autoscaling-group.js';
import { readPolicyDocument } from './read-policy-document.js';
import { readStackSet } from './read-stack-set.js';
import { WORKLOAD_TYPES, type IdentityPoolSettings, type Role, type Workload } from './types.js';

export interface WorkloadsContext {
  accountId: string;
  reader: FileReader;
  /** The account's roles (from iam.json), to resolve instance profiles. */
  roles: readonly Role[];
}

const KNOWN_TYPES: ReadonlySet<string> = new Set(WORKLOAD_TYPES);

/** Reads workloads.json; undefined (reported) when it is not an object with a list. */
export function normalizeWorkloads(raw: unknown, ctx: WorkloadsContext): Workload[] | undefined {
  const { reader } = ctx;
  if (!isRecord(raw)) {
    reader.error(
      '$',
      'expected an object with "Workloads"; the file is ignored (workloads unknown)',
    );
    return undefined;
  }
  const listNode = reader.field(rootNode(raw), 'Workloads');
  if (listNode.value === undefined) {
    reader.error(listNode.path, 'Workloads is missing; the file is ignored (workloads unknown)');
    return undefined;
  }
  const byProfile = new Map<string, string>();
  for (const role of ctx.roles)
    for (const profile of role.instanceProfileArns ?? []) byProfile.set(profile, role.arn);
  const out: Workload[] = [];
  const seen = new Set<string>();
  for (const node of reader.list(listNode, 'workloads')) {
    const w = readWorkload(node, ctx, byProfile);
    if (w === undefined) continue;
    if (seen.has(w.arn)) {
      reader.warning(node.path, `duplicate entry for ${quote(w.arn)}: the first one is kept`);
      continue;
    }
    seen.add(w.arn);
    out.push(w);
  }
  return out;
}

function readWorkload(
  node: JsonNode,
  ctx: WorkloadsContext,
  byProfile: ReadonlyMap<string, string>,
): Workload | undefined {
  const { reader } = ctx;
  if (!isRecord(node.value)) {
    reader.error(node.path, 'expected a workload (an object); it is skipped');
    return undefined;
  }
  const type = reader.string(reader.field(node, 'Type'), 'Type');
  const arnNode = reader.field(node, 'Arn');
  const arnText = reader.string(arnNode, 'Arn');
  if (type === undefined || arnText === undefined) {
    reader.error(node.path, 'a workload needs Type and Arn; it is skipped');
    return undefined;
  }
  const arn = parseArn(arnText);
  if (arn === undefined) {
    reader.error(arnNode.path, `${quote(arnText)} is not an ARN; the workload is skipped`);
    return undefined;
  }
  if (arn.accountId !== ctx.accountId) {
    reader.error(
      arnNode.path,
      `${quote(arnText)} belongs to account ${quote(arn.accountId)}, not ${ctx.accountId} (the folder's account); the workload is skipped`,
    );
    return undefined;
  }
  if (!KNOWN_TYPES.has(type))
    reader.warning(
      reader.field(node, 'Type').path,
      `unknown workload type ${quote(type)}: loaded, but no escalation technique uses it (known: ${WORKLOAD_TYPES.join(', ')})`,
    );
  const name =
    reader.string(reader.field(node, 'Name')) ??
    arn.resource.slice(arn.resource.search(/[:/]/) + 1);
  const w: Workload = { type, arn: arnText, name };
  const region = reader.string(reader.field(node, 'Region')) ?? (arn.region || undefined);
  if (region !== undefined) w.region = region;
  const profile = reader.string(reader.field(node, 'InstanceProfileArn'));
  if (profile !== undefined) w.instanceProfileArn = profile;
  const roleNode = reader.field(node, 'RoleArn');
  const role = reader.string(roleNode);
  if (role !== undefined) {
    const parsed = parseArn(role);
    if (parsed?.service !== 'iam' || !parsed.resource.startsWith('role/'))
      reader.error(
        roleNode.path,
        `${quote(role)} is not a role ARN; the workload runs as no known role`,
      );
    else w.roleArn = role;
  } else if (profile !== undefined) {
    const resolved = byProfile.get(profile);
    if (resolved !== undefined) w.roleArn = resolved;
    else
      reader.warning(
        reader.field(node, 'InstanceProfileArn').path,
        `instance profile ${quote(profile)} holds no role of this account's iam.json; the workload runs as no known role`,
      );
  }
  const policyNode = reader.field(node, 'ResourcePolicy');
  const policy = readPolicyDocument(reader, policyNode, {
    consequence:
      type === 'lambda-function'
        ? 'the function is loaded without its policy: what it grants and denies is unknown (read as a policy that may deny any call and may allow its own account)'
        : 'the workload is loaded without its resource policy',
  });
  if (policy !== undefined) w.resourcePolicy = policy;
  else if (policyNode.value !== undefined && policyNode.value !== null)
    w.resourcePolicyUnknown = true;
  const urlsNode = reader.field(node, 'FunctionUrls');
  if (type === 'lambda-function') {
    const urls = readFunctionUrls(reader, urlsNode, arnText);
    if (urls !== undefined) w.functionUrls = urls;
  } else if (urlsNode.value !== undefined)
    reader.warning(urlsNode.path, `FunctionUrls is read for lambda-function only; ignored`);
  const aliasesNode = reader.field(node, 'Aliases');
  if (type === 'lambda-function') {
    const aliases = readFunctionAliases(reader, aliasesNode, arnText);
    if (aliases !== undefined) w.aliases = aliases;
  } else if (aliasesNode.value !== undefined)
    reader.warning(aliasesNode.path, `Aliases is read for lambda-function only; ignored`);
  const mappingsNode = reader.field(node, 'EventSourceMappings');
  if (type === 'lambda-function') {
    const mappings = readEventSourceMappings(reader, mappingsNode, arnText);
    if (mappings !== undefined) w.eventSourceMappings = mappings;
  } else if (mappingsNode.value !== undefined)
    reader.warning(
      mappingsNode.path,
      `EventSourceMappings is read for lambda-function only; ignored`,
    );
  const versionsNode = reader.field(node, 'Versions');
  if (type === 'lambda-function') {
    const versions = readFunctionVersions(reader, versionsNode, arnText);
    if (versions !== undefined) w.versions = versions;
  } else if (versionsNode.value !== undefined)
    reader.warning(versionsNode.path, `Versions is read for lambda-function only; ignored`);
  if (type === 'autoscaling-group') {
    const template = readLaunchTemplateSpec(
      reader,
      reader.field(node, 'LaunchTemplate'),
      arnText,
      ctx.accountId,
    );
    if (template !== undefined) w.launchTemplate = template;
    const capacity = readGroupCapacity(reader, node);
    if (capacity !== undefined) w.capacity = capacity;
  }
  readBatchFields(reader, node, w);
  readRuntimeFields(reader, node, w);
  const pool = readPoolSettings(reader, node, type === 'cognito-identity-pool');
  if (pool !== undefined) w.identityPool = pool;
  if (type === 'cloudformation-stack-set') {
    const stackSet = readStackSet(reader, node);
    if (stackSet !== undefined) w.stackSet = stackSet;
  }
  if (type === 'ec2-instance') {
    const tags = readInstanceTags(reader, node);
    if (tags !== undefined) w.tags = tags;
  }
  if (type === 'codedeploy-deployment-group') {
    const group = readDeploymentGroup(reader, node);
    if (group !== undefined) w.deploymentGroup = group;
  }
  return w;
}

const POOL_FLAGS = [
  ['AllowUnauthenticatedIdentities', 'allowUnauthenticatedIdentities'],
  ['AllowClassicFlow', 'allowClassicFlow'],
] as const;

/** A Cognito identity pool's settings; a flag that is not a boolean stays unknown (reported). */
function readPoolSettings(
  reader: FileReader,
  node: JsonNode,
  isPool: boolean,
): IdentityPoolSettings | undefined {
  const out: IdentityPoolSettings = {};
  for (const [field, key] of POOL_FLAGS) {
    const flag = reader.field(node, field);
    if (flag.value === undefined) continue;
    if (!isPool) {
      reader.warning(flag.path, `${field} is read for cognito-identity-pool only; ignored`);
      continue;
    }
    if (typeof flag.value === 'boolean') out[key] = flag.value;
    else reader.error(flag.path, `${field} is not a boolean; the setting is unknown`);
  }
  const rolesNode = reader.field(node, 'Roles');
  if (rolesNode.value !== undefined) {
    if (!isPool)
      reader.warning(rolesNode.path, `Roles is read for cognito-identity-pool only; ignored`);
    else if (!isRecord(rolesNode.value))
      reader.error(rolesNode.path, "Roles is not an object; the pool's roles are unknown");
    else {
      const roles = Object.create(null) as Record<string, string>;
      for (const [k, v] of Object.entries(rolesNode.value)) if (typeof v === 'string') roles[k] = v;
      out.roles = roles;
    }
  }
  return isPool ? out : undefined;
}

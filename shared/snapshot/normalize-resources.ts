/**
 * An account's resources.json becomes its KMS keys and the resources of the resource-policy
 * services (DESIGN.md "Snapshot directory", docs/snapshot-format.md): Secrets Manager secrets,
 * SQS queues, SNS topics and ECR repositories, each with its policy, and a key's manager,
 * aliases and grants.
 *
 * - `Policy` is a document (object or string), or the CLI wrappers `{"Policy": "…"}`
 *   (get-key-policy, get-repository-policy …) and `{"ResourcePolicy": "…"}` (get-resource-policy).
 * - An entry whose ARN is not of its type, or names another account than the folder, is skipped
 *   with an error; an undecodable policy loads the resource with `policyUnknown`.
 * - `Grants` is ListGrants' `Grants`; absent = grants unknown (never "no grants").
 */
import { parseArn } from '../arn/parse-arn.js';
import { isRecord, quote, rootNode, type FileReader, type JsonNode } from './json-reader.js';
import { readPolicyDocument } from './read-policy-document.js';
import type { KmsGrant, PolicyResource, ResourceData, ResourceType } from './types.js';

export interface ResourcesContext {
  accountId: string;
  partition: string;
  reader: FileReader;
}

/** The ARN service of each resource type and how the resource part begins. */
const TYPES: ReadonlyMap<ResourceType, { service: string; prefix: RegExp }> = new Map([
  ['kms-key', { service: 'kms', prefix: /^key\/[^/]+$/ }],
  ['secretsmanager-secret', { service: 'secretsmanager', prefix: /^secret:.+$/ }],
  ['sqs-queue', { service: 'sqs', prefix: /^[^/:]+$/ }],
  ['sns-topic', { service: 'sns', prefix: /^[^/:]+$/ }],
  ['ecr-repository', { service: 'ecr', prefix: /^repository\/.+$/ }],
]);

/** Reads resources.json; undefined (reported) when the file is not an object at all. */
export function normalizeResources(raw: unknown, ctx: ResourcesContext): ResourceData | undefined {
  const { reader } = ctx;
  const root = rootNode(raw);
  if (!isRecord(raw)) {
    reader.error('$', 'expected an object with "Resources"; the file is ignored');
    return undefined;
  }
  const data: ResourceData = { resources: [] };
  const seen = new Set<string>();
  for (const node of reader.list(reader.field(root, 'Resources'), 'resources')) {
    const resource = readResource(node, ctx);
    if (resource === undefined) continue;
    if (seen.has(resource.arn)) {
      reader.warning(
        node.path,
        `duplicate entry for ${quote(resource.arn)}: the first one is kept`,
      );
      continue;
    }
    seen.add(resource.arn);
    data.resources.push(resource);
  }
  return data;
}

function readResource(node: JsonNode, ctx: ResourcesContext): PolicyResource | undefined {
  const { reader } = ctx;
  if (!isRecord(node.value)) {
    reader.error(node.path, 'expected a resource entry (an object); it is skipped');
    return undefined;
  }
  const typeNode = reader.field(node, 'Type');
  const typeText = reader.string(typeNode, 'Type');
  if (typeText === undefined) return undefined;
  const type = [...TYPES.keys()].find((t) => t === typeText);
  const spec = type === undefined ? undefined : TYPES.get(type);
  if (type === undefined || spec === undefined) {
    reader.warning(
      typeNode.path,
      `unknown resource Type ${quote(typeText, 40)} (expected ${[...TYPES.keys()].join(', ')}); the entry is skipped`,
    );
    return undefined;
  }
  const arnNode = reader.field(node, 'Arn');
  const arn = reader.string(arnNode, 'Arn');
  if (arn === undefined) return undefined;
  const parsed = parseArn(arn);
  if (parsed?.service !== spec.service || !spec.prefix.test(parsed.resource)) {
    reader.error(
      arnNode.path,
      `${quote(arn, 200)} is not the ARN of a ${type}; the entry is skipped`,
    );
    return undefined;
  }
  if (parsed.accountId !== ctx.accountId) {
    reader.error(
      arnNode.path,
      `${quote(arn, 200)} names account ${quote(parsed.accountId, 20)}, not ${ctx.accountId} (the folder's name); the entry is skipped`,
    );
    return undefined;
  }
  const resource: PolicyResource = {
    type,
    arn,
    name: displayName(type, parsed.resource),
    accountId: ctx.accountId,
  };
  const region = reader.string(reader.field(node, 'Region')) ?? (parsed.region || undefined);
  if (region !== undefined) resource.region = region;

  const policyField = reader.field(node, 'Policy');
  const policyNode = unwrapPolicy(policyField, reader);
  const policy = readPolicyDocument(reader, policyNode, {
    consequence: `${arn} is loaded without its policy: what it grants and denies is unknown (read as a policy that may deny any call and may allow its own account)`,
  });
  if (policy !== undefined) resource.policy = policy;
  else if (policyField.value !== undefined && policyField.value !== null)
    resource.policyUnknown = true;

  if (type === 'kms-key') readKeyFields(node, resource, reader);
  else {
    const keyId = reader.string(reader.field(node, 'KmsKeyId'));
    if (keyId !== undefined && keyId !== '') resource.kmsKeyId = keyId;
  }
  return resource;
}

function displayName(type: ResourceType, resourcePart: string): string {
  switch (type) {
    case 'kms-key':
      return resourcePart.slice('key/'.length);
    case 'secretsmanager-secret':
      return resourcePart.slice('secret:'.length);
    case 'ecr-repository':
      return resourcePart.slice('repository/'.length);
    case 'sqs-queue':
    case 'sns-topic':
      return resourcePart;
  }
}

/** `{"Policy": "…"}` / `{"ResourcePolicy": "…"}` wrappers are unwrapped (not a document with Statement). */
function unwrapPolicy(node: JsonNode, reader: FileReader): JsonNode {
  if (!isRecord(node.value) || reader.field(node, 'Statement').value !== undefined) return node;
  for (const key of ['Policy', 'ResourcePolicy', 'policyText']) {
    const inner = reader.field(node, key);
    if (inner.value !== undefined) return inner;
  }
  return node;
}

function readKeyFields(node: JsonNode, resource: PolicyResource, reader: FileReader): void {
  const managerNode = reader.field(node, 'KeyManager');
  const manager = reader.string(managerNode);
  if (manager === 'AWS' || manager === 'CUSTOMER') resource.keyManager = manager;
  else if (manager !== undefined)
    reader.error(
      managerNode.path,
      `unknown KeyManager ${quote(manager, 40)} (expected AWS or CUSTOMER): the key is taken as customer managed`,
    );
  const aliases: string[] = [];
  for (const item of reader.list(reader.field(node, 'Aliases'), 'aliases')) {
    const name = isRecord(item.value)
      ? reader.string(reader.field(item, 'AliasName'))
      : reader.string(item);
    if (name !== undefined) aliases.push(name.startsWith('arn:') ? aliasName(name) : name);
  }
  if (aliases.length > 0) resource.aliases = aliases;
  if (resource.keyManager === undefined && aliases.some((a) => a.startsWith('alias/aws/')))
    resource.keyManager = 'AWS';
  const grantsNode = reader.field(node, 'Grants');
  if (grantsNode.value !== undefined && grantsNode.value !== null) {
    const grants: KmsGrant[] = [];
    for (const g of reader.list(grantsNode, 'grants')) {
      const grant = readGrant(g, reader);
      if (grant !== undefined) grants.push(grant);
    }
    resource.grants = grants;
  }
}

function aliasName(aliasArn: string): string {
  const i = aliasArn.indexOf(':alias/');
  return i < 0 ? aliasArn : aliasArn.slice(i + 1);
}

function readGrant(node: JsonNode, reader: FileReader): KmsGrant | undefined {
  const skipped = 'the grant is ignored: what it allows is unknown';
  if (!isRecord(node.value)) {
    reader.error(node.path, `expected a grant (an object); ${skipped}`);
    return undefined;
  }
  const grantee = reader.string(reader.field(node, 'GranteePrincipal'), 'GranteePrincipal');
  if (grantee === undefined) return undefined;
  const operations: string[] = [];
  for (const op of reader.list(reader.field(node, 'Operations'), 'operations')) {
    const o = reader.string(op);
    if (o !== undefined) operations.push(o.replace(/^kms:/i, ''));
  }
  const grant: KmsGrant = { granteePrincipal: grantee, operations };
  const id = reader.string(reader.field(node, 'GrantId'));
  if (id !== undefined) grant.grantId = id;
  const constraints = reader.object(reader.field(node, 'Constraints'), 'grant Constraints');
  if (constraints !== undefined) {
    const subset = stringMap(reader.field(constraints, 'EncryptionContextSubset'), reader);
    const equals = stringMap(reader.field(constraints, 'EncryptionContextEquals'), reader);
    grant.constraints = {};
    if (subset !== undefined) grant.constraints.encryptionContextSubset = subset;
    if (equals !== undefined) grant.constraints.encryptionContextEquals = equals;
  }
  return grant;
}

function stringMap(node: JsonNode, reader: FileReader): Record<string, string> | undefined {
  const obj = reader.object(node, 'an encryption context');
  if (obj === undefined || !isRecord(obj.value)) return undefined;
  const out: Record<string, string> = Object.create(null) as Record<string, string>;
  for (const [k, v] of Object.entries(obj.value)) if (typeof v === 'string') out[k] = v;
  return out;
}

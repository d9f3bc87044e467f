/**
 * organization.json becomes the `Organization`: its accounts, roots, OUs, where each account
 * sits, and its SCPs and RCPs with their targets (DESIGN.md "Snapshot directory").
 *
 * Accepted as the AWS CLI prints the parts, so hand-assembled files load:
 * - `Organization`: describe-organization's `Organization` (or the whole output, wrapped);
 *   `MasterAccountId` (or `ManagementAccountId`) is the management account;
 * - `Accounts`: list-accounts' entries; the account status is `Status`, else `State` (the field
 *   that replaces it);
 * - `Policies[]`: flat `{Id, Name, Type, Content, Targets}`, or describe-policy's
 *   `{Policy: {PolicySummary, Content}}` / `{PolicySummary, Content}`; `Targets` as ids or as
 *   list-targets-for-policy's `{TargetId, …}` entries.
 *
 * Contract: policies of other types (tag, backup, …) do not govern access and are skipped
 * without an issue. When the roots say which policy types are enabled (list-roots'
 * `PolicyTypes`), policies of a type that is not enabled are left out (warning): AWS detaches
 * them when the type is disabled, and keeping them would put the type in effect. An SCP or RCP whose content cannot be decoded is kept with `document`
 * undefined (reported), so the policy type stays in effect; one whose type or targets cannot
 * be read is reported. Account ids must be 12 digits: they join the organization to the
 * account folders.
 */
import { isAccountId } from '../arn/parse-arn.js';
import { isRecord, quote, rootNode, type FileReader, type JsonNode } from './json-reader.js';
import { readPolicyDocument } from './read-policy-document.js';
import type {
  OrgAccount,
  OrgPolicy,
  OrgPolicyType,
  Organization,
  OrganizationalUnit,
} from './types.js';

const ORG_POLICY_TYPES: readonly OrgPolicyType[] = [
  'SERVICE_CONTROL_POLICY',
  'RESOURCE_CONTROL_POLICY',
];

/** Reads organization.json; undefined (reported) when the file is not an object. */
export function normalizeOrganization(raw: unknown, reader: FileReader): Organization | undefined {
  if (!isRecord(raw)) {
    reader.error('$', 'expected an object (the organization); the file is ignored');
    return undefined;
  }
  const root = rootNode(raw);
  const org: Organization = { roots: [], ous: [], accounts: [], accountParents: {}, policies: [] };
  readDescription(root, org, reader);
  org.accounts = readAccounts(reader.field(root, 'Accounts'), reader);
  org.roots = readRoots(reader.field(root, 'Roots'), reader);
  org.ous = readOus(reader.field(root, 'OrganizationalUnits'), reader);
  org.accountParents = readAccountParents(reader.field(root, 'AccountParents'), reader);
  const policiesNode = reader.field(root, 'Policies');
  const policies = readPolicies(policiesNode, reader);
  if (policiesNode.value === undefined || policiesNode.value === null) org.policiesListed = false;
  const enabled = enabledPolicyTypes(reader.field(root, 'Roots'), reader);
  if (enabled !== undefined) org.enabledPolicyTypes = [...enabled];
  org.policies = policies.filter((p) => {
    if (enabled === undefined || enabled.has(p.type)) return true;
    reader.warning(
      '$.Policies',
      `${quote(p.name, 80)} (${p.type}) is listed, but that policy type is not enabled on the root (Roots[].PolicyTypes): it is not in effect and is left out`,
    );
    return false;
  });
  return org;
}

/**
 * The policy types enabled on the organization's root, from list-roots' `PolicyTypes`
 * (`ENABLED`, or `PENDING_DISABLE`: still enforced). Undefined when no root says (the file was
 * assembled without that field): every listed policy is then taken as in effect.
 */
function enabledPolicyTypes(node: JsonNode, reader: FileReader): Set<string> | undefined {
  let enabled: Set<string> | undefined;
  // Read without `reader.list`: readRoots has already reported the shape of the list.
  const roots: unknown[] = Array.isArray(node.value) ? node.value : [node.value];
  for (const [i, root] of roots.entries()) {
    if (!isRecord(root)) continue;
    const types = reader.field({ value: root, path: `${node.path}[${i}]` }, 'PolicyTypes');
    if (!Array.isArray(types.value)) continue;
    enabled ??= new Set();
    for (const t of types.value as unknown[]) {
      if (!isRecord(t)) continue;
      const status = t.Status;
      if (typeof t.Type === 'string' && (status === 'ENABLED' || status === 'PENDING_DISABLE')) {
        enabled.add(t.Type);
      }
    }
  }
  return enabled;
}

function readDescription(root: JsonNode, org: Organization, reader: FileReader): void {
  let node = reader.object(reader.field(root, 'Organization'), 'Organization');
  if (node === undefined) return;
  // describe-organization's whole output pasted in: {"Organization": {"Organization": {…}}}.
  const inner = reader.field(node, 'Organization');
  if (isRecord(inner.value)) node = inner;
  const id = reader.string(reader.field(node, 'Id'));
  if (id !== undefined) org.id = id;
  const arn = reader.string(reader.field(node, 'Arn'));
  if (arn !== undefined) org.arn = arn;
  const mgmtNode =
    reader.field(node, 'MasterAccountId').value !== undefined
      ? reader.field(node, 'MasterAccountId')
      : reader.field(node, 'ManagementAccountId');
  const mgmt = reader.string(mgmtNode);
  if (mgmt !== undefined) {
    if (isAccountId(mgmt)) org.managementAccountId = mgmt;
    else
      reader.error(
        mgmtNode.path,
        `${quote(mgmt, 40)} is not a 12-digit account id; the management account is unknown`,
      );
  }
}

function readAccounts(node: JsonNode, reader: FileReader): OrgAccount[] {
  const out: OrgAccount[] = [];
  const seen = new Set<string>();
  for (const item of reader.list(node, 'accounts')) {
    const idNode = typeof item.value === 'string' ? item : reader.field(item, 'Id');
    const id = readAccountId(
      idNode,
      reader,
      'the account is not taken as part of the organization',
    );
    if (id === undefined) continue;
    if (seen.has(id)) {
      reader.warning(item.path, `duplicate entry for account ${id}: the first one is kept`);
      continue;
    }
    seen.add(id);
    const account: OrgAccount = { id };
    if (isRecord(item.value)) {
      const name = reader.string(reader.field(item, 'Name'));
      if (name !== undefined) account.name = name;
      const email = reader.string(reader.field(item, 'Email'));
      if (email !== undefined) account.email = email;
      const status =
        reader.string(reader.field(item, 'Status')) ?? reader.string(reader.field(item, 'State'));
      if (status !== undefined) account.status = status;
      const arn = reader.string(reader.field(item, 'Arn'));
      if (arn !== undefined) account.arn = arn;
    }
    out.push(account);
  }
  return out;
}

function readAccountId(
  node: JsonNode,
  reader: FileReader,
  consequence: string,
): string | undefined {
  const { value } = node;
  if (typeof value === 'number') {
    reader.error(
      node.path,
      `account id written as a number (${String(value)}), expected a 12-digit string; ${consequence}`,
    );
    return undefined;
  }
  const id = reader.string(node, 'account Id');
  if (id === undefined) return undefined;
  if (!isAccountId(id)) {
    reader.error(node.path, `${quote(id, 40)} is not a 12-digit account id; ${consequence}`);
    return undefined;
  }
  return id;
}

function readRoots(node: JsonNode, reader: FileReader): Organization['roots'] {
  const out: Organization['roots'] = [];
  for (const item of reader.list(node, 'roots')) {
    const id = reader.string(
      typeof item.value === 'string' ? item : reader.field(item, 'Id'),
      'root Id',
    );
    if (id === undefined) continue;
    const name = isRecord(item.value) ? reader.string(reader.field(item, 'Name')) : undefined;
    out.push(name === undefined ? { id } : { id, name });
  }
  return out;
}

function readOus(node: JsonNode, reader: FileReader): OrganizationalUnit[] {
  const out: OrganizationalUnit[] = [];
  for (const item of reader.list(node, 'organizational units')) {
    const idNode = reader.field(item, 'Id');
    const id = reader.string(idNode, 'OU Id');
    if (id === undefined) continue;
    const parentNode = reader.field(item, 'ParentId');
    const parentId = reader.string(parentNode);
    if (parentId === undefined) {
      reader.error(
        parentNode.path,
        `ParentId of OU ${quote(id, 80)} is missing; the OU is skipped (its accounts' SCP and RCP chains are incomplete)`,
      );
      continue;
    }
    const nameNode = reader.field(item, 'Name');
    let name = reader.string(nameNode);
    if (name === undefined) {
      name = id;
      reader.warning(
        nameNode.path,
        `Name of OU ${quote(id, 80)} is missing: the OU is named by its id`,
      );
    }
    out.push({ id, name, parentId });
  }
  return out;
}

function readAccountParents(node: JsonNode, reader: FileReader): Record<string, string> {
  const out: Record<string, string> = {};
  const parents = reader.object(node, 'AccountParents (account id → root or OU id)');
  if (parents === undefined || !isRecord(parents.value)) return out;
  for (const key of Object.keys(parents.value)) {
    const entry = reader.field(parents, key);
    if (!isAccountId(key)) {
      reader.error(
        entry.path,
        `${quote(key, 40)} is not a 12-digit account id; the entry is ignored`,
      );
      continue;
    }
    // A list-parents output pasted in: {"Parents": [{"Id", "Type"}]}.
    let parentNode = entry;
    if (isRecord(entry.value)) {
      const first = reader.list(reader.field(entry, 'Parents'), 'parents')[0];
      parentNode = first === undefined ? entry : reader.field(first, 'Id');
    }
    const parent = reader.string(parentNode, 'the parent id');
    if (parent !== undefined) out[key] = parent;
  }
  return out;
}

function readPolicies(node: JsonNode, reader: FileReader): OrgPolicy[] {
  const out: OrgPolicy[] = [];
  const seen = new Set<string>();
  for (const [index, item] of reader.list(node, 'policies').entries()) {
    const policy = readPolicy(item, index, reader);
    if (policy === undefined) continue;
    if (seen.has(policy.id)) {
      reader.warning(
        item.path,
        `duplicate entry for policy ${quote(policy.id, 80)}: the first one is kept`,
      );
      continue;
    }
    seen.add(policy.id);
    out.push(policy);
  }
  return out;
}

function readPolicy(item: JsonNode, index: number, reader: FileReader): OrgPolicy | undefined {
  if (!isRecord(item.value)) {
    reader.error(item.path, 'expected a policy entry (an object); it is skipped');
    return undefined;
  }
  // describe-policy's output: {"Policy": {"PolicySummary": {…}, "Content": "…"}}.
  const wrapped = reader.field(item, 'Policy');
  const entry = isRecord(wrapped.value) ? wrapped : item;
  const summaryNode = reader.field(entry, 'PolicySummary');
  const summary = isRecord(summaryNode.value) ? summaryNode : entry;

  const typeNode = reader.field(summary, 'Type');
  const type = reader.string(typeNode);
  if (type === undefined) {
    reader.error(
      typeNode.path,
      'Type is missing (expected SERVICE_CONTROL_POLICY or RESOURCE_CONTROL_POLICY); the policy is skipped',
    );
    return undefined;
  }
  const orgType = ORG_POLICY_TYPES.find((t) => t === type);
  if (orgType === undefined) return undefined; // tag, backup, AI opt-out … policies: not access control

  const idNode = reader.field(summary, 'Id');
  let id = reader.string(idNode);
  const nameNode = reader.field(summary, 'Name');
  let name = reader.string(nameNode);
  if (id === undefined) {
    id = `policy-${index}`;
    reader.error(idNode.path, `Id is missing: the policy is called ${quote(id)}`);
  }
  if (name === undefined) {
    name = id;
    reader.warning(
      nameNode.path,
      `Name is missing: the policy is named by its id ${quote(id, 80)}`,
    );
  }
  const kind = orgType === 'SERVICE_CONTROL_POLICY' ? 'SCP' : 'RCP';
  const document = readPolicyDocument(reader, reader.field(entry, 'Content'), {
    required: 'Content',
    consequence: `${kind} ${quote(name, 80)} is loaded without its content: it is taken as allowing nothing`,
  });
  const targets = readTargets(
    reader.field(item, 'Targets'),
    entry,
    reader,
    `${kind} ${quote(name, 80)}`,
  );
  const policy: OrgPolicy = { id, name, type: orgType, targets };
  if (document !== undefined) policy.document = document;
  return policy;
}

function readTargets(node: JsonNode, entry: JsonNode, reader: FileReader, what: string): string[] {
  let targetsNode = node;
  if (node.value === undefined) targetsNode = reader.field(entry, 'Targets');
  if (targetsNode.value === undefined) {
    reader.error(targetsNode.path, `Targets is missing: ${what} is attached nowhere`);
    return [];
  }
  // list-targets-for-policy's output pasted in: {"Targets": [{"TargetId", …}]}.
  if (isRecord(targetsNode.value) && reader.field(targetsNode, 'Targets').value !== undefined) {
    targetsNode = reader.field(targetsNode, 'Targets');
  }
  const out: string[] = [];
  for (const target of reader.list(targetsNode, 'target ids')) {
    const idNode = isRecord(target.value) ? reader.field(target, 'TargetId') : target;
    const id = reader.string(idNode, 'TargetId');
    if (id !== undefined && !out.includes(id)) out.push(id);
  }
  return out;
}

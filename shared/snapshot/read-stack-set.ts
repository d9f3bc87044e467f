/**
 * A `cloudformation-stack-set` entry's own fields in workloads.json (docs/snapshot-format.md):
 * `"PermissionModel"?: "SELF_MANAGED" | "SERVICE_MANAGED"`, `"AdministrationRoleArn"?`,
 * `"ExecutionRoleName"?` (DescribeStackSet) and `"StackInstances"?: [{ "Account", "Region"?,
 * "Status"? }]` (ListStackInstances' summaries). An `INOPERABLE` instance is left out: UpdateStackSet
 * no longer deploys to it (API_StackInstance.html).
 *
 * - PermissionModel absent = `SELF_MANAGED`, CreateStackSet's default (stack sets made before
 *   service-managed permissions existed report none); any other value makes the stack set unread.
 * - StackInstances absent = unknown; a list that cannot be read whole is reported and read as
 *   unknown, never as a shorter list: a dropped instance is an account the stack set deploys to.
 */
import { isRecord, quote, type FileReader, type JsonNode } from './json-reader.js';
import { readWholeList } from './read-whole-list.js';
import type { StackSetFacts } from './types.js';

const UNKNOWN = "the stack set's instances are taken as unknown";

/** The stack set's facts; undefined (reported) when its permission model cannot be read. */
export function readStackSet(reader: FileReader, node: JsonNode): StackSetFacts | undefined {
  const modelNode = reader.field(node, 'PermissionModel');
  const model = reader.string(modelNode) ?? 'SELF_MANAGED';
  if (model !== 'SELF_MANAGED' && model !== 'SERVICE_MANAGED') {
    reader.error(
      modelNode.path,
      `PermissionModel ${quote(model, 40)} is neither SELF_MANAGED nor SERVICE_MANAGED: the stack set is loaded without its deployment facts`,
    );
    return undefined;
  }
  const out: StackSetFacts = { permissionModel: model };
  const admin = reader.string(reader.field(node, 'AdministrationRoleArn'));
  if (admin !== undefined && admin !== '') out.administrationRoleArn = admin;
  const execution = reader.string(reader.field(node, 'ExecutionRoleName'));
  if (execution !== undefined && execution !== '') out.executionRoleName = execution;
  const instances = readWholeList(
    reader,
    reader.field(node, 'StackInstances'),
    'a list of stack instances ({ "Account", "Region" })',
    UNKNOWN,
    (item) => readInstance(reader, item),
  );
  if (instances !== undefined) out.instances = instances.filter((i) => i !== 'inoperable');
  return out;
}

function readInstance(
  reader: FileReader,
  node: JsonNode,
): { account: string; region?: string } | 'inoperable' | undefined {
  if (!isRecord(node.value)) {
    reader.error(node.path, `expected a stack instance (an object with Account): ${UNKNOWN}`);
    return undefined;
  }
  const accountNode = reader.field(node, 'Account');
  const account = reader.string(accountNode);
  if (account === undefined || !/^\d{12}$/.test(account)) {
    reader.error(accountNode.path, `a stack instance needs a 12-digit Account: ${UNKNOWN}`);
    return undefined;
  }
  if (reader.string(reader.field(node, 'Status')) === 'INOPERABLE') return 'inoperable';
  const region = reader.string(reader.field(node, 'Region'));
  return region === undefined ? { account } : { account, region };
}

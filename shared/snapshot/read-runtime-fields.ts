/**
 * The Bedrock AgentCore runtime fields of a workloads.json entry (docs/snapshot-format.md):
 * `InboundAuth` (`IAM` or `JWT`: whether GetAgentRuntime shows a `customJWTAuthorizer`) and
 * `LastUpdatedAt` (GetAgentRuntime's `lastUpdatedAt`, ISO 8601). On another type they are
 * reported and ignored; an unreadable value stays unknown (the runtime is then not used).
 */
import { quote, type FileReader, type JsonNode } from './json-reader.js';
import type { Workload } from './types.js';

export function readRuntimeFields(reader: FileReader, node: JsonNode, w: Workload): void {
  const auth = reader.field(node, 'InboundAuth');
  const updated = reader.field(node, 'LastUpdatedAt');
  if (w.type !== 'bedrock-agentcore-runtime') {
    for (const [n, key] of [
      [auth, 'InboundAuth'],
      [updated, 'LastUpdatedAt'],
    ] as const)
      if (n.value !== undefined)
        reader.warning(n.path, `${key} is read for bedrock-agentcore-runtime only; ignored`);
    return;
  }
  const inbound = reader.string(auth);
  if (inbound !== undefined) {
    if (inbound === 'IAM' || inbound === 'JWT') w.inboundAuth = inbound;
    else
      reader.error(
        auth.path,
        `${quote(inbound)} is neither IAM nor JWT; the inbound auth is unknown`,
      );
  }
  const at = reader.string(updated);
  if (at !== undefined) {
    if (Number.isFinite(Date.parse(at))) w.lastUpdatedAt = at;
    else reader.error(updated.path, `${quote(at)} is not a date; LastUpdatedAt is unknown`);
  }
}

/**
 * A Lambda function's `EventSourceMappings` in workloads.json (docs/snapshot-format.md): the
 * entries of `aws lambda list-event-source-mappings`' `EventSourceMappings` for that function, as
 * the AWS CLI prints them: `[{ "UUID"?, "FunctionArn", "EventSourceArn"?, "State" }]`.
 *
 * Absent (or null) = unknown; an empty list = the function has none. A list that cannot be read
 * whole is reported and read as unknown (readWholeList).
 */
import {
  describeJsonValue,
  isRecord,
  quote,
  type FileReader,
  type JsonNode,
} from './json-reader.js';
import { functionQualifier } from './function-qualifier.js';
import { readWholeList } from './read-whole-list.js';
import type { EventSourceMapping } from './types.js';

const UNKNOWN = "the function's event source mappings are taken as unknown";

/** The event source mappings of the function `functionArn`; undefined = unknown. */
export function readEventSourceMappings(
  reader: FileReader,
  node: JsonNode,
  functionArn: string,
): EventSourceMapping[] | undefined {
  return readWholeList(
    reader,
    node,
    'a list of event source mappings (EventSourceMappings entries)',
    UNKNOWN,
    (item) => readOne(reader, item, functionArn),
  );
}

function readOne(
  reader: FileReader,
  node: JsonNode,
  functionArn: string,
): EventSourceMapping | undefined {
  if (!isRecord(node.value)) {
    reader.error(
      node.path,
      `expected an event source mapping (an object with FunctionArn and State), found ${describeJsonValue(node.value)}: ${UNKNOWN}`,
    );
    return undefined;
  }
  const stateNode = reader.field(node, 'State');
  const state = stateNode.value;
  if (typeof state !== 'string' || state === '') {
    reader.error(
      stateNode.path,
      `an event source mapping needs its State (Enabled, Disabled …), found ${describeJsonValue(state)}: ${UNKNOWN}`,
    );
    return undefined;
  }
  const out: EventSourceMapping = { state };
  const arnNode = reader.field(node, 'FunctionArn');
  const arn = reader.string(arnNode);
  if (arn === undefined) {
    reader.error(arnNode.path, `an event source mapping needs its FunctionArn: ${UNKNOWN}`);
    return undefined;
  }
  const qualifier = functionQualifier(arn, functionArn);
  if (qualifier === false) {
    reader.error(
      arnNode.path,
      `${quote(arn)} is not ${quote(functionArn)}, one of its aliases or versions: ${UNKNOWN}`,
    );
    return undefined;
  }
  if (qualifier !== undefined) out.qualifier = qualifier;
  const uuid = reader.string(reader.field(node, 'UUID'));
  if (uuid !== undefined) out.uuid = uuid;
  const source = reader.string(reader.field(node, 'EventSourceArn'));
  if (source !== undefined) out.eventSourceArn = source;
  return out;
}

/**
 * A Lambda function's `Aliases` in workloads.json (docs/snapshot-format.md): the entries of
 * `aws lambda list-aliases`' `Aliases`, as the AWS CLI prints them (`AliasArn`, `Name`,
 * `FunctionVersion`; extra fields ignored), each with its own `ResourcePolicy` — the alias's
 * GetPolicy document (`get-policy --qualifier NAME`), encoded as the function's.
 *
 * Absent (or null) = the aliases are unknown; an empty list = the function has none. A list that
 * cannot be read whole is reported and read as unknown, never as "no alias": an unreadable entry
 * might be an alias whose policy lets callers in. An alias policy that cannot be decoded is
 * reported and the alias is loaded without it, as a function's own policy is.
 */
import {
  describeJsonValue,
  isRecord,
  quote,
  type FileReader,
  type JsonNode,
} from './json-reader.js';
import { readPolicyDocument } from './read-policy-document.js';
import { readWholeList } from './read-whole-list.js';
import type { FunctionAlias } from './types.js';

const UNKNOWN = "the function's aliases are taken as unknown";

/** Lambda's alias name pattern: letters, digits, `-` and `_`, not only digits (a version). */
const ALIAS_NAME = /^(?![0-9]+$)[A-Za-z0-9_-]{1,128}$/;

/** The aliases of the function `functionArn`; undefined = unknown (reported when unreadable). */
export function readFunctionAliases(
  reader: FileReader,
  node: JsonNode,
  functionArn: string,
): FunctionAlias[] | undefined {
  const seen = new Set<string>();
  return readWholeList(
    reader,
    node,
    "a list of aliases (list-aliases' Aliases entries)",
    UNKNOWN,
    (item) => {
      const alias = readOne(reader, item, functionArn);
      if (alias === undefined) return undefined;
      if (seen.has(alias.name)) {
        reader.error(`${item.path}.Name`, `alias ${quote(alias.name)} is listed twice: ${UNKNOWN}`);
        return undefined;
      }
      seen.add(alias.name);
      return alias;
    },
  );
}

function readOne(
  reader: FileReader,
  node: JsonNode,
  functionArn: string,
): FunctionAlias | undefined {
  if (!isRecord(node.value)) {
    reader.error(
      node.path,
      `expected an alias (an object with AliasArn, Name and FunctionVersion), found ${describeJsonValue(node.value)}: ${UNKNOWN}`,
    );
    return undefined;
  }
  const arnNode = reader.field(node, 'AliasArn');
  const arn = reader.string(arnNode);
  const nameNode = reader.field(node, 'Name');
  const name =
    reader.string(nameNode) ??
    (arn?.startsWith(`${functionArn}:`) === true ? arn.slice(functionArn.length + 1) : undefined);
  if (name === undefined || !ALIAS_NAME.test(name)) {
    reader.error(
      nameNode.path,
      name === undefined
        ? `an alias needs its Name (or an AliasArn of ${quote(functionArn)}): ${UNKNOWN}`
        : `${quote(name, 40)} is not an alias name (letters, digits, - and _, not only digits): ${UNKNOWN}`,
    );
    return undefined;
  }
  const aliasArn = `${functionArn}:${name}`;
  if (arn !== undefined && arn !== aliasArn) {
    reader.error(arnNode.path, `${quote(arn)} is not ${quote(aliasArn)}: ${UNKNOWN}`);
    return undefined;
  }
  const alias: FunctionAlias = { name, arn: aliasArn };
  const version = reader.string(reader.field(node, 'FunctionVersion'));
  if (version !== undefined) alias.functionVersion = version;
  const policy = readPolicyDocument(reader, reader.field(node, 'ResourcePolicy'), {
    consequence: 'the alias is loaded without its resource policy',
  });
  if (policy !== undefined) alias.resourcePolicy = policy;
  return alias;
}

/**
 * A Lambda function's `FunctionUrls` in workloads.json (docs/snapshot-format.md): the entries of
 * `aws lambda list-function-url-configs`' `FunctionUrlConfigs`, as the AWS CLI prints them:
 * `[{ "FunctionUrl", "AuthType": "NONE" | "AWS_IAM", "FunctionArn"?, "Qualifier"? }]`.
 *
 * Absent (or null) = the function's URLs are unknown; an empty list = it has no URL. A list that
 * cannot be read whole is reported and read as unknown, never as "no URL": an unreadable entry
 * might be a URL that admits callers, and reading it as absent would hide their access.
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
import type { FunctionUrl, FunctionUrlAuthType } from './types.js';

const AUTH_TYPES: ReadonlySet<string> = new Set<FunctionUrlAuthType>(['NONE', 'AWS_IAM']);

const UNKNOWN = "the function's URLs are taken as unknown";

/** The function URLs of the function `functionArn`; undefined = unknown (reported when unreadable). */
export function readFunctionUrls(
  reader: FileReader,
  node: JsonNode,
  functionArn: string,
): FunctionUrl[] | undefined {
  return readWholeList(
    reader,
    node,
    'a list of function URLs (FunctionUrlConfigs entries)',
    UNKNOWN,
    (item) => readOne(reader, item, functionArn),
  );
}

function readOne(reader: FileReader, node: JsonNode, functionArn: string): FunctionUrl | undefined {
  if (!isRecord(node.value)) {
    reader.error(
      node.path,
      `expected a function URL (an object with FunctionUrl and AuthType), found ${describeJsonValue(node.value)}: ${UNKNOWN}`,
    );
    return undefined;
  }
  const authNode = reader.field(node, 'AuthType');
  const authType = authNode.value;
  if (typeof authType !== 'string' || !AUTH_TYPES.has(authType)) {
    reader.error(
      authNode.path,
      authType === undefined || authType === null
        ? `a function URL needs its AuthType (NONE or AWS_IAM): ${UNKNOWN}`
        : `AuthType ${typeof authType === 'string' ? quote(authType, 40) : describeJsonValue(authType)} is neither NONE nor AWS_IAM: ${UNKNOWN}`,
    );
    return undefined;
  }
  const out: FunctionUrl = { authType: authType as FunctionUrlAuthType };
  const url = reader.string(reader.field(node, 'FunctionUrl'));
  if (url !== undefined) out.url = url;
  const qualifier = qualifierOf(reader, node, functionArn);
  if (qualifier === false) return undefined;
  if (qualifier !== undefined) out.qualifier = qualifier;
  return out;
}

/**
 * The alias the URL serves: `Qualifier`, else the part of `FunctionArn` after the function's own
 * ARN. False (reported) when `FunctionArn` names another function.
 */
function qualifierOf(
  reader: FileReader,
  node: JsonNode,
  functionArn: string,
): string | undefined | false {
  const stated = reader.string(reader.field(node, 'Qualifier'));
  if (stated !== undefined) return stated === '$LATEST' ? undefined : stated;
  const arnNode = reader.field(node, 'FunctionArn');
  const arn = reader.string(arnNode);
  if (arn === undefined) return undefined;
  const qualifier = functionQualifier(arn, functionArn);
  if (qualifier !== false) return qualifier;
  reader.error(
    arnNode.path,
    `${quote(arn)} is not ${quote(functionArn)} or one of its aliases: ${UNKNOWN}`,
  );
  return false;
}

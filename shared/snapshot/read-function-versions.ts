/**
 * A Lambda function's `Versions` in workloads.json (docs/snapshot-format.md): the entries of
 * `aws lambda list-versions-by-function`' `Versions`, as the AWS CLI prints them (`Version`,
 * `FunctionArn`; extra fields ignored), each published version with its own `ResourcePolicy` —
 * the version's GetPolicy document (`get-policy --qualifier 3`), encoded as the function's. An
 * entry for `$LATEST` (the CLI lists it) is skipped: it is the function itself, whose policy is
 * the function's own ("Lambda does not support adding policies to version $LATEST",
 * API_AddPermission).
 *
 * Absent (or null) = the versions are unknown; an empty list = the function has no published
 * version. A list that cannot be read whole is reported and read as unknown, never as "no
 * version": an unreadable entry might be a version whose policy lets callers in. A version policy
 * that cannot be decoded is reported and the version is loaded without it.
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
import type { FunctionVersion } from './types.js';

const UNKNOWN = "the function's versions are taken as unknown";

/** Lambda's published version numbers (PublishVersion: 1, 2, 3 …). */
const VERSION = /^[0-9]{1,10}$/;

/** The published versions of the function `functionArn`; undefined = unknown (reported when unreadable). */
export function readFunctionVersions(
  reader: FileReader,
  node: JsonNode,
  functionArn: string,
): FunctionVersion[] | undefined {
  const seen = new Set<string>();
  const read = readWholeList<FunctionVersion | 'latest'>(
    reader,
    node,
    "a list of versions (list-versions-by-function's Versions entries)",
    UNKNOWN,
    (item) => {
      const version = readOne(reader, item, functionArn);
      if (version === undefined || version === 'latest') return version;
      if (seen.has(version.version)) {
        reader.error(
          `${item.path}.Version`,
          `version ${quote(version.version)} is listed twice: ${UNKNOWN}`,
        );
        return undefined;
      }
      seen.add(version.version);
      return version;
    },
  );
  return read?.filter((v): v is FunctionVersion => v !== 'latest');
}

function readOne(
  reader: FileReader,
  node: JsonNode,
  functionArn: string,
): FunctionVersion | 'latest' | undefined {
  if (!isRecord(node.value)) {
    reader.error(
      node.path,
      `expected a version (an object with Version and FunctionArn), found ${describeJsonValue(node.value)}: ${UNKNOWN}`,
    );
    return undefined;
  }
  const arnNode = reader.field(node, 'FunctionArn');
  const arn = reader.string(arnNode);
  const versionNode = reader.field(node, 'Version');
  const version =
    reader.string(versionNode) ??
    (arn?.startsWith(`${functionArn}:`) === true ? arn.slice(functionArn.length + 1) : undefined);
  if (version === '$LATEST') return 'latest';
  if (version === undefined || !VERSION.test(version)) {
    reader.error(
      versionNode.path,
      version === undefined
        ? `a version needs its Version (or a FunctionArn of ${quote(functionArn)} with the number): ${UNKNOWN}`
        : `${quote(version, 40)} is not a published version number (digits) nor $LATEST: ${UNKNOWN}`,
    );
    return undefined;
  }
  const versionArn = `${functionArn}:${version}`;
  if (arn !== undefined && arn !== versionArn) {
    reader.error(arnNode.path, `${quote(arn)} is not ${quote(versionArn)}: ${UNKNOWN}`);
    return undefined;
  }
  const out: FunctionVersion = { version, arn: versionArn };
  const policy = readPolicyDocument(reader, reader.field(node, 'ResourcePolicy'), {
    consequence: 'the version is loaded without its resource policy',
  });
  if (policy !== undefined) out.resourcePolicy = policy;
  return out;
}

/**
 * An account's s3.json becomes its buckets: policy, Block Public Access, object ownership and
 * ACL, and the account's own Block Public Access setting (DESIGN.md "Snapshot directory").
 *
 * Each part is accepted in the shape the AWS CLI prints it, so that hand-assembled files load:
 * - `Policy`: a document (object or string), or get-bucket-policy's `{"Policy": "<string>"}`;
 * - `PublicAccessBlock` / `AccountPublicAccessBlock`: the bare configuration, or
 *   get-public-access-block's `{"PublicAccessBlockConfiguration": {…}}`;
 * - `OwnershipControls`: `{"Rules": [{"ObjectOwnership"}]}`, or get-bucket-ownership-controls'
 *   `{"OwnershipControls": {…}}`;
 * - `Region`: a region name, or get-bucket-location's `{"LocationConstraint"}` (null means
 *   us-east-1, `EU` means eu-west-1);
 * - `Acl`: get-bucket-acl's output (`Owner`, `Grants[].Grantee{Type,ID,URI,EmailAddress}`);
 * - `Encryption`: get-bucket-encryption's `ServerSideEncryptionConfiguration` (or its output).
 *
 * A Block Public Access setting that is absent or unreadable counts as off: the loader never
 * assumes a protection the data does not show.
 */
import { bucketArn } from '../arn/parse-arn.js';
import { isRecord, quote, rootNode, type FileReader, type JsonNode } from './json-reader.js';
import { readPolicyDocument } from './read-policy-document.js';
import type {
  Acl,
  AclGrant,
  AclGrantee,
  AclPermission,
  Bucket,
  BucketEncryption,
  ObjectOwnership,
  PublicAccessBlock,
  S3Data,
} from './types.js';

export interface S3Context {
  accountId: string;
  partition: string;
  reader: FileReader;
}

/** Legacy (us-east-1) bucket names allow upper case and `_`, up to 255 characters. */
const BUCKET_NAME = /^[A-Za-z0-9._-]{1,255}$/;

const OWNERSHIP: readonly ObjectOwnership[] = [
  'BucketOwnerEnforced',
  'BucketOwnerPreferred',
  'ObjectWriter',
];
const PERMISSIONS: readonly AclPermission[] = [
  'FULL_CONTROL',
  'READ',
  'WRITE',
  'READ_ACP',
  'WRITE_ACP',
];

/** Reads s3.json; undefined (reported) when the file is not an object at all. */
export function normalizeS3(raw: unknown, ctx: S3Context): S3Data | undefined {
  const { reader } = ctx;
  const root = rootNode(raw);
  if (!isRecord(raw)) {
    reader.error('$', 'expected an object with "Buckets"; the file is ignored');
    return undefined;
  }
  const data: S3Data = { buckets: [] };
  const owner = reader.object(reader.field(root, 'Owner'), 'Owner');
  if (owner !== undefined) {
    const id = reader.string(reader.field(owner, 'ID'));
    if (id !== undefined) data.ownerCanonicalId = id;
  }
  const accountPab = readPublicAccessBlock(reader.field(root, 'AccountPublicAccessBlock'), reader);
  if (accountPab !== undefined) data.accountPublicAccessBlock = accountPab;

  const names = new Set<string>();
  for (const node of reader.list(reader.field(root, 'Buckets'), 'buckets')) {
    const bucket = readBucket(node, ctx);
    if (bucket === undefined) continue;
    if (names.has(bucket.name)) {
      reader.warning(
        node.path,
        `duplicate entry for bucket ${quote(bucket.name)}: the first one is kept`,
      );
      continue;
    }
    names.add(bucket.name);
    data.buckets.push(bucket);
  }
  return data;
}

function readBucket(node: JsonNode, ctx: S3Context): Bucket | undefined {
  const { reader } = ctx;
  if (!isRecord(node.value)) {
    reader.error(node.path, 'expected a bucket entry (an object); it is skipped', true);
    return undefined;
  }
  const nameNode = reader.field(node, 'Name');
  const name = reader.string(nameNode);
  if (name === undefined || !BUCKET_NAME.test(name)) {
    const found = name === undefined ? 'missing' : `${quote(name, 80)}, not a valid bucket name`;
    reader.error(nameNode.path, `bucket Name is ${found}; the bucket is skipped`, true);
    return undefined;
  }
  const bucket: Bucket = { name, arn: bucketArn(ctx.partition, name), accountId: ctx.accountId };
  const region = readRegion(reader.field(node, 'Region'), reader);
  if (region !== undefined) bucket.region = region;

  const policyNode = unwrap(reader.field(node, 'Policy'), 'Policy', reader, 'Statement');
  const policy = readPolicyDocument(reader, policyNode, {
    consequence:
      'the bucket is loaded without its policy: what it grants and denies is unknown (read as a policy that may deny any call)',
  });
  if (policy !== undefined) bucket.policy = policy;
  else if (policyNode.value !== undefined && policyNode.value !== null) bucket.policyUnknown = true;

  const pab = readPublicAccessBlock(reader.field(node, 'PublicAccessBlock'), reader);
  if (pab !== undefined) bucket.publicAccessBlock = pab;
  const ownership = readOwnership(reader.field(node, 'OwnershipControls'), reader);
  if (ownership !== undefined) bucket.ownership = ownership;
  const acl = readAcl(reader.field(node, 'Acl'), reader);
  if (acl !== undefined) bucket.acl = acl;
  const encryption = readEncryption(reader.field(node, 'Encryption'), reader);
  if (encryption !== undefined) bucket.encryption = encryption;
  return bucket;
}

/**
 * get-bucket-encryption's `ServerSideEncryptionConfiguration` (or the whole CLI output): the
 * first rule's default. Absent or unreadable = unknown (never "SSE-S3").
 */
function readEncryption(node: JsonNode, reader: FileReader): BucketEncryption | undefined {
  const config = reader.object(
    unwrap(node, 'ServerSideEncryptionConfiguration', reader, 'Rules'),
    'a ServerSideEncryptionConfiguration',
  );
  if (config === undefined) return undefined;
  const rule = reader.list(reader.field(config, 'Rules'), 'encryption rules')[0];
  const byDefault =
    rule === undefined
      ? undefined
      : reader.object(
          reader.field(rule, 'ApplyServerSideEncryptionByDefault'),
          'ApplyServerSideEncryptionByDefault',
        );
  const algorithmNode =
    byDefault === undefined ? undefined : reader.field(byDefault, 'SSEAlgorithm');
  const algorithm = algorithmNode === undefined ? undefined : reader.string(algorithmNode);
  if (rule === undefined || byDefault === undefined || algorithm === undefined) {
    reader.error(
      config.path,
      'Encryption has no rule with ApplyServerSideEncryptionByDefault.SSEAlgorithm: the default encryption is unknown',
    );
    return undefined;
  }
  const out: BucketEncryption = { algorithm };
  const keyId = reader.string(reader.field(byDefault, 'KMSMasterKeyID'));
  if (keyId !== undefined && keyId !== '') out.kmsKeyId = keyId;
  const bucketKey = reader.boolean(reader.field(rule, 'BucketKeyEnabled'));
  if (bucketKey !== undefined) out.bucketKeyEnabled = bucketKey;
  return out;
}

/**
 * A CLI output wrapper `{ wrapperKey: inner }` is unwrapped, unless the object also holds
 * `unlessKey` (then it is the thing itself).
 */
function unwrap(
  node: JsonNode,
  wrapperKey: string,
  reader: FileReader,
  unlessKey?: string,
): JsonNode {
  if (!isRecord(node.value)) return node;
  if (unlessKey !== undefined && reader.field(node, unlessKey).value !== undefined) return node;
  const inner = reader.field(node, wrapperKey);
  return inner.value === undefined ? node : inner;
}

function readRegion(node: JsonNode, reader: FileReader): string | undefined {
  if (node.value === undefined || node.value === null) return undefined;
  if (isRecord(node.value)) {
    const constraint = reader.field(node, 'LocationConstraint');
    if (constraint.value === undefined || constraint.value === null || constraint.value === '')
      return 'us-east-1';
    const value = reader.string(constraint);
    return value === 'EU' ? 'eu-west-1' : value;
  }
  return reader.string(node);
}

function readPublicAccessBlock(node: JsonNode, reader: FileReader): PublicAccessBlock | undefined {
  const config = reader.object(
    unwrap(node, 'PublicAccessBlockConfiguration', reader),
    'a Block Public Access configuration',
  );
  if (config === undefined) return undefined;
  const setting = (key: string): boolean => reader.boolean(reader.field(config, key)) ?? false;
  return {
    blockPublicAcls: setting('BlockPublicAcls'),
    ignorePublicAcls: setting('IgnorePublicAcls'),
    blockPublicPolicy: setting('BlockPublicPolicy'),
    restrictPublicBuckets: setting('RestrictPublicBuckets'),
  };
}

function readOwnership(node: JsonNode, reader: FileReader): ObjectOwnership | undefined {
  const controls = reader.object(
    unwrap(node, 'OwnershipControls', reader, 'Rules'),
    'OwnershipControls',
  );
  if (controls === undefined) return undefined;
  const rules = reader.list(reader.field(controls, 'Rules'), 'ownership rules');
  const rule = rules[0];
  if (rule === undefined) {
    reader.error(
      controls.path,
      'OwnershipControls has no rule: the object ownership is unknown (ACLs are taken as enabled)',
    );
    return undefined;
  }
  const valueNode = reader.field(rule, 'ObjectOwnership');
  const value = reader.string(valueNode, 'ObjectOwnership');
  if (value === undefined) return undefined;
  const known = OWNERSHIP.find((o) => o === value);
  if (known === undefined) {
    reader.error(
      valueNode.path,
      `unknown ObjectOwnership ${quote(value, 40)} (expected ${OWNERSHIP.join(', ')}): ACLs are taken as enabled`,
    );
  }
  return known;
}

function readAcl(node: JsonNode, reader: FileReader): Acl | undefined {
  const acl = reader.object(node, 'get-bucket-acl output');
  if (acl === undefined) return undefined;
  const out: Acl = { grants: [] };
  const owner = reader.object(reader.field(acl, 'Owner'), 'Owner');
  if (owner !== undefined) {
    const id = reader.string(reader.field(owner, 'ID'));
    if (id !== undefined) out.ownerId = id;
  }
  for (const grantNode of reader.list(reader.field(acl, 'Grants'), 'grants')) {
    const grant = readGrant(grantNode, reader);
    if (grant !== undefined) out.grants.push(grant);
  }
  return out;
}

function readGrant(node: JsonNode, reader: FileReader): AclGrant | undefined {
  const skipped = 'the grant is ignored: what it allows is unknown';
  const permissionNode = reader.field(node, 'Permission');
  const permissionText = reader.string(permissionNode, 'Permission');
  const permission = PERMISSIONS.find((p) => p === permissionText);
  if (permission === undefined) {
    if (permissionText !== undefined) {
      reader.error(
        permissionNode.path,
        `unknown Permission ${quote(permissionText, 40)} (expected ${PERMISSIONS.join(', ')}); ${skipped}`,
        true,
      );
    }
    return undefined;
  }
  const granteeField = reader.field(node, 'Grantee');
  const granteeNode = reader.object(granteeField, 'Grantee');
  if (granteeNode === undefined) {
    if (granteeField.value === undefined || granteeField.value === null) {
      reader.error(granteeField.path, `Grantee is missing; ${skipped}`, true);
    }
    return undefined;
  }
  const grantee = readGrantee(granteeNode, reader, skipped);
  return grantee === undefined ? undefined : { grantee, permission };
}

function readGrantee(node: JsonNode, reader: FileReader, skipped: string): AclGrantee | undefined {
  const typeNode = reader.field(node, 'Type');
  let type = reader.string(typeNode);
  const id = reader.string(reader.field(node, 'ID'));
  const uri = reader.string(reader.field(node, 'URI'));
  const email = reader.string(reader.field(node, 'EmailAddress'));
  if (type === undefined) {
    type =
      uri !== undefined
        ? 'Group'
        : id !== undefined
          ? 'CanonicalUser'
          : email !== undefined
            ? 'AmazonCustomerByEmail'
            : undefined;
    if (type === undefined) {
      reader.error(node.path, `Grantee has no Type, ID, URI or EmailAddress; ${skipped}`, true);
      return undefined;
    }
    reader.warning(typeNode.path, `Grantee Type is missing: read as ${type} from its fields`);
  }
  switch (type) {
    case 'CanonicalUser': {
      if (id === undefined) break;
      const displayName = reader.string(reader.field(node, 'DisplayName'));
      return displayName === undefined ? { type, id } : { type, id, displayName };
    }
    case 'Group':
      if (uri === undefined) break;
      return { type, uri };
    case 'AmazonCustomerByEmail':
      if (email === undefined) break;
      return { type, email };
    default:
      reader.error(typeNode.path, `unknown Grantee Type ${quote(type, 40)}; ${skipped}`, true);
      return undefined;
  }
  const needed = type === 'CanonicalUser' ? 'ID' : type === 'Group' ? 'URI' : 'EmailAddress';
  reader.error(node.path, `Grantee of Type ${type} has no ${needed}; ${skipped}`, true);
  return undefined;
}

/**
 * S3 actions: which act on objects (resource `arn:…:s3:::bucket/key`) and which on the bucket
 * (`arn:…:s3:::bucket`), and which actions a bucket ACL permission grants
 * (IAM-SEMANTICS.md §7.2; Service Authorization Reference "Actions defined by Amazon S3";
 * S3 User Guide "Mapping of ACL permissions and access policy permissions").
 */
import type { AclPermission } from '../snapshot/types.js';

/** Object-level actions, lower-cased. Every other `s3:` action on a bucket is bucket-level. */
const OBJECT_ACTIONS = new Set(
  [
    'AbortMultipartUpload',
    'BypassGovernanceRetention',
    'DeleteObject',
    'DeleteObjectTagging',
    'DeleteObjectVersion',
    'DeleteObjectVersionTagging',
    'GetObject',
    'GetObjectAcl',
    'GetObjectAttributes',
    'GetObjectLegalHold',
    'GetObjectRetention',
    'GetObjectTagging',
    'GetObjectTorrent',
    'GetObjectVersion',
    'GetObjectVersionAcl',
    'GetObjectVersionAttributes',
    'GetObjectVersionForReplication',
    'GetObjectVersionTagging',
    'GetObjectVersionTorrent',
    'InitiateReplication',
    'ListMultipartUploadParts',
    'ObjectOwnerOverrideToBucketOwner',
    'PutObject',
    'PutObjectAcl',
    'PutObjectLegalHold',
    'PutObjectRetention',
    'PutObjectTagging',
    'PutObjectVersionAcl',
    'PutObjectVersionTagging',
    'ReplicateDelete',
    'ReplicateObject',
    'ReplicateTags',
    'RestoreObject',
  ].map((a) => `s3:${a.toLowerCase()}`),
);

/** Whether `action` (`s3:GetObject` …, any case) acts on objects. */
export function isObjectAction(action: string): boolean {
  let known = OBJECT_ACTION_CACHE.get(action);
  if (known === undefined) {
    known = OBJECT_ACTIONS.has(action.toLowerCase());
    if (OBJECT_ACTION_CACHE.size < 10_000) OBJECT_ACTION_CACHE.set(action, known);
  }
  return known;
}

/** Answers by the action as written (the graph builder asks about a few actions very often). */
const OBJECT_ACTION_CACHE = new Map<string, boolean>();

/** The resource ARN an S3 action is authorized against. */
export function s3ResourceArn(
  bucketArn: string,
  action: string,
  objectKey: string | undefined,
): string {
  return isObjectAction(action) ? `${bucketArn}/${objectKey ?? '*'}` : bucketArn;
}

/** Actions granted by a bucket ACL permission (object ACLs are not collected). */
const BUCKET_ACL_ACTIONS: Readonly<
  Record<Exclude<AclPermission, 'FULL_CONTROL'>, readonly string[]>
> = {
  READ: ['s3:listbucket', 's3:listbucketversions', 's3:listbucketmultipartuploads'],
  WRITE: ['s3:putobject', 's3:deleteobject'],
  READ_ACP: ['s3:getbucketacl'],
  WRITE_ACP: ['s3:putbucketacl'],
};

/** Whether a bucket ACL permission grants `action`. */
export function bucketAclGrants(permission: AclPermission, action: string): boolean {
  const a = action.toLowerCase();
  if (permission === 'FULL_CONTROL')
    return Object.values(BUCKET_ACL_ACTIONS).some((list) => list.includes(a));
  return BUCKET_ACL_ACTIONS[permission].includes(a);
}

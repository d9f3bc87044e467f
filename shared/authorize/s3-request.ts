/**
 * May this caller perform this S3 action on this bucket (or object)? IAM-SEMANTICS.md §7:
 *
 * - user context: the caller's identity policies, boundary and session policy, and the SCPs of
 *   its account (the root user has every permission of its account);
 * - bucket context: the bucket policy and, unless Object Ownership is `BucketOwnerEnforced`, the
 *   bucket ACL;
 * - same account: identity policy OR bucket grant (a grant naming the user, the session or `*`
 *   is not limited by a boundary or session policy; one naming the role is; one naming the
 *   account delegates to the identity policies); other accounts: identity policy AND bucket grant;
 * - RCPs of the bucket's account apply to everyone except service-linked roles;
 * - Block Public Access: `IgnorePublicAcls` drops public ACL grants; `RestrictPublicBuckets`,
 *   when the bucket policy is public (§7.4), leaves its grants to AWS services and the bucket
 *   owner's own principals only. `BlockPublicPolicy` and `BlockPublicAcls` do not change
 *   existing grants;
 * - the object belongs to the bucket owner (with `ObjectWriter` ownership, objects written by
 *   other accounts would not: a note says so);
 * - a bucket whose default encryption is SSE-KMS: reads also need kms:Decrypt on the key, writes
 *   kms:GenerateDataKey (through S3), decided by the key's rules (§7a.4, encryption-key.ts).
 */
import { policiesOf, resolveCallerChosenKeys } from './caller-chosen-keys.js';
import type { PolicyRef, PolicyRequest } from '../policy/types.js';
import { bucketRequestContext } from './authz-context.js';
import { isPublicAclMatch, matchingAclGrants, type AclHit } from './bucket-acl.js';
import {
  callerDenies,
  callerKind,
  callerPartition,
  callerSideEvidence,
  describeCaller,
  evaluateCallerScps,
  evaluateCallerSide,
  guardrailGates,
} from './caller-side.js';
import { resolveKey, viaServiceOf, withKeyUse, type KeyUse } from './encryption-key.js';
import { missingAllowEvidence, noteEvidence } from './evidence.js';
import { isPublicBucketPolicy } from './is-public-bucket-policy.js';
import { combineOutcomes, decide, ruleResult, splitDenies } from './outcome.js';
import { evaluateChain, evaluateOne, type ChainResult } from './policy-set.js';
import { identityPathOf, policyGrantPath } from './resource-grants.js';
import { isObjectAction, s3ResourceArn } from './s3-actions.js';
import { TRUE, and, or, unknownOn, type TriKeys } from './tri.js';
import type { AuthorizationResult, BucketProfile, Evidence, S3Request } from './types.js';
import { OWNERSHIP_NOT_READ_KEY, PUBLIC_ACCESS_BLOCK_NOT_READ_KEY } from './unread-policies.js';

/** A Block Public Access setting that was not read and may be on: never known. */
const PAB_MAY_BLOCK: TriKeys = Object.freeze(unknownOn([PUBLIC_ACCESS_BLOCK_NOT_READ_KEY]));
/** Object Ownership that was not read and may disable the ACL: never known. */
const ACLS_MAY_BE_DISABLED: TriKeys = Object.freeze(unknownOn([OWNERSHIP_NOT_READ_KEY]));

function aclRef(bucket: BucketProfile): PolicyRef {
  return { kind: 'resource', name: 'bucket ACL', arn: bucket.arn };
}

function bucketPolicyRef(bucket: BucketProfile): PolicyRef {
  return bucket.policy?.ref ?? { kind: 'resource', name: 'bucket policy', arn: bucket.arn };
}

function describeGrantee(hit: AclHit): string {
  switch (hit.match) {
    case 'all-users':
      return 'AllUsers (anyone, including anonymous callers)';
    case 'authenticated-users':
      return 'AuthenticatedUsers (any AWS account)';
    case 'log-delivery':
      return 'the S3 log delivery group';
    case 'account':
      return hit.grant.grantee.type === 'CanonicalUser'
        ? `canonical user ${hit.grant.grantee.id}`
        : 'the caller account';
  }
}

function aclEvidence(bucket: BucketProfile, hit: AclHit, action: string): Evidence {
  return {
    policy: aclRef(bucket),
    statementIndex: hit.index,
    effect: 'Allow',
    role: 'grants',
    conditionKeys: [],
    reason: `Grant ${hit.index} of the bucket ACL of ${bucket.arn} gives ${hit.grant.permission} to ${describeGrantee(hit)}, which allows ${action}.`,
  };
}

/**
 * Decides whether `req.caller` may perform `req.action` on `req.bucket` (and `req.objectKey`
 * for object actions; undefined = any object, resource `bucket/*`). IAM-SEMANTICS.md §7.
 */
export function authorizeS3(req: S3Request): AuthorizationResult {
  const result = decideS3(req);
  if (result.decision !== 'conditional') return result;
  const { caller, bucket, model } = req;
  return resolveCallerChosenKeys(result, {
    request: { service: 's3', action: req.action },
    policies: policiesOf(
      [...caller.identityPolicies, caller.permissionsBoundary, caller.sessionPolicy, bucket.policy],
      [
        caller.scps ??
          (caller.accountId === undefined ? undefined : model.scpsByAccount?.get(caller.accountId)),
        bucket.rcps,
      ],
    ),
    context: req.context,
    evaluate: (context) => decideS3({ ...req, context }),
  });
}

/** The decision without resolving caller-chosen keys (caller-chosen-keys.ts). */
function decideS3(req: S3Request): AuthorizationResult {
  const base = authorizeS3Policies(req);
  const { bucket } = req;
  const enc = bucket.encryption;
  if (enc === undefined || !enc.algorithm.toLowerCase().startsWith('aws:kms')) return base;
  const operations = S3_KEY_OPERATIONS.get(req.action.toLowerCase());
  if (operations === undefined || base.decision === 'deny') return base;
  const resolution = resolveKey(
    req.model,
    enc.kmsKeyId,
    {
      accountId: bucket.accountId,
      partition: bucket.partition,
      ...(bucket.region !== undefined ? { region: bucket.region } : {}),
    },
    'alias/aws/s3',
  );
  const keyName = resolution.kind === 'key' ? resolution.key.arn : resolution.configured;
  const write = !isReadAction(req.action);
  const use: KeyUse = {
    resolution,
    operations,
    purpose: `${req.action} on ${bucket.arn}`,
    caveat: {
      note: 'objects-may-use-other-keys',
      ref: { kind: 'resource', name: 'default encryption', arn: bucket.arn },
      text: write
        ? `The bucket's default encryption is SSE-KMS with ${keyName}: a write that names no encryption uses that key; a writer may name another (x-amz-server-side-encryption) unless the bucket policy requires it`
        : `The bucket's default encryption is SSE-KMS with ${keyName}: this holds for objects encrypted with that key; an object written with another key, with SSE-S3, or before the default was set needs what that encryption needs`,
    },
  };
  if (bucket.region !== undefined) use.viaService = viaServiceOf('s3', bucket.region);
  const withKey = withKeyUse(base, req.caller, req.model, req.context, use);
  if (!write || withKey.decision !== 'deny') return withKey;
  // The writer chooses the encryption of its request: a denied default key leaves SSE-S3 or
  // another key open, which the request header decides.
  return {
    decision: 'conditional',
    conditionKeys: [...new Set([...base.conditionKeys, 's3:x-amz-server-side-encryption'])].sort(),
    evidence: withKey.evidence,
    notes: [...withKey.notes, 'default-key-denied-writer-may-choose'],
  };
}

/** KMS operations an object request needs on the bucket's default key. */
const S3_KEY_OPERATIONS: ReadonlyMap<string, readonly string[]> = new Map([
  ['s3:getobject', ['kms:Decrypt']],
  ['s3:getobjectversion', ['kms:Decrypt']],
  ['s3:putobject', ['kms:GenerateDataKey']],
]);

function isReadAction(action: string): boolean {
  return action.toLowerCase().startsWith('s3:get');
}

/** The bucket's policies, ACL and Block Public Access, without the bucket's KMS key. */
function authorizeS3Policies(req: S3Request): AuthorizationResult {
  const { caller, bucket, model, action } = req;
  const resource = s3ResourceArn(bucket.arn, action, req.objectKey);
  const what = `${action} on ${resource}`;
  const who = describeCaller(caller);
  const kind = callerKind(caller);
  const c = caller.caller;
  if (kind === 'federation')
    return ruleResult(
      'deny',
      [
        noteEvidence(
          bucketPolicyRef(bucket),
          `${who} is not an S3 caller: a federated identity first assumes a role, whose session then calls S3`,
        ),
      ],
      ['federated-provider-not-s3-caller'],
    );
  const partition = callerPartition(c);
  if (partition !== undefined && partition !== bucket.partition)
    return ruleResult(
      'deny',
      [
        noteEvidence(
          bucketPolicyRef(bucket),
          `The caller is in partition ${partition} and the bucket in ${bucket.partition}; access never crosses partitions`,
        ),
      ],
      ['partition-mismatch'],
    );

  const context = bucketRequestContext(caller, bucket, req.context);
  const request: PolicyRequest = {
    action,
    resource,
    caller: c,
    context,
    canonicalIds: model.canonicalIds,
  };
  const evidence: Evidence[] = [];
  const notes: string[] = [];
  const policy = bucket.policy ? evaluateOne(bucket.policy, request) : undefined;
  const side = evaluateCallerSide(caller, request);
  evaluateCallerScps(caller, model, request, side);
  let rcps: ChainResult | undefined;
  if (bucket.rcps && !caller.serviceLinked) rcps = evaluateChain(bucket.rcps, request);
  const split = splitDenies([
    ...(policy?.denies ?? []),
    ...callerDenies(side),
    ...(rcps?.denies ?? []),
  ]);

  const sameAccount =
    (kind === 'iam' || kind === 'root') &&
    caller.accountId !== undefined &&
    caller.accountId === bucket.accountId;
  const pab = bucket.publicAccessBlock;
  const publicPolicy = bucket.policy !== undefined && isPublicBucketPolicy(bucket.policy);

  // Bucket context: ACL grants, then Block Public Access.
  let aclHits: AclHit[] = bucket.acl
    ? matchingAclGrants(bucket, caller, action, model.canonicalIds)
    : [];
  if (aclHits.length > 0 && bucket.ownership === 'BucketOwnerEnforced') {
    notes.push('acls-disabled');
    evidence.push(
      noteEvidence(
        aclRef(bucket),
        `Object Ownership is BucketOwnerEnforced: the bucket ACL no longer affects permissions, so its grants to ${who} are ignored`,
      ),
    );
    aclHits = [];
  }
  if (pab.ignorePublicAcls && aclHits.some((h) => isPublicAclMatch(h.match))) {
    notes.push('ignore-public-acls');
    evidence.push(
      noteEvidence(
        aclRef(bucket),
        'Block Public Access IgnorePublicAcls is on: the AllUsers and AuthenticatedUsers grants of the ACL are ignored (IAM-SEMANTICS.md §7.4)',
      ),
    );
    aclHits = aclHits.filter((h) => !isPublicAclMatch(h.match));
  }
  let policyAllows = policy?.allows ?? [];
  let restricted = false;
  if (pab.restrictPublicBuckets && publicPolicy && !sameAccount && kind !== 'service') {
    if (policyAllows.length > 0 || aclHits.length > 0) {
      restricted = true;
      notes.push('restrict-public-buckets');
      evidence.push(
        noteEvidence(
          bucketPolicyRef(bucket),
          `The bucket policy is public and Block Public Access RestrictPublicBuckets is on: only AWS services and principals of the bucket owner's account ${bucket.accountId} are allowed, so no grant reaches ${who} (IAM-SEMANTICS.md §7.4)`,
        ),
      );
    }
    policyAllows = [];
    aclHits = [];
  }
  if (pab.blockPublicPolicy && publicPolicy) {
    notes.push('block-public-policy-not-retroactive');
    evidence.push(
      noteEvidence(
        bucketPolicyRef(bucket),
        'Block Public Access BlockPublicPolicy is on but only rejects new public policies; the existing public bucket policy still applies (IAM-SEMANTICS.md §7.4)',
      ),
    );
  }

  // A Block Public Access setting the collector could not read may be on (§7.4): what it would
  // remove is only possible.
  const pabNotRead = bucket.publicAccessBlockNotRead;
  const mayRestrict =
    pabNotRead !== undefined &&
    !pab.restrictPublicBuckets &&
    publicPolicy &&
    !sameAccount &&
    kind !== 'service' &&
    (policyAllows.length > 0 || aclHits.length > 0);
  const mayIgnoreAcl = (hit: AclHit): boolean =>
    pabNotRead !== undefined && !pab.ignorePublicAcls && isPublicAclMatch(hit.match);
  // Object Ownership not read: BucketOwnerEnforced (ACLs disabled) is possible.
  if (aclHits.length > 0 && bucket.ownershipNotRead !== undefined) {
    notes.push('ownership-controls-not-read');
    evidence.push(
      noteEvidence(
        aclRef(bucket),
        `The Object Ownership of ${bucket.arn} could not be read (${bucket.ownershipNotRead}): if it is BucketOwnerEnforced, the bucket ACL no longer affects permissions and its grants to ${who} are ignored (IAM-SEMANTICS.md §7.3)`,
        [OWNERSHIP_NOT_READ_KEY],
      ),
    );
  }
  if (mayRestrict || aclHits.some(mayIgnoreAcl)) {
    notes.push('public-access-block-not-read');
    evidence.push(
      noteEvidence(
        bucketPolicyRef(bucket),
        `The Block Public Access settings of ${bucket.arn} could not be read (${pabNotRead ?? ''}): ${mayRestrict ? 'RestrictPublicBuckets, if on, lets no grant of its public policy or ACL reach callers outside account ' + bucket.accountId : 'IgnorePublicAcls, if on, ignores its AllUsers and AuthenticatedUsers ACL grants'} (IAM-SEMANTICS.md §7.4)`,
        [PUBLIC_ACCESS_BLOCK_NOT_READ_KEY],
      ),
    );
  }

  // Grants of the bucket context, each with what the caller's side must add.
  const identityPath = identityPathOf(side);
  let grantPath = policyGrantPath(policyAllows, kind, sameAccount, side, who, what, evidence);
  if (mayRestrict) grantPath = and(grantPath, PAB_MAY_BLOCK);
  for (const hit of aclHits) {
    // An ACL grant to an account (or to AuthenticatedUsers) still needs the user context.
    let hitPath = kind === 'iam' && sameAccount ? identityPath : TRUE;
    if (mayRestrict || mayIgnoreAcl(hit)) hitPath = and(hitPath, PAB_MAY_BLOCK);
    if (bucket.ownershipNotRead !== undefined) hitPath = and(hitPath, ACLS_MAY_BE_DISABLED);
    grantPath = or(grantPath, hitPath);
    evidence.push(aclEvidence(bucket, hit, action));
  }

  let accessPath: TriKeys;
  switch (kind) {
    case 'iam':
      accessPath = sameAccount ? or(identityPath, grantPath) : and(identityPath, grantPath);
      callerSideEvidence(
        caller,
        side,
        { identity: true, boundary: true, session: true },
        what,
        evidence,
      );
      if (side.identity?.caseMismatches) notes.push('resource-case-mismatch');
      break;
    case 'root':
      // The root user has every permission of its account; the bucket owner's root needs no grant.
      accessPath = sameAccount ? TRUE : grantPath;
      if (sameAccount)
        evidence.push(
          noteEvidence(
            bucketPolicyRef(bucket),
            `${who} owns the bucket; only an explicit Deny can stop it`,
          ),
        );
      break;
    case 'anonymous':
    case 'service':
      accessPath = grantPath;
      break;
  }
  if (grantPath.value === false && !(kind === 'root' && sameAccount))
    evidence.push(
      missingAllowEvidence(
        bucketPolicyRef(bucket),
        restricted
          ? `No grant of the bucket policy or ACL of ${bucket.arn} reaches ${who}: RestrictPublicBuckets blocks them for callers outside account ${bucket.accountId}`
          : bucket.policy || bucket.acl
            ? `Neither the bucket policy nor the bucket ACL of ${bucket.arn} grants ${what} to ${who}`
            : `${bucket.arn} has no bucket policy or ACL grant for ${who}`,
      ),
    );

  const { scpGate, rcpGate, certain, possible } = guardrailGates(
    caller,
    kind,
    side,
    rcps,
    split,
    bucket.accountId,
    what,
    evidence,
    notes,
  );

  if (bucket.ownership === 'ObjectWriter' && isObjectAction(action)) {
    notes.push('object-writer-ownership');
    evidence.push(
      noteEvidence(
        bucketPolicyRef(bucket),
        'Object Ownership is ObjectWriter: this decision is for an object owned by the bucket owner; an object written by another account belongs to that account, and the bucket policy does not grant access to it (IAM-SEMANTICS.md §7.3)',
      ),
    );
  }

  const allowPath = and(and(scpGate, rcpGate), accessPath);
  return combineOutcomes([decide(allowPath, certain, possible, what, evidence, notes)]);
}

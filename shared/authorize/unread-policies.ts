/**
 * Which resource policies of a snapshot exist but were not read (IAM-SEMANTICS.md §7a.7): the
 * collector recorded a failed policy read for the resource in collection.json (an AccessDenied
 * from a bucket or key policy that denies the collector is the common case), or the snapshot's
 * document could not be decoded. Each becomes the stand-in of unread-policy.ts instead of "no
 * policy" — which would silently allow what a Deny in it refuses, and, for a KMS key, silently
 * deny what it delegates.
 *
 * The calls that read a policy, and how each names its resource in collection.json: the bucket
 * name for `s3:GetBucketPolicy`, the ARN for the others (a function's alias or version ARN for
 * `lambda:GetPolicy` of that alias or version; the queue's ARN, which its URL gives, for
 * `sqs:GetQueueAttributes`). A failure of a listing call (the resource is then not in the
 * snapshot at all) is not about a policy and is not listed here.
 */
import { compileUnreadPolicy } from '../policy/unread-policy.js';
import type { CompiledPolicy, PolicyRef } from '../policy/types.js';
import type {
  CollectionError,
  OrgPolicyType,
  PolicyResource,
  Snapshot,
} from '../snapshot/types.js';

const POLICY_READS: ReadonlySet<string> = new Set([
  's3:GetBucketPolicy',
  'kms:GetKeyPolicy',
  'secretsmanager:GetResourcePolicy',
  'ecr:GetRepositoryPolicy',
  'lambda:GetPolicy',
  'sqs:GetQueueAttributes',
  'sns:GetTopicAttributes',
]);

/** The key a grant is conditional on when a Block Public Access setting that may block it was not read. */
export const PUBLIC_ACCESS_BLOCK_NOT_READ_KEY = '<public-access-block-not-read>';

/** The key an ACL grant is conditional on when Object Ownership was not read (ACLs may be disabled). */
export const OWNERSHIP_NOT_READ_KEY = '<ownership-controls-not-read>';

/** Longest error text quoted in evidence (collection.json messages come from AWS: untrusted). */
const MAX_WHY = 160;

/** `CALL failed when collecting (ERROR)`: the failed call in words, its error name bounded. */
function failedCall(e: CollectionError): string {
  return `${e.call} failed when collecting (${e.errorName.replace(/\s+/g, ' ').slice(0, MAX_WHY)})`;
}

/** Why a policy is unread, and what the failure itself tells. */
export interface UnreadReason {
  /** In words, e.g. `s3:GetBucketPolicy failed when collecting (AccessDenied)`. */
  why: string;
  /**
   * A KMS key policy that refused the collector (an access-denied `kms:GetKeyPolicy`): the
   * default key policy's statement for the account root would have let the collector's identity
   * policy read it (docs/collect.md), so this key policy does not let the account's identity
   * policies work — it admits only the principals it names, which are unknown.
   */
  keyPolicyRefusedCollector: boolean;
}

/**
 * ARN of each resource whose policy read failed → why. A bucket is keyed by its ARN in the
 * account's partition.
 */
export function unreadPolicies(snapshot: Snapshot): Map<string, UnreadReason> {
  const out = new Map<string, UnreadReason>();
  const accounts = snapshot.collection?.accounts ?? {};
  for (const [accountId, entry] of Object.entries(accounts)) {
    const data = snapshot.accounts.get(accountId);
    const partition = data?.partition ?? 'aws';
    const refusedOwn = collectorRefusedOwnKeys(entry.errors, data?.resources?.resources ?? []);
    for (const e of entry.errors) {
      if (!POLICY_READS.has(e.call) || e.resource === undefined || e.resource === '') continue;
      const arn =
        e.call === 's3:GetBucketPolicy' ? `arn:${partition}:s3:::${e.resource}` : e.resource;
      if (out.has(arn)) continue;
      const denied = e.call === 'kms:GetKeyPolicy' && /accessdenied/i.test(e.errorName);
      const region = denied ? arn.split(':')[3] : undefined;
      if (denied && region !== undefined && refusedOwn.has(region))
        out.set(arn, {
          why: `${failedCall(e)}; the collector was refused an AWS managed key's policy in ${region} too, which always lets the account's identity policies read it, so the refusal comes from the collector's own permissions, not from this key policy`,
          keyPolicyRefusedCollector: false,
        });
      else out.set(arn, { why: failedCall(e), keyPolicyRefusedCollector: denied });
    }
  }
  return out;
}

/**
 * The regions where the collector was refused the policy of an AWS managed key of the account.
 * Such a key's policy (written by AWS, never changed) lets the account's identity policies call
 * `kms:Get*` ("Allow direct access to key metadata to the account",
 * https://docs.aws.amazon.com/kms/latest/developerguide/concepts.html#aws-managed-key): a refusal
 * there is the collector's own (its identity policy, a boundary or an SCP), and says nothing about
 * the customer managed keys refused beside it.
 */
function collectorRefusedOwnKeys(
  errors: readonly CollectionError[],
  resources: readonly PolicyResource[],
): Set<string> {
  const regions = new Set<string>();
  const managed = new Map(
    resources
      .filter((r) => r.type === 'kms-key' && r.keyManager === 'AWS')
      .map((r) => [r.arn, r.region ?? r.arn.split(':')[3] ?? ''] as const),
  );
  for (const e of errors) {
    if (e.call !== 'kms:GetKeyPolicy' || !/accessdenied/i.test(e.errorName)) continue;
    const region = e.resource === undefined ? undefined : managed.get(e.resource);
    if (region !== undefined && region !== '') regions.add(region);
  }
  return regions;
}

/**
 * Buckets whose Block Public Access the collector could not read → why, in words: keyed by the
 * bucket's ARN for its own setting (`s3:GetPublicAccessBlock` with the bucket name), by the
 * account id for the account's (`s3control:GetPublicAccessBlock`: every bucket of the account).
 */
export function unreadPublicAccessBlocks(snapshot: Snapshot): Map<string, string> {
  return unreadBucketSetting(snapshot, 's3:GetPublicAccessBlock', 's3control:GetPublicAccessBlock');
}

/**
 * Buckets whose Object Ownership the collector could not read (`s3:GetBucketOwnershipControls`
 * with the bucket name), by ARN → why: ACLs may be disabled (`BucketOwnerEnforced`, the default
 * of every bucket created since April 2023), so what an ACL grants is only possible.
 */
export function unreadOwnershipControls(snapshot: Snapshot): Map<string, string> {
  return unreadBucketSetting(snapshot, 's3:GetBucketOwnershipControls');
}

/**
 * The failed reads of one bucket setting → why: bucket ARN for `bucketCall`, account id for
 * `accountCall` (the account-level setting, when there is one).
 */
function unreadBucketSetting(
  snapshot: Snapshot,
  bucketCall: string,
  accountCall?: string,
): Map<string, string> {
  const out = new Map<string, string>();
  const accounts = snapshot.collection?.accounts ?? {};
  for (const [accountId, entry] of Object.entries(accounts)) {
    const partition = snapshot.accounts.get(accountId)?.partition ?? 'aws';
    for (const e of entry.errors) {
      let key: string | undefined;
      if (e.call === accountCall) key = accountId;
      else if (e.call === bucketCall && e.resource !== undefined)
        key = `arn:${partition}:s3:::${e.resource}`;
      if (key !== undefined && !out.has(key)) out.set(key, failedCall(e));
    }
  }
  return out;
}

/** Why an undecodable document is unread (its load issue names the file and path). */
export const UNDECODABLE: UnreadReason = {
  why: 'its document in the snapshot could not be decoded (see the load issues)',
  keyPolicyRefusedCollector: false,
};

/**
 * The policy `ref` of a resource of `accountId` whose document is unread: the stand-in, its ref
 * naming the reason. `ref.name` keeps the policy's usual name (`bucket policy`, `key policy` …) so
 * that evidence reads as for a read policy.
 */
export function unreadPolicyFor(
  ref: PolicyRef,
  accountId: string,
  partition: string,
  reason: UnreadReason,
): CompiledPolicy {
  const mayAllowAccount = !reason.keyPolicyRefusedCollector;
  const notRead = mayAllowAccount
    ? `${reason.why}; it may allow its own account and may deny any call`
    : `${reason.why}; the key policy does not let the account's identity policies work, or the collector would have read it; it may deny any call`;
  return compileUnreadPolicy({ ...ref, notRead }, accountId, partition, { mayAllowAccount });
}

const ORG_POLICY_CALLS: ReadonlySet<string> = new Set([
  'organizations:ListPolicies',
  'organizations:DescribePolicy',
  'organizations:ListTargetsForPolicy',
]);

/**
 * The SCP and RCP types in effect whose policies were not read (IAM-SEMANTICS.md §8):
 * organization.json lists no `Policies` (the collector writes none when a policy read failed),
 * and the type is enabled on the root (Roots[].PolicyTypes) — or, when the file does not say which
 * types are enabled, collection.json records a failed organizations policy call. Analysis then
 * applies no policy of that type, so a decision it shows may be denied by one: the
 * `incomplete-coverage` finding says so. Undefined when nothing is missing (a hand-written
 * organization.json without `Policies` or `PolicyTypes` has no SCPs).
 */
export function unreadOrgPolicyTypes(
  snapshot: Snapshot,
): { types: OrgPolicyType[]; why: string } | undefined {
  const org = snapshot.organization;
  if (org === undefined || org.policiesListed !== false) return undefined;
  const failed = (snapshot.collection?.errors ?? []).find((e) => ORG_POLICY_CALLS.has(e.call));
  const enabled = org.enabledPolicyTypes;
  const types = (['SERVICE_CONTROL_POLICY', 'RESOURCE_CONTROL_POLICY'] as const).filter((t) =>
    enabled !== undefined ? enabled.includes(t) : failed !== undefined,
  );
  if (types.length === 0) return undefined;
  const why = failed !== undefined ? failedCall(failed) : 'organization.json lists no Policies';
  return { types: [...types], why };
}

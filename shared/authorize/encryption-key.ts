/**
 * The KMS key behind a bucket, secret, queue or topic (IAM-SEMANTICS.md §7a.4): a caller that
 * reads or writes the data also needs the key operations (`kms:Decrypt`, `kms:GenerateDataKey`)
 * on that key, through the service (`kms:ViaService`).
 *
 * - The key is resolved from the configured id (key ARN, key id, alias ARN or `alias/…`) against
 *   the snapshot's keys (resources.json). An AWS managed key (`alias/aws/s3`,
 *   `alias/aws/secretsmanager` …) that the snapshot does not hold stands in with the key policy
 *   AWS documents for such keys: callers of its own account, through the service.
 * - A customer managed key that the snapshot does not hold is unknown: the decision keeps what the
 *   resource policies say and a note names the key (never a silent "allowed").
 * - A bucket's default encryption names the key of new objects only: objects written earlier or
 *   with another key (or SSE-S3) are not covered; every bucket decision says so in a note.
 */
import { parseArn } from '../arn/parse-arn.js';
import { compilePolicy } from '../policy/index.js';
import type { PolicyRef } from '../policy/types.js';
import { objectMemo } from '../policy/memo-on-object.js';
import { noteEvidence } from './evidence.js';
import { combineOutcomes, type Outcome } from './outcome.js';
import { authorizeResourcePolicy } from './resource-request.js';
import type {
  AuthorizationResult,
  AuthzModel,
  CallerProfile,
  ContextOptions,
  ResourceProfile,
} from './types.js';

export type KeyResolution =
  | { kind: 'key'; key: ResourceProfile; configured: string }
  | { kind: 'unknown'; configured: string; reason: string };

export interface KeyOwner {
  accountId: string;
  partition: string;
  region?: string;
}

/** Stand-ins for AWS managed keys missing from the snapshot, per model. */
const STAND_INS = objectMemo<AuthzModel, Map<string, ResourceProfile>>(
  'trustmap.authorize.managed-keys',
);

/**
 * The key that `configured` names for a resource of `owner` (undefined `configured` = the
 * service's AWS managed key `defaultAlias`).
 */
export function resolveKey(
  model: AuthzModel,
  configured: string | undefined,
  owner: KeyOwner,
  defaultAlias: string,
): KeyResolution {
  const text = configured ?? defaultAlias;
  let account = owner.accountId;
  let region = owner.region;
  let id = text;
  let partition = owner.partition;
  const arn = text.startsWith('arn:') ? parseArn(text) : undefined;
  if (arn !== undefined) {
    if (arn.service !== 'kms')
      return { kind: 'unknown', configured: text, reason: `${text} is not a KMS key ARN` };
    account = arn.accountId;
    region = arn.region;
    partition = arn.partition;
    id = arn.resource.startsWith('key/') ? arn.resource.slice(4) : arn.resource;
    const direct = model.resources?.get(text);
    if (direct?.type === 'kms-key') return { kind: 'key', key: direct, configured: text };
  }
  if (region !== undefined) {
    const keyArn = model.keyIds?.get(`${account}/${region}/${id}`);
    const key = keyArn === undefined ? undefined : model.resources?.get(keyArn);
    if (key) return { kind: 'key', key, configured: text };
  }
  if (id.startsWith('alias/aws/')) {
    const service = id.slice('alias/aws/'.length);
    return {
      kind: 'key',
      key: standInManagedKey(model, account, partition, region, id, service),
      configured: text,
    };
  }
  const known = model.resourceAccountIds?.has(account) ?? false;
  return {
    kind: 'unknown',
    configured: text,
    reason: known
      ? `key ${text} is not among account ${account}'s keys in resources.json${region === undefined ? ' (the region is not known)' : ''}`
      : `the KMS keys of account ${account} are not in the snapshot (no resources.json)`,
  };
}

/** The documented key policy of an AWS managed key (`aws/<service>`) that the snapshot lacks. */
function standInManagedKey(
  model: AuthzModel,
  accountId: string,
  partition: string,
  region: string | undefined,
  alias: string,
  service: string,
): ResourceProfile {
  const cache = STAND_INS.get(model) ?? STAND_INS.set(model, new Map());
  const id = `${accountId}/${region ?? '*'}/${alias}`;
  const cached = cache.get(id);
  if (cached) return cached;
  const arn = `arn:${partition}:kms:${region ?? ''}:${accountId}:${alias}`;
  const via =
    region === undefined ? `${service}.*.amazonaws.com` : `${service}.${region}.amazonaws.com`;
  const doc = {
    Version: '2012-10-17',
    Statement: [
      {
        Sid: `Allow access through ${service} for all principals in the account that are authorized to use ${service}`,
        Effect: 'Allow',
        Principal: { AWS: '*' },
        Action: [
          'kms:Encrypt',
          'kms:Decrypt',
          'kms:ReEncrypt*',
          'kms:GenerateDataKey*',
          'kms:DescribeKey',
        ],
        Resource: '*',
        Condition: {
          StringEquals: { 'kms:CallerAccount': accountId },
          StringLike: { 'kms:ViaService': via },
        },
      },
      {
        Sid: 'Allow direct access to key metadata to the account',
        Effect: 'Allow',
        Principal: { AWS: `arn:${partition}:iam::${accountId}:root` },
        Action: ['kms:Describe*', 'kms:Get*', 'kms:List*'],
        Resource: '*',
      },
    ],
  };
  const key: ResourceProfile = {
    arn,
    name: alias,
    type: 'kms-key',
    service: 'kms',
    accountId,
    partition,
    policy: compilePolicy(doc, {
      kind: 'resource',
      name: `key policy (documented for ${alias})`,
      arn,
    }),
    // A key is used by calling its region (regionalResourceKeys).
    resourceContextKeys:
      region === undefined || region === ''
        ? { 'aws:ResourceAccount': accountId }
        : { 'aws:ResourceAccount': accountId, 'aws:RequestedRegion': region },
    keyManager: 'AWS',
    aliases: [alias],
    grants: [],
    standIn: true,
  };
  if (region !== undefined) key.region = region;
  cache.set(id, key);
  return key;
}

export interface KeyUse {
  resolution: KeyResolution;
  /** `kms:Decrypt`, `kms:GenerateDataKey` … */
  operations: readonly string[];
  /** `s3.us-east-1.amazonaws.com`; undefined when the region is not known (then undecided). */
  viaService?: string;
  /** "reading objects of arn:…:bucket" — completes sentences. */
  purpose: string;
  /** Extra note pushed on every decision (e.g. the bucket's default key covers new objects only). */
  caveat?: { note: string; text: string; ref: PolicyRef };
}

/** Every result must allow: the results of the several actions one request needs, combined. */
export function combineResults(results: readonly AuthorizationResult[]): AuthorizationResult {
  return combineOutcomes(results.map(toOutcome));
}

function toOutcome(r: AuthorizationResult): Outcome {
  return {
    decision: r.decision,
    keys: r.conditionKeys,
    evidence: [...r.evidence],
    notes: [...r.notes],
  };
}

/**
 * `base` (the resource's own decision) combined with the key operations `use` needs: every one
 * must be allowed too.
 */
export function withKeyUse(
  base: AuthorizationResult,
  caller: CallerProfile,
  model: AuthzModel,
  context: ContextOptions,
  use: KeyUse,
): AuthorizationResult {
  if (base.decision === 'deny') return base;
  const outcomes: Outcome[] = [toOutcome(base)];
  const { resolution } = use;
  if (resolution.kind === 'unknown') {
    const o = toOutcome(base);
    o.evidence.push(
      noteEvidence(
        { kind: 'resource', name: 'key policy', arn: resolution.configured },
        `A call of ${use.purpose} also needs ${use.operations.join(' and ')} on KMS key ${resolution.configured}, but ${resolution.reason}: that key's policy is not checked`,
      ),
    );
    o.notes.push('kms-key-unknown');
    if (use.caveat) addCaveat(o, use);
    return combineOutcomes([o]);
  }
  for (const operation of use.operations) {
    const r = authorizeResourcePolicy({
      action: operation,
      caller,
      resource: resolution.key,
      model,
      context: use.viaService === undefined ? withUnknownVia(context) : context,
      ...(use.viaService !== undefined ? { viaService: use.viaService } : {}),
    });
    const o = toOutcome(r);
    o.evidence.unshift(
      noteEvidence(
        { kind: 'resource', name: 'key policy', arn: resolution.key.arn },
        `A call of ${use.purpose} also needs ${operation} on KMS key ${resolution.key.arn}${resolution.key.aliases?.length ? ` (${resolution.key.aliases.join(', ')})` : ''}`,
      ),
    );
    outcomes.push(o);
  }
  const last = outcomes[outcomes.length - 1];
  if (use.caveat && last) addCaveat(last, use);
  return combineOutcomes(outcomes);
}

function addCaveat(o: Outcome, use: KeyUse): void {
  if (!use.caveat) return;
  o.notes.push(use.caveat.note);
  o.evidence.push(noteEvidence(use.caveat.ref, use.caveat.text));
}

const UNKNOWN_VIA = new WeakMap<ContextOptions, ContextOptions>();

function withUnknownVia(context: ContextOptions): ContextOptions {
  let out = UNKNOWN_VIA.get(context);
  if (out === undefined) {
    out = { ...context, unknown: [...(context.unknown ?? []), 'kms:ViaService'] };
    UNKNOWN_VIA.set(context, out);
  }
  return out;
}

/**
 * `kms:ViaService` of requests that a service makes in a region (`s3.us-east-1.amazonaws.com`):
 * one string per endpoint and region, so that the decisions of a large graph share it.
 */
export function viaServiceOf(endpoint: string, region: string): string {
  let byRegion = VIA_SERVICES.get(endpoint);
  if (byRegion === undefined) VIA_SERVICES.set(endpoint, (byRegion = new Map<string, string>()));
  let via = byRegion.get(region);
  if (via === undefined) {
    via = `${endpoint}.${region}.amazonaws.com`;
    if (byRegion.size < 1_000) byRegion.set(region, via);
  }
  return via;
}

const VIA_SERVICES = new Map<string, Map<string, string>>();

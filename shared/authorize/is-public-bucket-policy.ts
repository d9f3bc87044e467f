/**
 * Is a bucket policy "public" in the sense of S3 Block Public Access (IAM-SEMANTICS.md §7.4)?
 *
 * S3 assumes a policy is public, then clears every Allow statement that grants only to fixed
 * principals (account, user, role, service, canonical user) or that a condition restricts to
 * fixed values of a key the caller cannot choose: `aws:PrincipalOrgID`, `aws:PrincipalAccount`,
 * `aws:PrincipalArn`, `aws:PrincipalOrgPaths`, `aws:SourceArn`, `aws:SourceVpc`,
 * `aws:SourceVpce`, `aws:SourceOwner`, `aws:SourceAccount`,
 * `s3:x-amz-server-side-encryption-aws-kms-key-id`, `aws:userid` (an id, or `ID:*`),
 * `s3:DataAccessPointArn`, `s3:DataAccessPointAccount`, or `aws:SourceIp` no broader than /8
 * (IPv4) or /32 (IPv6). A `Federated` principal, `*`, and `Allow` with `NotPrincipal` are public.
 *
 * A condition restricts only with a positive operator and no `…IfExists` (a missing key would
 * then pass) and no `ForAllValues:` (an empty set passes); a value with a wildcard is not fixed.
 * Source: https://docs.aws.amazon.com/AmazonS3/latest/userguide/access-control-block-public-access.html#access-control-block-public-access-policy-status
 */
import { describeStatement } from '../policy/index.js';
import type { CompiledPolicy, CompiledStatement } from '../policy/types.js';

const FIXED_STRING_KEYS = new Set([
  'aws:principalorgid',
  'aws:principalaccount',
  'aws:sourcevpc',
  'aws:sourcevpce',
  'aws:sourceowner',
  'aws:sourceaccount',
  's3:x-amz-server-side-encryption-aws-kms-key-id',
  's3:dataaccesspointaccount',
  'aws:principalservicename',
  // KMS: the account of the caller (AWS managed keys admit only their own account's callers).
  'kms:calleraccount',
]);
const FIXED_ARN_KEYS = new Set(['aws:principalarn', 'aws:sourcearn', 's3:dataaccesspointarn']);

const hasWildcard = (v: string): boolean => v.includes('*') || v.includes('?');

/** Operator without `ForAnyValue:`; undefined when it cannot restrict (negated, IfExists, ForAllValues). */
function positiveBase(operator: string): string | undefined {
  let op = operator;
  const lower = op.toLowerCase();
  if (lower.startsWith('forallvalues:')) return undefined;
  if (lower.startsWith('foranyvalue:')) op = op.slice('ForAnyValue:'.length);
  const l = op.toLowerCase();
  if (l.endsWith('ifexists')) return undefined;
  if (l.includes('not')) return undefined;
  return l;
}

function isFixedArn(value: string, allowResourceWildcard: boolean): boolean {
  const parts = value.split(':');
  if (parts.length < 6 || parts[0] !== 'arn') return false;
  const account = parts[4] ?? '';
  if (account === '' && parts[2] !== 's3') return false;
  if ([parts[1], parts[2], parts[3], account].some((p) => p === undefined || hasWildcard(p)))
    return false;
  return allowResourceWildcard || !hasWildcard(parts.slice(5).join(':'));
}

function isNarrowCidr(value: string): boolean {
  const [address, prefix] = value.split('/');
  if (address === undefined || address === '') return false;
  const bits = prefix === undefined ? (address.includes(':') ? 128 : 32) : Number(prefix);
  if (!Number.isInteger(bits)) return false;
  return address.includes(':') ? bits >= 32 : bits >= 8;
}

function isFixedOrgPath(value: string, like: boolean): boolean {
  const body = like && value.endsWith('*') ? value.slice(0, -1) : value;
  return /^o-[a-z0-9]+\/r-[a-z0-9]+\//.test(body) && !hasWildcard(body);
}

/** Whether one condition (operator, key, values) restricts a statement to non-public callers. */
export function isRestrictingCondition(
  operator: string,
  key: string,
  values: readonly string[],
): boolean {
  const op = positiveBase(operator);
  if (op === undefined || values.length === 0) return false;
  const k = key.toLowerCase();
  const stringOp = op === 'stringequals' || op === 'stringequalsignorecase' || op === 'stringlike';
  const arnOp = op === 'arnequals' || op === 'arnlike';
  if (FIXED_STRING_KEYS.has(k)) return stringOp && values.every((v) => !hasWildcard(v));
  if (FIXED_ARN_KEYS.has(k)) {
    if (!(arnOp || stringOp)) return false;
    const like = op === 'arnlike' || op === 'stringlike';
    return values.every((v) => isFixedArn(v, like && k === 'aws:principalarn'));
  }
  if (k === 'aws:principalorgpaths')
    return stringOp && values.every((v) => isFixedOrgPath(v, op === 'stringlike'));
  if (k === 'aws:userid') {
    if (!stringOp) return false;
    return values.every(
      (v) => !hasWildcard(v) || (op === 'stringlike' && /^[A-Z0-9]+:\*$/.test(v)),
    );
  }
  if (k === 'aws:sourceip') return op === 'ipaddress' && values.every(isNarrowCidr);
  if (k === 'aws:principalisawsservice')
    return (
      (op === 'bool' || op === 'stringequals') && values.every((v) => v.toLowerCase() === 'true')
    );
  return false;
}

/** Whether one Allow statement makes the policy public. */
function isPublicStatement(stmt: CompiledStatement): boolean {
  const view = describeStatement(stmt);
  if (view.notPrincipals !== undefined) return !hasRestrictingCondition(view.conditions);
  const p = view.principals;
  const open =
    p === undefined ||
    p.wildcard ||
    (p.AWS ?? []).some(hasWildcard) ||
    (p.Federated ?? []).length > 0;
  if (!open) return false;
  return !hasRestrictingCondition(view.conditions);
}

function hasRestrictingCondition(
  conditions: Readonly<Record<string, Readonly<Record<string, readonly string[]>>>>,
): boolean {
  for (const [operator, block] of Object.entries(conditions))
    for (const [key, values] of Object.entries(block))
      if (isRestrictingCondition(operator, key, values)) return true;
  return false;
}

const cache = new WeakMap<CompiledPolicy, readonly number[]>();

/** Indexes of the Allow statements that make the bucket policy public (empty: not public). */
export function publicStatementIndexes(policy: CompiledPolicy): readonly number[] {
  const cached = cache.get(policy);
  if (cached) return cached;
  const out = policy.statements
    .filter((s) => s.effect === 'Allow' && isPublicStatement(s))
    .map((s) => s.index);
  cache.set(policy, out);
  return out;
}

/**
 * Whether S3 Block Public Access considers the bucket policy public (IAM-SEMANTICS.md §7.4).
 * Statements IAM rejected are not in `policy.statements` and count for nothing.
 */
export function isPublicBucketPolicy(policy: CompiledPolicy): boolean {
  return publicStatementIndexes(policy).length > 0;
}

/**
 * Request keys the caller sets freely (DESIGN.md "Condition keys: gates and the caller's own
 * choices"): the attacker picks their value, so a decision that is conditional only on such keys
 * is an `allow` (noted `caller-chosen-keys`). `aws:RequestedRegion` is one: a principal denied
 * outside two regions still acts freely in those two.
 */
import type { AuthorizationResult } from './types.js';

const CALLER_CHOSEN = new Set([
  'aws:requestedregion',
  'aws:securetransport',
  'aws:useragent',
  'aws:referer',
  'sts:rolesessionname',
  'sts:sourceidentity',
  's3:x-amz-acl',
]);

/** Whether the caller alone chooses the key's value. */
export function isCallerChosenKey(key: string): boolean {
  return CALLER_CHOSEN.has(key.toLowerCase());
}

/**
 * The result with a decision conditional only on caller-chosen keys turned into `allow`; any
 * other result unchanged.
 */
export function settleCallerChosenKeys(result: AuthorizationResult): AuthorizationResult {
  if (result.decision !== 'conditional' || result.conditionKeys.length === 0) return result;
  if (!result.conditionKeys.every(isCallerChosenKey)) return result;
  return {
    decision: 'allow',
    conditionKeys: [],
    evidence: result.evidence,
    notes: result.notes.includes('caller-chosen-keys')
      ? result.notes
      : [...result.notes, 'caller-chosen-keys'],
  };
}

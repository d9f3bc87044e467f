/**
 * Evidence: the policy statements and rules behind a decision, each with one readable sentence
 * (DESIGN.md "Every decision carries its evidence"). Text built here names policies and
 * statements as a reviewer reads them in the console: "statement 2 (Sid AllowCI) of the trust
 * policy of arn:…:role/deploy".
 */
import type { PolicyRef, StatementHit } from '../policy/types.js';
import { objectMemo } from '../policy/memo-on-object.js';
import type { Evidence } from './types.js';

/** How a policy is named in a sentence. */
export function describePolicy(ref: PolicyRef): string {
  switch (ref.kind) {
    case 'trust':
      return `the trust policy of ${ref.arn ?? ref.attachedTo ?? ref.name}`;
    case 'resource':
      return ref.name === 'bucket policy' || ref.name === 'bucket ACL'
        ? `the ${ref.name} of ${ref.arn ?? ref.attachedTo ?? 'the bucket'}`
        : `resource policy "${ref.name}"`;
    case 'identity':
      return ref.arn !== undefined
        ? `managed policy "${ref.name}" (${ref.arn})`
        : `inline policy "${ref.name}"${ref.attachedTo !== undefined ? ` of ${ref.attachedTo}` : ''}`;
    case 'boundary':
      return `permissions boundary "${ref.name}"${ref.arn !== undefined ? ` (${ref.arn})` : ''}`;
    case 'session':
      return `the session policy${ref.attachedTo !== undefined ? ` of ${ref.attachedTo}` : ''}`;
    case 'scp':
      return `SCP "${ref.name}"${ref.arn !== undefined ? ` (${ref.arn})` : ''}`;
    case 'rcp':
      return `RCP "${ref.name}"${ref.arn !== undefined ? ` (${ref.arn})` : ''}`;
  }
}

function keyList(keys: readonly string[]): string {
  return keys.join(', ');
}

/**
 * "Statement 2 (Sid AllowCI) of the trust policy of arn:…", built once per statement of a policy
 * (policy refs are shared by every decision that reads the policy) and flat, so that the many
 * evidence sentences that start with it share one string.
 */
const STATEMENT_NAMES = objectMemo<PolicyRef, string[]>('trustmap.authorize.statement-names');

function statementName(hit: StatementHit): string {
  const names = STATEMENT_NAMES.get(hit.policy) ?? STATEMENT_NAMES.set(hit.policy, []);
  let name = names[hit.statementIndex];
  if (name === undefined) {
    const statement =
      hit.sid !== undefined && hit.sid !== ''
        ? `Statement ${hit.statementIndex} (Sid ${hit.sid})`
        : `Statement ${hit.statementIndex}`;
    name = [statement, 'of', describePolicy(hit.policy)].join(' ');
    if (hit.policy.notRead !== undefined)
      name += ` (a stand-in: the policy was not read, ${hit.policy.notRead})`;
    names[hit.statementIndex] = name;
  }
  return name;
}

export type HitRole = 'grants' | 'denies' | 'may-deny' | 'requires';

/**
 * Evidence for one statement hit. `what` completes the sentence, e.g. "sts:AssumeRole on
 * arn:…:role/x"; `why` is an optional clause appended in parentheses.
 */
export function hitEvidence(
  hit: StatementHit,
  role: HitRole,
  what: string,
  why?: string,
): Evidence {
  if (!isSharedPolicy(hit.policy)) return buildHitEvidence(hit, role, what, why);
  const keys = role === 'grants' || role === 'denies' ? hit.conditionKeys : hit.unknownKeys;
  const id = [hit.statementIndex, role, keys.join(','), why ?? '', what].join('\u0000');
  const known = INTERNED.get(hit.policy) ?? INTERNED.set(hit.policy, new Map());
  let e = known.get(id);
  if (e === undefined) known.set(id, (e = Object.freeze(buildHitEvidence(hit, role, what, why))));
  return e;
}

/**
 * Evidence of policies that many principals share (SCPs, RCPs, managed policies) is built once
 * per statement, role, keys and call, and shared, frozen, by every decision that cites it: the
 * graph of a large organization holds hundreds of thousands of such citations.
 */
const INTERNED = objectMemo<PolicyRef, Map<string, Evidence>>('trustmap.authorize.evidence');

function isSharedPolicy(ref: PolicyRef): boolean {
  switch (ref.kind) {
    case 'scp':
    case 'rcp':
      return true;
    case 'identity':
    case 'boundary':
      return ref.arn !== undefined;
    case 'trust':
    case 'resource':
    case 'session':
      return false;
  }
}

function buildHitEvidence(
  hit: StatementHit,
  role: HitRole,
  what: string,
  why: string | undefined,
): Evidence {
  // Sentences are built without reading them back (no capitalising or trimming of template
  // results): this runs for every decision the graph builder makes.
  const where = statementName(hit);
  const tail = why !== undefined ? ` (${why}).` : '.';
  let reason: string;
  let keys: readonly string[];
  switch (role) {
    case 'grants':
      keys = hit.conditionKeys;
      reason = `${where} allows ${what}${tail}`;
      break;
    case 'denies':
      keys = hit.conditionKeys;
      reason = `${where} explicitly denies ${what}${tail}`;
      break;
    case 'may-deny':
      keys = hit.unknownKeys;
      reason = `${where} denies ${what} depending on ${keyList(hit.unknownKeys)}${tail}`;
      break;
    case 'requires':
      keys = hit.unknownKeys;
      reason = `${where} allows ${what} only depending on ${keyList(hit.unknownKeys)}${tail}`;
      break;
  }
  const e: Evidence = {
    policy: hit.policy,
    statementIndex: hit.statementIndex,
    effect: hit.effect,
    role,
    conditionKeys: keys,
    reason,
  };
  if (hit.sid !== undefined) e.sid = hit.sid;
  return e;
}

/** Evidence for a gate that needed an Allow and found none (an implicit deny). `reason` has no final stop. */
export function missingAllowEvidence(policy: PolicyRef, reason: string): Evidence {
  return { policy, role: 'requires', conditionKeys: [], reason: `${reason}.` };
}

/** Evidence for a rule of the specification that decided or qualified the result. `reason` has no final stop. */
export function noteEvidence(
  policy: PolicyRef,
  reason: string,
  conditionKeys: readonly string[] = [],
): Evidence {
  return { policy, role: 'note', conditionKeys, reason: `${reason}.` };
}

/**
 * Evaluating a set of policies of one kind (the identity policies of a caller, one level of an
 * SCP chain …) against one request, three-valued: whether some Allow certainly or possibly
 * applies, and which Deny statements certainly or possibly apply.
 */
import { evaluatePolicy } from '../policy/index.js';
import type {
  CaseMismatch,
  CompiledPolicy,
  PolicyRef,
  PolicyRequest,
  StatementHit,
} from '../policy/types.js';
import { describePolicy } from './evidence.js';
import { FALSE, TRUE, and, or, unknownOn, type TriKeys } from './tri.js';
import type { OrgPolicyChain } from './types.js';

export interface PolicySetResult {
  /** Some Allow applies (true), may apply (unknown, with the undecided keys), or none (false). */
  allow: TriKeys;
  allows: readonly StatementHit[];
  denies: readonly StatementHit[];
  /** Statements that would have matched an IAM resource ARN but for letter case (§1.1, §12.4). */
  caseMismatches?: readonly { policy: PolicyRef; mismatch: CaseMismatch }[];
}

const EMPTY: readonly StatementHit[] = [];

/** Whether some of `hits` allows: true if one certainly applies, else unknown on their keys. */
export function allowOf(hits: readonly StatementHit[]): TriKeys {
  if (hits.length === 0) return FALSE;
  let keys: string[] | undefined;
  for (const h of hits) {
    if (h.applies === true) return TRUE;
    keys ??= [];
    for (const k of h.unknownKeys) if (!keys.includes(k)) keys.push(k);
  }
  return unknownOn(keys ?? []);
}

/** The truth of one statement hit. */
export function hitTruth(hit: StatementHit): TriKeys {
  return hit.applies === true ? TRUE : unknownOn(hit.unknownKeys);
}

/** Evaluates one policy. */
export function evaluateOne(policy: CompiledPolicy, request: PolicyRequest): PolicySetResult {
  const r = evaluatePolicy(policy, request);
  const out: PolicySetResult = { allow: allowOf(r.allows), allows: r.allows, denies: r.denies };
  if (r.caseMismatches)
    out.caseMismatches = r.caseMismatches.map((mismatch) => ({ policy: policy.ref, mismatch }));
  return out;
}

/** Evaluates several policies whose Allows are OR-ed (the identity policies of a principal). */
export function evaluateSet(
  policies: readonly CompiledPolicy[],
  request: PolicyRequest,
): PolicySetResult {
  if (policies.length === 1 && policies[0] !== undefined) return evaluateOne(policies[0], request);
  let allows: StatementHit[] | undefined;
  let denies: StatementHit[] | undefined;
  let mismatches: { policy: PolicyRef; mismatch: CaseMismatch }[] | undefined;
  for (const p of policies) {
    const r = evaluatePolicy(p, request);
    if (r.allows.length > 0) (allows ??= []).push(...r.allows);
    if (r.denies.length > 0) (denies ??= []).push(...r.denies);
    if (r.caseMismatches)
      for (const mismatch of r.caseMismatches)
        (mismatches ??= []).push({ policy: p.ref, mismatch });
  }
  const out: PolicySetResult = {
    allow: allows ? allowOf(allows) : FALSE,
    allows: allows ?? EMPTY,
    denies: denies ?? EMPTY,
  };
  if (mismatches) out.caseMismatches = mismatches;
  return out;
}

export interface ChainLevelResult {
  targetId: string;
  policies: readonly CompiledPolicy[];
  allow: TriKeys;
  allows: readonly StatementHit[];
}

export interface ChainResult {
  /** Every level allows (Kleene AND over levels). */
  gate: TriKeys;
  /** The levels that do not certainly allow (for evidence), root first. */
  weakLevels: ChainLevelResult[];
  denies: StatementHit[];
}

/**
 * Evaluates an SCP or RCP chain: at every level root → OUs → account some attached policy must
 * allow; a Deny at any level applies (IAM-SEMANTICS.md §4.2 steps 2–3, §8). A policy attached at
 * several levels (FullAWSAccess usually is) is evaluated once, and its Denies counted once.
 */
export function evaluateChain(chain: OrgPolicyChain, request: PolicyRequest): ChainResult {
  let gate = TRUE;
  const weakLevels: ChainLevelResult[] = [];
  const denies: StatementHit[] = [];
  const seen: CompiledPolicy[] = [];
  const seenResults: PolicySetResult[] = [];
  for (const level of chain.levels) {
    let allow = FALSE;
    let allows: StatementHit[] | undefined;
    for (const p of level.policies) {
      const i = seen.indexOf(p);
      let r = i >= 0 ? seenResults[i] : undefined;
      if (!r) {
        r = evaluateOne(p, request);
        seen.push(p);
        seenResults.push(r);
        if (r.denies.length > 0) denies.push(...r.denies);
      }
      if (r.allows.length > 0) {
        allow = or(allow, r.allow);
        (allows ??= []).push(...r.allows);
      }
    }
    gate = and(gate, allow);
    if (allow.value !== true)
      weakLevels.push({
        targetId: level.targetId,
        policies: level.policies,
        allow,
        allows: allows ?? EMPTY,
      });
  }
  return { gate, weakLevels, denies };
}

/** A reference naming the policies attached at one level of a chain, for evidence. */
export function levelRef(kind: 'scp' | 'rcp', level: ChainLevelResult): PolicyRef {
  const only = level.policies.length === 1 ? level.policies[0] : undefined;
  if (only) return { ...only.ref, attachedTo: level.targetId };
  const name =
    level.policies.length === 0
      ? `(no ${kind.toUpperCase()} attached)`
      : level.policies.map((p) => p.ref.name).join(', ');
  return { kind, name, attachedTo: level.targetId };
}

/** "SCP "FullAWSAccess" (p-…)" or "the SCPs attached to ou-…", for sentences. */
export function describeLevel(kind: 'scp' | 'rcp', level: ChainLevelResult): string {
  const only = level.policies.length === 1 ? level.policies[0] : undefined;
  if (only) return `${describePolicy(only.ref)} attached to ${level.targetId}`;
  if (level.policies.length === 0) return `no ${kind.toUpperCase()} attached to ${level.targetId}`;
  return `the ${kind.toUpperCase()}s attached to ${level.targetId}`;
}

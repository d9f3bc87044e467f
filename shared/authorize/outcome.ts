/**
 * Turning gates into a decision (IAM-SEMANTICS.md §5.2): `deny` if a Deny certainly applies or no
 * Allow path is possible; `allow` if an Allow path certainly holds and no Deny certainly or
 * possibly applies; otherwise `conditional` on the keys that decide.
 */
import type { StatementHit } from '../policy/types.js';
import { hitEvidence } from './evidence.js';
import { sortedKeys, type TriKeys } from './tri.js';
import type { AuthorizationResult, Decision, Evidence } from './types.js';

/** The decision of one action, before several actions of one request are combined. */
export interface Outcome {
  decision: Decision;
  keys: readonly string[];
  evidence: Evidence[];
  notes: string[];
}

/** Splits Deny hits into those that certainly apply and those that may apply. */
export function splitDenies(denies: readonly StatementHit[]): {
  certain: StatementHit[];
  possible: StatementHit[];
} {
  const certain: StatementHit[] = [];
  const possible: StatementHit[] = [];
  for (const d of denies) (d.applies === true ? certain : possible).push(d);
  return { certain, possible };
}

/**
 * The decision from the Allow path and the Deny hits. `evidence` holds the Allow-side evidence
 * (grants, requires, notes); Deny evidence is put first. For an `allow`, evidence of Allows that
 * only may apply is dropped: it did not decide anything.
 */
export function decide(
  allowPath: TriKeys,
  certainDenies: readonly StatementHit[],
  possibleDenies: readonly StatementHit[],
  what: string,
  evidence: Evidence[],
  notes: string[],
): Outcome {
  let decision: Decision;
  let keys: readonly string[] = NO_KEYS;
  if (certainDenies.length > 0 || allowPath.value === false) decision = 'deny';
  else if (allowPath.value === true && possibleDenies.length === 0) decision = 'allow';
  else {
    decision = 'conditional';
    const all: string[] = allowPath.value === 'unknown' ? [...allowPath.keys] : [];
    for (const d of possibleDenies) all.push(...d.unknownKeys);
    keys = sortedKeys(all);
  }
  const rest = decision === 'allow' ? evidence.filter((e) => e.role !== 'requires') : evidence;
  if (certainDenies.length === 0 && possibleDenies.length === 0)
    return { decision, keys, evidence: rest, notes };
  const out: Evidence[] = [];
  for (const d of certainDenies) out.push(hitEvidence(d, 'denies', what));
  for (const d of possibleDenies) out.push(hitEvidence(d, 'may-deny', what));
  for (const e of rest) out.push(e);
  return { decision, keys, evidence: out, notes };
}

const NO_KEYS: readonly string[] = Object.freeze([]);

/** Combines the outcomes of the actions one request needs (all must be allowed). */
export function combineOutcomes(outcomes: readonly Outcome[]): AuthorizationResult {
  const only = outcomes.length === 1 ? outcomes[0] : undefined;
  if (only)
    return {
      decision: only.decision,
      conditionKeys: only.keys,
      evidence: only.evidence,
      notes: only.notes,
    };
  let decision: Decision = 'allow';
  const keys: string[] = [];
  const evidence: Evidence[] = [];
  const notes: string[] = [];
  for (const o of outcomes) {
    if (o.decision === 'deny') decision = 'deny';
    else if (o.decision === 'conditional' && decision === 'allow') decision = 'conditional';
    if (o.decision === 'conditional') keys.push(...o.keys);
    evidence.push(...o.evidence);
    for (const n of o.notes) if (!notes.includes(n)) notes.push(n);
  }
  return {
    decision,
    conditionKeys: decision === 'conditional' ? sortedKeys(keys) : [],
    evidence,
    notes,
  };
}

/** A result decided by a rule before any policy is read (step 0 of §4.2 and the like). */
export function ruleResult(
  decision: Decision,
  evidence: Evidence[],
  notes: string[],
): AuthorizationResult {
  return { decision, conditionKeys: [], evidence, notes };
}

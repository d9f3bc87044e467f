/**
 * `evaluatePolicy`: which statements of one compiled policy certainly or possibly apply to one
 * request (IAM-SEMANTICS.md §1, §5.2). A statement applies when its Action/NotAction,
 * Resource/NotResource, Principal/NotPrincipal (for kinds that have one, against
 * `request.caller`) and every condition hold; each part is three-valued and they combine with
 * Kleene AND.
 *
 * Hot path: no JSON, no regex, no pattern compilation (variables aside, cached); a request
 * that no statement matches allocates nothing.
 */
import { evaluateClauses } from './conditions/evaluate-condition.js';
import {
  levelsOf,
  matchNotPrincipal,
  matchPrincipal,
  WILDCARD_LEVEL,
} from './principal-pattern.js';
import type { StatementInternal } from './statement-internal.js';
import { FALSE, TRUE, UNKNOWN, uniqueKeys, type Truth } from './three-valued.js';
import type {
  CaseMismatch,
  CompiledPolicy,
  CompiledStatement,
  PolicyRequest,
  PolicyResult,
  StatementHit,
} from './types.js';

const NO_HITS: readonly StatementHit[] = Object.freeze([]);
const NO_KEYS: readonly string[] = Object.freeze([]);
const NOTHING: PolicyResult = Object.freeze({ allows: NO_HITS, denies: NO_HITS });

// One-entry memo: the decision layer evaluates many policies for the same action in a row.
let lastAction = '';
let lastActionLower = '';

function lowerAction(action: string): string {
  if (action !== lastAction) {
    lastAction = action;
    lastActionLower = action.toLowerCase();
  }
  return lastActionLower;
}

// Scratch list of the keys that leave the current statement undecided (reset per statement).
const SCRATCH: string[] = [];
let busy = false;

function makeHit(
  policy: CompiledPolicy,
  stmt: CompiledStatement,
  s: StatementInternal,
  truth: Truth,
  levels: number,
  scratch: readonly string[],
): StatementHit {
  const hit: StatementHit = {
    policy: policy.ref,
    statementIndex: stmt.index,
    effect: stmt.effect,
    applies: truth === TRUE ? true : 'unknown',
    conditionKeys: s.conditionKeys,
    unknownKeys: truth === TRUE ? NO_KEYS : uniqueKeys(scratch),
  };
  if (stmt.sid !== undefined) hit.sid = stmt.sid;
  if (levels !== 0) {
    const all = levelsOf(levels);
    hit.principalMatch = all[0];
    hit.principalMatches = all;
  }
  return hit;
}

function evaluateWith(
  policy: CompiledPolicy,
  request: PolicyRequest,
  scratch: string[],
): PolicyResult {
  const action = lowerAction(request.action);
  let allows: StatementHit[] | undefined;
  let denies: StatementHit[] | undefined;
  let mismatches: CaseMismatch[] | undefined;

  for (const stmt of policy.statements) {
    const s = stmt.internal as StatementInternal;
    if (s.actions.test(action) === s.notAction) continue;
    if (scratch.length !== 0) scratch.length = 0;
    let truth: Truth = TRUE;
    let levels = 0;

    if (s.principalMode !== 'none' && s.principals !== undefined) {
      if (s.principalMode === 'principal') {
        const r = matchPrincipal(s.principals, request.caller, request.canonicalIds, scratch);
        truth = (r & 3) as Truth;
        levels = r >> 2;
      } else {
        truth = matchNotPrincipal(s.principals, request.caller, request.canonicalIds, scratch);
        if (stmt.effect === 'Allow') levels = WILDCARD_LEVEL;
      }
      if (truth === FALSE) continue;
    }

    if (s.resourceMode !== 'all' && s.resources !== undefined) {
      const m = s.resources.match(request.resource, request.context, scratch);
      const r: Truth =
        s.resourceMode === 'resource' ? m : m === TRUE ? FALSE : m === FALSE ? TRUE : UNKNOWN;
      if (s.resources.hasIamPatterns) {
        const pattern =
          (s.resourceMode === 'resource' && r === FALSE) ||
          (s.resourceMode === 'notResource' && r === TRUE)
            ? s.resources.caseMismatch(request.resource)
            : undefined;
        if (pattern !== undefined) {
          const note: CaseMismatch = {
            statementIndex: stmt.index,
            effect: stmt.effect,
            pattern,
            resource: request.resource,
          };
          if (stmt.sid !== undefined) note.sid = stmt.sid;
          (mismatches ??= []).push(note);
        }
      }
      if (r === FALSE) continue;
      if (r === UNKNOWN) truth = UNKNOWN;
    }

    if (s.clauses.length > 0) {
      const c = evaluateClauses(s.clauses, request.context, scratch);
      if (c === FALSE) continue;
      if (c === UNKNOWN) truth = UNKNOWN;
    }

    const hit = makeHit(policy, stmt, s, truth, levels, scratch);
    if (stmt.effect === 'Allow') (allows ??= []).push(hit);
    else (denies ??= []).push(hit);
  }

  if (allows === undefined && denies === undefined && mismatches === undefined) return NOTHING;
  const result: PolicyResult = { allows: allows ?? NO_HITS, denies: denies ?? NO_HITS };
  if (mismatches !== undefined) result.caseMismatches = mismatches;
  return result;
}

/**
 * Evaluates one compiled policy against one request. Returns the Allow and Deny statements that
 * certainly (`applies: true`) or possibly (`'unknown'`, with the undecided `unknownKeys`)
 * apply, in document order. Combining policies into a decision is shared/authorize.
 */
export function evaluatePolicy(policy: CompiledPolicy, request: PolicyRequest): PolicyResult {
  // A context lookup (e.g. an `otherKeys` predicate) that evaluates another policy gets its own list.
  if (busy) return evaluateWith(policy, request, []);
  busy = true;
  try {
    return evaluateWith(policy, request, SCRATCH);
  } finally {
    busy = false;
  }
}

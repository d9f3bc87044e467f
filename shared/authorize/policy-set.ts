/**
 * Evaluating a set of policies of one kind (the identity policies of a caller, one level of an
 * SCP chain …) against one request, three-valued: whether some Allow certainly or possibly
 * applies, and which Deny statements certainly or possibly apply.
 */
import { evaluatePolicy, policyReadsCaller, policyReadsResource } from '../policy/index.js';
import type {
  CaseMismatch,
  CompiledPolicy,
  ContextLookup,
  DateBound,
  PolicyRef,
  PolicyRequest,
  RequestContextLike,
  StatementHit,
} from '../policy/types.js';
import { describePolicy } from './evidence.js';
import { objectMemo } from '../policy/memo-on-object.js';
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
  readonly weakLevels: readonly ChainLevelResult[];
  readonly denies: readonly StatementHit[];
}

/**
 * Evaluates an SCP or RCP chain: at every level root → OUs → account some attached policy must
 * allow; a Deny at any level applies (IAM-SEMANTICS.md §4.2 steps 2–3, §8). A policy attached at
 * several levels (FullAWSAccess usually is) is evaluated once, and its Denies counted once.
 *
 * The result is shared, frozen, between requests that the chain cannot tell apart: the same
 * action and resource, and the same answers from the context for every key the first evaluation
 * read. A chain with a Principal other than `*` reads the caller too; its results are never
 * shared. A chain whose statements all name `Resource: "*"` does not read the resource. Every
 * principal of an account meets the same SCPs, so most requests repeat one.
 */
export function evaluateChain(chain: OrgPolicyChain, request: PolicyRequest): ChainResult {
  const memo = CHAIN_MEMOS.get(chain) ?? CHAIN_MEMOS.set(chain, newChainMemo(chain));
  if (memo.readsCaller) return evaluateChainNow(chain, request);
  let byResource = memo.byAction.get(request.action);
  if (byResource === undefined)
    memo.byAction.set(request.action, (byResource = new Map<string, MemoEntry[]>()));
  const resource = memo.readsResource ? request.resource : '';
  let seen = byResource.get(resource);
  if (seen !== undefined) {
    for (const entry of seen) if (sameAnswers(entry, request.context)) return entry.result;
    if (seen.length >= MAX_VARIANTS) return evaluateChainNow(chain, request);
  } else if (memo.size >= MAX_REQUESTS) {
    return evaluateChainNow(chain, request);
  } else {
    byResource.set(resource, (seen = []));
    memo.size++;
  }
  const recorder = new RecordingContext(request.context);
  const result = evaluateChainNow(chain, { ...request, context: recorder });
  Object.freeze(result.weakLevels);
  Object.freeze(result.denies);
  // Presence and date bounds are rarely asked: most entries share the empty lists.
  const asked = recorder.presenceKeys.length > 0;
  const bounded = recorder.boundKeys.length > 0;
  seen.push({
    keys: recorder.keys,
    answers: recorder.answers,
    presenceKeys: asked ? recorder.presenceKeys : NONE,
    presence: asked ? recorder.presence : NONE,
    boundKeys: bounded ? recorder.boundKeys : NONE,
    bounds: bounded ? recorder.bounds : NONE,
    result: Object.freeze(result),
  });
  return result;
}

interface ChainMemo {
  readonly readsCaller: boolean;
  readonly readsResource: boolean;
  /** Action → resource (`''` when the chain does not read it) → the results seen, with the context answers each one read. */
  readonly byAction: Map<string, Map<string, MemoEntry[]>>;
  /** Number of (action, resource) slots. */
  size: number;
}

const NONE: readonly never[] = Object.freeze([]);

interface MemoEntry {
  readonly keys: readonly string[];
  readonly answers: readonly ContextLookup[];
  /** Keys whose presence (`presentLowerCase`) the evaluation asked, and the answers. */
  readonly presenceKeys: readonly string[];
  readonly presence: readonly boolean[];
  /** Keys whose date bound (`dateBoundLowerCase`) the evaluation asked, and the answers. */
  readonly boundKeys: readonly string[];
  readonly bounds: readonly (DateBound | undefined)[];
  readonly result: ChainResult;
}

/** Bounds: a slot keeps this many context variants; a chain this many (action, resource) slots. */
const MAX_VARIANTS = 8;
const MAX_REQUESTS = 250_000;

const CHAIN_MEMOS = objectMemo<OrgPolicyChain, ChainMemo>('trustmap.authorize.chain-results');

function newChainMemo(chain: OrgPolicyChain): ChainMemo {
  const reads = (test: (p: CompiledPolicy) => boolean): boolean =>
    chain.levels.some((level) => level.policies.some(test));
  return {
    readsCaller: reads(policyReadsCaller),
    readsResource: reads(policyReadsResource),
    byAction: new Map(),
    size: 0,
  };
}

function ask(context: RequestContextLike, lowerCaseKey: string): ContextLookup {
  return context.lookupLowerCase !== undefined
    ? context.lookupLowerCase(lowerCaseKey)
    : context.lookup(lowerCaseKey);
}

function sameLookup(a: ContextLookup, b: ContextLookup): boolean {
  if (a === b) return true;
  if (a.kind !== b.kind) return false;
  if (a.kind !== 'known' || b.kind !== 'known') return true;
  if (a.values.length !== b.values.length) return false;
  for (let i = 0; i < a.values.length; i++) if (a.values[i] !== b.values[i]) return false;
  return true;
}

function samePresence(context: RequestContextLike, key: string, was: boolean): boolean {
  return (context.presentLowerCase?.(key) ?? false) === was;
}

function sameBound(context: RequestContextLike, key: string, was: DateBound | undefined): boolean {
  const now = context.dateBoundLowerCase?.(key);
  if (now === undefined || was === undefined) return now === was;
  return now.after === was.after && now.mayBeAbsent === was.mayBeAbsent;
}

/** Whether `context` answers every key `entry` read as it was answered then. */
function sameAnswers(entry: MemoEntry, context: RequestContextLike): boolean {
  for (let i = 0; i < entry.keys.length; i++) {
    const key = entry.keys[i];
    const answer = entry.answers[i];
    if (key === undefined || answer === undefined) return false;
    if (!sameLookup(ask(context, key), answer)) return false;
  }
  for (let i = 0; i < entry.presenceKeys.length; i++) {
    const key = entry.presenceKeys[i];
    const was = entry.presence[i];
    if (key === undefined || was === undefined || !samePresence(context, key, was)) return false;
  }
  for (let i = 0; i < entry.boundKeys.length; i++) {
    const key = entry.boundKeys[i];
    if (key === undefined || !sameBound(context, key, entry.bounds[i])) return false;
  }
  return true;
}

/**
 * A context that passes lookups through and records each key read and its answer — values, and
 * the presence and date-bound facts the condition evaluator may also ask for.
 */
class RecordingContext implements RequestContextLike {
  readonly keys: string[] = [];
  readonly answers: ContextLookup[] = [];
  readonly presenceKeys: string[] = [];
  readonly presence: boolean[] = [];
  readonly boundKeys: string[] = [];
  readonly bounds: (DateBound | undefined)[] = [];

  constructor(private readonly inner: RequestContextLike) {}

  presentLowerCase(lowerCaseKey: string): boolean {
    const answer = this.inner.presentLowerCase?.(lowerCaseKey) ?? false;
    if (!this.presenceKeys.includes(lowerCaseKey)) {
      this.presenceKeys.push(lowerCaseKey);
      this.presence.push(answer);
    }
    return answer;
  }

  dateBoundLowerCase(lowerCaseKey: string): DateBound | undefined {
    const answer = this.inner.dateBoundLowerCase?.(lowerCaseKey);
    if (!this.boundKeys.includes(lowerCaseKey)) {
      this.boundKeys.push(lowerCaseKey);
      this.bounds.push(answer);
    }
    return answer;
  }

  lookup(key: string): ContextLookup {
    return this.lookupLowerCase(key.toLowerCase());
  }

  lookupLowerCase(lowerCaseKey: string): ContextLookup {
    const answer = ask(this.inner, lowerCaseKey);
    if (!this.keys.includes(lowerCaseKey)) {
      this.keys.push(lowerCaseKey);
      this.answers.push(answer);
    }
    return answer;
  }
}

function evaluateChainNow(chain: OrgPolicyChain, request: PolicyRequest): ChainResult {
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

/**
 * The caller's side of a decision (IAM-SEMANTICS.md §4.2 steps 1–2 and 5–6, §6, §7.1 "user
 * context"): identity policies, permissions boundary, session policy and the SCP chain of the
 * caller's account, evaluated once per action and shared by the STS and S3 authorizers.
 *
 * - Known IAM principals: their policies from the snapshot.
 * - The root user: all the permissions of its account (no identity policy needed), SCPs apply.
 * - Opaque IAM callers (an account, user or role whose policies the snapshot does not hold):
 *   the identity side is "whatever that account's administrators allow" — treated as allowed,
 *   with a note; SCPs are applied when the account is in the organization, else unknown (note).
 * - Services, identity providers and anonymous callers have no identity side.
 */
import type { PolicyRequest, StatementHit } from '../policy/types.js';
import { objectMemo } from '../policy/memo-on-object.js';
import { describePolicy, hitEvidence, missingAllowEvidence, noteEvidence } from './evidence.js';
import { isMissingPolicy } from './missing-policy.js';
import {
  describeLevel,
  evaluateChain,
  evaluateOne,
  evaluateSet,
  levelRef,
  type ChainResult,
  type PolicySetResult,
} from './policy-set.js';
import { FALSE, TRUE, unknownOn, type TriKeys } from './tri.js';
import type { AuthzModel, CallerProfile, Evidence, OrgPolicyChain } from './types.js';

export type CallerKind = 'iam' | 'root' | 'service' | 'federation' | 'anonymous';

export function callerKind(caller: CallerProfile): CallerKind {
  switch (caller.caller.type) {
    case 'user':
    case 'role-session':
    case 'federated-user':
    case 'account':
      return 'iam';
    case 'root':
      return 'root';
    case 'service':
      return 'service';
    case 'oidc':
    case 'saml':
      return 'federation';
    case 'anonymous':
      return 'anonymous';
  }
}

/** The partition of an AWS caller (undefined for services, identity providers, anonymous). */
export function callerPartition(c: CallerProfile['caller']): string | undefined {
  switch (c.type) {
    case 'user':
    case 'role-session':
    case 'root':
    case 'federated-user':
    case 'account':
      return c.partition;
    case 'service':
    case 'oidc':
    case 'saml':
    case 'anonymous':
      return undefined;
  }
}

/** How the caller is named in sentences. */
export function describeCaller(caller: CallerProfile): string {
  return CALLER_NAMES.get(caller) ?? CALLER_NAMES.set(caller, callerName(caller));
}

/** One name per profile: every evidence sentence about the caller shares it. */
const CALLER_NAMES = objectMemo<CallerProfile, string>('trustmap.authorize.caller-name');

function callerName(caller: CallerProfile): string {
  const c = caller.caller;
  switch (c.type) {
    case 'user':
      return `user ${c.arn}`;
    case 'role-session':
      return c.sessionName !== undefined
        ? `session "${c.sessionName}" of role ${c.roleArn}`
        : `a session of role ${c.roleArn}`;
    case 'root':
      return `the root user of account ${c.accountId}`;
    case 'federated-user':
      return `federated user ${c.arn}`;
    case 'service':
      return `service ${c.service}`;
    case 'oidc':
      return `a web identity from ${c.provider}`;
    case 'saml':
      return `a SAML assertion from ${c.provider}`;
    case 'anonymous':
      return 'an anonymous caller';
    case 'account':
      return c.accountId === '*' ? 'any AWS principal' : `a principal of account ${c.accountId}`;
  }
}

/** The SCP chain that restricts the caller, if any. */
export function scpChainFor(caller: CallerProfile, model: AuthzModel): OrgPolicyChain | undefined {
  if (caller.scps) return caller.scps;
  if (caller.policiesKnown || caller.serviceLinked || caller.accountId === undefined)
    return undefined;
  const kind = callerKind(caller);
  if (kind !== 'iam' && kind !== 'root') return undefined;
  return model.scpsByAccount?.get(caller.accountId);
}

export interface CallerSide {
  kind: CallerKind;
  /** Identity policies are known (false for opaque callers; true for root, whose grant is implicit). */
  known: boolean;
  identity?: PolicySetResult;
  boundary?: PolicySetResult;
  session?: PolicySetResult;
  scps?: ChainResult;
  /** SCPs may restrict the caller but are not in the snapshot (an account outside the organization). */
  scpsUnknown: boolean;
  /** Identity policies allow (true for root and for opaque callers). */
  identityAllow: TriKeys;
  boundaryAllow: TriKeys;
  sessionAllow: TriKeys;
}

/**
 * Evaluates the caller's identity policies, boundary and session policy for one request
 * (`request.caller` is the caller). SCPs are evaluated separately by `evaluateCallerScps`, so that
 * a decision already lost does not read them.
 */
export function evaluateCallerSide(caller: CallerProfile, request: PolicyRequest): CallerSide {
  const kind = callerKind(caller);
  const side: CallerSide = {
    kind,
    known: caller.policiesKnown || kind === 'root',
    scpsUnknown: false,
    identityAllow: TRUE,
    boundaryAllow: TRUE,
    sessionAllow: TRUE,
  };
  if (kind !== 'iam') return side;
  if (caller.policiesKnown) {
    side.identity = evaluateSet(caller.identityPolicies, request);
    side.identityAllow = side.identity.allow;
    if (caller.permissionsBoundary) {
      side.boundary = evaluateOne(caller.permissionsBoundary, request);
      side.boundaryAllow = side.boundary.allow;
    }
  }
  if (caller.sessionPolicy) {
    side.session = evaluateOne(caller.sessionPolicy, request);
    side.sessionAllow = side.session.allow;
  } else if (caller.caller.type === 'federated-user') {
    // "If you do not pass a policy with the GetFederationToken API call, the resulting temporary
    // security credentials have no permissions" (only a resource policy naming the session can).
    side.identityAllow = FALSE;
  }
  return side;
}

/** Evaluates the SCP chain that restricts the caller into `side` (or notes that it is unknown). */
export function evaluateCallerScps(
  caller: CallerProfile,
  model: AuthzModel,
  request: PolicyRequest,
  side: CallerSide,
): void {
  if (side.kind !== 'iam' && side.kind !== 'root') return;
  const chain = scpChainFor(caller, model);
  if (chain) side.scps = evaluateChain(chain, request);
  else if (!caller.serviceLinked) {
    // Outside the organization: that account's own organization (if any) is not in the snapshot.
    const acct = caller.accountId;
    side.scpsUnknown = acct === undefined || acct === '*' || !model.orgAccountIds.has(acct);
  }
}

/** Every Deny hit of the caller's side (identity, boundary, session; SCPs once evaluated). */
export function callerDenies(side: CallerSide): StatementHit[] {
  const out: StatementHit[] = [];
  if (side.identity) out.push(...side.identity.denies);
  if (side.boundary) out.push(...side.boundary.denies);
  if (side.session) out.push(...side.session.denies);
  if (side.scps) out.push(...side.scps.denies);
  return out;
}

export interface SideNeeds {
  identity: boolean;
  boundary: boolean;
  session: boolean;
}

/**
 * Evidence for the parts of the caller's side the decision needed: grants that applied,
 * Allows that may apply (`requires` with keys), and Allows that were needed and missing.
 * `what` names the call ("sts:AssumeRole on arn:…").
 */
export function callerSideEvidence(
  caller: CallerProfile,
  side: CallerSide,
  needs: SideNeeds,
  what: string,
  out: Evidence[],
): void {
  const who = describeCaller(caller);
  if (needs.identity) {
    for (const m of side.identity?.caseMismatches ?? []) {
      const e = noteEvidence(
        m.policy,
        `Statement ${m.mismatch.statementIndex}${m.mismatch.sid !== undefined ? ` (Sid ${m.mismatch.sid})` : ''} of ${describePolicy(m.policy)} names ${m.mismatch.pattern}, which differs from ${m.mismatch.resource} only by letter case; resource ARNs are compared case-sensitively here, so it does not count (IAM-SEMANTICS.md §1.1, §12.4)`,
      );
      e.statementIndex = m.mismatch.statementIndex;
      if (m.mismatch.sid !== undefined) e.sid = m.mismatch.sid;
      e.effect = m.mismatch.effect;
      out.push(e);
    }
    if (caller.caller.type === 'federated-user' && !caller.sessionPolicy) {
      out.push(
        missingAllowEvidence(
          { kind: 'session', name: 'session policy', attachedTo: caller.key },
          `${capitalize(who)} was created without a session policy, so it has no permissions of its own (only a resource policy that names the session can grant it ${what})`,
        ),
      );
    } else if (side.kind === 'iam' && !caller.policiesKnown) {
      out.push(
        noteEvidence(
          { kind: 'identity', name: 'identity policies', attachedTo: caller.key },
          caller.caller.type === 'federated-user'
            ? `${capitalize(who)} has the permissions of the IAM user that called GetFederationToken, which the snapshot cannot tell; the identity side is taken as allowed (its session policy still applies)`
            : `The identity policies of ${who} are not in the snapshot: that account's administrators decide, so the identity side is taken as allowed`,
        ),
      );
    } else if (side.identity) {
      pushAllowEvidence(side.identity, what, out);
      if (side.identity.allows.length === 0) {
        const missing = caller.identityPolicies
          .filter(isMissingPolicy)
          .map((p) => p.ref.arn ?? p.ref.name);
        out.push(
          missingAllowEvidence(
            { kind: 'identity', name: 'identity policies', attachedTo: caller.key },
            `No identity policy of ${who} allows ${what}` +
              (missing.length > 0
                ? ` (attached but not in the snapshot: ${missing.join(', ')})`
                : ''),
          ),
        );
      }
    }
  }
  if (needs.boundary && side.boundary && caller.permissionsBoundary) {
    pushAllowEvidence(side.boundary, what, out);
    if (side.boundary.allows.length === 0) {
      const pb = caller.permissionsBoundary;
      out.push(
        missingAllowEvidence(
          pb.ref,
          isMissingPolicy(pb)
            ? `The permissions boundary ${pb.ref.arn ?? pb.ref.name} of ${who} is not in the snapshot, so nothing passes it, including ${what}`
            : `${capitalize(describePolicy(pb.ref))} of ${who} does not allow ${what}; a boundary must allow it`,
        ),
      );
    }
  }
  if (needs.session && side.session && caller.sessionPolicy) {
    pushAllowEvidence(side.session, what, out);
    if (side.session.allows.length === 0)
      out.push(
        missingAllowEvidence(
          caller.sessionPolicy.ref,
          `The session policy of ${who} does not allow ${what}; a session policy must allow it`,
        ),
      );
  }
}

function pushAllowEvidence(r: PolicySetResult, what: string, out: Evidence[]): void {
  for (const h of r.allows)
    out.push(hitEvidence(h, h.applies === true ? 'grants' : 'requires', what));
}

/** Evidence for SCP or RCP levels that do not certainly allow, and a note when SCPs are unknown. */
export function chainEvidence(
  kind: 'scp' | 'rcp',
  chain: ChainResult | undefined,
  what: string,
  out: Evidence[],
): void {
  if (!chain) return;
  for (const level of chain.weakLevels) {
    if (level.allow.value === false) {
      out.push(
        missingAllowEvidence(
          levelRef(kind, level),
          `${capitalize(describeLevel(kind, level))}: nothing there allows ${what}, and every level from the root to the account must allow it`,
        ),
      );
    } else {
      for (const h of level.allows)
        out.push(hitEvidence(h, 'requires', what, `${kind.toUpperCase()} level ${level.targetId}`));
    }
  }
}

/** The note for a caller whose SCPs are unknown. */
export function scpsUnknownEvidence(caller: CallerProfile, out: Evidence[]): void {
  out.push(
    noteEvidence(
      {
        kind: 'scp',
        name: 'SCPs of the caller account',
        attachedTo: caller.accountId ?? caller.key,
      },
      `The SCPs that may restrict ${describeCaller(caller)} are not in the snapshot (its account is outside the organization); they are taken as allowing`,
    ),
  );
}

function capitalize(s: string): string {
  return s.length > 0 ? s.charAt(0).toUpperCase() + s.slice(1) : s;
}

/**
 * IAM-SEMANTICS.md §12.2: whether RCPs restrict AWS service principals is not settled by AWS's
 * documentation, so for a service caller what the RCPs would deny is only possible: certain RCP
 * denies become possible ones and a missing RCP Allow becomes an undecided gate.
 */
export function softenRcpsForService(
  certain: StatementHit[],
  possible: StatementHit[],
  rcpGate: TriKeys,
  accountId: string,
  evidence: Evidence[],
  notes: string[],
): { certain: StatementHit[]; possible: StatementHit[]; rcpGate: TriKeys } {
  const rcpCertain = certain.filter((d) => d.policy.kind === 'rcp');
  if (rcpCertain.length === 0 && rcpGate.value !== false) return { certain, possible, rcpGate };
  notes.push('rcp-service-principal-unverified');
  evidence.push(
    noteEvidence(
      { kind: 'rcp', name: 'RCPs of the resource account', attachedTo: accountId },
      'Whether RCPs restrict AWS service principals is not settled by AWS documentation (IAM-SEMANTICS.md §12.2); what they would deny is reported as possible',
    ),
  );
  return {
    certain: certain.filter((d) => d.policy.kind !== 'rcp'),
    possible: [...possible, ...rcpCertain],
    rcpGate: rcpGate.value === false ? unknownOn([]) : rcpGate,
  };
}

/**
 * The SCP and RCP gates of a resource request, with their evidence and notes in the order every
 * resource authorizer reports them: the caller's SCP levels, a note when its SCPs are unknown,
 * then (for a service caller) the softened RCPs and the RCP levels.
 */
export function guardrailGates(
  caller: CallerProfile,
  kind: CallerKind,
  side: CallerSide,
  rcps: ChainResult | undefined,
  denies: { certain: StatementHit[]; possible: StatementHit[] },
  resourceAccountId: string,
  what: string,
  evidence: Evidence[],
  notes: string[],
): { scpGate: TriKeys; rcpGate: TriKeys; certain: StatementHit[]; possible: StatementHit[] } {
  const scpGate = side.scps?.gate ?? TRUE;
  chainEvidence('scp', side.scps, what, evidence);
  if (side.scpsUnknown) {
    notes.push('caller-scps-unknown');
    scpsUnknownEvidence(caller, evidence);
  }
  let rcpGate = rcps?.gate ?? TRUE;
  let { certain, possible } = denies;
  if (rcps && kind === 'service')
    ({ certain, possible, rcpGate } = softenRcpsForService(
      certain,
      possible,
      rcpGate,
      resourceAccountId,
      evidence,
      notes,
    ));
  chainEvidence('rcp', rcps, what, evidence);
  return { scpGate, rcpGate, certain, possible };
}

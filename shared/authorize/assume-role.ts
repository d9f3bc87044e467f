/**
 * May this caller assume this role? IAM-SEMANTICS.md §4.2 (IAM users and role sessions, step by
 * step), §4.3 (services, SAML, OIDC, federated users, root, anonymous), §4.4 (boundaries and
 * session policies), §8 (SCPs of the caller's account, RCPs of the role's account) and §12.1.
 *
 * Every action the call needs (`sts:AssumeRole`, plus `sts:TagSession` when tags are passed,
 * `sts:SetSourceIdentity` when a source identity is set, `sts:SetContext` when contexts are
 * provided) is decided on its own; all must be allowed.
 */
import { policiesOf, resolveCallerChosenKeys } from './caller-chosen-keys.js';
import { parseArn } from '../arn/parse-arn.js';
import type { PolicyRequest, StatementHit } from '../policy/types.js';
import { roleRequestContext, type AuthzContext } from './authz-context.js';
import {
  callerDenies,
  callerPartition,
  callerSideEvidence,
  chainEvidence,
  describeCaller,
  evaluateCallerScps,
  evaluateCallerSide,
  scpsUnknownEvidence,
  softenRcpsForService,
  type SideNeeds,
} from './caller-side.js';
import { hitEvidence, missingAllowEvidence, noteEvidence } from './evidence.js';
import { combineOutcomes, decide, ruleResult, splitDenies, type Outcome } from './outcome.js';
import { evaluateChain, evaluateOne, hitTruth } from './policy-set.js';
import { FALSE, TRUE, and, or, type TriKeys } from './tri.js';
import type { AssumeRoleRequest, AuthorizationResult, Evidence, OrgPolicyChain } from './types.js';

/** Longest session AWS issues for a role (MaxSessionDuration can be at most 12 hours). */
const MAX_ROLE_SESSION_SECONDS = 43_200;
const MIN_SESSION_SECONDS = 900;
/** Role chaining limits the session to one hour. */
const ROLE_CHAINING_MAX_SECONDS = 3_600;

function deny(req: AssumeRoleRequest, note: string, reason: string): AuthorizationResult {
  return ruleResult('deny', [noteEvidence(req.role.trustPolicy.ref, reason)], [note]);
}

/** Rules that decide before any policy is read; undefined when the policies decide. */
function precheck(req: AssumeRoleRequest): AuthorizationResult | undefined {
  const { caller, role, action } = req;
  const c = caller.caller;
  switch (c.type) {
    case 'root':
      return deny(
        req,
        'root-cannot-assume-role',
        'The root user of an account cannot call AssumeRole (IAM-SEMANTICS.md §3.3)',
      );
    case 'federated-user':
      return deny(
        req,
        'federated-user-cannot-call-sts',
        `${capital(describeCaller(caller))} is a GetFederationToken session, which cannot call STS except GetCallerIdentity (IAM-SEMANTICS.md §2.1, §3.3)`,
      );
    case 'anonymous':
      return deny(
        req,
        'anonymous-cannot-assume-role',
        `${action} needs a signed request, a web identity token or a SAML assertion; an anonymous caller has none`,
      );
    case 'oidc':
      if (action !== 'sts:AssumeRoleWithWebIdentity')
        return deny(
          req,
          'mismatched-federated-action',
          `An OIDC provider is used with sts:AssumeRoleWithWebIdentity only, not ${action} (IAM-SEMANTICS.md §2.3)`,
        );
      break;
    case 'saml':
      if (action !== 'sts:AssumeRoleWithSAML')
        return deny(
          req,
          'mismatched-federated-action',
          `A SAML provider is used with sts:AssumeRoleWithSAML only, not ${action} (IAM-SEMANTICS.md §2.3)`,
        );
      break;
    case 'user':
    case 'role-session':
    case 'account':
    case 'service':
      if (action !== 'sts:AssumeRole')
        return deny(
          req,
          'mismatched-federated-action',
          `${action} is authorized by ${action === 'sts:AssumeRoleWithSAML' ? 'a SAML assertion' : 'a web identity token'}: its caller is the identity provider, not ${describeCaller(caller)}`,
        );
      break;
  }
  const partition = callerPartition(c);
  if (partition !== undefined && partition !== role.partition)
    return deny(
      req,
      'partition-mismatch',
      `Roles delegate only within one partition: the caller is in ${partition}, the role in ${role.partition} (IAM-SEMANTICS.md §2.1)`,
    );
  if (c.type === 'oidc' || c.type === 'saml') {
    const providerArn = parseArn(c.provider);
    if (providerArn) {
      if (providerArn.accountId !== role.accountId)
        return deny(
          req,
          'provider-other-account',
          `The identity provider ${c.provider} belongs to account ${providerArn.accountId}; STS only uses providers registered in the role's account ${role.accountId}`,
        );
      if (role.registeredProviders && !hasProvider(role.registeredProviders, c.provider))
        return deny(
          req,
          'provider-not-registered',
          `The identity provider ${c.provider} is not registered in account ${role.accountId} (identity-providers.json), so it cannot federate into the role`,
        );
    }
  }
  const duration = req.durationSeconds;
  if (duration !== undefined) {
    const chaining = req.roleChaining ?? c.type === 'role-session';
    if (chaining && duration > ROLE_CHAINING_MAX_SECONDS)
      return deny(
        req,
        'role-chaining-duration',
        `Role chaining limits a session to ${ROLE_CHAINING_MAX_SECONDS} seconds; DurationSeconds ${duration} makes the call fail (IAM-SEMANTICS.md §4.2 step 0)`,
      );
    const max = role.maxSessionDuration ?? MAX_ROLE_SESSION_SECONDS;
    if (duration < MIN_SESSION_SECONDS || duration > max)
      return deny(
        req,
        'duration-out-of-range',
        `DurationSeconds ${duration} is outside ${MIN_SESSION_SECONDS}–${max} seconds for this role, so the call fails`,
      );
  }
  return undefined;
}

function hasProvider(registered: ReadonlySet<string>, provider: string): boolean {
  if (registered.has(provider)) return true;
  const lower = provider.toLowerCase();
  for (const p of registered) if (p.toLowerCase() === lower) return true;
  return false;
}

function capital(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

/** The actions one call needs, the called action first. */
export function requiredActions(req: AssumeRoleRequest): string[] {
  const actions: string[] = [req.action];
  if (req.tagsPassed) actions.push('sts:TagSession');
  if (req.sourceIdentitySet) actions.push('sts:SetSourceIdentity');
  if (req.contextsProvided) actions.push('sts:SetContext');
  return actions;
}

function decideAction(req: AssumeRoleRequest, action: string, context: AuthzContext): Outcome {
  const { caller, role, model } = req;
  const what = `${action} on ${role.arn}`;
  let who: string | undefined;
  const request: PolicyRequest = {
    action,
    resource: role.arn,
    caller: caller.caller,
    context,
    canonicalIds: model.canonicalIds,
  };
  const evidence: Evidence[] = [];
  const notes: string[] = [];

  // Step 4 first: without a matching trust statement nothing else can allow (a trust policy must
  // allow the caller even in the same account), and the other policies are not read.
  const trust = evaluateOne(role.trustPolicy, request);
  if (trust.allows.length === 0) {
    evidence.push(
      missingAllowEvidence(
        role.trustPolicy.ref,
        `No statement of the trust policy of ${role.arn} allows ${caller.key === '*' ? 'any principal' : caller.key} to call ${action}; the trust policy must allow the caller even in the same account`,
      ),
    );
    return decide(FALSE, certainOf(trust.denies), [], what, evidence, notes);
  }

  // Steps 5–6: what the caller's side must add to each matching trust statement.
  const side = evaluateCallerSide(caller, request);
  const cross = caller.accountId === undefined || caller.accountId !== role.accountId;
  const pbAndSession = and(side.boundaryAllow, side.sessionAllow);
  const identityPath = and(side.identityAllow, pbAndSession);
  const needs: SideNeeds = { identity: false, boundary: false, session: false };
  let trustPath: TriKeys = FALSE;
  let userMatchLimitedByBoundary = false;
  for (const hit of trust.allows) {
    let sidePath: TriKeys;
    if (side.kind !== 'iam') sidePath = TRUE;
    else if (cross) {
      sidePath = identityPath;
      needs.identity = needs.boundary = needs.session = true;
    } else {
      switch (hit.principalMatch) {
        case 'session':
        case 'wildcard':
          // Not limited by a boundary or session policy (§4.2 step 6).
          sidePath = TRUE;
          break;
        case 'role':
          sidePath = pbAndSession;
          needs.boundary = needs.session = true;
          break;
        case 'user':
          // §12.1: the role-trust note is followed — the boundary must allow the call.
          sidePath = side.boundaryAllow;
          needs.boundary = true;
          if (side.boundary && side.boundaryAllow.value !== true) userMatchLimitedByBoundary = true;
          break;
        case 'federated-user':
          // A federated-user session cannot call STS; its match is never reached here.
          sidePath = TRUE;
          break;
        case 'account':
        case 'canonical-user':
        case 'service':
        case 'federated':
        case undefined:
          // Account-level (or no principal-level) match: the identity policies decide.
          sidePath = identityPath;
          needs.identity = needs.boundary = needs.session = true;
          break;
      }
    }
    trustPath = or(trustPath, and(hitTruth(hit), sidePath));
    evidence.push(
      hitEvidence(
        hit,
        hit.applies === true ? 'grants' : 'requires',
        `${(who ??= describeCaller(caller))} to call ${action}`,
        hit.principalMatch !== undefined
          ? `principal matched at ${hit.principalMatch} level`
          : undefined,
      ),
    );
  }
  callerSideEvidence(caller, side, needs, what, evidence);
  if (needs.identity && side.identity?.caseMismatches) notes.push('resource-case-mismatch');
  if (userMatchLimitedByBoundary) {
    notes.push('pb-user-trust-conflict');
    evidence.push(
      noteEvidence(
        role.trustPolicy.ref,
        `The trust policy names ${who ?? describeCaller(caller)} directly, but its permissions boundary does not allow ${action}. AWS's role-trust guidance says the boundary must allow it (followed here); the general rule says a grant to a user ARN is not limited by a boundary (IAM-SEMANTICS.md §12.1)`,
      ),
    );
  }
  // Step 1 so far: explicit denies of the trust policy and of the caller's own policies.
  const denies: StatementHit[] = [...trust.denies, ...callerDenies(side)];
  if (trustPath.value === false || hasCertain(denies))
    return decide(trustPath, certainOf(denies), [], what, evidence, notes);

  // Step 2: SCPs of the caller's account.
  evaluateCallerScps(caller, model, request, side);
  const scpGate = side.scps?.gate ?? TRUE;
  chainEvidence('scp', side.scps, what, evidence);
  if (side.scpsUnknown) {
    notes.push('caller-scps-unknown');
    scpsUnknownEvidence(caller, evidence);
  }
  if (side.scps) denies.push(...side.scps.denies);
  if (scpGate.value === false || hasCertain(denies))
    return decide(FALSE, certainOf(denies), [], what, evidence, notes);

  // Step 3: RCPs of the role's account (not for service-linked roles or calls made by them).
  let rcpGate = TRUE;
  if (role.rcps && !caller.serviceLinked) {
    const rcps = evaluateChain(role.rcps, request);
    rcpGate = rcps.gate;
    denies.push(...rcps.denies);
    if (side.kind === 'service') {
      const { certain, possible } = splitDenies(denies);
      const softened = softenRcpsForService(
        certain,
        possible,
        rcpGate,
        role.accountId,
        evidence,
        notes,
      );
      chainEvidence('rcp', rcps, what, evidence);
      const path = and(and(scpGate, softened.rcpGate), trustPath);
      return decide(path, softened.certain, softened.possible, what, evidence, notes);
    }
    chainEvidence('rcp', rcps, what, evidence);
  }
  const { certain, possible } = splitDenies(denies);
  return decide(and(and(scpGate, rcpGate), trustPath), certain, possible, what, evidence, notes);
}

function hasCertain(hits: readonly StatementHit[]): boolean {
  for (const h of hits) if (h.applies === true) return true;
  return false;
}

const NO_HITS: readonly StatementHit[] = Object.freeze([]);

function certainOf(hits: readonly StatementHit[]): readonly StatementHit[] {
  return hits.length === 0 ? NO_HITS : hits.filter((h) => h.applies === true);
}

/**
 * Decides whether `req.caller` may assume `req.role` with `req.action` (IAM-SEMANTICS.md §4).
 *
 * @returns `allow`, `deny` or `conditional` (with the condition keys that decide), the evidence
 *   (each statement that granted, denied or may deny, each gate whose Allow was missing or only
 *   possible, and the rules that decided), and machine-readable notes such as
 *   `pb-user-trust-conflict`.
 */
export function authorizeAssumeRole(req: AssumeRoleRequest): AuthorizationResult {
  const result = decideAssumeRole(req);
  if (result.decision !== 'conditional') return result;
  return resolveCallerChosenKeys(result, {
    request: { service: 'sts', action: req.action },
    policies: policiesOf(
      [
        ...req.caller.identityPolicies,
        req.caller.permissionsBoundary,
        req.caller.sessionPolicy,
        req.role.trustPolicy,
      ],
      [req.caller.scps ?? scpsOfAccount(req), req.role.rcps],
    ),
    context: req.context,
    evaluate: (context, sets) =>
      decideAssumeRole({
        ...req,
        context,
        ...(sets.has('sts:sourceidentity') ? { sourceIdentitySet: true } : {}),
      }),
  });
}

function scpsOfAccount(req: AssumeRoleRequest): OrgPolicyChain | undefined {
  const id = req.caller.accountId;
  return id === undefined ? undefined : req.model.scpsByAccount?.get(id);
}

/** The decision without resolving caller-chosen keys (caller-chosen-keys.ts). */
function decideAssumeRole(req: AssumeRoleRequest): AuthorizationResult {
  const pre = precheck(req);
  if (pre) return pre;
  const context = roleRequestContext(req.caller, req.role, req.context);
  if (!req.tagsPassed && !req.sourceIdentitySet && !req.contextsProvided)
    return combineOutcomes([decideAction(req, req.action, context)]);
  const outcomes: Outcome[] = [];
  for (const action of requiredActions(req)) {
    const o = decideAction(req, action, context);
    if (action !== req.action) o.evidence = o.evidence.map((e) => ({ ...e, action }));
    outcomes.push(o);
  }
  return combineOutcomes(outcomes);
}

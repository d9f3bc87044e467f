/**
 * May this caller perform this action on this resource? The general case of IAM-SEMANTICS.md
 * §5–§6 for services other than STS and S3 (IAM, Lambda, EC2, SSM, CodeBuild …), used by the
 * privilege-escalation techniques:
 *
 * - user context: the caller's identity policies, boundary and session policy, and the SCPs of
 *   its account (shared with the STS and S3 authorizers, caller-side.ts);
 * - an optional resource policy (a Lambda function policy): same account, identity policy OR a
 *   grant (a grant naming the role is still limited by its boundary and session policy; one
 *   naming the account delegates to the identity policies); other accounts, identity AND grant;
 * - optional RCPs of the resource's account (only for services that RCPs cover; the caller
 *   decides whether they apply);
 * - resource facts (`aws:ResourceAccount`, `iam:ResourceTag/…`) known as given.
 *
 * IAM resources have no resource policy and are never reached from another account: an IAM
 * action on another account's user or role is denied here (the action is called in the
 * caller's own account).
 */
import type { CompiledPolicy, ContextValue, PolicyRequest } from '../policy/types.js';
import { factsRequestContext, type FactTable } from './authz-context.js';
import {
  callerDenies,
  callerKind,
  callerSideEvidence,
  chainEvidence,
  describeCaller,
  evaluateCallerScps,
  evaluateCallerSide,
  scpsUnknownEvidence,
} from './caller-side.js';
import { missingAllowEvidence, noteEvidence } from './evidence.js';
import { combineOutcomes, decide, ruleResult, splitDenies } from './outcome.js';
import { evaluateChain, evaluateOne, type ChainResult } from './policy-set.js';
import { identityPathOf, policyGrantPath } from './resource-grants.js';
import { TRUE, and, or, type TriKeys } from './tri.js';
import type {
  AuthorizationResult,
  AuthzModel,
  CallerProfile,
  ContextOptions,
  Evidence,
  OrgPolicyChain,
} from './types.js';

export interface ActionRequest {
  /** `service:Action`. */
  action: string;
  /** The resource ARN the action is authorized on. */
  resource: string;
  /** The account that owns the resource. */
  resourceAccountId: string;
  caller: CallerProfile;
  model: AuthzModel;
  /** Facts of the resource (see `resourceFactTable`). */
  resourceFacts: FactTable;
  context: ContextOptions;
  resourcePolicy?: CompiledPolicy;
  /** RCPs of the resource's account, when RCPs cover the service. */
  rcps?: OrgPolicyChain;
}

/** Extra request keys of one call, merged over the request's context options. */
export function withKnownKeys(
  context: ContextOptions,
  known: Readonly<Record<string, ContextValue>>,
): ContextOptions {
  return { ...context, known: { ...context.known, ...known } };
}

/** Decides `req.caller` calling `req.action` on `req.resource` (file header). */
export function authorizeAction(req: ActionRequest): AuthorizationResult {
  const { caller, model, action, resource } = req;
  const what = `${action} on ${resource}`;
  const who = describeCaller(caller);
  const kind = callerKind(caller);
  const ref = req.resourcePolicy?.ref ?? {
    kind: 'resource' as const,
    name: 'resource policy',
    arn: resource,
  };
  if (kind !== 'iam' && kind !== 'root')
    return ruleResult(
      'deny',
      [noteEvidence(ref, `${who} cannot call ${action} itself`)],
      ['not-an-iam-caller'],
    );
  const sameAccount = caller.accountId !== undefined && caller.accountId === req.resourceAccountId;
  if (!sameAccount && req.resourcePolicy === undefined)
    return ruleResult(
      'deny',
      [
        noteEvidence(
          ref,
          `${resource} belongs to account ${req.resourceAccountId} and has no resource policy: ${who} cannot act on it from another account`,
        ),
      ],
      ['cross-account-without-resource-policy'],
    );
  const request: PolicyRequest = {
    action,
    resource,
    caller: caller.caller,
    context: factsRequestContext(caller, req.resourceFacts, req.context),
    canonicalIds: model.canonicalIds,
  };
  const evidence: Evidence[] = [];
  const notes: string[] = [];
  const policy = req.resourcePolicy ? evaluateOne(req.resourcePolicy, request) : undefined;
  const side = evaluateCallerSide(caller, request);
  evaluateCallerScps(caller, model, request, side);
  let rcps: ChainResult | undefined;
  if (req.rcps && !caller.serviceLinked) rcps = evaluateChain(req.rcps, request);
  const { certain, possible } = splitDenies([
    ...(policy?.denies ?? []),
    ...callerDenies(side),
    ...(rcps?.denies ?? []),
  ]);

  const identityPath = identityPathOf(side);
  const grantPath = policyGrantPath(
    policy?.allows ?? [],
    kind,
    sameAccount,
    side,
    who,
    what,
    evidence,
    {
      principalMatchNote: false,
    },
  );

  let accessPath: TriKeys;
  if (kind === 'root') {
    accessPath = sameAccount ? TRUE : grantPath;
  } else {
    accessPath = sameAccount ? or(identityPath, grantPath) : and(identityPath, grantPath);
    callerSideEvidence(
      caller,
      side,
      { identity: true, boundary: true, session: true },
      what,
      evidence,
    );
    if (side.identity?.caseMismatches) notes.push('resource-case-mismatch');
  }
  if (!sameAccount && grantPath.value === false)
    evidence.push(
      missingAllowEvidence(
        ref,
        `The resource policy of ${resource} does not grant ${what} to ${who}`,
      ),
    );
  chainEvidence('scp', side.scps, what, evidence);
  if (side.scpsUnknown) {
    notes.push('caller-scps-unknown');
    scpsUnknownEvidence(caller, evidence);
  }
  chainEvidence('rcp', rcps, what, evidence);
  const allowPath = and(and(side.scps?.gate ?? TRUE, rcps?.gate ?? TRUE), accessPath);
  return combineOutcomes([decide(allowPath, certain, possible, what, evidence, notes)]);
}

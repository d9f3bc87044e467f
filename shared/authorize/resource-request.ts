/**
 * May this caller perform this action on this KMS key, secret, queue, topic or repository?
 * IAM-SEMANTICS.md §7a. The S3 decision (s3-request.ts) is the model; what differs:
 *
 * - Secrets Manager, SQS, SNS, ECR follow IAM's rules: same account, identity policy OR resource
 *   policy; another account, identity policy AND resource policy; only the actions the service
 *   lets another account use at all.
 * - KMS does not: the key policy must allow even the key's own account. An identity policy counts
 *   only when the key policy delegates to the account (names the account's root); a key policy
 *   naming the principal (or `*`) allows a same-account caller by itself. A grant allows its
 *   grantee its operations. AWS managed keys admit their own account's callers through the
 *   service only (their policy says so with `kms:CallerAccount` and `kms:ViaService`).
 * - A secret, queue or topic encrypted with a KMS key also needs the key operations the action
 *   implies (GetSecretValue → kms:Decrypt …) on that key (encryption-key.ts).
 * - RCPs of the resource's account apply to the services RCPs support; SCPs of the caller's.
 */
import type { PolicyRef, PolicyRequest } from '../policy/types.js';
import { resourceRequestContext } from './authz-context.js';
import {
  callerDenies,
  callerKind,
  callerPartition,
  callerSideEvidence,
  describeCaller,
  evaluateCallerScps,
  evaluateCallerSide,
  guardrailGates,
} from './caller-side.js';
import { missingAllowEvidence, noteEvidence } from './evidence.js';
import { functionUrlPath } from './function-url.js';
import { kmsGrantPath } from './kms-grants.js';
import { combineOutcomes, decide, ruleResult, splitDenies } from './outcome.js';
import { evaluateChain, evaluateOne, type ChainResult } from './policy-set.js';
import { identityPathOf, policyGrantPath } from './resource-grants.js';
import { serviceRules } from './resource-services.js';
import { FALSE, TRUE, and, or, type TriKeys } from './tri.js';
import type {
  AuthorizationResult,
  ContextOptions,
  Evidence,
  ResourceProfile,
  ResourceRequest,
} from './types.js';

/** Where the resource's policy is cited in evidence. */
export function resourcePolicyRef(req: Pick<ResourceRequest, 'resource'>): PolicyRef {
  const { resource } = req;
  return (
    resource.policy?.ref ?? {
      kind: 'resource',
      name: serviceRules(resource.service).policyName,
      arn: resource.arn,
    }
  );
}

/**
 * The request's context options with the KMS keys that follow from the request:
 * `kms:CallerAccount` (the caller's account, when it is one) and `kms:ViaService`.
 */
function kmsOptions(req: ResourceRequest): ContextOptions {
  const base = req.context;
  if (req.resource.service !== 'kms') return base;
  const account = req.caller.accountId;
  const callerAccount = account !== undefined && /^\d{12}$/.test(account) ? account : '';
  // Looked up by the strings the request already holds (no key string built per decision).
  let byVia = KMS_OPTIONS.get(base);
  if (byVia === undefined)
    KMS_OPTIONS.set(base, (byVia = new Map<string, Map<string, ContextOptions>>()));
  const via = req.viaService ?? '';
  let byAccount = byVia.get(via);
  if (byAccount === undefined) byVia.set(via, (byAccount = new Map<string, ContextOptions>()));
  let out = byAccount.get(callerAccount);
  if (out === undefined) {
    const known: Record<string, string | readonly string[]> = {};
    if (callerAccount !== '') known['kms:CallerAccount'] = callerAccount;
    if (req.viaService !== undefined) known['kms:ViaService'] = req.viaService;
    out = { ...base, known: { ...base.known, ...known } };
    // A request that does not go through a service is a direct call: kms:ViaService is absent.
    if (req.viaService === undefined && base.otherKeys === 'absent')
      out.absent = [...(base.absent ?? []), 'kms:ViaService'];
    if (byAccount.size < 10_000) byAccount.set(callerAccount, out);
  }
  return out;
}

const KMS_OPTIONS = new WeakMap<ContextOptions, Map<string, Map<string, ContextOptions>>>();

const URL_AUTH_TYPE = 'lambda:FunctionUrlAuthType';
const VIA_URL = 'lambda:InvokedViaFunctionUrl';

/**
 * The request's context options with the Lambda keys that follow from the request: a call to the
 * function URL carries `lambda:FunctionUrlAuthType` — `NONE` for an unsigned request (the URL's
 * AuthType must be NONE), `AWS_IAM` for a signed one — and its `lambda:InvokeFunction` half also
 * `lambda:InvokedViaFunctionUrl` = true; the Invoke API carries neither key. A value the request
 * states itself (simulate) is kept.
 */
function lambdaOptions(req: ResourceRequest, anonymous: boolean, viaUrl: boolean): ContextOptions {
  const base = req.context;
  const action = req.action.toLowerCase();
  const url = action === 'lambda:invokefunctionurl' || viaUrl;
  if (!url && action !== 'lambda:invokefunction') return base;
  const stated = (key: string): boolean =>
    Object.keys(base.known ?? {}).some((k) => k.toLowerCase() === key.toLowerCase());
  const id = url ? `${anonymous ? 'NONE' : 'AWS_IAM'}${viaUrl ? '+invoke' : ''}` : 'api';
  let byId = LAMBDA_OPTIONS.get(base);
  if (byId === undefined) LAMBDA_OPTIONS.set(base, (byId = new Map<string, ContextOptions>()));
  let out = byId.get(id);
  if (out === undefined) {
    if (url) {
      const known: Record<string, string> = {};
      if (!stated(URL_AUTH_TYPE)) known[URL_AUTH_TYPE] = anonymous ? 'NONE' : 'AWS_IAM';
      if (viaUrl && !stated(VIA_URL)) known[VIA_URL] = 'true';
      out =
        Object.keys(known).length === 0 ? base : { ...base, known: { ...base.known, ...known } };
    } else {
      const absent = [URL_AUTH_TYPE, VIA_URL].filter((k) => !stated(k));
      out = absent.length === 0 ? base : { ...base, absent: [...(base.absent ?? []), ...absent] };
    }
    byId.set(id, out);
  }
  return out;
}

const LAMBDA_OPTIONS = new WeakMap<ContextOptions, Map<string, ContextOptions>>();

/**
 * "ACTION on ARN", one string per resource and action: every decision about the resource quotes
 * it in its evidence, and one shared string is hashed once and kept once.
 */
export function callOn(resource: ResourceProfile, action: string): string {
  let byAction = CALLS.get(resource);
  if (byAction === undefined) CALLS.set(resource, (byAction = new Map<string, string>()));
  let what = byAction.get(action);
  if (what === undefined) {
    what = `${action} on ${resource.arn}`;
    byAction.set(action, what);
  }
  return what;
}

const CALLS = new WeakMap<ResourceProfile, Map<string, string>>();

/**
 * Decides `req` (IAM-SEMANTICS.md §7a); the key of an encrypted resource is not checked here. A
 * call through a Lambda function URL (`lambda:InvokeFunctionUrl`) needs a URL that takes the
 * caller's kind of request (function-url.ts) and is allowed only when `lambda:InvokeFunction` is
 * allowed too, for the same caller through the URL (§7a.6: required for new URLs since October
 * 2025, for every URL since November 2026).
 */
export function authorizeResourcePolicy(req: ResourceRequest): AuthorizationResult {
  if (req.resource.service !== 'lambda' || req.action.toLowerCase() !== 'lambda:invokefunctionurl')
    return authorizeOne(req, false);
  const path = functionUrlPath(
    req.resource,
    callerKind(req.caller) === 'anonymous',
    describeCaller(req.caller),
    resourcePolicyRef(req),
  );
  if (path.kind === 'closed') return path.result;
  const url = authorizeOne(req, false);
  if (url.decision === 'deny') return url;
  const invoke = authorizeOne({ ...req, action: 'lambda:InvokeFunction' }, true);
  return combineOutcomes([
    ...[url, invoke].map((r) => ({
      decision: r.decision,
      keys: r.conditionKeys,
      evidence: r.evidence.map((e) =>
        e.action === undefined
          ? { ...e, action: r === url ? req.action : 'lambda:InvokeFunction' }
          : e,
      ),
      notes: [...r.notes],
    })),
    {
      decision: 'allow',
      keys: [],
      evidence: [{ ...path.evidence, action: req.action }],
      notes: [...path.notes],
    },
  ]);
}

/** One action's decision; `viaUrl`: the lambda:InvokeFunction half of a function URL call. */
function authorizeOne(req: ResourceRequest, viaUrl: boolean): AuthorizationResult {
  const { caller, resource, model, action } = req;
  const rules = serviceRules(resource.service);
  const what = callOn(resource, action);
  const who = describeCaller(caller);
  const kind = callerKind(caller);
  const c = caller.caller;
  const policyRef = resourcePolicyRef(req);
  if (kind === 'federation')
    return ruleResult(
      'deny',
      [
        noteEvidence(
          policyRef,
          `${who} is not a caller of ${resource.service}: a federated identity first assumes a role, whose session then calls the service`,
        ),
      ],
      ['federated-provider-not-a-caller'],
    );
  // SQS accepts unsigned requests; Lambda only at a function URL whose AuthType is NONE.
  const functionUrl =
    resource.service === 'lambda' && action.toLowerCase() === 'lambda:invokefunctionurl';
  if (kind === 'anonymous' && resource.service !== 'sqs' && !functionUrl && !viaUrl)
    return ruleResult(
      'deny',
      [
        noteEvidence(
          policyRef,
          resource.service === 'lambda'
            ? `Lambda accepts unsigned requests only at a function URL with AuthType NONE (lambda:InvokeFunctionUrl): ${who} cannot call ${action}`
            : `${resource.service} accepts only signed requests: ${who} cannot call ${action}`,
        ),
      ],
      ['anonymous-not-accepted'],
    );
  const partition = callerPartition(c);
  if (partition !== undefined && partition !== resource.partition)
    return ruleResult(
      'deny',
      [
        noteEvidence(
          policyRef,
          `The caller is in partition ${partition} and the ${rules.noun} in ${resource.partition}; access never crosses partitions`,
        ),
      ],
      ['partition-mismatch'],
    );
  const sameAccount =
    (kind === 'iam' || kind === 'root') &&
    caller.accountId !== undefined &&
    caller.accountId === resource.accountId;
  const lowerAction = action.toLowerCase();
  // An unsigned caller is of no account: what no other account may use, it may not either.
  if (
    (kind === 'iam' || kind === 'root' || kind === 'anonymous') &&
    !sameAccount &&
    ((rules.crossAccountActions !== undefined && !rules.crossAccountActions.has(lowerAction)) ||
      rules.notCrossAccountActions?.has(lowerAction) === true)
  )
    return ruleResult(
      'deny',
      [
        noteEvidence(
          policyRef,
          `${action} cannot be used across accounts: whatever the ${rules.policyName} says, only principals of account ${resource.accountId} can call it on ${resource.arn}`,
        ),
      ],
      ['not-a-cross-account-action'],
    );

  const options =
    resource.service === 'lambda'
      ? lambdaOptions(req, kind === 'anonymous', viaUrl)
      : kmsOptions(req);
  const context = resourceRequestContext(caller, resource, options);
  const request: PolicyRequest = {
    action,
    resource: resource.arn,
    caller: c,
    context,
    canonicalIds: model.canonicalIds,
  };
  const evidence: Evidence[] = [];
  const notes: string[] = [];
  const policy = resource.policy ? evaluateOne(resource.policy, request) : undefined;
  const side = evaluateCallerSide(caller, request);
  evaluateCallerScps(caller, model, request, side);
  let rcps: ChainResult | undefined;
  if (rules.rcpsApply && resource.rcps && !caller.serviceLinked)
    rcps = evaluateChain(resource.rcps, request);
  const split = splitDenies([
    ...(policy?.denies ?? []),
    ...callerDenies(side),
    ...(rcps?.denies ?? []),
  ]);

  const identityPath = identityPathOf(side);
  const policyPath = policyGrantPath(
    policy?.allows ?? [],
    kind,
    sameAccount,
    side,
    who,
    what,
    evidence,
  );
  let grantPath = policyPath;
  // A KMS grant to a user, role or role session allows its grantee on its own, in any account
  // (§7a.3); a grant to an account delegates to that account's identity policies (kms-grants.ts).
  let keyGrantPath: TriKeys = FALSE;
  if (resource.service === 'kms') {
    keyGrantPath = kmsGrantPath(
      resource,
      caller,
      action,
      kind,
      sameAccount,
      side,
      context,
      evidence,
    );
    grantPath = or(policyPath, keyGrantPath);
    if (resource.standIn) {
      notes.push('aws-managed-key-policy-documented');
      evidence.push(
        noteEvidence(
          policyRef,
          `${resource.arn} is an AWS managed key that the snapshot does not hold; its key policy is the one AWS documents for such keys: principals of account ${resource.accountId}, through the service only`,
        ),
      );
    }
  }

  let accessPath: TriKeys;
  switch (kind) {
    case 'iam':
      accessPath = sameAccount
        ? rules.identityAloneSuffices
          ? or(identityPath, grantPath)
          : grantPath
        : or(and(identityPath, policyPath), keyGrantPath);
      callerSideEvidence(
        caller,
        side,
        { identity: true, boundary: true, session: true },
        what,
        evidence,
      );
      if (side.identity?.caseMismatches) notes.push('resource-case-mismatch');
      if (
        sameAccount &&
        !rules.identityAloneSuffices &&
        grantPath.value === false &&
        identityPath.value !== false
      ) {
        notes.push('key-policy-does-not-delegate');
        evidence.push(
          missingAllowEvidence(
            policyRef,
            `The key policy of ${resource.arn} neither names ${who} nor delegates to account ${resource.accountId} (its root): identity policies alone never allow a KMS key, even in the key's own account`,
          ),
        );
      }
      break;
    case 'root':
      // The root user has every permission of its account — except a KMS key's, which its key
      // policy must allow (naming the account allows its root user).
      accessPath = sameAccount && rules.identityAloneSuffices ? TRUE : grantPath;
      break;
    case 'anonymous':
    case 'service':
      accessPath = grantPath;
      break;
  }
  if (grantPath.value === false && !(sameAccount && rules.identityAloneSuffices)) {
    if (!notes.includes('key-policy-does-not-delegate'))
      evidence.push(
        missingAllowEvidence(
          policyRef,
          resource.policy
            ? `The ${rules.policyName} of ${resource.arn} does not grant ${what} to ${who}`
            : `${resource.arn} has no ${rules.policyName} (in the snapshot) that grants ${what} to ${who}`,
        ),
      );
    if (resource.service === 'kms' && resource.grants === undefined) {
      notes.push('kms-grants-unknown');
      evidence.push(
        noteEvidence(
          policyRef,
          `The grants of ${resource.arn} are not in the snapshot: a grant could still allow ${who}`,
        ),
      );
    }
  }

  const { scpGate, rcpGate, certain, possible } = guardrailGates(
    caller,
    kind,
    side,
    rcps,
    split,
    resource.accountId,
    what,
    evidence,
    notes,
  );
  const allowPath = and(and(scpGate, rcpGate), accessPath);
  return combineOutcomes([decide(allowPath, certain, possible, what, evidence, notes)]);
}

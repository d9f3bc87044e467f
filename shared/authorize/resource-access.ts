/**
 * The full decision for a resource of a resource-policy service (IAM-SEMANTICS.md §7a): the
 * resource's own policies (resource-request.ts) and, for a secret, queue or topic encrypted with
 * a KMS key, the key operations the action needs on that key (encryption-key.ts); for an ECR
 * repository, the registry login (`ecr:GetAuthorizationToken`) from the caller's identity policies.
 */
import type { PolicyRequest } from '../policy/types.js';
import { resourceRequestContext } from './authz-context.js';
import {
  callerDenies,
  callerSideEvidence,
  chainEvidence,
  describeCaller,
  evaluateCallerScps,
  evaluateCallerSide,
} from './caller-side.js';
import {
  combineResults,
  resolveKey,
  viaServiceOf,
  withKeyUse,
  type KeyUse,
} from './encryption-key.js';
import { noteEvidence } from './evidence.js';
import { combineOutcomes, decide, splitDenies } from './outcome.js';
import { identityPathOf } from './resource-grants.js';
import { authorizeResourcePolicy, callOn, resourcePolicyRef } from './resource-request.js';
import { serviceRules } from './resource-services.js';
import { TRUE, and } from './tri.js';
import type { AuthorizationResult, ContextOptions, Evidence, ResourceRequest } from './types.js';

/**
 * ECR: "Amazon ECR requires that users have permission to make calls to the
 * ecr:GetAuthorizationToken API through an IAM policy before they can authenticate to a registry
 * and push or pull any images" — an identity-only permission on `*` (no resource policy can give
 * it). Root users and opaque principals (their account decides) pass.
 */
function authorizeRegistryLogin(req: ResourceRequest): AuthorizationResult {
  // The answer depends on the caller, the request options and the repository (its region and
  // account are the request's, its policy is the one the note cites): decided once per triple,
  // shared by the actions of a group.
  let byOptions = LOGINS.get(req.caller);
  if (byOptions === undefined)
    LOGINS.set(
      req.caller,
      (byOptions = new WeakMap<ContextOptions, WeakMap<object, AuthorizationResult>>()),
    );
  let byResource = byOptions.get(req.context);
  if (byResource === undefined)
    byOptions.set(req.context, (byResource = new WeakMap<object, AuthorizationResult>()));
  const known = byResource.get(req.resource);
  if (known !== undefined) return known;
  const result = decideRegistryLogin(req);
  byResource.set(req.resource, result);
  return result;
}

const LOGINS = new WeakMap<object, WeakMap<ContextOptions, WeakMap<object, AuthorizationResult>>>();

function decideRegistryLogin(req: ResourceRequest): AuthorizationResult {
  const { caller, model } = req;
  const action = 'ecr:GetAuthorizationToken';
  const what = `${action} on *`;
  const request: PolicyRequest = {
    action,
    resource: '*',
    caller: caller.caller,
    context: resourceRequestContext(caller, req.resource, req.context),
    canonicalIds: model.canonicalIds,
  };
  const side = evaluateCallerSide(caller, request);
  if (side.kind !== 'iam') return { decision: 'allow', conditionKeys: [], evidence: [], notes: [] };
  evaluateCallerScps(caller, model, request, side);
  const evidence: Evidence[] = [
    noteEvidence(
      resourcePolicyRef(req),
      `Pulling or pushing images also needs ${action} from the identity policies of ${describeCaller(caller)} (no repository policy can grant it)`,
    ),
  ];
  callerSideEvidence(
    caller,
    side,
    { identity: true, boundary: true, session: true },
    what,
    evidence,
  );
  chainEvidence('scp', side.scps, what, evidence);
  const { certain, possible } = splitDenies(callerDenies(side));
  const allowPath = and(side.scps?.gate ?? TRUE, identityPathOf(side));
  return combineOutcomes([decide(allowPath, certain, possible, what, evidence, [])]);
}

/** Decides `req`, including the KMS key behind the resource. */
export function authorizeResource(req: ResourceRequest): AuthorizationResult {
  let base = authorizeResourcePolicy(req);
  const { resource } = req;
  if (resource.service === 'ecr' && base.decision !== 'deny')
    base = combineResults([base, authorizeRegistryLogin(req)]);
  const rules = serviceRules(resource.service);
  const operations = rules.keyOperations?.get(req.action.toLowerCase());
  if (operations === undefined || base.decision === 'deny') return base;
  if (resource.kmsKeyId === undefined && rules.defaultKeyAlias === undefined) return base;
  const resolution = resolveKey(
    req.model,
    resource.kmsKeyId,
    {
      accountId: resource.accountId,
      partition: resource.partition,
      ...(resource.region !== undefined ? { region: resource.region } : {}),
    },
    rules.defaultKeyAlias ?? '',
  );
  const use: KeyUse = { resolution, operations, purpose: callOn(resource, req.action) };
  if (resource.region !== undefined) use.viaService = viaServiceOf(rules.endpoint, resource.region);
  return withKeyUse(base, req.caller, req.model, req.context, use);
}

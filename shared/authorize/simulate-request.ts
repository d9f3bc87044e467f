/**
 * The `trustmap simulate` request (the contract): validating the JSON a user writes,
 * then turning it into an `AssumeRoleRequest` or an `S3Request` against a compiled model.
 *
 * ```
 * { "principal": ARN | {"service"} | {"federated"} | {"anonymous": true},
 *   "action": "sts:AssumeRole" | "sts:AssumeRoleWithWebIdentity" | "sts:AssumeRoleWithSAML" | "s3:…"
 *             | "kms:…" | "secretsmanager:…" | "sqs:…" | "sns:…" | "ecr:…",
 *   "resource": role ARN | bucket ARN | object ARN | key, secret, queue, topic or repository ARN,
 *   "context": { key: string | string[] }, "unknownContextKeys": [key],
 *   "sessionPolicy": {…}, "sessionTags": { k: v }, "sourceIdentity": "…",
 *   "durationSeconds": 3600, "roleChaining": false }
 * ```
 * - Keys the request does not set are absent; `unknownContextKeys` are unknown.
 * - `sessionTags` become `aws:RequestTag/…` and `aws:TagKeys` and require `sts:TagSession`;
 *   `sourceIdentity` becomes `sts:SourceIdentity` and requires `sts:SetSourceIdentity`.
 * - `sessionPolicy` is the session policy of the calling session (role session or federated user).
 * - A role or role-session principal assuming a role is role chaining unless `roleChaining` is false.
 */
import { dataRecord, setDataKey } from '../data-record.js';
import { parseArn } from '../arn/parse-arn.js';
import { compilePolicy } from '../policy/index.js';
import type { ContextValue } from '../policy/types.js';
import type { PolicyJson } from '../snapshot/types.js';
import { assertNever } from './assert-never.js';
import { authorizeAction, type ActionRequest } from './action-request.js';
import { authorizeAssumeRole } from './assume-role.js';
import { resourceFactTable } from './authz-context.js';
import { noteEvidence } from './evidence.js';
import { SimulateRequestError } from './errors.js';
import { callerFromArn, type PrincipalSpec } from './resolve-caller.js';
import { authorizeResource } from './resource-access.js';
import { serviceOfAction } from './resource-services.js';
import { authorizeS3 } from './s3-request.js';
import { isObjectAction } from './s3-actions.js';
import type {
  AssumeRoleAction,
  AssumeRoleRequest,
  AuthorizationResult,
  AuthzModel,
  OrgPolicyChain,
  CallerProfile,
  ContextOptions,
  ResourceProfile,
  ResourceRequest,
  S3Request,
} from './types.js';

export interface SimulateRequest {
  principal: PrincipalSpec;
  action: string;
  resource: string;
  context: Readonly<Record<string, ContextValue>>;
  unknownContextKeys: readonly string[];
  sessionPolicy?: PolicyJson;
  sessionTags?: Readonly<Record<string, string>>;
  sourceIdentity?: string;
  durationSeconds?: number;
  roleChaining?: boolean;
}

const FIELDS = [
  'principal',
  'action',
  'resource',
  'context',
  'unknownContextKeys',
  'sessionPolicy',
  'sessionTags',
  'sourceIdentity',
  'durationSeconds',
  'roleChaining',
] as const;

const STS_ONLY_FIELDS = [
  'sessionTags',
  'sourceIdentity',
  'durationSeconds',
  'roleChaining',
] as const;

export const SUPPORTED_ACTIONS_TEXT =
  'simulate answers any action: sts:AssumeRole, sts:AssumeRoleWithWebIdentity and sts:AssumeRoleWithSAML on a role ARN, s3:<Action> on a bucket or object ARN and kms:, secretsmanager:, sqs:, sns: and ecr: actions on a resource of resources.json and lambda: actions on a function of workloads.json with their resource policies; any other action (or a resource the snapshot does not hold) on its ARN or * with the identity side, boundaries, SCPs and RCPs, saying that the resource policy was not read';

const ASSUME_ACTIONS: ReadonlyMap<string, AssumeRoleAction> = new Map(
  (['sts:AssumeRole', 'sts:AssumeRoleWithWebIdentity', 'sts:AssumeRoleWithSAML'] as const).map(
    (a) => [a.toLowerCase(), a],
  ),
);

/** Longest string accepted in a request (context values, tags): bounds untrusted input. */
const MAX_STRING = 4096;

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function str(v: unknown, field: string, what = 'a string'): string {
  if (typeof v !== 'string' || v.trim() === '')
    throw new SimulateRequestError(field, `expected ${what}`);
  if (v.length > MAX_STRING)
    throw new SimulateRequestError(field, `longer than ${MAX_STRING} characters`);
  return v;
}

function parsePrincipal(v: unknown): PrincipalSpec {
  if (typeof v === 'string') return str(v, 'principal', 'a principal ARN');
  if (isRecord(v)) {
    const keys = Object.keys(v);
    if (keys.length === 1 && typeof v.service === 'string')
      return { service: str(v.service, 'principal.service') };
    if (keys.length === 1 && typeof v.federated === 'string')
      return { federated: str(v.federated, 'principal.federated') };
    if (keys.length === 1 && v.anonymous === true) return { anonymous: true };
  }
  throw new SimulateRequestError(
    'principal',
    'expected a principal ARN, {"service": "…"}, {"federated": "…"} or {"anonymous": true}',
  );
}

function parseContext(v: unknown): Record<string, ContextValue> {
  if (v === undefined) return dataRecord();
  if (!isRecord(v))
    throw new SimulateRequestError('context', 'expected an object of condition keys');
  const out = dataRecord<ContextValue>();
  for (const [key, value] of Object.entries(v)) {
    const field = `context.${key}`;
    if (key.trim() === '')
      throw new SimulateRequestError('context', 'a condition key name is empty');
    if (typeof value === 'string') setDataKey(out, key, str(value, field));
    else if (Array.isArray(value))
      setDataKey(
        out,
        key,
        value.map((x, i) => {
          if (typeof x !== 'string')
            throw new SimulateRequestError(`${field}[${i}]`, 'expected a string');
          return x;
        }),
      );
    else throw new SimulateRequestError(field, 'expected a string or a list of strings');
  }
  return out;
}

/**
 * Validates a parsed simulate request file.
 *
 * @throws SimulateRequestError naming the field that is missing, of the wrong type or unknown.
 */
export function parseSimulateRequest(json: unknown): SimulateRequest {
  if (!isRecord(json)) throw new SimulateRequestError('(request)', 'expected a JSON object');
  for (const key of Object.keys(json))
    if (!(FIELDS as readonly string[]).includes(key))
      throw new SimulateRequestError(key, `unknown field; expected one of ${FIELDS.join(', ')}`);
  if (json.principal === undefined) throw new SimulateRequestError('principal', 'required');
  if (json.action === undefined) throw new SimulateRequestError('action', 'required');
  if (json.resource === undefined) throw new SimulateRequestError('resource', 'required');
  const req: SimulateRequest = {
    principal: parsePrincipal(json.principal),
    action: str(json.action, 'action', 'an action such as "sts:AssumeRole"').trim(),
    resource: str(json.resource, 'resource', 'an ARN').trim(),
    context: parseContext(json.context),
    unknownContextKeys: [],
  };
  if (json.unknownContextKeys !== undefined) {
    const u = json.unknownContextKeys;
    if (!Array.isArray(u))
      throw new SimulateRequestError('unknownContextKeys', 'expected a list of condition keys');
    req.unknownContextKeys = u.map((k, i) => str(k, `unknownContextKeys[${i}]`, 'a condition key'));
  }
  if (json.sessionPolicy !== undefined) {
    if (!isRecord(json.sessionPolicy))
      throw new SimulateRequestError('sessionPolicy', 'expected a policy document (a JSON object)');
    req.sessionPolicy = json.sessionPolicy;
  }
  if (json.sessionTags !== undefined) {
    const t = json.sessionTags;
    if (!isRecord(t))
      throw new SimulateRequestError('sessionTags', 'expected an object of tag keys and values');
    const tags = dataRecord<string>();
    for (const [k, v] of Object.entries(t)) {
      if (typeof v !== 'string')
        throw new SimulateRequestError(`sessionTags.${k}`, 'expected a string');
      setDataKey(tags, k, v);
    }
    req.sessionTags = tags;
  }
  if (json.sourceIdentity !== undefined)
    req.sourceIdentity = str(json.sourceIdentity, 'sourceIdentity');
  if (json.durationSeconds !== undefined) {
    const d = json.durationSeconds;
    if (typeof d !== 'number' || !Number.isInteger(d) || d <= 0)
      throw new SimulateRequestError(
        'durationSeconds',
        'expected a positive whole number of seconds',
      );
    req.durationSeconds = d;
  }
  if (json.roleChaining !== undefined) {
    if (typeof json.roleChaining !== 'boolean')
      throw new SimulateRequestError('roleChaining', 'expected true or false');
    req.roleChaining = json.roleChaining;
  }
  return req;
}

export type SimulationPlan =
  | { kind: 'assume-role'; request: AssumeRoleRequest }
  | { kind: 's3'; request: S3Request }
  | { kind: 'resource'; request: ResourceRequest }
  /**
   * Any other action (or a resource the snapshot does not hold): the caller's side (identity,
   * boundary, session policy, SCPs) and the RCPs of the resource's account where they apply;
   * the resource's own policy is not in the snapshot and the answer says so.
   */
  | { kind: 'action'; request: ActionRequest };

/** Services whose resources RCPs protect (besides S3, STS, KMS, SQS and Secrets Manager). */
const RCP_SERVICES = new Set([
  's3',
  'sts',
  'kms',
  'sqs',
  'secretsmanager',
  'ecr',
  'logs',
  'dynamodb',
  'cognito-identity',
  'aoss',
]);

/** The RCP chain of an account, read off a role or bucket of that account in the model. */
function rcpsOfAccount(model: AuthzModel, accountId: string): OrgPolicyChain | undefined {
  for (const r of model.roles.values()) if (r.accountId === accountId) return r.rcps;
  for (const b of model.buckets.values()) if (b.accountId === accountId) return b.rcps;
  return undefined;
}

/** The plan of an action whose resource policy the snapshot does not hold. */
function actionPlan(model: AuthzModel, req: SimulateRequest): SimulationPlan {
  for (const f of STS_ONLY_FIELDS)
    if (req[f] !== undefined)
      throw new SimulateRequestError(f, `applies to sts actions only, not ${req.action}`);
  const parsed = req.resource === '*' ? undefined : parseArn(req.resource);
  if (req.resource !== '*' && parsed === undefined)
    throw new SimulateRequestError(
      'resource',
      `expected an ARN (arn:PARTITION:SERVICE:REGION:ACCOUNT:RESOURCE) or *, got "${req.resource.slice(0, 200)}"`,
    );
  const caller = withSessionPolicy(callerFromArn(model, req.principal), req);
  const resourceAccountId =
    parsed !== undefined && /^\d{12}$/.test(parsed.accountId)
      ? parsed.accountId
      : (caller.accountId ?? '');
  const request: ActionRequest = {
    action: req.action,
    resource: req.resource,
    resourceAccountId,
    caller,
    model,
    resourceFacts: resourceFactTable(
      resourceAccountId === '' ? {} : { 'aws:ResourceAccount': resourceAccountId },
      false,
    ),
    context: contextOptions(req),
  };
  const service = req.action.slice(0, req.action.indexOf(':')).toLowerCase();
  if (RCP_SERVICES.has(service) && resourceAccountId !== '') {
    const rcps = rcpsOfAccount(model, resourceAccountId);
    if (rcps !== undefined) request.rcps = rcps;
  }
  return { kind: 'action', request };
}

/** The decision of an action plan, saying what of the resource side it could not read. */
function decideAction(request: ActionRequest): AuthorizationResult {
  const result = authorizeAction(request);
  const service = request.action.slice(0, request.action.indexOf(':')).toLowerCase();
  // IAM resources have no resource policy: nothing is missing.
  if (service === 'iam') return result;
  const crossAccount =
    request.caller.accountId !== undefined &&
    request.caller.accountId !== request.resourceAccountId;
  const note = noteEvidence(
    { kind: 'resource', name: 'resource policy', arn: request.resource },
    `The snapshot holds no policy of ${request.resource}: the resource side is not evaluated — its policy could deny the call${crossAccount ? ', and from another account it must also allow it' : ''}; the identity side, boundaries, SCPs${request.rcps === undefined ? '' : ' and RCPs'} are`,
  );
  return {
    ...result,
    evidence: [...result.evidence, note],
    notes: [...result.notes, 'resource-policy-not-in-snapshot'],
  };
}

/**
 * The decision of a resource plan. A qualified function ARN the snapshot holds no policy of (a
 * version, or an alias when the aliases are unknown or do not list it) is decided with the
 * function's policy on the unqualified ARN, and says so: its own policy could differ.
 */
function decideResource(request: ResourceRequest): AuthorizationResult {
  const result = authorizeResource(request);
  const { resource } = request;
  if (resource.qualifier === undefined || resource.functionArn !== undefined) return result;
  const note = noteEvidence(
    { kind: 'resource', name: 'function policy', arn: `${resource.arn}:${resource.qualifier}` },
    `The snapshot holds no policy of ${resource.arn}:${resource.qualifier} (${unlistedQualifier(resource)}): decided with the function's own policy on ${resource.arn}; a call naming the qualified ARN is decided by that version's or alias's own policy`,
  );
  return {
    ...result,
    evidence: [...result.evidence, note],
    notes: [...result.notes, 'qualified-function-policy-not-in-snapshot'],
  };
}

/** Why the qualifier of `fn` (an alias name or a version number) has no profile of its own. */
function unlistedQualifier(fn: ResourceProfile): string {
  if (/^[0-9]+$/.test(fn.qualifier ?? ''))
    return fn.functionVersions === undefined
      ? "the function's published versions are not in the snapshot"
      : 'not a published version the snapshot lists';
  return fn.functionAliases === undefined
    ? "the function's aliases are not in the snapshot"
    : 'not an alias the snapshot lists';
}

/** A resource of resources.json by ARN (a key also by its alias ARN; a secret by its partial ARN). */
function findResource(model: AuthzModel, arn: string): ResourceProfile | undefined {
  const exact = model.resources?.get(arn);
  if (exact) return exact;
  const parsed = parseArn(arn);
  if (parsed?.service === 'kms') {
    const id = parsed.resource.startsWith('key/') ? parsed.resource.slice(4) : parsed.resource;
    const keyArn = model.keyIds?.get(`${parsed.accountId}/${parsed.region}/${id}`);
    return keyArn === undefined ? undefined : model.resources?.get(keyArn);
  }
  if (parsed?.service === 'secretsmanager') {
    // A secret ARN without its random six-character suffix (a partial ARN).
    const matches = [...(model.resources?.values() ?? [])].filter(
      (r) =>
        r.type === 'secretsmanager-secret' &&
        r.arn.startsWith(`${arn}-`) &&
        r.arn.length === arn.length + 7,
    );
    return matches.length === 1 ? matches[0] : undefined;
  }
  if (parsed?.service === 'lambda') {
    // A qualified function ARN (a version or an alias) names the function's policy too; a call
    // through a URL goes to that qualifier's URL.
    const m = /^(function:[^:]+):([^:]+)$/.exec(parsed.resource);
    if (m?.[1] !== undefined && m[2] !== undefined) {
      const fn = model.resources?.get(
        `arn:${parsed.partition}:lambda:${parsed.region}:${parsed.accountId}:${m[1]}`,
      );
      if (fn?.service !== 'lambda') return undefined;
      if (m[2] === '$LATEST') return fn;
      // An alias or published version of the snapshot: its ARN and its own policy decide
      // (using-aliases.html, API_AddPermission.html).
      const alias = (/^[0-9]+$/.test(m[2]) ? fn.functionVersions : fn.functionAliases)?.find(
        (a) => a.name === m[2],
      );
      return alias?.profile ?? { ...fn, qualifier: m[2] };
    }
  }
  return undefined;
}

function contextOptions(req: SimulateRequest): ContextOptions {
  const known: Record<string, ContextValue> = { ...req.context };
  const has = (key: string): boolean =>
    Object.keys(known).some((k) => k.toLowerCase() === key.toLowerCase());
  if (req.sessionTags) {
    for (const [k, v] of Object.entries(req.sessionTags))
      if (!has(`aws:RequestTag/${k}`)) known[`aws:RequestTag/${k}`] = v;
    const tagKeys = Object.keys(req.sessionTags);
    if (tagKeys.length > 0 && !has('aws:TagKeys')) known['aws:TagKeys'] = tagKeys;
  }
  if (req.sourceIdentity !== undefined && !has('sts:SourceIdentity'))
    known['sts:SourceIdentity'] = req.sourceIdentity;
  return { known, unknown: req.unknownContextKeys, otherKeys: 'absent' };
}

function withSessionPolicy(caller: CallerProfile, req: SimulateRequest): CallerProfile {
  if (req.sessionPolicy === undefined) return caller;
  const t = caller.caller.type;
  if (t !== 'role-session' && t !== 'federated-user')
    throw new SimulateRequestError(
      'sessionPolicy',
      'only a role session or a federated user has a session policy; the principal is neither',
    );
  const sessionPolicy = compilePolicy(req.sessionPolicy, {
    kind: 'session',
    name: 'session policy',
    attachedTo: caller.key,
  });
  return { ...caller, sessionPolicy };
}

function findRole(model: AuthzModel, arn: string): AssumeRoleRequest['role'] | undefined {
  const exact = model.roles.get(arn);
  if (exact) return exact;
  const parsed = parseArn(arn);
  if (!parsed?.resource.startsWith('role/')) return undefined;
  const name = parsed.resource.slice(parsed.resource.lastIndexOf('/') + 1).toLowerCase();
  for (const r of model.roles.values())
    if (
      r.accountId === parsed.accountId &&
      r.partition === parsed.partition &&
      r.name.toLowerCase() === name
    )
      return r;
  return undefined;
}

/**
 * The decision-layer request a simulate request stands for.
 *
 * @throws SimulateRequestError for an unsupported action, a resource that is not in the
 *   snapshot or does not fit the action, or a field that does not fit the action.
 */
export function planSimulation(model: AuthzModel, req: SimulateRequest): SimulationPlan {
  const lower = req.action.toLowerCase();
  const assume = ASSUME_ACTIONS.get(lower);
  if (assume) {
    const parsed = parseArn(req.resource);
    if (parsed?.service !== 'iam' || !parsed.resource.startsWith('role/'))
      throw new SimulateRequestError(
        'resource',
        `${req.action} needs a role ARN (arn:PARTITION:iam::ACCOUNT:role/NAME)`,
      );
    const role = findRole(model, req.resource);
    if (!role)
      throw new SimulateRequestError('resource', `role ${req.resource} is not in the snapshot`);
    const caller = withSessionPolicy(callerFromArn(model, req.principal), req);
    const request: AssumeRoleRequest = {
      action: assume,
      caller,
      role,
      model,
      context: contextOptions(req),
      roleChaining: req.roleChaining ?? caller.caller.type === 'role-session',
    };
    if (req.sessionTags && Object.keys(req.sessionTags).length > 0) request.tagsPassed = true;
    if (req.sourceIdentity !== undefined) request.sourceIdentitySet = true;
    if (req.durationSeconds !== undefined) request.durationSeconds = req.durationSeconds;
    return { kind: 'assume-role', request };
  }
  if (/^s3:[a-z0-9]+$/i.test(req.action)) {
    for (const f of STS_ONLY_FIELDS)
      if (req[f] !== undefined)
        throw new SimulateRequestError(f, `applies to sts actions only, not ${req.action}`);
    const parsed = parseArn(req.resource);
    if (parsed?.service !== 's3' || parsed.resource === '')
      throw new SimulateRequestError(
        'resource',
        `${req.action} needs a bucket or object ARN (arn:PARTITION:s3:::BUCKET[/KEY])`,
      );
    const slash = parsed.resource.indexOf('/');
    const bucketName = slash < 0 ? parsed.resource : parsed.resource.slice(0, slash);
    const objectKey = slash < 0 ? undefined : parsed.resource.slice(slash + 1);
    const bucket = model.buckets.get(`arn:${parsed.partition}:s3:::${bucketName}`);
    if (!bucket)
      throw new SimulateRequestError(
        'resource',
        `bucket ${bucketName} is not in the snapshot (no s3.json lists it)`,
      );
    const objectAction = isObjectAction(req.action);
    if (objectAction && (objectKey === undefined || objectKey === ''))
      throw new SimulateRequestError(
        'resource',
        `${req.action} acts on objects: give an object ARN (arn:${parsed.partition}:s3:::${bucketName}/KEY)`,
      );
    if (!objectAction && objectKey !== undefined)
      throw new SimulateRequestError(
        'resource',
        `${req.action} acts on the bucket: give the bucket ARN (arn:${parsed.partition}:s3:::${bucketName})`,
      );
    const request: S3Request = {
      action: req.action,
      caller: withSessionPolicy(callerFromArn(model, req.principal), req),
      bucket,
      model,
      context: contextOptions(req),
    };
    if (objectKey !== undefined) request.objectKey = objectKey;
    return { kind: 's3', request };
  }
  const service = /^[a-z0-9-]+:[a-z0-9*]+$/i.test(req.action)
    ? serviceOfAction(req.action)
    : undefined;
  if (service !== undefined) {
    for (const f of STS_ONLY_FIELDS)
      if (req[f] !== undefined)
        throw new SimulateRequestError(f, `applies to sts actions only, not ${req.action}`);
    const resource = findResource(model, req.resource);
    // Not in resources.json: the caller's side is still decided, and the answer says so.
    if (!resource) return actionPlan(model, req);
    if (resource.service !== service)
      throw new SimulateRequestError(
        'resource',
        `${req.action} is a ${service} action but ${resource.arn} is a ${resource.type}`,
      );
    const request: ResourceRequest = {
      action: req.action,
      caller: withSessionPolicy(callerFromArn(model, req.principal), req),
      resource,
      model,
      context: contextOptions(req),
    };
    return { kind: 'resource', request };
  }
  if (/^[a-z0-9-]+:[a-z0-9]+$/i.test(req.action)) return actionPlan(model, req);
  throw new SimulateRequestError(
    'action',
    `"${req.action}" is not an action (SERVICE:Action, e.g. ec2:RunInstances): ${SUPPORTED_ACTIONS_TEXT}`,
  );
}

/** Decides a simulate request against a compiled model. */
export function simulate(model: AuthzModel, req: SimulateRequest): AuthorizationResult {
  return decidePlan(planSimulation(model, req));
}

/** Decides a planned request with the authorizer of its kind. */
export function decidePlan(plan: SimulationPlan): AuthorizationResult {
  switch (plan.kind) {
    case 'assume-role':
      return authorizeAssumeRole(plan.request);
    case 's3':
      return authorizeS3(plan.request);
    case 'resource':
      return decideResource(plan.request);
    case 'action':
      return decideAction(plan.request);
    default:
      return assertNever(plan);
  }
}

/**
 * Who is an administrator (issue "Who is an administrator"; IAM-SEMANTICS.md "Privilege escalation" E.2): a
 * principal whose effective permissions allow every action on every resource, decided by the
 * engine itself — identity policies (Action and NotAction, Resource and NotResource), Deny
 * precedence, the permissions boundary and every SCP level — not by matching statements.
 *
 * "Every action on every resource" cannot be enumerated, so it is probed, on a resource no policy
 * names: an action of a service no policy names (only `*`-like patterns and NotAction match it),
 * an unnamed action of every service that any of the principal's statements (identity, boundary,
 * SCPs) names — so `Allow NotAction s3:*` plus `Allow s3:*` is an administrator and a
 * `Deny s3:*` or a `Deny NotAction sts:GetCallerIdentity` is not — and the actions an
 * administrator needs to act as any principal of its account (`iam:UpdateAssumeRolePolicy`,
 * `sts:AssumeRole`, `iam:CreateAccessKey`, policy writes, `iam:PassRole`). A Deny of a few named
 * actions (an SCP guardrail on `organizations:LeaveOrganization`) or of named resources leaves an
 * administrator one: it still owns its account. The principal is an administrator when the
 * engine allows every probe, with the principal's own facts known and request-time keys
 * unknown: a decision that only the caller's own choices decide (`aws:RequestedRegion`) counts
 * as allowed; any other condition (MFA, source IP) leaves the principal not an administrator.
 *
 * Cheap pre-test: an administrator's identity policies must allow an action of an unnamed
 * service, which only `*`, `*:*` or a NotAction statement does; everyone else is decided at once.
 */
import type { CompiledPolicy, CompiledStatement, PolicyRequest } from '../policy/types.js';
import { describeStatement, statementMatchesAction } from '../policy/index.js';
import { factsRequestContext, resourceFactTable, type FactTable } from './authz-context.js';
import { isCallerChosenKey } from './caller-chosen-keys.js';
import { callerDenies, evaluateCallerScps, evaluateCallerSide } from './caller-side.js';
import { and, TRUE, type TriKeys } from './tri.js';
import type { AuthzModel, CallerProfile, ContextOptions } from './types.js';

/** A service name that no policy uses: only `*`-like patterns and NotAction match its actions. */
export const PROBE_SERVICE = 'trustmapprobe';
const PROBE_ACTION = `${PROBE_SERVICE}:ProbeAction`;
const OPTIONS: ContextOptions = { otherKeys: 'unknown' };

const PROBE_ALLOW = new WeakMap<CompiledStatement, boolean>();

function allowsUnnamedService(stmt: CompiledStatement): boolean {
  let v = PROBE_ALLOW.get(stmt);
  if (v === undefined) {
    v = stmt.effect === 'Allow' && statementMatchesAction(stmt, PROBE_ACTION);
    PROBE_ALLOW.set(stmt, v);
  }
  return v;
}

/** Whether some identity Allow statement matches an action of an unnamed service. */
export function mayBeAdministrator(policies: readonly CompiledPolicy[]): boolean {
  return policies.some((p) => p.statements.some(allowsUnnamedService));
}

/** What an administrator needs to act as any principal of its account. */
const OWNER_ACTIONS = [
  'iam:UpdateAssumeRolePolicy',
  'sts:AssumeRole',
  'iam:CreateAccessKey',
  'iam:PutRolePolicy',
  'iam:AttachRolePolicy',
  'iam:PutUserPolicy',
  'iam:PassRole',
];

const SERVICES = new WeakMap<CompiledStatement, readonly string[]>();

/** The services a statement names in Action or NotAction (`s3` of `s3:Get*`). */
function servicesOf(stmt: CompiledStatement): readonly string[] {
  let out = SERVICES.get(stmt);
  if (out === undefined) {
    const view = describeStatement(stmt);
    const set = new Set<string>();
    for (const a of [...(view.actions ?? []), ...(view.notActions ?? [])]) {
      const i = a.indexOf(':');
      if (i > 0 && !/[*?]/.test(a.slice(0, i))) set.add(a.slice(0, i).toLowerCase());
    }
    out = [...set];
    SERVICES.set(stmt, out);
  }
  return out;
}

function probeActions(policies: readonly CompiledPolicy[]): Set<string> {
  const actions = new Set<string>([PROBE_ACTION, ...OWNER_ACTIONS]);
  for (const policy of policies)
    for (const stmt of policy.statements)
      for (const service of servicesOf(stmt)) actions.add(`${service}:TrustmapProbeAction`);
  return actions;
}

/** The policies that decide a caller's permissions (identity, boundary, SCP levels). */
function policiesOf(p: CallerProfile): CompiledPolicy[] {
  const out = [...p.identityPolicies];
  if (p.permissionsBoundary) out.push(p.permissionsBoundary);
  if (p.sessionPolicy) out.push(p.sessionPolicy);
  for (const level of p.scps?.levels ?? []) out.push(...level.policies);
  return out;
}

function settled(t: TriKeys): boolean {
  return t.value === true || (t.value === 'unknown' && t.keys.every(isCallerChosenKey));
}

/** Whether every probe is allowed for `p` (see the file header). */
function allowsEverything(p: CallerProfile, model: AuthzModel, partition: string): boolean {
  const account = p.accountId ?? '000000000000';
  const resource = `arn:${partition}:${PROBE_SERVICE}:zz-probe-1:${account}:probe/Zz`;
  const facts: FactTable = resourceFactTable({ 'aws:ResourceAccount': account }, false);
  for (const action of probeActions(policiesOf(p))) {
    const request: PolicyRequest = {
      action,
      resource,
      caller: p.caller,
      context: factsRequestContext(p, facts, OPTIONS),
    };
    const side = evaluateCallerSide(p, request);
    const identity = and(side.identityAllow, and(side.boundaryAllow, side.sessionAllow));
    if (!settled(identity)) return false;
    evaluateCallerScps(p, model, request, side);
    if (!settled(and(identity, side.scps?.gate ?? TRUE))) return false;
    for (const d of callerDenies(side)) {
      if (d.applies === true) return false;
      if (!d.unknownKeys.every(isCallerChosenKey)) return false;
    }
  }
  return true;
}

/**
 * Whether `p` is an administrator of its account: the engine allows it every action on every
 * resource (file header). Callers whose policies are not known are never administrators here.
 */
export function isAdministrator(p: CallerProfile, model: AuthzModel): boolean {
  if (!p.policiesKnown || p.serviceLinked) return false;
  if (!mayBeAdministrator(p.identityPolicies)) return false;
  const partition =
    p.caller.type === 'user' || p.caller.type === 'role-session' ? p.caller.partition : 'aws';
  return allowsEverything(p, model, partition);
}

/**
 * Running a Lambda function's `$LATEST` code through one of its function URLs (IAM-SEMANTICS.md
 * §7a.6): a takeover's invoke step when the Invoke API is not allowed. A URL call is decided as
 * the `invoke` group of the function's `can-access` edges decides it (both halves of the call,
 * the URL workloads.json lists and its AuthType: function-url.ts).
 */
import type {
  CallerProfile,
  FunctionAliasProfile,
  ResourceProfile,
} from '../../../authorize/types.js';
import type { Workload } from '../../../snapshot/types.js';
import { anonymousCaller } from '../../callers/opaque-callers.js';
import { decideForCaller } from '../can-access-resource.js';
import type { EscalationContext, Step } from './escalation-context.js';

/**
 * A call of a function URL of `$LATEST` by `attacker` (signed), or unsigned (`attacker`
 * undefined: anyone, decided once per function), as the `invoke` group of the function's
 * `can-access` edges decides it. Undefined when workloads.json lists the function's URLs and there
 * is none.
 */
function invokeThroughUrl(
  esc: EscalationContext,
  attacker: CallerProfile | undefined,
  w: Workload,
): Step | undefined {
  // No URL listed: none takes the call. Not collected: the policies decide, with the note
  // `function-url-config-not-in-snapshot`, as for the `can-access` edges.
  if (w.functionUrls?.length === 0) return undefined;
  const resource = esc.build.model.resources?.get(w.arn);
  if (resource === undefined) return undefined;
  const decide = (caller: CallerProfile): Step => ({
    action: 'lambda:InvokeFunctionUrl',
    resource: w.arn,
    result: decideForCaller(esc.build, caller, resource, 'lambda:InvokeFunctionUrl', runsLatest),
  });
  if (attacker !== undefined) return decide(attacker);
  let step = UNSIGNED_URL_CALLS.get(resource);
  if (step === undefined) UNSIGNED_URL_CALLS.set(resource, (step = decide(anonymousCaller())));
  return step;
}

/** Only an alias of `$LATEST` runs the code UpdateFunctionCode writes. */
export const runsLatest = (alias: FunctionAliasProfile): boolean =>
  alias.functionVersion === '$LATEST';

/** The unsigned function URL call of each function (the same for every attacker). */
const UNSIGNED_URL_CALLS = new WeakMap<ResourceProfile, Step>();

/**
 * The invoke step of `$LATEST` for `caller`: `api` (the Invoke API's decision) when it allows,
 * else the first allowed of `others` (other routes, in order), a function URL call signed by
 * `caller`, or an unsigned one; else the first conditional of them; else `api`.
 */
export function invokeOrUrl(
  esc: EscalationContext,
  caller: CallerProfile,
  w: Workload,
  api: Step,
  others: readonly (() => Step | undefined)[] = [],
): Step {
  let step = api;
  if (step.result.decision === 'allow') return step;
  const routes = [
    ...others,
    () => invokeThroughUrl(esc, caller, w),
    () => invokeThroughUrl(esc, undefined, w),
  ];
  for (const route of routes) {
    const other = route();
    if (other === undefined || other.result.decision === 'deny') continue;
    if (other.result.decision === 'allow') return other;
    if (step.result.decision === 'deny') step = other;
  }
  return step;
}

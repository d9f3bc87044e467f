/**
 * A Lambda function taken over by a caller whose policies the snapshot does not hold (IAM-SEMANTICS.md
 * §7a.6 and "Privilege escalation" E.3): an account outside the scan, a named user or role of
 * such an account, or any AWS principal (`*`), that the function policy lets call
 * `lambda:UpdateFunctionCode` — "you can grant cross-account access for most API actions that
 * operate on an existing function" ([Granting Lambda function access to other
 * accounts](https://docs.aws.amazon.com/lambda/latest/dg/permissions-function-cross-account.html)).
 * The new code runs as the function's role when the same caller may invoke `$LATEST` (the
 * function, or an alias of `$LATEST`: a published version runs none of the new code; or a
 * function URL of `$LATEST`, signed, or unsigned when the URL is open to anyone), or when a
 * service trigger runs it at its next event. Such a caller's identity side is its own account's
 * business (taken as allowing, as for its `can-access` edges).
 *
 * Principals of scanned accounts are the attackers of workload-takeover.ts; reading or invoking a
 * function is a `can-access` edge and never continues to its role.
 */
import type { CallerProfile, Evidence } from '../../../authorize/types.js';
import type { Workload } from '../../../snapshot/types.js';
import { ensureNode } from '../../build-context.js';
import { namedPrincipalCaller } from '../../callers/named-principal-caller.js';
import {
  ANYONE_KEY,
  anyPrincipalCaller,
  opaqueAccountCaller,
} from '../../callers/opaque-callers.js';
import { principalReferences } from '../../index/principal-references.js';
import { decideForCaller } from '../can-access-resource.js';
import type { EscalationContext, Step } from './escalation-context.js';
import { invokeOrUrl, runsLatest } from './function-url-invoke.js';

const UPDATE = 'lambda:UpdateFunctionCode';
const INVOKE = 'lambda:InvokeFunction';

/**
 * The takeover edges into function `w` (of `accountId`) from the opaque callers its policy names;
 * `triggerOf` gives the evidence of a service trigger that runs `$LATEST` (workload-takeover.ts
 * `existingTrigger`), if any.
 */
export function addOutsiderTakeovers(
  esc: EscalationContext,
  w: Workload,
  accountId: string,
  triggerOf: () => Evidence | undefined,
): void {
  if (w.type !== 'lambda-function' || w.roleArn === undefined) return;
  const resource = esc.build.model.resources?.get(w.arn);
  const policy = resource?.policy;
  if (resource === undefined || policy === undefined) return;
  const scanned = esc.build.model.scannedAccountIds;
  const callers = new Map<string, CallerProfile>();
  for (const ref of principalReferences(policy)) {
    let caller: CallerProfile | undefined;
    switch (ref.type) {
      case 'wildcard':
        ensureNode(esc.build, ANYONE_KEY, { kind: 'anyone', label: 'Anyone' });
        caller = anyPrincipalCaller(resource.partition);
        break;
      case 'account':
        // The function's own account and scanned accounts: their principals are known attackers.
        if (ref.accountId === accountId || scanned?.has(ref.accountId) === true) continue;
        caller = opaqueAccountCaller(
          esc.build.accounts.ensureAccount(ref.accountId),
          ref.accountId,
          ref.partition ?? resource.partition,
        );
        break;
      case 'user':
      case 'role': {
        const named = namedPrincipalCaller(esc.build, ref, resource.partition);
        if (named === undefined || named.policiesKnown) continue;
        caller = named;
        break;
      }
      // A session of a role outside the snapshot has no node (namedPrincipalCaller); services run
      // no code of the caller's; the rest never calls the Lambda API as such.
      case 'session':
      case 'service':
      case 'canonical-user':
      case 'federated':
      case 'federated-user':
      case 'unique-id':
      case 'invalid':
        continue;
    }
    if (!callers.has(caller.key)) callers.set(caller.key, caller);
  }
  if (callers.size === 0) return;
  const trigger = triggerOf();
  for (const caller of callers.values()) {
    const update: Step = {
      action: UPDATE,
      resource: w.arn,
      result: decideForCaller(esc.build, caller, resource, UPDATE),
    };
    if (update.result.decision === 'deny') continue;
    // The Invoke API (on the function or an alias of $LATEST), else a function URL.
    const invoke = invokeOrUrl(esc, caller, w, {
      action: INVOKE,
      resource: w.arn,
      result: decideForCaller(esc.build, caller, resource, INVOKE, runsLatest),
    });
    if (invoke.result.decision !== 'deny')
      esc.addEdge(caller.key, w.arn, `${UPDATE}+${INVOKE}`, [update, invoke], { workload: w.arn });
    if (trigger !== undefined)
      esc.addEdge(caller.key, w.arn, UPDATE, [update], {
        workload: w.arn,
        evidence: [trigger],
        notes: ['runs-at-existing-trigger'],
      });
  }
}

/**
 * The StackSets hop shared by self-managed and service-managed stack sets: the role StackSets
 * acts with (an administration role, or the organization's service-linked role) assumes an
 * execution role — the assume-role decision with no `sts:ExternalId` (StackSets sends none) and
 * request keys unknown, its evidence prefixed with who assumes.
 */
import { settleCallerChosenKeys } from '../../../authorize/caller-chosen-keys.js';
import { authorizeAssumeRole } from '../../../authorize/index.js';
import type { CallerProfile, RoleProfile } from '../../../authorize/types.js';
import type { EscalationContext, Step } from './escalation-context.js';

/** `caller` assumes the execution `role`; `who` names the caller in each evidence reason. */
export function decideExecutionRoleAssume(
  esc: EscalationContext,
  caller: CallerProfile,
  role: RoleProfile,
  who: string,
): Step {
  esc.build.stats.evaluations++;
  const result = settleCallerChosenKeys(
    authorizeAssumeRole({
      action: 'sts:AssumeRole',
      caller,
      role,
      model: esc.build.model,
      context: { otherKeys: 'unknown', absent: ['sts:ExternalId'] },
    }),
  );
  return {
    action: 'sts:AssumeRole',
    resource: role.arn,
    result: {
      ...result,
      evidence: result.evidence.map((e) => ({
        ...e,
        reason: `${who} assumes the execution role: ${e.reason}`,
      })),
    },
  };
}

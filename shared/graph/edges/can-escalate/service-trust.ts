/**
 * Whether a role's trust policy admits an AWS service acting for a resource of the role's
 * account (IAM-SEMANTICS.md "Privilege escalation" E.3): the assume-role decision for the service
 * principal, with `aws:SourceAccount` = the role's account and `aws:SourceArn` = the resource.
 */
import { authorizeAssumeRole } from '../../../authorize/index.js';
import { settleCallerChosenKeys } from '../../../authorize/caller-chosen-keys.js';
import type { RoleProfile } from '../../../authorize/types.js';
import { serviceCaller } from '../../callers/opaque-callers.js';
import type { EscalationContext, Step } from './escalation-context.js';

/** Whether the role's trust policy admits the service for a resource of the role's account. */
export function serviceAssumes(
  esc: EscalationContext,
  role: RoleProfile,
  service: string,
  sourceArn: string,
): Step {
  esc.build.stats.evaluations++;
  const result = settleCallerChosenKeys(
    authorizeAssumeRole({
      action: 'sts:AssumeRole',
      caller: serviceCaller(service),
      role,
      model: esc.build.model,
      context: {
        otherKeys: 'unknown',
        known: { 'aws:SourceAccount': role.accountId, 'aws:SourceArn': sourceArn },
      },
    }),
  );
  return {
    action: 'sts:AssumeRole',
    resource: role.arn,
    result: {
      ...result,
      evidence: result.evidence.map((e) => ({ ...e, reason: `${service}: ${e.reason}` })),
    },
  };
}

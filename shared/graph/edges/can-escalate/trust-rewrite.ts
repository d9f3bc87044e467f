/**
 * Technique family 2, trust rewrite (IAM-SEMANTICS.md "Privilege escalation" E.3): a principal that may call
 * `iam:UpdateAssumeRolePolicy` on a role of its account can make the role's trust policy name
 * itself, then assume the role. The second step is decided by the assume-role decision itself
 * (`authorizeAssumeRole` with the rewritten trust policy): the caller's identity side, boundary
 * and SCPs, the role's RCPs. Service-linked roles are protected by IAM and never rewritten. An
 * UpdateAssumeRolePolicy that a condition on the role's tags denies is tried again after
 * `iam:TagRole` (tag-first.ts).
 */
import { authorizeAssumeRole } from '../../../authorize/index.js';
import { settleCallerChosenKeys } from '../../../authorize/caller-chosen-keys.js';
import type { CallerProfile, RoleProfile } from '../../../authorize/types.js';
import { compilePolicy } from '../../../policy/index.js';
import { PermissionIndex, rolePatternKey } from '../../index/permission-index.js';
import type { EscalationContext, Step } from './escalation-context.js';
import { afterTagging } from './tag-first.js';

export const TRUST_REWRITE_ACTIONS = ['iam:UpdateAssumeRolePolicy'] as const;

/** The role as it would be once its trust policy names `caller` (a principal's own ARN). */
export function withTrustFor(role: RoleProfile, caller: CallerProfile): RoleProfile {
  const trustPolicy = compilePolicy(
    {
      Version: '2012-10-17',
      Statement: [{ Effect: 'Allow', Principal: { AWS: caller.key }, Action: 'sts:AssumeRole' }],
    },
    { kind: 'trust', name: 'trust policy as rewritten by the attacker', arn: role.arn },
  );
  return { ...role, trustPolicy };
}

/** The assume-role step after a rewrite. */
export function assumeAfterRewrite(
  esc: EscalationContext,
  caller: CallerProfile,
  role: RoleProfile,
): Step {
  esc.build.stats.evaluations++;
  const result = settleCallerChosenKeys(
    authorizeAssumeRole({
      action: 'sts:AssumeRole',
      caller,
      role: withTrustFor(role, caller),
      model: esc.build.model,
      context: { otherKeys: 'unknown' },
    }),
  );
  return { action: 'sts:AssumeRole', resource: role.arn, result };
}

/** Adds the trust-rewrite edges (attacker → role). */
export function addTrustRewriteEdges(esc: EscalationContext): void {
  const { model } = esc.build;
  const index = new PermissionIndex(esc.attackers(), TRUST_REWRITE_ACTIONS, rolePatternKey);
  for (const role of model.roles.values()) {
    if (role.serviceLinked || !esc.inScope(role.accountId)) continue;
    const candidates = index.candidates(role.accountId, role.arn, role.accountId);
    if (candidates.size === 0) continue;
    const facts = esc.roleFacts(role);
    for (const attacker of candidates) {
      if (attacker.key === role.arn) continue;
      const update = esc.decide(
        attacker,
        'iam:UpdateAssumeRolePolicy',
        role.arn,
        role.accountId,
        facts,
      );
      if (update.result.decision !== 'deny') {
        const assume = assumeAfterRewrite(esc, attacker, role);
        esc.addEdge(attacker.key, role.arn, 'iam:UpdateAssumeRolePolicy+sts:AssumeRole', [
          update,
          assume,
        ]);
        continue;
      }
      const tagged = afterTagging(
        esc,
        attacker,
        { arn: role.arn, accountId: role.accountId, facts, tagAction: 'iam:TagRole' },
        update,
      );
      if (tagged === undefined) continue;
      esc.addEdge(attacker.key, role.arn, 'iam:TagRole+iam:UpdateAssumeRolePolicy+sts:AssumeRole', [
        ...tagged,
        assumeAfterRewrite(esc, attacker, role),
      ]);
    }
  }
}

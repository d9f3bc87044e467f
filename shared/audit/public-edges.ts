/**
 * Whether an edge from `*` (anyone) is really open to the public: allowed, or conditional only on
 * keys an outsider satisfies (outsider-keys.ts). A `*` grant limited by `aws:PrincipalAccount`,
 * `aws:SourceIp` or `aws:SourceVpce` with fixed values is not public (the same reading as S3's
 * "public" and Access Analyzer's "does not consider conditions external users cannot influence"
 * — IAM-SEMANTICS.md §9).
 */
import type { AuthzModel, Evidence } from '../authorize/types.js';
import type { CompiledPolicy } from '../policy/types.js';
import type { EdgeAttributes } from '../graph/types.js';
import { outsiderSatisfies } from './outsider-keys.js';
import { statementsOfEdge } from './statement-conditions.js';

export function isPublicEdge(
  model: AuthzModel,
  target: string,
  attrs: Pick<EdgeAttributes, 'kind' | 'decision' | 'conditionKeys' | 'evidence'>,
): boolean {
  if (attrs.decision === 'allow') return true;
  const policy =
    attrs.kind === 'can-access'
      ? (model.buckets.get(target)?.policy ?? resourcePolicyOfEdge(model, target, attrs.evidence))
      : model.roles.get(target)?.trustPolicy;
  const { allows } = statementsOfEdge(
    policy,
    attrs.evidence,
    attrs.kind === 'can-access' ? 'resource' : 'trust',
  );
  return attrs.conditionKeys.every((k) => outsiderSatisfies(k, allows));
}

/**
 * The resource policy the edge's evidence cites: the resource's own, or — for a Lambda function
 * reached through an alias or a published version — that one's policy (its statement indexes).
 */
function resourcePolicyOfEdge(
  model: AuthzModel,
  target: string,
  evidence: readonly Evidence[],
): CompiledPolicy | undefined {
  const resource = model.resources?.get(target);
  if (resource === undefined) return undefined;
  for (const alias of [...(resource.functionAliases ?? []), ...(resource.functionVersions ?? [])]) {
    const policy = alias.profile.policy;
    if (policy === undefined) continue;
    const arn = policy.ref.arn;
    if (evidence.some((e) => e.policy.kind === 'resource' && e.policy.arn === arn)) return policy;
  }
  return resource.policy;
}

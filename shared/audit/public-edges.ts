/**
 * Whether an edge from `*` (anyone) is really open to the public: allowed, or conditional only on
 * keys an outsider satisfies (outsider-keys.ts). A `*` grant limited by `aws:PrincipalAccount`,
 * `aws:SourceIp` or `aws:SourceVpce` with fixed values is not public (the same reading as S3's
 * "public" and Access Analyzer's "does not consider conditions external users cannot influence"
 * — IAM-SEMANTICS.md §9).
 */
import type { AuthzModel } from '../authorize/types.js';
import type { EdgeAttributes } from '../graph/types.js';
import { outsiderSatisfies } from './outsider-keys.js';
import { statementsOfEdge } from './statement-conditions.js';

export function isPublicEdge(model: AuthzModel, target: string, attrs: EdgeAttributes): boolean {
  if (attrs.decision === 'allow') return true;
  const policy =
    attrs.kind === 'can-access'
      ? (model.buckets.get(target)?.policy ?? model.resources?.get(target)?.policy)
      : model.roles.get(target)?.trustPolicy;
  const { allows } = statementsOfEdge(
    policy,
    attrs.evidence,
    attrs.kind === 'can-access' ? 'resource' : 'trust',
  );
  return attrs.conditionKeys.every((k) => outsiderSatisfies(k, allows));
}

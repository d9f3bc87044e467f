/**
 * The policy language layer (IAM-SEMANTICS.md §1–§3, §5): compile a policy document once, then
 * evaluate it against requests, three-valued. See types.ts for the contract.
 */
export type * from './types.js';
export { compilePolicy, resourceIsImplied } from './compile-policy.js';
export { evaluatePolicy } from './evaluate-policy.js';
export { policyReadsCaller, policyReadsResource } from './request-dependence.js';
export { RequestContext } from './request-context.js';
export {
  describeStatement,
  statementMatchesAction,
  statementMayMatchResource,
} from './describe-statement.js';
export { compileWildcard, type WildcardMatcher } from './wildcard.js';

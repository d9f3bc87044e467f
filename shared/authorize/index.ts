/**
 * The decision layer (IAM-SEMANTICS.md §4, §6, §7, §8): combining trust, identity, boundary,
 * session, SCP, RCP, bucket policy and ACL into one three-valued decision with its evidence.
 */
export { compileAuthzModel } from './compile-authz-model.js';
export { authorizeAssumeRole, requiredActions } from './assume-role.js';
export { authorizeS3 } from './s3-request.js';
export { authorizeResource } from './resource-access.js';
export { authorizeResourcePolicy } from './resource-request.js';
export {
  RESOURCE_SERVICES,
  actionGroupsOf,
  serviceOfAction,
  serviceOfType,
  serviceRules,
  type ServiceRules,
} from './resource-services.js';
export {
  isPublicBucketPolicy,
  publicStatementIndexes,
  isRestrictingCondition,
} from './is-public-bucket-policy.js';
export { callerFromArn, BUILT_IN_OIDC_PROVIDERS, type PrincipalSpec } from './resolve-caller.js';
export {
  decidePlan,
  parseSimulateRequest,
  planSimulation,
  simulate,
  SUPPORTED_ACTIONS_TEXT,
  type SimulateRequest,
  type SimulationPlan,
} from './simulate-request.js';
export { SimulateRequestError } from './errors.js';
export { isObjectAction, s3ResourceArn } from './s3-actions.js';
export { isMissingPolicy } from './missing-policy.js';
export type * from './types.js';
export { authorizeAction, withKnownKeys, type ActionRequest } from './action-request.js';
export { resourceFactTable } from './authz-context.js';

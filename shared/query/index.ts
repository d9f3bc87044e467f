/**
 * The queries over the access graph (DESIGN.md "Queries"): one module each, re-exported here.
 */
export type * from './types.js';
export { findWhoCanAssume } from './can-assume.js';
export { findPaths } from './find-paths.js';
export { findWhoCanReach } from './who-can-reach.js';
export { findReachableFrom } from './reachable-from.js';
export { resolveNodeKey, suggestNodeKeys } from './resolve-node.js';
export {
  AmbiguousNodeError,
  UnknownNodeError,
  WrongActionGroupError,
  WrongNodeKindError,
} from './query-errors.js';
export {
  ALL_ACTION_GROUPS,
  RESOURCE_GROUPS,
  actionGroupsOfNode,
  resolveActionGroup,
} from './action-groups.js';
export { describeStart, startScope, compareScopes } from './start-scope.js';
export {
  claimTenancy,
  isBroadSubjectPattern,
  issuerOf,
  multiTenantIssuer,
  type MultiTenantIssuer,
} from './idp-tenancy.js';

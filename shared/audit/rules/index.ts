/**
 * Every finding rule, in the order DESIGN.md lists them. Rule ids are stable: they are part of
 * every finding's fingerprint and of suppressions in users' configs.
 */
import type { FindingRule } from '../types.js';
import { bucketReachableFromOutsideOrg } from './bucket-reachable-from-outside-org.js';
import { deletedPrincipalInTrust } from './deleted-principal-in-trust.js';
import { externalPathToAdmin } from './external-path-to-admin.js';
import { privilegeEscalationToAdmin } from './privilege-escalation-to-admin.js';
import { externalTrustUnknownAccount } from './external-trust-unknown-account.js';
import { incompleteCoverage } from './incomplete-coverage.js';
import { oidcTrustWildcardSubject } from './oidc-trust-wildcard-subject.js';
import { oidcTrustWithoutSubject } from './oidc-trust-without-subject.js';
import { kmsKeyAdminOutsideOrg } from './kms-key-admin-outside-org.js';
import { publicBucket } from './public-bucket.js';
import { publicResource } from './public-resource.js';
import { resourceReachableFromOutsideOrg } from './resource-reachable-from-outside-org.js';
import { publicTrust } from './public-trust.js';
import { serviceTrustWithoutSource } from './service-trust-without-source.js';
import { ssoAdminGroupTooLarge } from './sso-admin-group-too-large.js';
import { ssoAssignmentRoleMissing } from './sso-assignment-role-missing.js';
import { ssoAssignmentToDeletedPrincipal } from './sso-assignment-to-deleted-principal.js';
import { ssoDirectUserAssignment } from './sso-direct-user-assignment.js';
import { vendorTrustWithoutExternalId } from './vendor-trust-without-external-id.js';

export const RULES: readonly FindingRule[] = [
  publicTrust,
  externalTrustUnknownAccount,
  vendorTrustWithoutExternalId,
  oidcTrustWithoutSubject,
  oidcTrustWildcardSubject,
  serviceTrustWithoutSource,
  deletedPrincipalInTrust,
  externalPathToAdmin,
  bucketReachableFromOutsideOrg,
  publicBucket,
  publicResource,
  resourceReachableFromOutsideOrg,
  kmsKeyAdminOutsideOrg,
  incompleteCoverage,
  privilegeEscalationToAdmin,
  ssoAdminGroupTooLarge,
  ssoDirectUserAssignment,
  ssoAssignmentToDeletedPrincipal,
  ssoAssignmentRoleMissing,
];

/**
 * Builds one account of the demo organization: the baseline every account of its kind has, the
 * planted scenarios of the named accounts, and seeded filler.
 */
import { AccountBuilder } from '../account-builder.js';
import {
  ANALYTICS_PROD,
  DATA_PROD,
  LOG_ARCHIVE,
  PARTITION,
  PAYMENTS_DEV,
  PAYMENTS_PROD,
  PLANTED_WORKLOADS,
  REGION,
  SANDBOX,
  WEB_DEV,
  WEB_PROD,
  type DemoAccount,
} from '../demo-constants.js';
import type { DocumentEncoding } from '../iam-types.js';
import { ALL_BLOCKED } from '../account-builder.js';
import { addAccountBaseline, addMemberBaseline, addWorkloadBaseline } from './common-roles.js';
import {
  buildLogArchiveAccount,
  buildManagementAccount,
  buildSecurityAccount,
  buildSharedServicesAccount,
} from './core-accounts.js';
import { plantEscalation } from './escalation-plants.js';
import { addFillerPrincipals } from './filler-principals.js';
import {
  plantedFunctions,
  plantResources,
  type FunctionJson,
  type ResourcesJson,
} from './planted-resources.js';
import { applyPreviousGeneration, type DemoGeneration } from './previous-generation.js';
import {
  plantDataProd,
  plantPaymentsDev,
  plantPaymentsProd,
  plantWebDev,
  plantWebProd,
} from './planted-workloads.js';

/** Index of a workload account (500000000009 → 9), or undefined for core accounts. */
function workloadIndex(account: DemoAccount): number | undefined {
  return account.kind === 'workload' ? Number(account.id) - 500_000_000_000 : undefined;
}

/**
 * How the account's iam.json writes policy documents: the log archive as the IAM API returns them
 * (URL-encoded), acme-analytics-prod as JSON strings, generic workloads in turn, the rest as objects.
 */
export function documentEncodingOf(account: DemoAccount): DocumentEncoding {
  if (account.id === LOG_ARCHIVE) return 'url-encoded';
  if (account.id === ANALYTICS_PROD) return 'json-string';
  const index = workloadIndex(account);
  if (index !== undefined && index > PLANTED_WORKLOADS) {
    const encodings: DocumentEncoding[] = ['url-encoded', 'object', 'json-string'];
    return encodings[index % 3] ?? 'object';
  }
  return 'object';
}

export interface BuildAccountOptions {
  seed: string;
  /** Principal count of generic workload accounts. */
  genericPrincipals: number;
  /** The previous generation differs in two roles (accounts/previous-generation.ts). */
  generation?: DemoGeneration;
  /** Keys, secrets, queues, topics and repositories of each generic workload account. */
  resourcesPerType?: number;
}

/** An account's builder and its resources.json (undefined: none). */
export function buildAccountWithResources(
  account: DemoAccount,
  options: BuildAccountOptions,
): { builder: AccountBuilder; resources: ResourcesJson | undefined; functions: FunctionJson[] } {
  const builder = buildAccount(account, options);
  const index = workloadIndex(account);
  const plant = {
    generic: index !== undefined && index > PLANTED_WORKLOADS,
    resourcesPerType: options.resourcesPerType ?? 0,
  };
  const resources = plantResources(builder, plant);
  const functions = plantedFunctions(account.id, builder.partition, plant);
  return { builder, resources, functions };
}

export function buildAccount(account: DemoAccount, options: BuildAccountOptions): AccountBuilder {
  const b = new AccountBuilder(
    account.id,
    account.name,
    PARTITION,
    REGION,
    options.seed,
    documentEncodingOf(account),
  );
  switch (account.kind) {
    case 'management':
      buildManagementAccount(b);
      return b;
    case 'security':
      buildSecurityAccount(b);
      return b;
    case 'log-archive':
      buildLogArchiveAccount(b);
      return b;
    case 'shared-services':
      buildSharedServicesAccount(b);
      return b;
    case 'workload':
      break;
  }
  addAccountBaseline(b);
  addMemberBaseline(b);
  addWorkloadBaseline(b, account);
  switch (account.id) {
    case PAYMENTS_PROD:
      plantPaymentsProd(b);
      break;
    case WEB_PROD:
      plantWebProd(b);
      break;
    case PAYMENTS_DEV:
      plantPaymentsDev(b);
      break;
    case WEB_DEV:
      plantWebDev(b);
      break;
    case DATA_PROD:
      plantDataProd(b);
      break;
    case SANDBOX:
      b.setAccountPublicAccessBlock(ALL_BLOCKED);
      plantEscalation(b);
      break;
    default:
      b.setAccountPublicAccessBlock(ALL_BLOCKED);
  }
  const index = workloadIndex(account) ?? 0;
  if (index > PLANTED_WORKLOADS) addFillerPrincipals(b, options.genericPrincipals);
  else addFillerPrincipals(b, 0, 2 + b.prng.int(4));
  if (options.generation === 'previous') applyPreviousGeneration(b);
  return b;
}

/**
 * The fixed identifiers of the demo organization. docs/demo-organization.md lists them and other
 * suites test against them: change them only together with that document.
 */

export const PARTITION = 'aws';
export const ORG_ID = 'o-a1b2c3d4e5';
/** Another organization (a partner's) that some resources of acme-data-prod are shared with. */
export const PARTNER_ORG_ID = 'o-p4r7n3r0rg';
export const ROOT_ID = 'r-a1b2';
export const REGION = 'us-east-1';

export const MANAGEMENT = '111111111111';
export const SECURITY = '222222222222';
export const LOG_ARCHIVE = '333333333333';
export const SHARED_SERVICES = '444444444444';

/** Workload account ids: 500000000001, 500000000002, … */
export function workloadAccountId(index: number): string {
  return String(500_000_000_000 + index);
}

/** The planted workload accounts (docs/demo-organization.md). */
export const PAYMENTS_PROD = workloadAccountId(1);
export const WEB_PROD = workloadAccountId(2);
export const PAYMENTS_DEV = workloadAccountId(3);
export const WEB_DEV = workloadAccountId(4);
export const DATA_PROD = workloadAccountId(5);
export const SANDBOX = workloadAccountId(6);
/** Listed in the organization, not readable: collection.json marks it `denied`, no folder. */
export const LEGACY_PROD = workloadAccountId(7);
export const ANALYTICS_PROD = workloadAccountId(8);
export const PLANTED_WORKLOADS = 8;

/** An account outside the organization and outside every known-vendor list. */
export const UNKNOWN_EXTERNAL = '999988887777';
/** Datadog (US1), from data/known-aws-accounts.json. */
export const DATADOG = '464622532012';
/** CloudHealth, from data/known-aws-accounts.json. */
export const CLOUDHEALTH = '454464851268';
/** A Snowflake deployment account, from data/known-aws-accounts.extra.json. */
export const SNOWFLAKE = '797287225358';
export const SNOWFLAKE_USER = 'k7m20000-s';

export const OU = {
  security: 'ou-a1b2-security',
  infrastructure: 'ou-a1b2-infrastr',
  workloads: 'ou-a1b2-workload',
  prod: 'ou-a1b2-wlprod00',
  dev: 'ou-a1b2-wldev000',
} as const;

export const OU_NAMES: Readonly<Record<string, string>> = {
  [OU.security]: 'Security',
  [OU.infrastructure]: 'Infrastructure',
  [OU.workloads]: 'Workloads',
  [OU.prod]: 'Prod',
  [OU.dev]: 'Dev',
};

export const OU_PARENTS: Readonly<Record<string, string>> = {
  [OU.security]: ROOT_ID,
  [OU.infrastructure]: ROOT_ID,
  [OU.workloads]: ROOT_ID,
  [OU.prod]: OU.workloads,
  [OU.dev]: OU.workloads,
};

/** IAM Identity Center: the SAML provider and permission-set role suffixes (same in every account). */
export const SSO_PROVIDER_NAME = 'AWSSSO_4f3b2a1c0d9e8f7a_DO_NOT_DELETE';
export const SSO_ADMIN_ROLE = 'AWSReservedSSO_AdministratorAccess_a1b2c3d4e5f60718';
export const SSO_READONLY_ROLE = 'AWSReservedSSO_ReadOnlyAccess_0f1e2d3c4b5a6978';
export const SSO_ROLE_PATH = '/aws-reserved/sso.amazonaws.com/';
/** StackSets' service-linked role of the management account (trusted access for stack sets). */
export const STACKSETS_ORG_ADMIN_ROLE = 'AWSServiceRoleForCloudFormationStackSetsOrgAdmin';
export const STACKSETS_ORG_ADMIN_PATH = '/aws-service-role/stacksets.cloudformation.amazonaws.com/';
/** The execution role StackSets created in acme-sandbox for a service-managed stack set. */
export const STACKSETS_EXEC_ROLE = 'stacksets-exec-3a13bad69ee5cf8afa9722d7c9573dc1';

/** The unique id of a deleted role, still shown in a trust policy (IAM-SEMANTICS §2.1). */
export const DELETED_ROLE_UNIQUE_ID = 'AROAZ7DEMOXDELETEDQ42';

export const EXTERNAL_DEPLOY_EXTERNAL_ID = 'acme-deploy-7f3a9c';
export const SNOWFLAKE_EXTERNAL_ID = 'ACME01234_SFCRole=2_dGhpcyBpcyBhIGRlbW8gdmFsdWU=';
/** The ExternalId Datadog is given for one account. */
export function datadogExternalId(accountId: string): string {
  return `acme-dd-${accountId}`;
}

export const GITHUB_OIDC_HOST = 'token.actions.githubusercontent.com';

/** Fixed times: the demo never reads the clock. */
export const COLLECTION_STARTED_AT = '2026-01-15T03:00:00.000Z';
export const COLLECTION_FINISHED_AT = '2026-01-15T03:04:10.000Z';
export const ORG_CREATED_AT = '2021-04-12T08:15:00.000Z';

export interface DemoAccount {
  id: string;
  name: string;
  /** Root or OU id. */
  parent: string;
  kind: 'management' | 'security' | 'log-archive' | 'shared-services' | 'workload';
  /** Prod or dev workload. */
  env?: 'prod' | 'dev';
  /** The account's IAM data can be read (a folder is written). */
  readable: boolean;
}

const PLANTED: readonly DemoAccount[] = [
  { id: MANAGEMENT, name: 'acme-management', parent: ROOT_ID, kind: 'management', readable: true },
  { id: SECURITY, name: 'acme-security', parent: OU.security, kind: 'security', readable: true },
  {
    id: LOG_ARCHIVE,
    name: 'acme-log-archive',
    parent: OU.security,
    kind: 'log-archive',
    readable: true,
  },
  {
    id: SHARED_SERVICES,
    name: 'acme-shared-services',
    parent: OU.infrastructure,
    kind: 'shared-services',
    readable: true,
  },
  {
    id: PAYMENTS_PROD,
    name: 'acme-payments-prod',
    parent: OU.prod,
    kind: 'workload',
    env: 'prod',
    readable: true,
  },
  {
    id: WEB_PROD,
    name: 'acme-web-prod',
    parent: OU.prod,
    kind: 'workload',
    env: 'prod',
    readable: true,
  },
  {
    id: PAYMENTS_DEV,
    name: 'acme-payments-dev',
    parent: OU.dev,
    kind: 'workload',
    env: 'dev',
    readable: true,
  },
  {
    id: WEB_DEV,
    name: 'acme-web-dev',
    parent: OU.dev,
    kind: 'workload',
    env: 'dev',
    readable: true,
  },
  {
    id: DATA_PROD,
    name: 'acme-data-prod',
    parent: OU.prod,
    kind: 'workload',
    env: 'prod',
    readable: true,
  },
  {
    id: SANDBOX,
    name: 'acme-sandbox',
    parent: OU.dev,
    kind: 'workload',
    env: 'dev',
    readable: true,
  },
  {
    id: LEGACY_PROD,
    name: 'acme-legacy-prod',
    parent: OU.prod,
    kind: 'workload',
    env: 'prod',
    readable: false,
  },
  {
    id: ANALYTICS_PROD,
    name: 'acme-analytics-prod',
    parent: OU.prod,
    kind: 'workload',
    env: 'prod',
    readable: true,
  },
];

/**
 * The accounts of an organization of `count` accounts, in id order: the 12 planted accounts, then
 * generic workload accounts 500000000009, 500000000010, … (odd index → Prod, even → Dev).
 */
export function demoAccounts(count: number): DemoAccount[] {
  const out = PLANTED.slice(0, count);
  for (let i = PLANTED_WORKLOADS + 1; out.length < count; i++) {
    const env = i % 2 === 1 ? 'prod' : 'dev';
    out.push({
      id: workloadAccountId(i),
      name: `acme-wl-${String(i).padStart(4, '0')}-${env}`,
      parent: env === 'prod' ? OU.prod : OU.dev,
      kind: 'workload',
      env,
      readable: true,
    });
  }
  return out;
}

/** The account-wide app data bucket of a workload account. */
export function appDataBucket(accountId: string): string {
  return `acme-app-data-${accountId}`;
}

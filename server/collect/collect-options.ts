/**
 * The validated options of a live collection. Precedence: flags > `TRUSTMAP_*` (and the AWS
 * CLI's own `AWS_*`) environment variables > defaults. The environment is passed in by the entry
 * point; nothing here reads `process.env`. Every message names the flag or variable and what was
 * expected.
 */
import { resolve as resolvePath } from 'node:path';

/** The raw flag values, as the command line parser hands them over. */
export interface CollectFlags {
  out?: string | undefined;
  profile?: string | undefined;
  region?: string | undefined;
  endpointUrl?: string | undefined;
  roleName?: string | undefined;
  externalId?: string | undefined;
  roleSessionName?: string | undefined;
  /** Each entry may hold several comma-separated ids. */
  accounts?: readonly string[] | undefined;
  excludeAccounts?: readonly string[] | undefined;
  ou?: readonly string[] | undefined;
  /** Each entry may hold several comma-separated regions. */
  regions?: readonly string[] | undefined;
  identityCenterRegion?: string | undefined;
  concurrency?: string | undefined;
  /** `--timeout SECONDS`: the whole collection's deadline (default: none). */
  timeout?: string | undefined;
  /** `--request-timeout SECONDS`: one HTTP request's (default 120); a timed-out call is retried. */
  requestTimeout?: string | undefined;
  resume?: boolean | undefined;
  quiet?: boolean | undefined;
  json?: boolean | undefined;
}

/** Endpoint overrides per service; `undefined` lets the SDK resolve the AWS endpoint. */
export interface ServiceEndpoints {
  organizations?: string | undefined;
  iam?: string | undefined;
  sts?: string | undefined;
  s3?: string | undefined;
  s3Control?: string | undefined;
  ec2?: string | undefined;
  lambda?: string | undefined;
  ecs?: string | undefined;
  codebuild?: string | undefined;
  glue?: string | undefined;
  sagemaker?: string | undefined;
  cloudformation?: string | undefined;
  apprunner?: string | undefined;
  autoscaling?: string | undefined;
  batch?: string | undefined;
  agentcoreControl?: string | undefined;
  cognitoIdentity?: string | undefined;
  sfn?: string | undefined;
  codedeploy?: string | undefined;
  kms?: string | undefined;
  secretsManager?: string | undefined;
  sqs?: string | undefined;
  sns?: string | undefined;
  ecr?: string | undefined;
  ssoAdmin?: string | undefined;
  identitystore?: string | undefined;
}

export interface CollectOptions {
  /** Absolute path of the snapshot directory to write. */
  outDir: string;
  profile: string | undefined;
  /** Explicit region; `undefined` lets the SDK read the profile, falling back to us-east-1. */
  region: string | undefined;
  endpoints: ServiceEndpoints;
  /** Role assumed in every member account (a name, optionally with a path: `audit/Trustmap`). */
  roleName: string;
  externalId: string | undefined;
  roleSessionName: string;
  /** Collect only these accounts; `undefined` = every account. */
  accounts: readonly string[] | undefined;
  excludeAccounts: readonly string[];
  /** Collect only accounts under these OUs or roots (recursively). Empty = no OU filter. */
  ous: readonly string[];
  /**
   * Regions whose workloads and resources are read in every account; `undefined` = the regions
   * enabled in each account (`ec2:DescribeRegions`).
   */
  regions: readonly string[] | undefined;
  /** Region of the IAM Identity Center instance; `undefined` = the home region. */
  identityCenterRegion: string | undefined;
  /** Accounts collected at once. */
  concurrency: number;
  /** SDK attempts per call (adaptive retry mode). */
  maxAttempts: number;
  /** Deadline of the whole collection in ms (`--timeout`); undefined = none. */
  timeoutMs: number | undefined;
  /** One HTTP request's timeout in ms (`--request-timeout`); it fails the attempt, then retries. */
  requestTimeoutMs: number;
  resume: boolean;
  quiet: boolean;
  json: boolean;
}

export const DEFAULT_COLLECT_SETTINGS = {
  roleName: 'OrganizationAccountAccessRole',
  roleSessionName: 'trustmap-collect',
  concurrency: 8,
  maxAttempts: 10,
  requestTimeoutSeconds: 120,
} as const;

export const MAX_CONCURRENCY = 256;

/** A flag or environment variable holds a value that cannot be used. */
export class CollectOptionError extends Error {
  override readonly name = 'CollectOptionError';
  /** The flag or variable at fault, e.g. `--concurrency`. */
  readonly key: string;
  constructor(key: string, message: string) {
    super(message);
    this.key = key;
  }
}

type Env = Readonly<Record<string, string | undefined>>;

const ACCOUNT_ID = /^\d{12}$/;
const OU_OR_ROOT_ID = /^(ou-[0-9a-z]{4,32}-[0-9a-z]{8,32}|r-[0-9a-z]{4,32})$/;
const ROLE_NAME = /^([\w+=,.@-]{1,512}\/)*[\w+=,.@-]{1,64}$/;
const SESSION_NAME = /^[\w+=,.@-]{2,64}$/;
const EXTERNAL_ID = /^[\w+=,.@:/-]{2,1224}$/;
const REGION = /^[a-z]{2}(-[a-z]+)+-\d{1,2}$/;
const PROFILE = /^[\w+=,.@:/-]{1,128}$/;

/** Resolves and validates the options; throws `CollectOptionError` naming the first bad value. */
export function resolveCollectOptions(flags: CollectFlags, env: Env, cwd: string): CollectOptions {
  const out = nonEmpty(flags.out);
  if (out === undefined) {
    throw new CollectOptionError('--out', '--out DIR is required: the snapshot directory to write');
  }

  const profile = pick(flags.profile, '--profile', env, 'AWS_PROFILE');
  if (profile !== undefined) check(profile, PROFILE, 'a profile name from ~/.aws/config');

  const region =
    pick(flags.region, '--region', env, 'AWS_REGION') ?? pickEnv(env, 'AWS_DEFAULT_REGION');
  if (region !== undefined) check(region, REGION, 'an AWS region such as eu-west-1');

  const roleName = pick(flags.roleName, '--role-name', env, 'TRUSTMAP_ROLE_NAME') ?? {
    value: DEFAULT_COLLECT_SETTINGS.roleName,
    key: '--role-name',
  };
  check(
    roleName,
    ROLE_NAME,
    'an IAM role name (letters, digits and +=,.@_-, optionally with a path)',
  );

  const externalId = pick(flags.externalId, '--external-id', env, 'TRUSTMAP_EXTERNAL_ID');
  if (externalId !== undefined) {
    check(externalId, EXTERNAL_ID, '2 to 1224 characters from letters, digits and +=,.@:/-_');
  }

  const sessionName = pick(
    flags.roleSessionName,
    '--role-session-name',
    env,
    'TRUSTMAP_ROLE_SESSION_NAME',
  ) ?? { value: DEFAULT_COLLECT_SETTINGS.roleSessionName, key: '--role-session-name' };
  check(sessionName, SESSION_NAME, '2 to 64 characters from letters, digits and +=,.@_-');

  const concurrency = parseIntegerSetting(
    pick(flags.concurrency, '--concurrency', env, 'TRUSTMAP_CONCURRENCY'),
    DEFAULT_COLLECT_SETTINGS.concurrency,
    1,
    MAX_CONCURRENCY,
  );
  const maxAttempts = parseIntegerSetting(
    pickEnv(env, 'TRUSTMAP_MAX_ATTEMPTS'),
    DEFAULT_COLLECT_SETTINGS.maxAttempts,
    1,
    50,
  );

  const timeout = pick(flags.timeout, '--timeout', env, 'TRUSTMAP_TIMEOUT');
  const timeoutMs =
    timeout === undefined ? undefined : parseIntegerSetting(timeout, 0, 1, 7 * 86_400) * 1000;
  const requestTimeoutMs =
    parseIntegerSetting(
      pick(flags.requestTimeout, '--request-timeout', env, 'TRUSTMAP_REQUEST_TIMEOUT'),
      DEFAULT_COLLECT_SETTINGS.requestTimeoutSeconds,
      1,
      3600,
    ) * 1000;

  const accounts =
    flags.accounts === undefined || flags.accounts.length === 0
      ? undefined
      : splitIds(flags.accounts, '--accounts', ACCOUNT_ID, 'a 12-digit account id');
  if (accounts?.length === 0) {
    throw new CollectOptionError(
      '--accounts',
      '--accounts: expected at least one 12-digit account id',
    );
  }
  const excludeAccounts = splitIds(
    flags.excludeAccounts ?? [],
    '--exclude-accounts',
    ACCOUNT_ID,
    'a 12-digit account id',
  );
  const ous = splitIds(
    flags.ou ?? [],
    '--ou',
    OU_OR_ROOT_ID,
    'an OU id (ou-xxxx-xxxxxxxx) or root id (r-xxxx)',
  );

  const regionsFromEnv = pickEnv(env, 'TRUSTMAP_REGIONS');
  const regions =
    flags.regions !== undefined && flags.regions.length > 0
      ? splitIds(flags.regions, '--regions', REGION, 'an AWS region such as eu-west-1')
      : splitIds(
          regionsFromEnv === undefined ? [] : [regionsFromEnv.value],
          'TRUSTMAP_REGIONS',
          REGION,
          'an AWS region such as eu-west-1',
        );

  const identityCenterRegion = pick(
    flags.identityCenterRegion,
    '--identity-center-region',
    env,
    'TRUSTMAP_IDENTITY_CENTER_REGION',
  );
  if (identityCenterRegion !== undefined) {
    check(identityCenterRegion, REGION, 'an AWS region such as eu-west-1');
  }

  return {
    outDir: resolvePath(cwd, out),
    profile: profile?.value,
    region: region?.value,
    endpoints: resolveServiceEndpoints(flags.endpointUrl, env),
    roleName: roleName.value,
    externalId: externalId?.value,
    roleSessionName: sessionName.value,
    accounts,
    excludeAccounts,
    ous,
    regions: regions.length === 0 ? undefined : regions,
    identityCenterRegion: identityCenterRegion?.value,
    concurrency,
    maxAttempts,
    timeoutMs,
    requestTimeoutMs,
    resume: flags.resume === true,
    quiet: flags.quiet === true,
    json: flags.json === true,
  };
}

/** The AWS CLI's names for the service-specific endpoint variables (`AWS_ENDPOINT_URL_<ID>`). */
const SERVICE_ENDPOINT_VARIABLES: Readonly<Record<keyof ServiceEndpoints, string>> = {
  organizations: 'AWS_ENDPOINT_URL_ORGANIZATIONS',
  iam: 'AWS_ENDPOINT_URL_IAM',
  sts: 'AWS_ENDPOINT_URL_STS',
  s3: 'AWS_ENDPOINT_URL_S3',
  s3Control: 'AWS_ENDPOINT_URL_S3_CONTROL',
  ec2: 'AWS_ENDPOINT_URL_EC2',
  lambda: 'AWS_ENDPOINT_URL_LAMBDA',
  ecs: 'AWS_ENDPOINT_URL_ECS',
  codebuild: 'AWS_ENDPOINT_URL_CODEBUILD',
  glue: 'AWS_ENDPOINT_URL_GLUE',
  sagemaker: 'AWS_ENDPOINT_URL_SAGEMAKER',
  cloudformation: 'AWS_ENDPOINT_URL_CLOUDFORMATION',
  apprunner: 'AWS_ENDPOINT_URL_APPRUNNER',
  autoscaling: 'AWS_ENDPOINT_URL_AUTO_SCALING',
  batch: 'AWS_ENDPOINT_URL_BATCH',
  agentcoreControl: 'AWS_ENDPOINT_URL_BEDROCK_AGENTCORE_CONTROL',
  cognitoIdentity: 'AWS_ENDPOINT_URL_COGNITO_IDENTITY',
  sfn: 'AWS_ENDPOINT_URL_SFN',
  codedeploy: 'AWS_ENDPOINT_URL_CODEDEPLOY',
  kms: 'AWS_ENDPOINT_URL_KMS',
  secretsManager: 'AWS_ENDPOINT_URL_SECRETS_MANAGER',
  sqs: 'AWS_ENDPOINT_URL_SQS',
  sns: 'AWS_ENDPOINT_URL_SNS',
  ecr: 'AWS_ENDPOINT_URL_ECR',
  ssoAdmin: 'AWS_ENDPOINT_URL_SSO_ADMIN',
  identitystore: 'AWS_ENDPOINT_URL_IDENTITYSTORE',
};

/**
 * Endpoint per service as the AWS CLI resolves it: `--endpoint-url` for every service, else
 * `AWS_ENDPOINT_URL_<SERVICE>`, else `AWS_ENDPOINT_URL`; the variables are ignored when
 * `AWS_IGNORE_CONFIGURED_ENDPOINT_URLS` is true. (Endpoints set in the shared config file are
 * left to the SDK, which reads them itself for the SDK clients.)
 */
export function resolveServiceEndpoints(
  endpointUrl: string | undefined,
  env: Env,
): ServiceEndpoints {
  const flag = nonEmpty(endpointUrl);
  if (flag !== undefined) {
    const url = checkUrl(flag, '--endpoint-url');
    const all: ServiceEndpoints = {};
    for (const service of Object.keys(SERVICE_ENDPOINT_VARIABLES) as (keyof ServiceEndpoints)[]) {
      all[service] = url;
    }
    return all;
  }
  const ignore = (env['AWS_IGNORE_CONFIGURED_ENDPOINT_URLS'] ?? '').toLowerCase() === 'true';
  if (ignore) return {};
  const global = nonEmpty(env['AWS_ENDPOINT_URL']);
  const globalUrl = global === undefined ? undefined : checkUrl(global, 'AWS_ENDPOINT_URL');
  const endpoints: ServiceEndpoints = {};
  for (const [service, variable] of Object.entries(SERVICE_ENDPOINT_VARIABLES) as [
    keyof ServiceEndpoints,
    string,
  ][]) {
    const specific = nonEmpty(env[variable]);
    const url = specific === undefined ? globalUrl : checkUrl(specific, variable);
    if (url !== undefined) endpoints[service] = url;
  }
  return endpoints;
}

/** The resolved options as printed at start-up: the ExternalId is masked. */
export function describeCollectOptions(options: CollectOptions): Record<string, unknown> {
  return {
    ...options,
    externalId: options.externalId === undefined ? undefined : '****',
  };
}

interface Setting {
  value: string;
  key: string;
}

function pick(
  flagValue: string | undefined,
  flagName: string,
  env: Env,
  variable: string,
): Setting | undefined {
  const fromFlag = nonEmpty(flagValue);
  if (fromFlag !== undefined) return { value: fromFlag, key: flagName };
  return pickEnv(env, variable);
}

function pickEnv(env: Env, variable: string): Setting | undefined {
  const value = nonEmpty(env[variable]);
  return value === undefined ? undefined : { value, key: variable };
}

function nonEmpty(value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  const trimmed = value.trim();
  return trimmed === '' ? undefined : trimmed;
}

function check(setting: Setting, pattern: RegExp, expected: string): void {
  if (!pattern.test(setting.value)) {
    throw new CollectOptionError(
      setting.key,
      `${setting.key}: expected ${expected}, got ${JSON.stringify(setting.value)}`,
    );
  }
}

function parseIntegerSetting(
  setting: Setting | undefined,
  fallback: number,
  min: number,
  max: number,
): number {
  if (setting === undefined) return fallback;
  const value = /^\d+$/.test(setting.value) ? Number(setting.value) : Number.NaN;
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new CollectOptionError(
      setting.key,
      `${setting.key}: expected an integer from ${min} to ${max}, got ${JSON.stringify(setting.value)}`,
    );
  }
  return value;
}

function splitIds(
  values: readonly string[],
  flag: string,
  pattern: RegExp,
  expected: string,
): string[] {
  const ids: string[] = [];
  for (const value of values) {
    for (const part of value.split(',')) {
      const id = part.trim();
      if (id === '') continue;
      if (!pattern.test(id)) {
        throw new CollectOptionError(
          flag,
          `${flag}: expected ${expected}, got ${JSON.stringify(id)}`,
        );
      }
      if (!ids.includes(id)) ids.push(id);
    }
  }
  return ids;
}

function checkUrl(value: string, key: string): string {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new CollectOptionError(
      key,
      `${key}: expected an http(s) URL, got ${JSON.stringify(value)}`,
    );
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new CollectOptionError(
      key,
      `${key}: expected an http(s) URL, got ${JSON.stringify(value)}`,
    );
  }
  return value;
}

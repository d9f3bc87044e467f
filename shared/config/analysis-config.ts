/**
 * Analysis settings: what the user tells trustmap about their own world (trusted accounts,
 * crown jewels, suppressions). Modelled on sigma.js settings: an interface, a complete
 * default, `validateAnalysisConfig()` with messages naming the key and the expectation, and
 * `resolveAnalysisConfig()` merging a partial config over the defaults.
 */

export interface TrustedAccount {
  accountId: string;
  /** Shown instead of the account id, like a vendor name. */
  name: string;
}

export interface Suppression {
  /** Finding rule id, e.g. `vendor-trust-without-external-id`. */
  rule: string;
  /** Subject ARN the suppression applies to; omit to match any subject (with `accountId`). */
  subject?: string;
  /** Account id the suppression applies to. */
  accountId?: string;
  reason: string;
  /** ISO date; after it the suppression stops applying. */
  expires?: string;
}

/**
 * The organization, named in the config for a snapshot without `organization.json` (a
 * single-account dump): its id, its management account and its member accounts. Every account
 * listed (and the management account) is an organization account, never "external".
 */
export interface ConfiguredOrganization {
  /** `o-` and 10 to 32 lower-case letters or digits. */
  id: string;
  managementAccountId: string;
  /** Member accounts (the management account is one even when not listed). */
  accounts: { id: string; name?: string }[];
}

export interface AnalysisConfig {
  /** Accounts the user trusts that are not in the organization (shown as vendor-like `trusted`). */
  trustedAccounts: TrustedAccount[];
  /** ARNs (IAM wildcards allowed) of resources and roles that count as admin / crown jewels. */
  crownJewels: string[];
  suppressions: Suppression[];
  /**
   * `sso-admin-group-too-large`: an IAM Identity Center group with more members than this that
   * is assigned a permission set granting administrator access is a finding.
   */
  ssoAdminGroupMaxMembers: number;
  /**
   * Largest snapshot file read, in MiB (default 512: far above the largest real dump). Larger
   * files, and anything that is not a regular file, are refused with a load issue.
   */
  maxSnapshotFileMiB?: number;
  /**
   * The organization when the snapshot has no `organization.json` (docs/config.example.json).
   * With an `organization.json`, that file wins and this is ignored (a load warning says so).
   */
  organization?: ConfiguredOrganization;
}

/** Bounds of `maxSnapshotFileMiB`. */
export const MAX_SNAPSHOT_FILE_MIB_RANGE = { min: 1, max: 4096 } as const;

/** `maxSnapshotFileMiB` checked; `where` names the key or variable in the message. */
export function parseMaxSnapshotFileMiB(value: unknown, where: string): number {
  const n = typeof value === 'string' && /^\d{1,5}$/.test(value.trim()) ? Number(value) : value;
  const { min, max } = MAX_SNAPSHOT_FILE_MIB_RANGE;
  if (typeof n !== 'number' || !Number.isInteger(n) || n < min || n > max)
    throw new ConfigError(`${where}: expected a whole number of MiB from ${min} to ${max}`);
  return n;
}

export const DEFAULT_SSO_ADMIN_GROUP_MAX_MEMBERS = 10;

export const DEFAULT_ANALYSIS_CONFIG: AnalysisConfig = {
  trustedAccounts: [],
  crownJewels: [],
  suppressions: [],
  ssoAdminGroupMaxMembers: DEFAULT_SSO_ADMIN_GROUP_MAX_MEMBERS,
};

/** A configuration value is not of the expected shape; the message names the key. */
export class ConfigError extends Error {
  override readonly name = 'ConfigError';
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/**
 * Checks a parsed config object (e.g. from a JSON config file) and returns it typed.
 * Throws `ConfigError` naming the first key that is wrong and what was expected.
 */
export function validateAnalysisConfig(value: unknown, where = 'config'): Partial<AnalysisConfig> {
  if (!isRecord(value)) throw new ConfigError(`${where}: expected an object`);
  const out: Partial<AnalysisConfig> = {};
  if (value.trustedAccounts !== undefined) {
    if (!Array.isArray(value.trustedAccounts))
      throw new ConfigError(`${where}.trustedAccounts: expected a list of { accountId, name }`);
    out.trustedAccounts = value.trustedAccounts.map((a: unknown, i) => {
      const at = `${where}.trustedAccounts[${i}]`;
      if (!isRecord(a) || typeof a.accountId !== 'string' || !/^\d{12}$/.test(a.accountId))
        throw new ConfigError(`${at}.accountId: expected a 12-digit account id`);
      if (typeof a.name !== 'string' || a.name === '')
        throw new ConfigError(`${at}.name: expected a non-empty string`);
      return { accountId: a.accountId, name: a.name };
    });
  }
  if (value.crownJewels !== undefined) {
    if (
      !Array.isArray(value.crownJewels) ||
      !value.crownJewels.every((c): c is string => typeof c === 'string' && c.startsWith('arn:'))
    )
      throw new ConfigError(`${where}.crownJewels: expected a list of ARNs (wildcards allowed)`);
    out.crownJewels = value.crownJewels;
  }
  if (value.suppressions !== undefined) {
    if (!Array.isArray(value.suppressions))
      throw new ConfigError(`${where}.suppressions: expected a list`);
    out.suppressions = value.suppressions.map((s: unknown, i) => {
      const at = `${where}.suppressions[${i}]`;
      if (!isRecord(s)) throw new ConfigError(`${at}: expected an object`);
      if (typeof s.rule !== 'string' || s.rule === '')
        throw new ConfigError(`${at}.rule: expected a finding rule id`);
      if (typeof s.reason !== 'string' || s.reason === '')
        throw new ConfigError(`${at}.reason: expected a non-empty reason`);
      if (s.subject !== undefined && typeof s.subject !== 'string')
        throw new ConfigError(`${at}.subject: expected an ARN`);
      if (
        s.accountId !== undefined &&
        (typeof s.accountId !== 'string' || !/^\d{12}$/.test(s.accountId))
      )
        throw new ConfigError(`${at}.accountId: expected a 12-digit account id`);
      if (s.subject === undefined && s.accountId === undefined)
        throw new ConfigError(`${at}: expected a subject or an accountId`);
      if (
        s.expires !== undefined &&
        (typeof s.expires !== 'string' || Number.isNaN(Date.parse(s.expires)))
      )
        throw new ConfigError(`${at}.expires: expected an ISO date such as 2027-01-31`);
      const sup: Suppression = { rule: s.rule, reason: s.reason };
      if (typeof s.subject === 'string') sup.subject = s.subject;
      if (typeof s.accountId === 'string') sup.accountId = s.accountId;
      if (typeof s.expires === 'string') sup.expires = s.expires;
      return sup;
    });
  }
  if (value.maxSnapshotFileMiB !== undefined)
    out.maxSnapshotFileMiB = parseMaxSnapshotFileMiB(
      value.maxSnapshotFileMiB,
      `${where}.maxSnapshotFileMiB`,
    );
  if (value.organization !== undefined)
    out.organization = validateOrganization(value.organization, `${where}.organization`);
  if (value.ssoAdminGroupMaxMembers !== undefined) {
    const n = value.ssoAdminGroupMaxMembers;
    if (typeof n !== 'number' || !Number.isInteger(n) || n < 0)
      throw new ConfigError(
        `${where}.ssoAdminGroupMaxMembers: expected a whole number of people ≥ 0 (members an administrator group may have before it is a finding)`,
      );
    out.ssoAdminGroupMaxMembers = n;
  }
  return out;
}

const ORG_ID = /^o-[a-z0-9]{10,32}$/;
const ACCOUNT_ID = /^\d{12}$/;

function validateOrganization(value: unknown, at: string): ConfiguredOrganization {
  if (!isRecord(value))
    throw new ConfigError(`${at}: expected an object { id, managementAccountId, accounts }`);
  if (typeof value.id !== 'string' || !ORG_ID.test(value.id))
    throw new ConfigError(
      `${at}.id: expected an organization id such as o-a1b2c3d4e5 (o- and 10 to 32 lower-case letters or digits)`,
    );
  if (typeof value.managementAccountId !== 'string' || !ACCOUNT_ID.test(value.managementAccountId))
    throw new ConfigError(`${at}.managementAccountId: expected a 12-digit account id`);
  const accounts: { id: string; name?: string }[] = [];
  if (value.accounts !== undefined) {
    if (!Array.isArray(value.accounts))
      throw new ConfigError(
        `${at}.accounts: expected a list of 12-digit account ids or { id, name } objects`,
      );
    value.accounts.forEach((a: unknown, i) => {
      const ai = `${at}.accounts[${i}]`;
      if (typeof a === 'string') {
        if (!ACCOUNT_ID.test(a)) throw new ConfigError(`${ai}: expected a 12-digit account id`);
        accounts.push({ id: a });
        return;
      }
      if (!isRecord(a) || typeof a.id !== 'string' || !ACCOUNT_ID.test(a.id))
        throw new ConfigError(`${ai}.id: expected a 12-digit account id`);
      if (a.name !== undefined && (typeof a.name !== 'string' || a.name === ''))
        throw new ConfigError(`${ai}.name: expected a non-empty string`);
      accounts.push(typeof a.name === 'string' ? { id: a.id, name: a.name } : { id: a.id });
    });
  }
  return { id: value.id, managementAccountId: value.managementAccountId, accounts };
}

/** Defaults overlaid with the given partial config. */
export function resolveAnalysisConfig(partial: Partial<AnalysisConfig> = {}): AnalysisConfig {
  return { ...DEFAULT_ANALYSIS_CONFIG, ...partial };
}

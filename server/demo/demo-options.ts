/**
 * Options of the demo organization: an interface, complete defaults, a validator whose messages
 * name the option and what it expects, and a resolver (the sigma.js settings pattern).
 */

export interface DemoOptions {
  /**
   * Accounts in the organization, the 4 core accounts and the 8 planted workload accounts
   * included (docs/demo-organization.md); more accounts add generic workload accounts.
   */
  accounts: number;
  /**
   * Seed of the filler (names, ids, dates); the planted scenarios do not depend on it. A number
   * seeds exactly as its decimal string does (`1` ≡ `"1"`, as `--seed 1` on the command line).
   */
  seed: string | number;
  /**
   * Principals (roles, users, groups) in each generic workload account. `auto`: about 12 when the
   * organization has fewer than 100 accounts, about 200 from 100 accounts on (the scale data).
   */
  principalsPerAccount: number | 'auto';
  /**
   * KMS keys, secrets, queues, topics and repositories (each) in every generic workload account
   * (0 = none; the named accounts have their planted ones whatever this says).
   */
  resourcesPerType: number;
}

export const MIN_DEMO_ACCOUNTS = 12;
export const MAX_DEMO_ACCOUNTS = 5000;
export const MAX_PRINCIPALS_PER_ACCOUNT = 2000;

export const DEFAULT_DEMO_OPTIONS: DemoOptions = {
  accounts: MIN_DEMO_ACCOUNTS,
  seed: 'trustmap-demo',
  principalsPerAccount: 'auto',
  resourcesPerType: 0,
};

export const MAX_RESOURCES_PER_TYPE = 100;

/** An option has a value of the wrong kind; `option` names it. */
export class DemoOptionsError extends Error {
  override readonly name = 'DemoOptionsError';
  constructor(
    readonly option: keyof DemoOptions,
    message: string,
  ) {
    super(message);
  }
}

/** Checks a partial options object and returns it typed; throws `DemoOptionsError`. */
export function validateDemoOptions(value: Partial<DemoOptions>): Partial<DemoOptions> {
  const out: Partial<DemoOptions> = {};
  if (value.accounts !== undefined) {
    const n = value.accounts;
    if (!Number.isInteger(n) || n < MIN_DEMO_ACCOUNTS || n > MAX_DEMO_ACCOUNTS)
      throw new DemoOptionsError(
        'accounts',
        `accounts: expected a whole number from ${MIN_DEMO_ACCOUNTS} to ${MAX_DEMO_ACCOUNTS}, got ${String(n)}`,
      );
    out.accounts = n;
  }
  if (value.seed !== undefined) {
    const seed = value.seed;
    const ok =
      (typeof seed === 'string' && seed !== '' && seed.length <= 200) ||
      (typeof seed === 'number' && Number.isSafeInteger(seed));
    if (!ok)
      throw new DemoOptionsError(
        'seed',
        'seed: expected a non-empty string of at most 200 characters, or a whole number',
      );
    out.seed = seed;
  }
  if (value.principalsPerAccount !== undefined) {
    const p = value.principalsPerAccount;
    if (p !== 'auto' && (!Number.isInteger(p) || p < 10 || p > MAX_PRINCIPALS_PER_ACCOUNT))
      throw new DemoOptionsError(
        'principalsPerAccount',
        `principalsPerAccount: expected "auto" or a whole number from 10 to ${MAX_PRINCIPALS_PER_ACCOUNT}, got ${String(p)}`,
      );
    out.principalsPerAccount = p;
  }
  if (value.resourcesPerType !== undefined) {
    const n = value.resourcesPerType;
    if (!Number.isInteger(n) || n < 0 || n > MAX_RESOURCES_PER_TYPE)
      throw new DemoOptionsError(
        'resourcesPerType',
        `resourcesPerType: expected a whole number from 0 to ${MAX_RESOURCES_PER_TYPE}, got ${String(n)}`,
      );
    out.resourcesPerType = n;
  }
  return out;
}

/** Defaults overlaid with the validated partial options; a numeric seed becomes its string. */
export function resolveDemoOptions(
  partial: Partial<DemoOptions> = {},
): DemoOptions & { seed: string } {
  const resolved = { ...DEFAULT_DEMO_OPTIONS, ...validateDemoOptions(partial) };
  return { ...resolved, seed: String(resolved.seed) };
}

/** The principal count of a generic workload account for these options. */
export function genericPrincipalCount(options: DemoOptions): number {
  if (options.principalsPerAccount !== 'auto') return options.principalsPerAccount;
  return options.accounts >= 100 ? 200 : 12;
}

/**
 * The known vendor accounts trustmap ships: data/known-aws-accounts.json (fwdcloudsec
 * known_aws_accounts, Apache-2.0, see data/README.md) and data/known-aws-accounts.extra.json.
 * The index is built once, when this module is first imported.
 *
 * The JSON files are imported as modules: `tsc` copies them to dist/data/ (rootDir is the
 * project root), so the compiled import resolves in dist/ exactly as the source import does
 * here, and bundlers (vitest, Vite) inline them.
 */
import fwdcloudsec from '../../data/known-aws-accounts.json' with { type: 'json' };
import extra from '../../data/known-aws-accounts.extra.json' with { type: 'json' };
import { buildVendorIndex, type KnownVendor, type VendorListProblem } from './vendor-index.js';

export type { KnownVendor, VendorType } from './vendor-index.js';

const INDEX = buildVendorIndex([
  { list: 'known-aws-accounts.json', data: fwdcloudsec },
  { list: 'known-aws-accounts.extra.json', data: extra },
]);

/**
 * The known vendor that owns an AWS account id, or undefined for an unknown account.
 * Deprecated accounts (`enabled: false` in the list) are still recognised, with `deprecated: true`.
 * The input is untrusted: anything but a 12-digit id is simply unknown.
 */
export function lookupVendor(accountId: string): KnownVendor | undefined {
  return INDEX.vendors.get(accountId);
}

/** Number of account ids in the shipped lists (for status output). */
export function knownVendorAccountCount(): number {
  return INDEX.vendors.size;
}

/** Entries of the shipped lists that could not be indexed (expected to be empty). */
export function knownAccountsProblems(): readonly VendorListProblem[] {
  return INDEX.problems;
}

/**
 * Builds the account-id → vendor index from known-accounts lists (data/README.md for the format).
 * Pure and defensive: a malformed entry is reported and skipped, never thrown, so one bad line in
 * a list cannot hide every vendor.
 */

export type VendorType = 'third-party' | 'aws-service';

/** What trustmap knows about a vendor account. */
export interface KnownVendor {
  /** Vendor name as the list spells it, e.g. `Datadog`. */
  name: string;
  type: VendorType;
  /** Where the account was seen: an evidence URL, or a sentence saying what is known. */
  source: string;
  /** The list marks the account as no longer used by the vendor (`enabled: false`). */
  deprecated: boolean;
  /** False when the list says the account is best knowledge, not confirmed by a public page. */
  verified: boolean;
  /** Which list the entry came from. */
  list: string;
}

/** A problem in one entry of one list. */
export interface VendorListProblem {
  list: string;
  /** JSON path of the entry, e.g. `$[12].accountIds[0]`. */
  path: string;
  message: string;
}

export interface VendorIndex {
  vendors: ReadonlyMap<string, KnownVendor>;
  problems: readonly VendorListProblem[];
}

/** One list to index: its name (used in `list` and in problems) and its parsed JSON. */
export interface VendorListInput {
  list: string;
  data: unknown;
}

const ACCOUNT_ID = /^\d{12}$/;
const MAX_TEXT = 2_000;

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function text(v: unknown): string | undefined {
  return typeof v === 'string' && v.trim() !== '' && v.length <= MAX_TEXT ? v : undefined;
}

/**
 * Indexes the lists in order. An account id already indexed by an earlier list (or an earlier
 * entry) keeps its first entry; the later one is reported as a problem. Entries with
 * `enabled: false` are indexed and marked `deprecated`.
 */
export function buildVendorIndex(lists: readonly VendorListInput[]): VendorIndex {
  const vendors = new Map<string, KnownVendor>();
  const problems: VendorListProblem[] = [];
  for (const { list, data } of lists) {
    if (!Array.isArray(data)) {
      problems.push({ list, path: '$', message: 'expected a list of vendor entries' });
      continue;
    }
    data.forEach((entry: unknown, i) => {
      const at = `$[${i}]`;
      if (!isRecord(entry)) {
        problems.push({ list, path: at, message: 'expected an object' });
        return;
      }
      const name = text(entry.name);
      if (name === undefined) {
        problems.push({ list, path: `${at}.name`, message: 'expected a non-empty vendor name' });
        return;
      }
      const type = entry.type;
      if (type !== 'third-party' && type !== 'aws-service') {
        problems.push({
          list,
          path: `${at}.type`,
          message: 'expected "third-party" or "aws-service"',
        });
        return;
      }
      const source = text(entry.source);
      if (source === undefined) {
        problems.push({ list, path: `${at}.source`, message: 'expected a source' });
        return;
      }
      if (!Array.isArray(entry.accountIds) || entry.accountIds.length === 0) {
        problems.push({
          list,
          path: `${at}.accountIds`,
          message: 'expected a non-empty list of 12-digit account ids',
        });
        return;
      }
      const vendor: KnownVendor = {
        name,
        type,
        source,
        deprecated: entry.enabled === false,
        verified: entry.verified !== false,
        list,
      };
      entry.accountIds.forEach((id: unknown, j) => {
        const idPath = `${at}.accountIds[${j}]`;
        if (typeof id !== 'string' || !ACCOUNT_ID.test(id)) {
          problems.push({ list, path: idPath, message: 'expected a 12-digit account id' });
          return;
        }
        const seen = vendors.get(id);
        if (seen !== undefined) {
          problems.push({
            list,
            path: idPath,
            message: `account ${id} is already listed as ${seen.name} (${seen.list}); first entry kept`,
          });
          return;
        }
        vendors.set(id, vendor);
      });
    });
  }
  return { vendors, problems };
}

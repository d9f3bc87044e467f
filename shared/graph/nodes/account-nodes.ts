/**
 * Account nodes: every account of the organization, every scanned account, and every other
 * account named in a trust or bucket policy. An account's scope is `org` (in the organization,
 * or — without organization.json — any scanned account), `vendor` (a known vendor or an account
 * the config trusts), or `external`.
 */
import { accountRootArn } from '../../arn/parse-arn.js';
import type { AnalysisConfig } from '../../config/analysis-config.js';
import type { Organization, Snapshot } from '../../snapshot/types.js';
import type { AccessGraph, AccountScope, NodeAttributes } from '../types.js';

/** Vendor lookup: the name of a known vendor account, or undefined. */
export type VendorLookup = (accountId: string) => { name: string } | undefined;

export interface AccountDirectory {
  /** The partition of the organization's data. */
  partition: string;
  orgAccountIds: ReadonlySet<string>;
  scannedAccountIds: ReadonlySet<string>;
  /** Adds the account node if missing and returns its key. */
  ensureAccount(accountId: string): string;
  scopeOf(accountId: string): AccountScope;
  vendorOf(accountId: string): string | undefined;
}

/** `Root/Workloads/Prod` for an account, from its parent chain. */
export function ouPathOf(org: Organization, accountId: string): string | undefined {
  const names = new Map<string, string>();
  const parents = new Map<string, string>();
  for (const r of org.roots) names.set(r.id, r.name ?? 'Root');
  for (const ou of org.ous) {
    names.set(ou.id, ou.name);
    parents.set(ou.id, ou.parentId);
  }
  let at = org.accountParents[accountId];
  if (at === undefined) return undefined;
  const parts: string[] = [];
  const seen = new Set<string>();
  while (at !== undefined && !seen.has(at)) {
    seen.add(at);
    parts.unshift(names.get(at) ?? at);
    at = parents.get(at);
  }
  return parts.join('/');
}

/** Creates the account directory and the nodes of the organization's and scanned accounts. */
export function addAccountNodes(
  graph: AccessGraph,
  snapshot: Snapshot,
  config: AnalysisConfig,
  lookupVendor: VendorLookup,
  partition: string,
): AccountDirectory {
  const org = snapshot.organization;
  const scanned = new Set(snapshot.accounts.keys());
  const orgIds = new Set<string>(
    org && org.accounts.length > 0 ? org.accounts.map((a) => a.id) : scanned,
  );
  const orgNames = new Map((org?.accounts ?? []).map((a) => [a.id, a.name]));
  const trusted = new Map(config.trustedAccounts.map((t) => [t.accountId, t.name]));

  const vendorOf = (id: string): string | undefined => {
    if (orgIds.has(id)) return undefined;
    return trusted.get(id) ?? lookupVendor(id)?.name;
  };
  const scopeOf = (id: string): AccountScope =>
    orgIds.has(id) ? 'org' : vendorOf(id) !== undefined ? 'vendor' : 'external';

  const ensureAccount = (id: string): string => {
    const key = accountRootArn(partition, id);
    if (graph.hasNode(key)) return key;
    const scope = scopeOf(id);
    const vendor = vendorOf(id);
    const name = orgNames.get(id);
    const attrs: NodeAttributes = {
      kind: 'account',
      label: name ?? vendor ?? id,
      accountId: id,
      scope,
      scanned: scanned.has(id),
    };
    if (vendor !== undefined) attrs.vendor = vendor;
    if (name !== undefined) attrs.accountName = name;
    if (org && orgIds.has(id)) {
      const ouPath = ouPathOf(org, id);
      if (ouPath !== undefined) attrs.ouPath = ouPath;
    }
    graph.addNode(key, attrs);
    return key;
  };

  for (const id of orgIds) ensureAccount(id);
  for (const id of scanned) ensureAccount(id);
  return {
    partition,
    orgAccountIds: orgIds,
    scannedAccountIds: scanned,
    ensureAccount,
    scopeOf,
    vendorOf,
  };
}

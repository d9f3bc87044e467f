/**
 * Per-account coverage of a scan: which accounts' data was read. Missing data is never read as
 * "no access": an organization account without IAM data is `missing`.
 */
import type { AccountCoverage } from '../../shared/api/types.js';
import type { Snapshot } from '../../shared/snapshot/types.js';

export function computeCoverage(snapshot: Snapshot): AccountCoverage[] {
  const byId = new Map<string, AccountCoverage>();
  for (const a of snapshot.organization?.accounts ?? [])
    byId.set(a.id, { accountId: a.id, status: 'missing' });
  for (const [id, data] of snapshot.accounts)
    byId.set(id, {
      accountId: id,
      status: 'ok',
      // Absent workloads.json: the account's workloads are unknown, never "none".
      ...(data.workloads === undefined ? { workloads: 'unknown' as const } : {}),
    });
  for (const [id, c] of Object.entries(snapshot.collection?.accounts ?? {})) {
    const entry: AccountCoverage = { accountId: id, status: c.status };
    if (c.errors.length > 0)
      entry.errors = c.errors.map((e) => `${e.call}: ${e.errorName}`).slice(0, 20);
    const old = byId.get(id);
    if (old?.workloads !== undefined) entry.workloads = old.workloads;
    if (c.status !== 'ok' || old === undefined) byId.set(id, entry);
  }
  return [...byId.values()].sort((a, b) => (a.accountId < b.accountId ? -1 : 1));
}

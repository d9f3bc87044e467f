/**
 * Per-account coverage of a scan: which accounts' data was read, and whole. Missing data is
 * never read as "no access": an organization account without IAM data is `missing`, an account
 * whose files were read with load issues that hide principals or policies (`hidesData`) is
 * `partial`, and the collector's own verdict (denied, failed, skipped) is kept.
 */
import type { AccountCoverage } from '../../shared/api/types.js';
import { hiddenDataByAccount } from '../../shared/snapshot/hidden-data.js';
import type { Snapshot } from '../../shared/snapshot/types.js';

const MAX_REASONS = 5;
const MAX_REASON_TEXT = 300;

function bounded(text: string): string {
  const clean = text.replace(/\s+/g, ' ').trim();
  return clean.length > MAX_REASON_TEXT ? `${clean.slice(0, MAX_REASON_TEXT - 1)}…` : clean;
}

const INACTIVE = /SUSPENDED|PENDING_CLOSURE/i;

export function computeCoverage(snapshot: Snapshot): AccountCoverage[] {
  const byId = new Map<string, AccountCoverage>();
  for (const a of snapshot.organization?.accounts ?? []) {
    const inactive = a.status !== undefined && INACTIVE.test(a.status);
    byId.set(a.id, {
      accountId: a.id,
      status: inactive ? 'skipped' : 'missing',
      reasons: [
        inactive
          ? `listed in the organization as ${bounded(a.status ?? '')}, not read`
          : 'listed in the organization but the snapshot has no folder for it',
      ],
    });
  }
  for (const [id, data] of snapshot.accounts)
    byId.set(id, {
      accountId: id,
      status: 'ok',
      // Absent workloads.json: the account's workloads are unknown, never "none".
      ...(data.workloads === undefined ? { workloads: 'unknown' as const } : {}),
    });
  for (const [id, issues] of hiddenDataByAccount(snapshot)) {
    const present = byId.get(id);
    const reasons = issues
      .slice(0, MAX_REASONS)
      .map((i) => bounded(`${i.file} ${i.path}: ${i.message}`));
    if (issues.length > MAX_REASONS)
      reasons.push(`… ${String(issues.length - MAX_REASONS)} more load issues`);
    if (present === undefined || present.status === 'ok' || present.status === 'missing') {
      const entry: AccountCoverage = { accountId: id, status: 'partial', reasons };
      if (present?.workloads !== undefined) entry.workloads = present.workloads;
      byId.set(id, entry);
    }
  }
  for (const [id, c] of Object.entries(snapshot.collection?.accounts ?? {})) {
    const entry: AccountCoverage = { accountId: id, status: c.status };
    if (c.errors.length > 0)
      entry.errors = c.errors.map((e) => `${e.call}: ${e.errorName}`).slice(0, 20);
    if (c.status === 'skipped' && c.reason !== undefined)
      entry.reasons = [`skipped: ${bounded(c.reason)}`];
    const present = byId.get(id);
    if (present?.workloads !== undefined) entry.workloads = present.workloads;
    if (c.status !== 'ok') byId.set(id, entry);
    else if (present === undefined) byId.set(id, entry);
  }
  return [...byId.values()].sort((a, b) => (a.accountId < b.accountId ? -1 : 1));
}

/**
 * Findings with history: inside a scan's transaction, records which findings the scan saw (new
 * or still open) and which of the previous scan's findings it no longer sees (resolved). A
 * finding keeps its identity across scans through its stable fingerprint (`id`).
 */
import type { FindingDetails, Severity } from '../../shared/api/types.js';
import type { Store } from './open-store.js';

/** A finding as the audit rules produce it (shared/audit `Finding`), read structurally. */
export interface FindingInput {
  id: string;
  rule: string;
  severity: Severity;
  subject: string;
  accountId?: string;
  title: string;
  evidence: unknown;
  suppressed?: { reason: string; expires?: string };
  risk?: FindingDetails['risk'];
  mergedFrom?: FindingDetails['mergedFrom'];
}

/** The details column of a finding row (NULL when it has nothing beyond the defaults). */
export function detailsJson(f: Pick<FindingInput, 'risk' | 'mergedFrom'>): string | null {
  const d: FindingDetails = {};
  if (f.risk !== undefined) d.risk = f.risk;
  if (f.mergedFrom !== undefined && f.mergedFrom.length > 0) d.mergedFrom = f.mergedFrom;
  return Object.keys(d).length === 0 ? null : JSON.stringify(d);
}

export interface FindingsDelta {
  newIds: string[];
  resolvedIds: string[];
  openIds: string[];
}

/**
 * Records `findings` for scan `scanId` (finished at `at`), comparing with `previousScanId`.
 * Must run inside the scan's transaction. A finding seen again after being resolved is new again.
 */
export function recordFindings(
  db: Store,
  scanId: number,
  previousScanId: number | undefined,
  at: string,
  findings: readonly FindingInput[],
): FindingsDelta {
  const previous = new Set<string>();
  if (previousScanId !== undefined) {
    const rows = db
      .prepare("SELECT finding_id FROM scan_findings WHERE scan_id = ? AND status != 'resolved'")
      .all(previousScanId) as { finding_id: string }[];
    for (const r of rows) previous.add(r.finding_id);
  }
  const upsertNew = db.prepare(
    `INSERT INTO findings (id, rule, severity, subject, account_id, title, first_seen_scan,
       first_seen_at, last_seen_scan, last_seen_at, resolved_scan, resolved_at)
     VALUES (@id, @rule, @severity, @subject, @accountId, @title, @scanId, @at, @scanId, @at, NULL, NULL)
     ON CONFLICT (id) DO UPDATE SET rule = excluded.rule, severity = excluded.severity,
       subject = excluded.subject, account_id = excluded.account_id, title = excluded.title,
       first_seen_scan = excluded.first_seen_scan, first_seen_at = excluded.first_seen_at,
       last_seen_scan = excluded.last_seen_scan, last_seen_at = excluded.last_seen_at,
       resolved_scan = NULL, resolved_at = NULL`,
  );
  const touchOpen = db.prepare(
    `UPDATE findings SET severity = @severity, title = @title, subject = @subject,
       account_id = @accountId, last_seen_scan = @scanId, last_seen_at = @at WHERE id = @id`,
  );
  const insertSeen = db.prepare(
    `INSERT INTO scan_findings (scan_id, finding_id, status, severity, title, evidence_json, suppressed_json, details_json)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?)
     ON CONFLICT (scan_id, finding_id) DO UPDATE SET status = excluded.status,
       severity = excluded.severity, title = excluded.title, evidence_json = excluded.evidence_json,
       suppressed_json = excluded.suppressed_json, details_json = excluded.details_json`,
  );
  const delta: FindingsDelta = { newIds: [], resolvedIds: [], openIds: [] };
  const seen = new Set<string>();
  for (const f of findings) {
    if (seen.has(f.id)) continue;
    seen.add(f.id);
    const params = {
      id: f.id,
      rule: f.rule,
      severity: f.severity,
      subject: f.subject,
      accountId: f.accountId ?? null,
      title: f.title,
      scanId,
      at,
    };
    const isOpen = previous.has(f.id);
    if (isOpen) {
      touchOpen.run(params);
      delta.openIds.push(f.id);
    } else {
      upsertNew.run(params);
      delta.newIds.push(f.id);
    }
    insertSeen.run(
      scanId,
      f.id,
      isOpen ? 'open' : 'new',
      f.severity,
      f.title,
      JSON.stringify(f.evidence ?? null),
      f.suppressed === undefined ? null : JSON.stringify(f.suppressed),
      detailsJson(f),
    );
  }
  const resolve = db.prepare('UPDATE findings SET resolved_scan = ?, resolved_at = ? WHERE id = ?');
  const lastSeen = db.prepare(
    'SELECT severity, title, evidence_json, suppressed_json, details_json FROM scan_findings WHERE scan_id = ? AND finding_id = ?',
  );
  for (const id of previous) {
    if (seen.has(id)) continue;
    const row = lastSeen.get(previousScanId, id) as
      | {
          severity: string;
          title: string;
          evidence_json: string;
          suppressed_json: string | null;
          details_json: string | null;
        }
      | undefined;
    resolve.run(scanId, at, id);
    insertSeen.run(
      scanId,
      id,
      'resolved',
      row?.severity ?? 'info',
      row?.title ?? '',
      row?.evidence_json ?? 'null',
      row?.suppressed_json ?? null,
      row?.details_json ?? null,
    );
    delta.resolvedIds.push(id);
  }
  return delta;
}

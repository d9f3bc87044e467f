/**
 * Reads a scan's findings from the store with filters and pagination: what
 * `trustmap findings --db`, `GET /api/findings` and the diff show.
 */
import {
  SEVERITIES,
  type FindingDetails,
  type FindingStatus,
  type FindingView,
  type Severity,
} from '../../shared/api/types.js';
import type { Store } from './open-store.js';

export interface FindingsFilter {
  /** Statuses to include; default new and open (what the scan still sees). */
  status?: readonly FindingStatus[];
  /** Minimum severity: `high` = critical and high; exactly it when `severityOnly`. */
  severity?: Severity;
  severityOnly?: boolean;
  rule?: string;
  accountId?: string;
  /** Case-insensitive substring of subject or title. */
  q?: string;
  /** true: only suppressed; false: only unsuppressed; undefined: both. */
  suppressed?: boolean;
  offset?: number;
  limit?: number;
}

interface Row {
  id: string;
  rule: string;
  subject: string;
  account_id: string | null;
  first_seen_at: string;
  last_seen_at: string;
  resolved_scan: number | null;
  status: FindingStatus;
  severity: Severity;
  title: string;
  evidence_json: string;
  suppressed_json: string | null;
  details_json: string | null;
}

function toView(r: Row): FindingView {
  const view: FindingView = {
    id: r.id,
    rule: r.rule,
    severity: r.severity,
    subject: r.subject,
    title: r.title,
    evidence: JSON.parse(r.evidence_json) as unknown,
    status: r.status,
    firstSeen: r.first_seen_at,
    lastSeen: r.last_seen_at,
  };
  if (r.account_id !== null) view.accountId = r.account_id;
  if (r.status === 'resolved' && r.resolved_scan !== null) view.resolvedIn = r.resolved_scan;
  if (r.suppressed_json !== null)
    view.suppressed = JSON.parse(r.suppressed_json) as { reason: string; expires?: string };
  if (r.details_json !== null) {
    const d = JSON.parse(r.details_json) as FindingDetails;
    if (d.risk !== undefined) view.risk = d.risk;
    if (d.mergedFrom !== undefined) view.mergedFrom = d.mergedFrom;
  }
  return view;
}

const HAS_DETAILS = new WeakMap<Store, boolean>();

/** Schema version from which scan_findings has the details column (migrations.ts). */
export const DETAILS_SCHEMA_VERSION = 4;

/** Whether the store has the details column (a read-only store of an older schema has not). */
function hasDetails(db: Store): boolean {
  let has = HAS_DETAILS.get(db);
  if (has === undefined) {
    // Read-only on both: SQLite's user_version, PostgreSQL's catalog (its schemaVersion() may
    // create its table).
    has =
      db.dialect === 'sqlite'
        ? db.schemaVersion() >= DETAILS_SCHEMA_VERSION
        : db
            .prepare(
              "SELECT 1 AS one FROM information_schema.columns WHERE table_name = 'scan_findings' AND column_name = 'details_json'",
            )
            .all().length > 0;
    HAS_DETAILS.set(db, has);
  }
  return has;
}

/** The severities at or above `min`. */
export function severitiesAtLeast(min: Severity): Severity[] {
  return SEVERITIES.slice(0, SEVERITIES.indexOf(min) + 1);
}

/** Findings of scan `scanId` matching `filter`, worst first, with the total before paging. */
export function readFindings(
  db: Store,
  scanId: number,
  filter: FindingsFilter = {},
): { total: number; findings: FindingView[] } {
  const where: string[] = ['sf.scan_id = @scanId'];
  const params: Record<string, string | number> = { scanId };
  const statuses = filter.status ?? ['new', 'open'];
  where.push(`sf.status IN (${statuses.map((s, i) => `@st${String(i)}`).join(', ')})`);
  statuses.forEach((s, i) => (params[`st${String(i)}`] = s));
  if (filter.severity !== undefined) {
    const sev =
      filter.severityOnly === true ? [filter.severity] : severitiesAtLeast(filter.severity);
    where.push(`sf.severity IN (${sev.map((_, i) => `@sev${String(i)}`).join(', ')})`);
    sev.forEach((s, i) => (params[`sev${String(i)}`] = s));
  }
  if (filter.rule !== undefined) {
    where.push('f.rule = @rule');
    params.rule = filter.rule;
  }
  if (filter.accountId !== undefined) {
    where.push('f.account_id = @accountId');
    params.accountId = filter.accountId;
  }
  if (filter.q !== undefined && filter.q !== '') {
    where.push('(instr(lower(f.subject), @q) > 0 OR instr(lower(sf.title), @q) > 0)');
    params.q = filter.q.toLowerCase();
  }
  if (filter.suppressed === true) where.push('sf.suppressed_json IS NOT NULL');
  if (filter.suppressed === false) where.push('sf.suppressed_json IS NULL');
  const from = `FROM scan_findings sf JOIN findings f ON f.id = sf.finding_id WHERE ${where.join(' AND ')}`;
  const total = (db.prepare(`SELECT count(*) AS n ${from}`).get(params) as { n: number }).n;
  const order = `ORDER BY CASE sf.severity WHEN 'critical' THEN 0 WHEN 'high' THEN 1 WHEN 'medium' THEN 2 WHEN 'low' THEN 3 ELSE 4 END, f.rule, f.subject, f.id`;
  const rows = db
    .prepare(
      `SELECT f.id, f.rule, f.subject, f.account_id, f.first_seen_at, f.last_seen_at, f.resolved_scan,
         sf.status, sf.severity, sf.title, sf.evidence_json, sf.suppressed_json,
         ${hasDetails(db) ? 'sf.details_json' : 'NULL AS details_json'}
       ${from} ${order} LIMIT @limit OFFSET @offset`,
    )
    .all({
      ...params,
      limit: filter.limit ?? Number.MAX_SAFE_INTEGER,
      offset: filter.offset ?? 0,
    }) as Row[];
  return { total, findings: rows.map(toView) };
}

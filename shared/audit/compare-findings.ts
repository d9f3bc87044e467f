/**
 * Comparing the findings of two analyses (two scans, or a plan against the present): which
 * findings are new, which are gone, and which kept their id but got worse or better. A finding is
 * **worsened** when its severity rises, the access behind it loses its conditions
 * (conditional → allow), its path gets shorter, or its scope widens (org → vendor → external →
 * public); **improved** in the opposite cases. A finding that got worse in one way and better in
 * another is worsened (a reviewer must look at it). Pure: no store, no graph.
 */
import type { Scope } from '../graph/types.js';
import { SEVERITY_ORDER, type FindingRisk, type Severity } from './types.js';

/** What the comparison reads of a finding (audit `Finding`, API `FindingView`, stored rows). */
export interface ComparableFinding {
  id: string;
  severity: Severity;
  risk?: FindingRisk;
}

/** How one finding changed, with one readable line per change. */
export interface FindingChange<F extends ComparableFinding = ComparableFinding> {
  before: F;
  after: F;
  /** e.g. `severity high → critical`, `conditional → allow`, `path 3 → 1 hops`, `scope external → public`. */
  worse: readonly string[];
  better: readonly string[];
}

export interface FindingsComparison<F extends ComparableFinding = ComparableFinding> {
  added: F[];
  removed: F[];
  worsened: FindingChange<F>[];
  improved: FindingChange<F>[];
  /** Present in both with no change in severity or risk. */
  unchanged: F[];
}

const SCOPE_RANK: Readonly<Record<Scope, number>> = { org: 0, vendor: 1, external: 2, public: 3 };

/** Severity rank: higher is worse. */
function severityRank(s: Severity): number {
  return SEVERITY_ORDER.length - SEVERITY_ORDER.indexOf(s);
}

/** The changes from `before` to `after` of one finding, as worse and better lines. */
export function compareFinding(
  before: ComparableFinding,
  after: ComparableFinding,
): { worse: string[]; better: string[] } {
  const worse: string[] = [];
  const better: string[] = [];
  const sb = severityRank(before.severity);
  const sa = severityRank(after.severity);
  if (sa > sb) worse.push(`severity ${before.severity} → ${after.severity}`);
  else if (sa < sb) better.push(`severity ${before.severity} → ${after.severity}`);
  const rb = before.risk ?? {};
  const ra = after.risk ?? {};
  if (rb.decision !== undefined && ra.decision !== undefined && rb.decision !== ra.decision) {
    const keys = (rb.decision === 'conditional' ? rb.conditionKeys : ra.conditionKeys) ?? [];
    const on = keys.length > 0 ? ` (${keys.join(', ')})` : '';
    if (ra.decision === 'allow') worse.push(`conditional${on} → allow`);
    else better.push(`allow → conditional${on}`);
  } else if (rb.decision === 'conditional' && ra.decision === 'conditional') {
    // Still conditional: fewer deciding keys is no change we can rank (a key may be a weaker or
    // a stronger gate than another), so only the decision counts.
  }
  if (rb.pathLength !== undefined && ra.pathLength !== undefined) {
    if (ra.pathLength < rb.pathLength)
      worse.push(`path ${String(rb.pathLength)} → ${String(ra.pathLength)} hops`);
    else if (ra.pathLength > rb.pathLength)
      better.push(`path ${String(rb.pathLength)} → ${String(ra.pathLength)} hops`);
  }
  if (rb.scope !== undefined && ra.scope !== undefined && rb.scope !== ra.scope) {
    const line = `scope ${rb.scope} → ${ra.scope}`;
    if (SCOPE_RANK[ra.scope] > SCOPE_RANK[rb.scope]) worse.push(line);
    else better.push(line);
  }
  return { worse, better };
}

/**
 * Compares two finding lists by id. Order of each output list follows `after` (removed:
 * `before`). Duplicate ids: the first of each list counts.
 */
export function compareFindings<F extends ComparableFinding>(
  before: readonly F[],
  after: readonly F[],
): FindingsComparison<F> {
  const previous = new Map<string, F>();
  for (const f of before) if (!previous.has(f.id)) previous.set(f.id, f);
  const seen = new Set<string>();
  const out: FindingsComparison<F> = {
    added: [],
    removed: [],
    worsened: [],
    improved: [],
    unchanged: [],
  };
  for (const f of after) {
    if (seen.has(f.id)) continue;
    seen.add(f.id);
    const old = previous.get(f.id);
    if (old === undefined) {
      out.added.push(f);
      continue;
    }
    const { worse, better } = compareFinding(old, f);
    if (worse.length > 0) out.worsened.push({ before: old, after: f, worse, better });
    else if (better.length > 0) out.improved.push({ before: old, after: f, worse, better });
    else out.unchanged.push(f);
  }
  for (const [id, f] of previous) if (!seen.has(id)) out.removed.push(f);
  return out;
}

/**
 * Findings before and after a change: new (an id only after), resolved (an id only before) and
 * worsened (DESIGN.md "Findings": same id, and its severity rose, its path got shorter, or its
 * path lost conditions). Suppressed findings are compared too, and keep their mark.
 */
import { SEVERITY_ORDER, type Finding } from '../audit/types.js';

export interface WorsenedFinding {
  finding: Finding;
  before: Finding;
  /** What got worse, in words: `severity high → critical`, `path 3 → 2 hops`, `no longer conditional`. */
  reasons: string[];
}

export interface FindingsComparison {
  newFindings: Finding[];
  worsenedFindings: WorsenedFinding[];
  resolvedFindings: Finding[];
}

const rank = (f: Finding): number => SEVERITY_ORDER.indexOf(f.severity);

function conditionCount(f: Finding): number {
  return new Set((f.path ?? []).flatMap((h) => h.conditionKeys)).size;
}

/** Why `after` is worse than `before` (empty when it is not). */
export function worsenedReasons(before: Finding, after: Finding): string[] {
  const reasons: string[] = [];
  if (rank(after) < rank(before)) reasons.push(`severity ${before.severity} → ${after.severity}`);
  if (before.path && after.path) {
    if (after.path.length < before.path.length)
      reasons.push(`path ${String(before.path.length)} → ${String(after.path.length)} hops`);
    const was = conditionCount(before);
    const now = conditionCount(after);
    if (now < was)
      reasons.push(
        now === 0 ? 'no longer conditional' : `conditions ${String(was)} → ${String(now)}`,
      );
  }
  return reasons;
}

/** Compares two findings lists (of the same analysis config). */
export function compareFindings(
  before: readonly Finding[],
  after: readonly Finding[],
): FindingsComparison {
  const was = new Map(before.map((f) => [f.id, f]));
  const now = new Map(after.map((f) => [f.id, f]));
  const out: FindingsComparison = { newFindings: [], worsenedFindings: [], resolvedFindings: [] };
  for (const f of after) {
    const b = was.get(f.id);
    if (b === undefined) out.newFindings.push(f);
    else {
      const reasons = worsenedReasons(b, f);
      if (reasons.length > 0) out.worsenedFindings.push({ finding: f, before: b, reasons });
    }
  }
  for (const f of before) if (!now.has(f.id)) out.resolvedFindings.push(f);
  return out;
}

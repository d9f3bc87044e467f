/**
 * What reports say about each finding rule (SARIF rule metadata and help text): the audit rules'
 * own `title` and `help` (shared/audit `RULES`); a rule id not in that list is described from
 * the title of its first finding.
 */
import type { Severity } from '../../shared/api/types.js';
import { RULES } from '../../shared/audit/index.js';

export interface RuleInfo {
  id: string;
  severity: Severity;
  title: string;
  help: string;
}

const BY_ID = new Map(RULES.map((r) => [r.id as string, r]));

/** Rule metadata for the rules that appear in `findings`, sorted by id. */
export function describeRules(
  findings: readonly { rule: string; severity: Severity; title: string }[],
): RuleInfo[] {
  const out = new Map<string, RuleInfo>();
  for (const f of findings) {
    if (out.has(f.rule)) continue;
    const known = BY_ID.get(f.rule);
    out.set(f.rule, {
      id: f.rule,
      severity: known?.severity ?? f.severity,
      title: known?.title ?? f.title,
      help: known?.help ?? f.title,
    });
  }
  return [...out.values()].sort((a, b) => (a.id < b.id ? -1 : 1));
}

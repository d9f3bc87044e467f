/**
 * `computeFindings`: runs every rule over one analysis and returns the findings, each with its
 * stable fingerprint and its risk (compare-findings.ts), one finding per root cause, suppressions
 * applied, in a stable order (severity, rule, subject, id).
 */
import { compareKeys } from '../query/traversal.js';
import { findingId } from './fingerprint.js';
import { mergeRootCauses } from './merge-root-causes.js';
import { riskOfPath } from './rule-support.js';
import { RULES } from './rules/index.js';
import { applySuppressions } from './suppressions.js';
import { SEVERITY_ORDER, type Finding, type FindingRule, type FindingsInput } from './types.js';

/**
 * The findings of an analysis. Drafts of one rule with the same subject and discriminator are
 * one finding (the first wins). Findings of one root cause are merged (merge-root-causes.ts).
 * Suppressed findings are kept, marked `suppressed`.
 */
export function computeFindings(
  input: FindingsInput,
  rules: readonly FindingRule[] = RULES,
): Finding[] {
  const byId = new Map<string, Finding>();
  for (const rule of rules)
    for (const d of rule.evaluate(input)) {
      const id = findingId(rule.id, d.subject, d.discriminator ?? '');
      if (byId.has(id)) continue;
      const f: Finding = {
        id,
        rule: rule.id,
        severity: d.severity ?? rule.severity,
        subject: d.subject,
        title: d.title,
        evidence: d.evidence,
      };
      if (d.accountId !== undefined) f.accountId = d.accountId;
      if (d.path !== undefined) f.path = d.path;
      const risk = d.risk ?? (d.path === undefined ? undefined : riskOfPath(input.graph, d.path));
      if (risk !== undefined) f.risk = risk;
      byId.set(id, f);
    }
  const order = (f: Finding): number => SEVERITY_ORDER.indexOf(f.severity);
  const sorted = mergeRootCauses([...byId.values()]).sort(
    (a, b) =>
      order(a) - order(b) ||
      compareKeys(a.rule, b.rule) ||
      compareKeys(a.subject, b.subject) ||
      compareKeys(a.id, b.id),
  );
  return applySuppressions(sorted, input.config.suppressions, input.now ?? new Date());
}

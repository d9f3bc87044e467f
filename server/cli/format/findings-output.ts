/**
 * What `trustmap findings` prints: the documented JSON (`{ findings: [{ id, rule, severity,
 * subject, accountId, title, evidence, risk?, mergedFrom? }] }`, plus `suppressed` on suppressed
 * findings when they are asked for) and a readable table with a count per severity. A finding
 * that merges several rules' reasons (one per root cause) lists the others after its title.
 */
import { SEVERITY_ORDER, type Finding } from '../../../shared/audit/types.js';
import { formatTable } from './table.js';

export function findingsJson(findings: readonly Finding[]): unknown {
  return {
    findings: findings.map((f) => ({
      id: f.id,
      rule: f.rule,
      severity: f.severity,
      subject: f.subject,
      accountId: f.accountId ?? null,
      title: f.title,
      evidence: f.evidence,
      ...(f.risk !== undefined ? { risk: f.risk } : {}),
      ...(f.mergedFrom !== undefined ? { mergedFrom: f.mergedFrom } : {}),
      ...(f.suppressed !== undefined ? { suppressed: f.suppressed } : {}),
    })),
  };
}

export function findingsText(findings: readonly Finding[], hiddenSuppressed: number): string {
  let out = '';
  if (findings.length === 0) out += 'none\n';
  else {
    out += formatTable(
      [
        { header: 'SEVERITY', max: 8 },
        { header: 'RULE', max: 34 },
        { header: 'SUBJECT', max: 90 },
        { header: 'TITLE', max: 220 },
      ],
      findings.map((f) => [
        f.severity,
        f.rule,
        f.subject,
        (f.suppressed !== undefined ? `[suppressed: ${f.suppressed.reason}] ` : '') +
          f.title +
          (f.mergedFrom === undefined
            ? ''
            : ` [also: ${f.mergedFrom
                .slice(1)
                .map((r) => `${r.rule} (${r.severity}): ${r.title}`)
                .join('; ')}]`),
      ]),
    );
    const counts = SEVERITY_ORDER.map(
      (s) => `${String(findings.filter((f) => f.severity === s).length)} ${s}`,
    ).join(', ');
    out += `\n${String(findings.length)} finding(s): ${counts}\n`;
  }
  if (hiddenSuppressed > 0)
    out += `${String(hiddenSuppressed)} suppressed finding(s) not shown (--include-suppressed shows them)\n`;
  return out;
}

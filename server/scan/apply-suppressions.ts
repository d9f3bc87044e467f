/**
 * Suppressions of the config (rule, subject or account, reason, expiry), applied to findings
 * that the audit rules left unsuppressed. A suppression whose `expires` date is past no longer
 * applies; a suppressed finding is still stored and reported, marked as such.
 */
import type { Suppression } from '../../shared/config/analysis-config.js';
import type { FindingInput } from '../store/findings-history.js';

/** The suppression applies to `f` at `now`. */
export function suppressionMatches(s: Suppression, f: FindingInput, now: Date): boolean {
  if (s.rule !== f.rule && s.rule !== '*') return false;
  if (s.subject !== undefined && s.subject !== f.subject) return false;
  if (s.accountId !== undefined && s.accountId !== f.accountId) return false;
  if (s.subject === undefined && s.accountId === undefined) return false;
  if (s.expires !== undefined) {
    const t = Date.parse(s.expires);
    if (Number.isNaN(t) || t <= now.getTime()) return false;
  }
  return true;
}

/** Returns the findings with `suppressed` set by the first matching suppression. */
export function applySuppressions(
  findings: readonly FindingInput[],
  suppressions: readonly Suppression[],
  now: Date,
): FindingInput[] {
  return findings.map((f) => {
    if (f.suppressed !== undefined) return f;
    const s = suppressions.find((x) => suppressionMatches(x, f, now));
    if (s === undefined) return f;
    const suppressed: { reason: string; expires?: string } = { reason: s.reason };
    if (s.expires !== undefined) suppressed.expires = s.expires;
    return { ...f, suppressed };
  });
}

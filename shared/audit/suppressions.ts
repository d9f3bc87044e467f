/**
 * Suppressions (DESIGN.md "Findings", like Access Analyzer's archive rules): a suppression of the
 * config names a rule and a subject and/or an account, a reason and an optional expiry. A matching
 * finding is still reported, marked `suppressed`; once the expiry has passed the suppression stops
 * applying and the finding is reported as open again.
 */
import type { Suppression } from '../config/analysis-config.js';
import type { Finding } from './types.js';

const DAY_MS = 86_400_000;

/**
 * The moment a suppression stops applying: for a date without a time (`2027-01-31`), the end of
 * that day (UTC) — the suppression holds *through* the date written; otherwise the instant given.
 * Undefined when there is no expiry or it cannot be read (then the suppression never expires;
 * `validateAnalysisConfig` already rejects unreadable dates).
 */
export function expiryInstant(expires: string | undefined): number | undefined {
  if (expires === undefined) return undefined;
  const t = Date.parse(expires);
  if (Number.isNaN(t)) return undefined;
  return /^\d{4}-\d{2}-\d{2}$/.test(expires.trim()) ? t + DAY_MS : t;
}

/**
 * Whether `s` applies to `f` at `now`: the same rule (or `*`, every rule), the same subject and/or
 * account, not expired.
 */
export function suppressionMatches(s: Suppression, f: Finding, now: Date): boolean {
  if (s.rule !== f.rule && s.rule !== '*') return false;
  if (s.subject === undefined && s.accountId === undefined) return false;
  if (s.subject !== undefined && s.subject !== f.subject) return false;
  if (s.accountId !== undefined && s.accountId !== f.accountId) return false;
  const end = expiryInstant(s.expires);
  return end === undefined || now.getTime() < end;
}

/** The findings with `suppressed` set where a suppression applies (the first matching one). */
export function applySuppressions(
  findings: readonly Finding[],
  suppressions: readonly Suppression[],
  now: Date,
): Finding[] {
  return findings.map((f) => {
    const s = suppressions.find((x) => suppressionMatches(x, f, now));
    if (s === undefined) return f;
    return {
      ...f,
      suppressed:
        s.expires !== undefined ? { reason: s.reason, expires: s.expires } : { reason: s.reason },
    };
  });
}

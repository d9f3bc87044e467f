/**
 * One finding per root cause. Two rules often report the same statement: a trust that lets an
 * unknown account assume an admin role is both `external-trust-unknown-account` (high) and a
 * one-hop `external-path-to-admin` (critical). A reviewer wants one finding, with the worst
 * severity and both reasons.
 *
 * Root cause: the subject and the statements that grant the access (evidence items with role
 * `grants`). Two findings of one subject are one root cause when the granting statements of one
 * are all among those of the other (a one-hop path's trust statement is among the statements of
 * the trust finding that also lists the account's principals). A finding without granting
 * evidence (incomplete coverage, a deleted principal) is never merged. Works for every rule,
 * present and future: it reads only the finding's subject, evidence and severity.
 *
 * The merged finding keeps the id, rule and title of the worst (first in severity order, then
 * rule id), the union of the evidence, the risk of the worst, and `mergedFrom` listing every
 * finding merged (its own first).
 */
import type { Evidence } from '../authorize/types.js';
import { compareKeys } from '../query/traversal.js';
import { mergeEvidence } from './rule-support.js';
import { SEVERITY_ORDER, type Finding, type FindingReason } from './types.js';

function statementKey(e: Evidence): string {
  const p = e.policy;
  return JSON.stringify([
    p.kind,
    p.arn ?? null,
    p.name,
    p.attachedTo ?? null,
    e.statementIndex ?? null,
    e.action ?? null,
  ]);
}

function grants(f: Finding): Set<string> {
  const out = new Set<string>();
  for (const e of f.evidence) if (e.role === 'grants') out.add(statementKey(e));
  return out;
}

function subsetOf(a: ReadonlySet<string>, b: ReadonlySet<string>): boolean {
  if (a.size > b.size) return false;
  for (const x of a) if (!b.has(x)) return false;
  return true;
}

function reasonOf(f: Finding): FindingReason {
  return { rule: f.rule, severity: f.severity, title: f.title, id: f.id };
}

/** Merges findings of one root cause; the result is in the order of the worst findings. */
export function mergeRootCauses(findings: readonly Finding[]): Finding[] {
  const ordered = [...findings].sort(
    (a, b) =>
      SEVERITY_ORDER.indexOf(a.severity) - SEVERITY_ORDER.indexOf(b.severity) ||
      compareKeys(a.rule, b.rule) ||
      compareKeys(a.id, b.id),
  );
  const kept: { finding: Finding; grants: Set<string>; merged: Finding[] }[] = [];
  const bySubject = new Map<string, typeof kept>();
  for (const f of ordered) {
    const g = grants(f);
    const peers = bySubject.get(f.subject);
    const into =
      g.size === 0
        ? undefined
        : peers?.find(
            (k) =>
              k.grants.size > 0 &&
              k.finding.rule !== f.rule &&
              !k.merged.some((m) => m.rule === f.rule) &&
              (subsetOf(g, k.grants) || subsetOf(k.grants, g)),
          );
    if (into !== undefined) {
      into.merged.push(f);
      for (const x of g) into.grants.add(x);
      continue;
    }
    const entry = { finding: f, grants: g, merged: [] as Finding[] };
    kept.push(entry);
    if (peers === undefined) bySubject.set(f.subject, [entry]);
    else peers.push(entry);
  }
  return kept.map(({ finding, merged }) => {
    if (merged.length === 0) return finding;
    const out: Finding = {
      ...finding,
      evidence: mergeEvidence([finding.evidence, ...merged.map((m) => m.evidence)]),
      mergedFrom: [finding, ...merged].map(reasonOf),
    };
    if (out.accountId === undefined) {
      const withAccount = merged.find((m) => m.accountId !== undefined);
      if (withAccount?.accountId !== undefined) out.accountId = withAccount.accountId;
    }
    return out;
  });
}

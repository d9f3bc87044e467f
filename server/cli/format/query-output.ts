/**
 * What `trustmap query …` prints: the JSON shapes of `--json` (exactly the documented fields,
 * absent values as `null`) and the readable tables. Node names and evidence are untrusted text;
 * tables clean them (table.ts), and the path lines below clean them too.
 */
import type { Evidence } from '../../../shared/authorize/types.js';
import { actionGroupsText } from '../../../shared/audit/rule-support.js';
import type { AccessGraph, ActionGroup } from '../../../shared/graph/types.js';
import type {
  CanAssumeResult,
  Hop,
  PathResult,
  ReachableFromResult,
  WhoCanReachResult,
} from '../../../shared/query/types.js';
import { cleanText } from './sanitize-text.js';
import { formatTable } from './table.js';

// ───────────────────────────── JSON ─────────────────────────────

export interface HopJson {
  from: string;
  to: string;
  kind: string;
  decision: string;
  conditionKeys: readonly string[];
  evidence: readonly Evidence[];
}

export function hopJson(h: Hop): HopJson {
  return {
    from: h.from,
    to: h.to,
    kind: h.kind,
    decision: h.decision,
    conditionKeys: h.conditionKeys,
    evidence: h.evidence,
  };
}

export function canAssumeJson(r: CanAssumeResult): unknown {
  return {
    role: r.role,
    principals: (r.kind === 'found' ? r.principals : []).map((p) => ({
      principal: p.principal,
      kind: p.kind,
      accountId: p.accountId ?? null,
      scope: p.scope,
      vendor: p.vendor ?? null,
      decision: p.decision,
      conditionKeys: p.conditionKeys,
      evidence: p.evidence,
    })),
  };
}

export function pathJson(from: string, to: string, r: PathResult): unknown {
  const paths = r.kind === 'none' ? [] : r.paths;
  return {
    from,
    to,
    paths: paths.map((p) => ({ hops: p.hops.map(hopJson) })),
    truncated: r.kind === 'truncated' || (r.kind === 'found' && r.truncated),
  };
}

export function whoCanReachJson(r: WhoCanReachResult): unknown {
  const principals = r.kind === 'none' ? [] : r.principals;
  return {
    resource: r.resource,
    action: r.action ?? null,
    principals: principals.map((p) => ({
      principal: p.principal,
      kind: p.kind,
      scope: p.scope,
      vendor: p.vendor ?? null,
      decision: p.decision,
      path: p.path.map(hopJson),
    })),
    truncated: r.kind === 'truncated' || (r.kind === 'found' && r.truncated),
  };
}

export function reachableFromJson(r: ReachableFromResult): unknown {
  const roles = r.kind === 'none' ? [] : r.roles;
  const buckets = r.kind === 'none' ? [] : r.buckets;
  return {
    from: r.from,
    roles: roles.map((x) => ({
      role: x.role,
      accountId: x.accountId ?? null,
      scope: x.scope,
      admin: x.admin,
      decision: x.decision,
      conditionKeys: x.conditionKeys,
      path: x.path.map(hopJson),
    })),
    buckets: buckets.map((x) => ({
      bucket: x.bucket,
      accountId: x.accountId ?? null,
      action: x.action,
      actions: x.actions,
      decision: x.decision,
      conditionKeys: x.conditionKeys,
      path: x.path.map(hopJson),
    })),
    truncated: r.kind === 'truncated' || (r.kind === 'found' && r.truncated),
  };
}

// ───────────────────────────── text ─────────────────────────────

/** A node's short name for a path line: its label, or its key. */
function short(graph: AccessGraph, key: string): string {
  const label = graph.hasNode(key) ? graph.getNodeAttribute(key, 'label') : '';
  return cleanText(label === '' ? key : label, 60);
}

/** `A → B → C` with short names. */
export function pathLine(graph: AccessGraph, hops: readonly Hop[]): string {
  if (hops.length === 0) return '';
  return [short(graph, hops[0]?.from ?? ''), ...hops.map((h) => short(graph, h.to))].join(' → ');
}

function decisionText(decision: string, keys: readonly string[]): string {
  return decision === 'conditional' && keys.length > 0
    ? `conditional [${keys.join(', ')}]`
    : decision;
}

/** The reason of the statement that grants (or gates) an edge, for a one-line summary. */
function mainReason(evidence: readonly Evidence[]): string {
  const e =
    evidence.find((x) => x.role === 'grants' && x.policy.kind !== 'identity') ??
    evidence.find((x) => x.role === 'requires') ??
    evidence.find((x) => x.role === 'grants') ??
    evidence[0];
  return e?.reason ?? '';
}

const MAX_EVIDENCE_LINES = 6;

/** A hop with its evidence, indented, for the path and finding views. */
export function hopLines(hop: Hop, n: number): string[] {
  const lines = [
    `  ${String(n)}. ${cleanText(hop.from, 120)} → ${cleanText(hop.to, 120)}  ${hop.kind}  ${cleanText(decisionText(hop.decision, hop.conditionKeys), 200)}`,
  ];
  for (const e of hop.evidence.slice(0, MAX_EVIDENCE_LINES))
    lines.push(`       ${e.role.padEnd(8)} ${cleanText(e.reason, 240)}`);
  if (hop.evidence.length > MAX_EVIDENCE_LINES)
    lines.push(`       … ${String(hop.evidence.length - MAX_EVIDENCE_LINES)} more`);
  return lines;
}

function truncationNote(r: { kind: string; truncated?: boolean }, what: string): string {
  if (r.kind === 'truncated') return `(stopped on its time budget: ${what} may be incomplete)\n`;
  if (r.truncated === true) return `(more ${what} exist than shown: raise --max-results)\n`;
  return '';
}

export function canAssumeText(r: CanAssumeResult): string {
  let out = '';
  if (r.kind === 'none') out += 'none\n';
  else
    out +=
      `Who can assume ${cleanText(r.role, 200)} directly:\n` +
      formatTable(
        [
          { header: 'PRINCIPAL', max: 130 },
          { header: 'KIND', max: 8 },
          { header: 'SCOPE', max: 8 },
          { header: 'VENDOR', max: 24 },
          { header: 'DECISION', max: 70 },
          { header: 'EVIDENCE', max: 140 },
        ],
        r.principals.map((p) => [
          p.principal + (p.aggregate ? ' (account)' : ''),
          p.kind,
          p.scope,
          p.vendor ?? '',
          decisionText(p.decision, p.conditionKeys),
          mainReason(p.evidence),
        ]),
      );
  for (const d of r.dangling)
    out += `note: the trust policy also names ${cleanText(d.principal, 120)}, a deleted principal; it matches nothing\n`;
  return out;
}

export function pathText(graph: AccessGraph, from: string, to: string, r: PathResult): string {
  if (r.kind === 'none') return 'none\n';
  if (r.paths.length === 0) return `none found ${truncationNote(r, 'paths')}`;
  const lines = [
    `${String(r.paths.length)} path(s) from ${cleanText(from, 200)} to ${cleanText(to, 200)}, shortest first:`,
  ];
  r.paths.forEach((p, i) => {
    lines.push(
      '',
      `Path ${String(i + 1)}: ${pathLine(graph, p.hops)}  (${String(p.hops.length)} hop(s), ${decisionText(p.decision, p.conditionKeys)})`,
    );
    p.hops.forEach((h, j) => lines.push(...hopLines(h, j + 1)));
  });
  return `${lines.join('\n')}\n${truncationNote(r, 'paths')}`;
}

export function whoCanReachText(graph: AccessGraph, r: WhoCanReachResult): string {
  if (r.kind === 'none') return 'none\n';
  const head =
    r.action !== undefined
      ? `Who can ${actionVerb(r.action)} ${cleanText(r.resource, 200)}:\n`
      : `Who can reach ${cleanText(r.resource, 200)}:\n`;
  return (
    head +
    formatTable(
      [
        { header: 'PRINCIPAL', max: 130 },
        { header: 'KIND', max: 8 },
        { header: 'SCOPE', max: 8 },
        { header: 'VENDOR', max: 24 },
        { header: 'DECISION', max: 70 },
        { header: 'HOPS', max: 4 },
        { header: 'PATH', max: 160 },
      ],
      r.principals.map((p) => [
        p.principal,
        p.kind,
        p.scope,
        p.vendor ?? '',
        decisionText(p.decision, p.conditionKeys),
        String(p.path.length),
        pathLine(graph, p.path),
      ]),
    ) +
    truncationNote(r, 'starting points')
  );
}

function actionVerb(action: ActionGroup): string {
  return actionGroupsText(new Set([action]));
}

export function reachableFromText(graph: AccessGraph, r: ReachableFromResult): string {
  if (r.kind === 'none') return 'none\n';
  let out = `What ${cleanText(r.from, 200)} can reach:\n`;
  if (r.roles.length > 0)
    out +=
      '\nRoles\n' +
      formatTable(
        [
          { header: 'ROLE', max: 130 },
          { header: 'SCOPE', max: 8 },
          { header: 'ADMIN', max: 5 },
          { header: 'DECISION', max: 70 },
          { header: 'HOPS', max: 4 },
          { header: 'PATH', max: 160 },
        ],
        r.roles.map((x) => [
          x.role,
          x.scope,
          x.admin ? 'yes' : '',
          decisionText(x.decision, x.conditionKeys),
          String(x.path.length),
          pathLine(graph, x.path),
        ]),
      );
  if (r.buckets.length > 0)
    out +=
      '\nBuckets\n' +
      formatTable(
        [
          { header: 'BUCKET', max: 70 },
          { header: 'ACTION', max: 6 },
          { header: 'DECISION', max: 70 },
          { header: 'HOPS', max: 4 },
          { header: 'PATH', max: 160 },
        ],
        r.buckets.map((x) => [
          x.bucket,
          x.action,
          decisionText(x.decision, x.conditionKeys),
          String(x.path.length),
          pathLine(graph, x.path),
        ]),
      );
  return out + truncationNote(r, 'roles or buckets');
}

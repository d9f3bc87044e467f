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
  PeopleReach,
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
  /** can-escalate hops only: the technique, the workload it goes through (or null), and the principal acted as (or null). */
  technique?: string;
  workload?: string | null;
  via?: string | null;
}

export function hopJson(h: Hop): HopJson {
  const out: HopJson = {
    from: h.from,
    to: h.to,
    kind: h.kind,
    decision: h.decision,
    conditionKeys: h.conditionKeys,
    evidence: h.evidence,
  };
  if (h.kind === 'can-escalate') {
    out.technique = h.technique ?? 'can-escalate';
    out.workload = h.workload ?? null;
    out.via = h.via ?? null;
  }
  return out;
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
    people: r.kind === 'none' || r.people === undefined ? null : peopleJson(r.people),
    truncated: r.kind === 'truncated' || (r.kind === 'found' && r.truncated),
  };
}

function peopleJson(p: PeopleReach): unknown {
  return {
    users: p.users.map((u) => ({
      user: u.user,
      userName: u.userName,
      displayName: u.displayName ?? null,
      groups: u.groups,
      direct: u.direct,
      decision: u.decision,
      conditionKeys: u.conditionKeys,
      path: u.path.map(hopJson),
    })),
    groups: p.groups.map((g) => ({
      group: g.group,
      name: g.name,
      members: g.members,
      decision: g.decision,
      conditionKeys: g.conditionKeys,
      path: g.path.map(hopJson),
    })),
    totalUsers: p.totalUsers,
    totalGroups: p.totalGroups,
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
      ...(x.service !== undefined ? { service: x.service } : {}),
      accountId: x.accountId ?? null,
      action: x.action,
      actions: x.actions,
      decision: x.decision,
      conditionKeys: x.conditionKeys,
      path: x.path.map(hopJson),
    })),
    admin: (r.kind === 'none' ? [] : r.admin).map((x) => ({
      accountId: x.accountId,
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

/** How a hop is drawn in a path line: `→`, or `→[technique]` for an escalation. */
function arrow(h: Hop): string {
  return h.kind === 'can-escalate' ? ` →[${cleanText(techniqueText(h), 120)}] ` : ' → ';
}

/** The technique of an escalation hop, in words for the two account-level ones. */
export function techniqueText(h: Hop): string {
  if (h.technique === 'administrator') return 'administrator of the account';
  if (h.technique === 'administrator-owns-account') return "the account's administrators act as it";
  if (h.technique === 'runs-as') return 'runs as';
  return (h.technique ?? 'escalation') + (h.via !== undefined ? ` via ${h.via}` : '');
}

/**
 * A node as a step of a path line: a group as `(group Admins)`, the role reached by an Identity
 * Center sign-in as `<permission set> in <account>`, anything else by its short name.
 */
function step(graph: AccessGraph, key: string, via: Hop | undefined): string {
  if (!graph.hasNode(key)) return short(graph, key);
  const a = graph.getNodeAttributes(key);
  if (a.kind === 'sso-group') return `(group ${short(graph, key)})`;
  if (via?.kind === 'can-sign-in') {
    const set = graph
      .edges(via.from, via.to)
      .map((e) => graph.getEdgeAttribute(e, 'permissionSet'))
      .find((s) => s !== undefined);
    const accountKey =
      a.accountId === undefined
        ? undefined
        : `arn:${key.split(':')[1] ?? 'aws'}:iam::${a.accountId}:root`;
    const account =
      (accountKey !== undefined && graph.hasNode(accountKey)
        ? graph.getNodeAttribute(accountKey, 'accountName')
        : undefined) ?? a.accountId;
    if (set !== undefined && account !== undefined)
      return `${cleanText(set, 60)} in ${cleanText(account, 60)}`;
  }
  return short(graph, key);
}

/**
 * `A → B → C` with short names (`alice@example.com → (group Admins) → AdministratorAccess in
 * prod → …`); escalation hops name their technique (`dev →[iam:CreateAccessKey] ops`).
 */
export function pathLine(graph: AccessGraph, hops: readonly Hop[]): string {
  if (hops.length === 0) return '';
  let out = step(graph, hops[0]?.from ?? '', undefined);
  for (const h of hops) out += arrow(h) + step(graph, h.to, h);
  return out;
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
    `  ${String(n)}. ${cleanText(hop.from, 120)} → ${cleanText(hop.to, 120)}  ${hop.kind}${hop.kind === 'can-escalate' ? ` (${cleanText(techniqueText(hop), 200)})` : ''}  ${cleanText(decisionText(hop.decision, hop.conditionKeys), 200)}`,
  ];
  if (hop.workload !== undefined && hop.technique !== 'runs-as')
    lines.push(`       through workload ${cleanText(hop.workload, 200)}`);
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
  const people = r.people === undefined ? '' : peopleText(graph, r.people);
  if (r.principals.length === 0) return head + people + truncationNote(r, 'starting points');
  return (
    head +
    people +
    (people === '' ? '' : '\nPrincipals\n') +
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

/** The people part of who-can-reach: one table by group, one by person. */
function peopleText(graph: AccessGraph, p: PeopleReach): string {
  let out = '';
  if (p.groups.length > 0)
    out +=
      `\nGroups (${String(p.totalGroups)})\n` +
      formatTable(
        [
          { header: 'GROUP', max: 60 },
          { header: 'MEMBERS', max: 7 },
          { header: 'DECISION', max: 70 },
          { header: 'PATH', max: 160 },
        ],
        p.groups.map((g) => [
          g.name,
          String(g.members),
          decisionText(g.decision, g.conditionKeys),
          pathLine(graph, g.path),
        ]),
      );
  if (p.users.length > 0)
    out +=
      `\nPeople (${String(p.totalUsers)})\n` +
      formatTable(
        [
          { header: 'PERSON', max: 60 },
          { header: 'THROUGH', max: 80 },
          { header: 'DECISION', max: 70 },
          { header: 'PATH', max: 160 },
        ],
        p.users.map((u) => [
          u.userName,
          [
            ...(u.direct ? ['direct assignment'] : []),
            ...u.groups.map((g) => `group ${short(graph, g)}`),
          ].join(', '),
          decisionText(u.decision, u.conditionKeys),
          pathLine(graph, u.path),
        ]),
      );
  return out;
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
  if (r.admin.length > 0)
    out +=
      '\nAdministrator of\n' +
      formatTable(
        [
          { header: 'ACCOUNT', max: 14 },
          { header: 'DECISION', max: 70 },
          { header: 'HOPS', max: 4 },
          { header: 'PATH', max: 200 },
        ],
        r.admin.map((x) => [
          x.accountId,
          decisionText(x.decision, x.conditionKeys),
          String(x.path.length),
          x.path.length === 0 ? '(already an administrator)' : pathLine(graph, x.path),
        ]),
      );
  return out + truncationNote(r, 'roles or buckets');
}

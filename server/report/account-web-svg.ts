/**
 * A static SVG picture of the account-level web of trust for the HTML report, following the
 * dashboard's organization view: organization accounts on the inner ring, everything outside
 * (external and vendor accounts, anyone, IdPs, services) on the outer ring, in the dashboard's
 * colours (node scopes and kinds, edge states worst first); new edges drawn thick in the
 * dashboard's "added" green. A name shared by several nodes (IAM Identity Center's SAML provider
 * is in every account) is written once, with the number of accounts. All text is escaped; the
 * SVG has no scripts and no external references.
 */
import type { AccountLevelGraph } from '../../shared/graph/aggregate-accounts.js';
import { visibleField } from '../../shared/text/visible-text.js';
import { escapeHtml } from './escape-html.js';

export const MAX_SVG_NODES = 120;

/** The dashboard's node colours (web/src/graph/node-look.ts; test/server/report checks them). */
export const NODE_COLOURS: Readonly<Record<string, string>> = {
  org: '#3867d6',
  vendor: '#8854d0',
  external: '#eb3b5a',
  public: '#b71540',
  idp: '#0fb9b1',
  service: '#778ca3',
};

/** The dashboard's edge-state colours (web/src/graph/edge-state.ts), by aggregate state. */
export const WORST_COLOURS: Readonly<Record<string, string>> = {
  public: '#d7263d',
  'external-no-external-id': '#f46036',
  conditional: '#e2a600',
  internal: '#8a9bb0',
};

/** The dashboard's colour of an edge added since the previous scan (web/src/graph/highlight.ts). */
export const NEW_EDGE_COLOUR = '#1e9e4a';

const COLOURS = NODE_COLOURS;
const WORST_COLOUR = WORST_COLOURS;

function colourOf(n: AccountLevelGraph['nodes'][number]): string {
  const a = n.attributes;
  if (a === undefined) return COLOURS.org ?? '#888';
  if (a.kind === 'anyone') return COLOURS.public ?? '#b00020';
  if (a.kind === 'idp' || a.kind === 'service') return COLOURS[a.kind] ?? '#888';
  return COLOURS[a.scope ?? 'org'] ?? '#888';
}

/** The SVG text; at most `MAX_SVG_NODES` nodes (the ones on edges, outside and new first). */
export function renderAccountWebSvg(graph: AccountLevelGraph, size = 900): string {
  const degree = new Map<string, number>();
  const onNew = new Set<string>();
  for (const e of graph.edges) {
    degree.set(e.source, (degree.get(e.source) ?? 0) + 1);
    degree.set(e.target, (degree.get(e.target) ?? 0) + 1);
    if (e.attributes?.isNew === true) {
      onNew.add(e.source);
      onNew.add(e.target);
    }
  }
  const isOutside = (n: AccountLevelGraph['nodes'][number]): boolean =>
    n.attributes?.kind !== 'account' || n.attributes.scope !== 'org';
  const rank = (n: AccountLevelGraph['nodes'][number]): number =>
    (onNew.has(n.key) ? 0 : 2) + (isOutside(n) ? 0 : 1);
  const chosen = graph.nodes
    .filter((n) => (degree.get(n.key) ?? 0) > 0)
    .sort((a, b) => rank(a) - rank(b) || (degree.get(b.key) ?? 0) - (degree.get(a.key) ?? 0))
    .slice(0, MAX_SVG_NODES);
  const inner = chosen.filter((n) => !isOutside(n));
  const outer = chosen.filter(isOutside);
  const c = size / 2;
  const pos = new Map<string, { x: number; y: number }>();
  const ring = (nodes: typeof chosen, r: number): void => {
    nodes.forEach((n, i) => {
      const t = (2 * Math.PI * i) / Math.max(1, nodes.length) - Math.PI / 2;
      pos.set(n.key, { x: c + r * Math.cos(t), y: c + r * Math.sin(t) });
    });
  };
  ring(inner, size * 0.22);
  ring(outer, size * 0.4);
  const parts: string[] = [];
  parts.push(
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${String(size)} ${String(size)}" width="${String(size)}" height="${String(size)}" role="img" aria-label="Account-level web of trust">`,
    '<defs><marker id="arrow" viewBox="0 0 10 10" refX="10" refY="5" markerWidth="6" markerHeight="6" orient="auto-start-reverse"><path d="M0,0 L10,5 L0,10 z" fill="#666"/></marker></defs>',
  );
  const f = (v: number): string => v.toFixed(1);
  for (const e of graph.edges) {
    const s = pos.get(e.source);
    const t = pos.get(e.target);
    if (s === undefined || t === undefined || e.attributes === undefined) continue;
    const isNew = e.attributes.isNew === true;
    const stroke = isNew ? NEW_EDGE_COLOUR : (WORST_COLOUR[e.attributes.worst] ?? '#999');
    const width = isNew ? 3 : Math.min(3, 0.8 + Math.log10(e.attributes.count + 1));
    parts.push(
      `<line x1="${f(s.x)}" y1="${f(s.y)}" x2="${f(t.x)}" y2="${f(t.y)}" stroke="${stroke}" stroke-width="${f(width)}" stroke-opacity="${isNew ? '1' : '0.55'}" marker-end="url(#arrow)"${isNew ? ' class="new-edge"' : ''}><title>${escapeHtml(`${visibleField(e.source)} → ${visibleField(e.target)}: ${String(e.attributes.count)} edge(s), worst ${e.attributes.worst}${isNew ? ', NEW' : ''}`)}</title></line>`,
    );
  }
  const labelOf = (n: AccountLevelGraph['nodes'][number]): string => {
    const a = n.attributes;
    return a?.vendor ?? a?.accountName ?? a?.label ?? n.key;
  };
  const copies = new Map<string, number>();
  for (const n of graph.nodes) copies.set(labelOf(n), (copies.get(labelOf(n)) ?? 0) + 1);
  const written = new Set<string>();
  for (const n of chosen) {
    const p = pos.get(n.key);
    if (p === undefined) continue;
    const a = n.attributes;
    const name = labelOf(n);
    const count = copies.get(name) ?? 1;
    // A shared name is written once, on its first node, with the number of accounts.
    const label = written.has(name)
      ? ''
      : count > 1
        ? `${name.length > 28 ? `${name.slice(0, 27)}…` : name} (${String(count)} accounts)`
        : name;
    written.add(name);
    const outside = isOutside(n);
    parts.push(
      `<g${outside ? ' class="outside"' : ''}><circle cx="${f(p.x)}" cy="${f(p.y)}" r="${outside ? '9' : '6'}" fill="${colourOf(n)}" stroke="${onNew.has(n.key) ? NEW_EDGE_COLOUR : '#fff'}" stroke-width="2"><title>${escapeHtml(`${visibleField(n.key)}${a?.scope === undefined ? '' : ` (${a.scope})`}`)}</title></circle>` +
        (label === ''
          ? ''
          : `<text x="${f(p.x)}" y="${f(p.y - 12)}" font-size="10" text-anchor="middle" fill="#222">${escapeHtml(visibleField(label, 48))}</text>`) +
        '</g>',
    );
  }
  if (graph.nodes.length > chosen.length)
    parts.push(
      `<text x="10" y="${String(size - 10)}" font-size="12" fill="#555">${String(chosen.length)} of ${String(graph.nodes.length)} nodes shown</text>`,
    );
  parts.push('</svg>');
  return parts.join('\n');
}

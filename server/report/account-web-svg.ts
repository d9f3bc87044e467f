/**
 * A static SVG picture of the account-level web of trust for the HTML report: organization
 * accounts on the inner ring, everything outside (external and vendor accounts, anyone, IdPs,
 * services) on the outer ring; outside sources marked by colour, new edges drawn thick and red.
 * All text is escaped; the SVG has no scripts and no external references.
 */
import type { AccountLevelGraph } from '../../shared/graph/aggregate-accounts.js';
import { visibleField } from '../../shared/text/visible-text.js';
import { escapeHtml } from './escape-html.js';

export const MAX_SVG_NODES = 120;

const COLOURS: Readonly<Record<string, string>> = {
  org: '#4e79a7',
  vendor: '#f28e2b',
  external: '#e15759',
  public: '#b00020',
  idp: '#76b7b2',
  service: '#9c9c9c',
};

const WORST_COLOUR: Readonly<Record<string, string>> = {
  public: '#b00020',
  'external-no-external-id': '#e15759',
  conditional: '#f2b447',
  internal: '#a0b4c8',
};

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
    const stroke = isNew ? '#d00000' : (WORST_COLOUR[e.attributes.worst] ?? '#999');
    const width = isNew ? 3 : Math.min(3, 0.8 + Math.log10(e.attributes.count + 1));
    parts.push(
      `<line x1="${f(s.x)}" y1="${f(s.y)}" x2="${f(t.x)}" y2="${f(t.y)}" stroke="${stroke}" stroke-width="${f(width)}" stroke-opacity="${isNew ? '1' : '0.55'}" marker-end="url(#arrow)"${isNew ? ' class="new-edge"' : ''}><title>${escapeHtml(`${visibleField(e.source)} → ${visibleField(e.target)}: ${String(e.attributes.count)} edge(s), worst ${e.attributes.worst}${isNew ? ', NEW' : ''}`)}</title></line>`,
    );
  }
  for (const n of chosen) {
    const p = pos.get(n.key);
    if (p === undefined) continue;
    const a = n.attributes;
    const label = a?.vendor ?? a?.accountName ?? a?.label ?? n.key;
    const outside = isOutside(n);
    parts.push(
      `<g${outside ? ' class="outside"' : ''}><circle cx="${f(p.x)}" cy="${f(p.y)}" r="${outside ? '9' : '6'}" fill="${colourOf(n)}" stroke="${onNew.has(n.key) ? '#d00000' : '#fff'}" stroke-width="2"><title>${escapeHtml(`${visibleField(n.key)}${a?.scope === undefined ? '' : ` (${a.scope})`}`)}</title></circle>` +
        `<text x="${f(p.x)}" y="${f(p.y - 12)}" font-size="10" text-anchor="middle" fill="#222">${escapeHtml(visibleField(label, 40))}</text></g>`,
    );
  }
  if (graph.nodes.length > chosen.length)
    parts.push(
      `<text x="10" y="${String(size - 10)}" font-size="12" fill="#555">${String(chosen.length)} of ${String(graph.nodes.length)} nodes shown</text>`,
    );
  parts.push('</svg>');
  return parts.join('\n');
}

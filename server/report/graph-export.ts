/**
 * The access graph in exchange formats for other tools: graphology `export()` JSON, GraphML
 * (yEd, Gephi, NetworkX) and GEXF 1.3 (Gephi), where node and edge attributes become typed data
 * fields, lists are joined with spaces, evidence is kept in JSON only and all text is
 * XML-escaped; and for graph databases (./export/): BloodHound OpenGraph JSON, a Cypher script
 * and Neo4j bulk-import CSV files (docs/export.md).
 */
import type { AccessGraph } from '../../shared/graph/types.js';
import { cypherChunks } from './export/cypher.js';
import { openGraphChunks } from './export/opengraph.js';

export const EXPORT_FORMATS = [
  'json',
  'graphml',
  'gexf',
  'opengraph',
  'cypher',
  'neo4j-csv',
] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];
/** Formats written as one file (`neo4j-csv` is a directory of files). */
export type SingleFileFormat = Exclude<ExportFormat, 'neo4j-csv'>;

const NODE_FIELDS = [
  'kind',
  'label',
  'accountId',
  'scope',
  'vendor',
  'accountName',
  'ouPath',
  'admin',
  'crownJewel',
] as const;
const EDGE_FIELDS = [
  'kind',
  'decision',
  'conditionKeys',
  'action',
  'actionGroup',
  'actions',
  'aggregate',
] as const;

/** Escapes XML metacharacters and drops the control characters XML 1.0 cannot hold. */
export function escapeXml(value: string): string {
  let out = '';
  for (const c of value) {
    const code = c.charCodeAt(0);
    if (code < 0x20 && code !== 0x09 && code !== 0x0a && code !== 0x0d) continue;
    out +=
      c === '&'
        ? '&amp;'
        : c === '<'
          ? '&lt;'
          : c === '>'
            ? '&gt;'
            : c === '"'
              ? '&quot;'
              : c === "'"
                ? '&apos;'
                : c;
  }
  return out;
}

function text(v: unknown): string | undefined {
  if (v === undefined || v === null) return undefined;
  if (Array.isArray(v)) return v.map(String).join(' ');
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  return undefined;
}

function graphml(graph: AccessGraph): string {
  const out: string[] = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<graphml xmlns="http://graphml.graphdrawing.org/xmlns">',
  ];
  for (const f of NODE_FIELDS)
    out.push(`  <key id="n_${f}" for="node" attr.name="${f}" attr.type="string"/>`);
  for (const f of EDGE_FIELDS)
    out.push(`  <key id="e_${f}" for="edge" attr.name="${f}" attr.type="string"/>`);
  out.push('  <graph id="trustmap" edgedefault="directed">');
  graph.forEachNode((key, a) => {
    out.push(`    <node id="${escapeXml(key)}">`);
    for (const f of NODE_FIELDS) {
      const v = text(a[f]);
      if (v !== undefined) out.push(`      <data key="n_${f}">${escapeXml(v)}</data>`);
    }
    out.push('    </node>');
  });
  graph.forEachEdge((key, a, source, target) => {
    out.push(
      `    <edge id="${escapeXml(key)}" source="${escapeXml(source)}" target="${escapeXml(target)}">`,
    );
    for (const f of EDGE_FIELDS) {
      const v = text(a[f]);
      if (v !== undefined) out.push(`      <data key="e_${f}">${escapeXml(v)}</data>`);
    }
    out.push('    </edge>');
  });
  out.push('  </graph>', '</graphml>');
  return `${out.join('\n')}\n`;
}

function gexf(graph: AccessGraph): string {
  const out: string[] = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<gexf xmlns="http://gexf.net/1.3" version="1.3">',
    '  <graph defaultedgetype="directed" mode="static">',
    '    <attributes class="node">',
    ...NODE_FIELDS.map((f, i) => `      <attribute id="${String(i)}" title="${f}" type="string"/>`),
    '    </attributes>',
    '    <attributes class="edge">',
    ...EDGE_FIELDS.map((f, i) => `      <attribute id="${String(i)}" title="${f}" type="string"/>`),
    '    </attributes>',
    '    <nodes>',
  ];
  graph.forEachNode((key, a) => {
    out.push(`      <node id="${escapeXml(key)}" label="${escapeXml(a.label)}"><attvalues>`);
    NODE_FIELDS.forEach((f, i) => {
      const v = text(a[f]);
      if (v !== undefined)
        out.push(`        <attvalue for="${String(i)}" value="${escapeXml(v)}"/>`);
    });
    out.push('      </attvalues></node>');
  });
  out.push('    </nodes>', '    <edges>');
  graph.forEachEdge((key, a, source, target) => {
    out.push(
      `      <edge id="${escapeXml(key)}" source="${escapeXml(source)}" target="${escapeXml(target)}"><attvalues>`,
    );
    EDGE_FIELDS.forEach((f, i) => {
      const v = text(a[f]);
      if (v !== undefined)
        out.push(`        <attvalue for="${String(i)}" value="${escapeXml(v)}"/>`);
    });
    out.push('      </attvalues></edge>');
  });
  out.push('    </edges>', '  </graph>', '</gexf>');
  return `${out.join('\n')}\n`;
}

/** The graph as text in `format`, in chunks whose concatenation is the whole file. */
export function exportGraphChunks(graph: AccessGraph, format: SingleFileFormat): Iterable<string> {
  switch (format) {
    case 'json':
      return [`${JSON.stringify(graph.export())}\n`];
    case 'graphml':
      return [graphml(graph)];
    case 'gexf':
      return [gexf(graph)];
    case 'opengraph':
      return openGraphChunks(graph);
    case 'cypher':
      return cypherChunks(graph);
  }
}

/** The graph as text in `format` (whole; for large graphs prefer `exportGraphChunks`). */
export function exportGraph(graph: AccessGraph, format: SingleFileFormat): string {
  return [...exportGraphChunks(graph, format)].join('');
}

/**
 * The access graph as a Cypher script for Neo4j (and other openCypher databases): run it with
 * `cypher-shell -f graph.cypher`. Nodes get the label `TM_Node` plus `TM_<Kind>` (`TM_Role`,
 * `TM_Bucket`, …) and a unique `objectid` (the node key, a canonical ARN); relationships get the
 * type `TM_<KIND>` (`TM_CAN_ASSUME`, `TM_CAN_ACCESS`, …). Properties are flat (strings, numbers,
 * booleans, lists of strings; see flat-properties.ts).
 *
 * Statements batch rows with `UNWIND [...] AS row`, so a large graph loads in a few thousand
 * statements instead of one per node. Every string is written as a Cypher string literal with
 * its quotes, backslashes and control characters escaped: text from AWS can never end a literal
 * and run as Cypher. Produced as a sequence of text chunks (one statement each).
 */
import type { AccessGraph } from '../../../shared/graph/types.js';
import {
  flattenAttributes,
  pascalCase,
  type FlatProperties,
  type FlatValue,
} from './flat-properties.js';

/** Label every exported node carries (the unique constraint is on it). */
export const CYPHER_NODE_LABEL = 'TM_Node';

/** `role` → `TM_Role`. */
export function cypherLabel(kind: string): string {
  return `TM_${pascalCase(kind)}`;
}

/** `can-assume` → `TM_CAN_ASSUME`. */
export function cypherRelationshipType(kind: string): string {
  return `TM_${kind.replace(/[^A-Za-z0-9]+/g, '_').toUpperCase()}`;
}

/** A Cypher string literal: single quotes, with `\`, `'` and every control character escaped. */
export function cypherString(value: string): string {
  let out = "'";
  for (const c of value) {
    const code = c.codePointAt(0) ?? 0;
    if (c === '\\') out += '\\\\';
    else if (c === "'") out += "\\'";
    else if (c === '\n') out += '\\n';
    else if (c === '\r') out += '\\r';
    else if (c === '\t') out += '\\t';
    else if (code < 0x20 || code === 0x7f || code === 0x2028 || code === 0x2029)
      out += `\\u${code.toString(16).padStart(4, '0')}`;
    else out += c;
  }
  return `${out}'`;
}

/** An identifier (label, type, property name) quoted with backticks. */
export function cypherName(name: string): string {
  return `\`${name.replaceAll('`', '``')}\``;
}

function cypherValue(value: FlatValue): string {
  if (typeof value === 'string') return cypherString(value);
  if (typeof value === 'number') return String(value);
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  return `[${value.map(cypherString).join(',')}]`;
}

function cypherMap(props: FlatProperties): string {
  const parts: string[] = [];
  for (const [k, v] of props) {
    // An empty list has no element type; Neo4j stores nothing useful for it.
    if (Array.isArray(v) && v.length === 0) continue;
    parts.push(`${cypherName(k)}:${cypherValue(v)}`);
  }
  return `{${parts.join(',')}}`;
}

const ROWS = 500;
const NODE_OMIT = new Set(['label']);

/** The Cypher script, one statement per chunk (each ends with `;\n`). */
export function* cypherChunks(graph: AccessGraph): Generator<string> {
  yield '// trustmap access graph. Load with: cypher-shell -f graph.cypher\n';
  yield `CREATE CONSTRAINT tm_node_objectid IF NOT EXISTS FOR (n:${CYPHER_NODE_LABEL}) REQUIRE n.objectid IS UNIQUE;\n`;
  const nodesByKind = new Map<string, string[]>();
  graph.forEachNode((key, a) => {
    let list = nodesByKind.get(a.kind);
    if (!list) nodesByKind.set(a.kind, (list = []));
    list.push(key);
  });
  for (const [kind, keys] of nodesByKind) {
    for (let i = 0; i < keys.length; i += ROWS) {
      const rows = keys.slice(i, i + ROWS).map((key) => {
        const a = graph.getNodeAttributes(key);
        const props: FlatProperties = new Map([
          ['objectid', key],
          ['name', a.label],
        ]);
        for (const [k, v] of flattenAttributes(a, NODE_OMIT)) props.set(k, v);
        return cypherMap(props);
      });
      yield `UNWIND [${rows.join(',')}] AS row CREATE (n:${CYPHER_NODE_LABEL}:${cypherName(cypherLabel(kind))}) SET n = row;\n`;
    }
  }
  const edgesByKind = new Map<string, string[]>();
  graph.forEachEdge((key, a) => {
    let list = edgesByKind.get(a.kind);
    if (!list) edgesByKind.set(a.kind, (list = []));
    list.push(key);
  });
  for (const [kind, keys] of edgesByKind) {
    for (let i = 0; i < keys.length; i += ROWS) {
      const rows = keys.slice(i, i + ROWS).map((key) => {
        const props: FlatProperties = new Map([['edgeid', key]]);
        for (const [k, v] of flattenAttributes(graph.getEdgeAttributes(key))) props.set(k, v);
        return `{s:${cypherString(graph.source(key))},t:${cypherString(graph.target(key))},p:${cypherMap(props)}}`;
      });
      yield (
        `UNWIND [${rows.join(',')}] AS row ` +
        `MATCH (a:${CYPHER_NODE_LABEL} {objectid: row.s}) MATCH (b:${CYPHER_NODE_LABEL} {objectid: row.t}) ` +
        `CREATE (a)-[r:${cypherName(cypherRelationshipType(kind))}]->(b) SET r = row.p;\n`
      );
    }
  }
}

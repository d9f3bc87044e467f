/**
 * The access graph as CSV files for `neo4j-admin database import full` (Neo4j's bulk importer):
 * `nodes.csv` (`objectid:ID`, `:LABEL`, typed property columns) and `relationships.csv`
 * (`:START_ID`, `:END_ID`, `:TYPE`, typed property columns). Labels and types are those of the
 * Cypher export (`TM_Node;TM_Role`, `TM_CAN_ASSUME`). Import with (docs/export.md):
 *
 *   neo4j-admin database import full --nodes=nodes.csv --relationships=relationships.csv \
 *     --array-delimiter=";" --multiline-fields=true neo4j
 *
 * Fields follow RFC 4180: every field is quoted, quotes doubled. List properties (`string[]`)
 * join their elements with `;`; an element's own `%` and `;` are written `%25` and `%3B` so that
 * no text from AWS can split an element. A property whose values have different types across
 * the graph is written as text.
 */
import type { AccessGraph } from '../../../shared/graph/types.js';
import { cypherLabel, cypherRelationshipType, CYPHER_NODE_LABEL } from './cypher.js';
import { flattenAttributes, type FlatProperties, type FlatValue } from './flat-properties.js';

type ColumnType = 'string' | 'boolean' | 'long' | 'double' | 'string[]';

function typeOf(value: FlatValue): ColumnType {
  if (typeof value === 'string') return 'string';
  if (typeof value === 'boolean') return 'boolean';
  if (typeof value === 'number') return Number.isInteger(value) ? 'long' : 'double';
  return 'string[]';
}

/** The column types of a set of property maps, in first-seen order; mixed types become text. */
function columns(rows: Iterable<FlatProperties>): Map<string, ColumnType> {
  const out = new Map<string, ColumnType>();
  for (const row of rows)
    for (const [k, v] of row) {
      const t = typeOf(v);
      const seen = out.get(k);
      if (seen === undefined) out.set(k, t);
      else if (seen !== t) out.set(k, seen === 'long' && t === 'double' ? 'double' : 'string');
    }
  return out;
}

/** One CSV field, always quoted. */
export function csvField(text: string): string {
  return `"${text.replaceAll('"', '""')}"`;
}

/** A list element with the array delimiter and the escape character encoded. */
export function encodeArrayElement(text: string): string {
  return text.replaceAll('%', '%25').replaceAll(';', '%3B');
}

function cell(value: FlatValue | undefined, type: ColumnType): string {
  if (value === undefined) return '';
  if (type === 'string[]')
    return csvField(
      (Array.isArray(value) ? value : [String(value)]).map(encodeArrayElement).join(';'),
    );
  if (Array.isArray(value)) return csvField(value.join(','));
  return csvField(String(value));
}

function header(fixed: readonly string[], cols: Map<string, ColumnType>): string {
  const names = [...fixed];
  for (const [k, t] of cols) names.push(`${k}:${t}`);
  return `${names.map(csvField).join(',')}\n`;
}

const NODE_OMIT = new Set(['label']);
const ROWS = 1000;

export interface Neo4jCsvFiles {
  'nodes.csv': Iterable<string>;
  'relationships.csv': Iterable<string>;
}

/** The two import files, each as a sequence of text chunks. */
export function neo4jCsvFiles(graph: AccessGraph): Neo4jCsvFiles {
  const nodeProps = (key: string): FlatProperties => {
    const a = graph.getNodeAttributes(key);
    const props: FlatProperties = new Map([['name', a.label]]);
    for (const [k, v] of flattenAttributes(a, NODE_OMIT)) props.set(k, v);
    return props;
  };
  const edgeProps = (key: string): FlatProperties => {
    const props: FlatProperties = new Map([['edgeid', key]]);
    for (const [k, v] of flattenAttributes(graph.getEdgeAttributes(key))) props.set(k, v);
    return props;
  };
  function* nodes(): Generator<string> {
    // Two passes (types, then rows) so that no list of every row is held.
    const cols = columns(
      (function* () {
        for (const key of graph.nodes()) yield nodeProps(key);
      })(),
    );
    yield header(['objectid:ID', ':LABEL'], cols);
    let batch: string[] = [];
    for (const key of graph.nodes()) {
      const props = nodeProps(key);
      const labels = `${CYPHER_NODE_LABEL};${cypherLabel(graph.getNodeAttribute(key, 'kind'))}`;
      const cells = [csvField(key), csvField(labels)];
      for (const [k, t] of cols) cells.push(cell(props.get(k), t));
      batch.push(cells.join(','));
      if (batch.length >= ROWS) {
        yield `${batch.join('\n')}\n`;
        batch = [];
      }
    }
    if (batch.length > 0) yield `${batch.join('\n')}\n`;
  }
  function* relationships(): Generator<string> {
    const cols = columns(
      (function* () {
        for (const key of graph.edges()) yield edgeProps(key);
      })(),
    );
    yield header([':START_ID', ':END_ID', ':TYPE'], cols);
    let batch: string[] = [];
    for (const key of graph.edges()) {
      const props = edgeProps(key);
      const cells = [
        csvField(graph.source(key)),
        csvField(graph.target(key)),
        csvField(cypherRelationshipType(graph.getEdgeAttribute(key, 'kind'))),
      ];
      for (const [k, t] of cols) cells.push(cell(props.get(k), t));
      batch.push(cells.join(','));
      if (batch.length >= ROWS) {
        yield `${batch.join('\n')}\n`;
        batch = [];
      }
    }
    if (batch.length > 0) yield `${batch.join('\n')}\n`;
  }
  return { 'nodes.csv': nodes(), 'relationships.csv': relationships() };
}

/**
 * The access graph as BloodHound OpenGraph JSON (the generic ingest format of BloodHound CE:
 * `{ metadata: { source_kind }, graph: { nodes: [{ id, kinds, properties }], edges: [{ start,
 * end, kind, properties }] } }`), so that it can be uploaded to BloodHound and queried with its
 * Cypher and pathfinding. Node kinds are `TM_<Kind>` (`TM_Role`, `TM_Bucket`, …) and edge kinds
 * `TM_<Kind>` (`TM_CanAssume`, …): prefixed so that they never collide with BloodHound's built-in
 * kinds, PascalCase because edge kinds may not contain a dash. Properties are flat (strings,
 * numbers, booleans, lists of strings) as the schema requires; `name` is the node's label and
 * `objectid` its key (the canonical ARN).
 *
 * Produced as a sequence of text chunks so that a 500,000-edge graph is written without one
 * string of its whole size.
 */
import type { AccessGraph } from '../../../shared/graph/types.js';
import { flattenAttributes, pascalCase, type FlatProperties } from './flat-properties.js';

/** Prefix of every node and edge kind. */
export const OPENGRAPH_KIND_PREFIX = 'TM_';
/** `metadata.source_kind`: BloodHound adds it to every node's kinds. */
export const OPENGRAPH_SOURCE_KIND = 'TM_Trustmap';

const NODE_OMIT = new Set(['label']);

/** `role` → `TM_Role`, `can-assume` → `TM_CanAssume`. */
export function openGraphKind(kind: string): string {
  return `${OPENGRAPH_KIND_PREFIX}${pascalCase(kind)}`;
}

function properties(flat: FlatProperties): Record<string, unknown> {
  const out: Record<string, unknown> = Object.create(null) as Record<string, unknown>;
  for (const [k, v] of flat) out[k] = v;
  return out;
}

/** How many nodes or edges go into one chunk of text. */
const CHUNK = 500;

/** The OpenGraph JSON document, in chunks whose concatenation is the whole document. */
export function* openGraphChunks(graph: AccessGraph): Generator<string> {
  yield `{"metadata":${JSON.stringify({ source_kind: OPENGRAPH_SOURCE_KIND })},"graph":{"nodes":[`;
  let first = true;
  let batch: string[] = [];
  const flush = function* (): Generator<string> {
    if (batch.length === 0) return;
    yield (first ? '' : ',') + batch.join(',');
    first = false;
    batch = [];
  };
  for (const { node, attributes } of graph.nodeEntries()) {
    const props = flattenAttributes(attributes, NODE_OMIT);
    const body = { name: attributes.label, objectid: node, ...properties(props) };
    batch.push(
      JSON.stringify({ id: node, kinds: [openGraphKind(attributes.kind)], properties: body }),
    );
    if (batch.length >= CHUNK) yield* flush();
  }
  yield* flush();
  yield '],"edges":[';
  first = true;
  for (const { edge, attributes, source, target } of graph.edgeEntries()) {
    const props = properties(flattenAttributes(attributes));
    batch.push(
      JSON.stringify({
        start: { match_by: 'id', value: source },
        end: { match_by: 'id', value: target },
        kind: openGraphKind(attributes.kind),
        properties: { edgeid: edge, ...props },
      }),
    );
    if (batch.length >= CHUNK) yield* flush();
  }
  yield* flush();
  yield ']}}\n';
}

/**
 * The compact wire form of a graph answer (`GET /api/graph?format=compact`, what the dashboard
 * asks for). The same graph as graphology export JSON (`SerializedGraph`), written without its
 * repetitions: nodes as two columns (keys, attributes), edges as columns of numbers — source and
 * target as indexes into the node keys, attributes as an index into a table of the distinct
 * attribute objects — and edge keys left out where `edgeKey(kind, source, target, variant)`
 * rebuilds them (a column of indexes into a table of variants); any other key is sent as it is.
 * On the 50,000-node view the export JSON is 93 MB, edge keys alone about 30% of it.
 *
 * `compactGraphOf` and `expandCompactGraph` are exact inverses (the test proves it on the demo's
 * answers): the expansion holds the same nodes, edges, keys and attributes, in the same order.
 * `checkCompactGraph` is for the receiving side: the answer is untrusted.
 */
import { edgeKey, edgeKeyVariant } from '../graph/edge-key.js';
import type { EdgeKind } from '../graph/types.js';
import type { SerializedGraph } from './types.js';

export interface CompactGraph<N, E> {
  attributes: Record<string, unknown>;
  options: SerializedGraph<N, E>['options'];
  /** Node keys, in order: edges refer to nodes by their index here. */
  nodeKeys: string[];
  /** The attributes of `nodeKeys[i]` (`null`: the node had none). */
  nodeAttributes: (N | null)[];
  /** The distinct edge attribute objects (`edgeAttributes` refers to them by index). */
  edgeAttributeTable: E[];
  /** The distinct key variants (`edgeVariants` refers to them by index). */
  variants: string[];
  /** Per edge, in order: the index of its source in `nodeKeys`. */
  edgeSources: number[];
  /** Per edge: the index of its target in `nodeKeys`. */
  edgeTargets: number[];
  /** Per edge: the index of its attributes in `edgeAttributeTable`, or -1 for none. */
  edgeAttributes: number[];
  /**
   * Per edge: the index in `variants` of the variant that gives its key
   * (`edgeKey(attributes.kind, source, target, variant)`), or -1 when its key is in `edgeKeys`.
   */
  edgeVariants: number[];
  /** `[edge index, key]` of the edges whose key is sent as it is (-1 in `edgeVariants`). */
  edgeKeys: [number, string][];
}

function kindOf(attributes: unknown): string | undefined {
  if (typeof attributes !== 'object' || attributes === null) return undefined;
  const kind = (attributes as { kind?: unknown }).kind;
  return typeof kind === 'string' ? kind : undefined;
}

/**
 * The compact form of `graph`. Edges must join nodes of `graph.nodes` (an export always does);
 * an edge without a key, or an undirected one, cannot be written compactly and throws.
 */
export function compactGraphOf<N, E>(graph: SerializedGraph<N, E>): CompactGraph<N, E> {
  const index = new Map<string, number>();
  const nodeKeys: string[] = [];
  const nodeAttributes: (N | null)[] = [];
  for (const node of graph.nodes) {
    index.set(node.key, nodeKeys.length);
    nodeKeys.push(node.key);
    nodeAttributes.push(node.attributes ?? null);
  }
  const tableIndex = new Map<string, number>();
  const edgeAttributeTable: E[] = [];
  const variantIndex = new Map<string, number>();
  const variants: string[] = [];
  const count = graph.edges.length;
  const edgeSources = new Array<number>(count);
  const edgeTargets = new Array<number>(count);
  const edgeAttributes = new Array<number>(count);
  const edgeVariants = new Array<number>(count);
  const edgeKeys: [number, string][] = [];
  for (let i = 0; i < count; i++) {
    const edge = graph.edges[i] as SerializedGraph<N, E>['edges'][number];
    const source = index.get(edge.source);
    const target = index.get(edge.target);
    if (source === undefined || target === undefined || edge.key === undefined || edge.undirected)
      throw new TypeError(
        `compactGraphOf: edge ${String(edge.key)} (${edge.source} → ${edge.target}) has no key, is undirected or joins a node the graph lacks`,
      );
    edgeSources[i] = source;
    edgeTargets[i] = target;
    if (edge.attributes === undefined) edgeAttributes[i] = -1;
    else {
      const text = JSON.stringify(edge.attributes);
      let at = tableIndex.get(text);
      if (at === undefined) {
        at = edgeAttributeTable.length;
        tableIndex.set(text, at);
        edgeAttributeTable.push(edge.attributes);
      }
      edgeAttributes[i] = at;
    }
    const kind = kindOf(edge.attributes);
    const variant =
      kind === undefined ? undefined : edgeKeyVariant(edge.key, kind, edge.source, edge.target);
    if (variant === undefined) {
      edgeVariants[i] = -1;
      edgeKeys.push([i, edge.key]);
      continue;
    }
    let v = variantIndex.get(variant);
    if (v === undefined) {
      v = variants.length;
      variantIndex.set(variant, v);
      variants.push(variant);
    }
    edgeVariants[i] = v;
  }
  return {
    attributes: graph.attributes,
    options: graph.options,
    nodeKeys,
    nodeAttributes,
    edgeAttributeTable,
    variants,
    edgeSources,
    edgeTargets,
    edgeAttributes,
    edgeVariants,
    edgeKeys,
  };
}

/** Index columns as they may arrive: plain arrays, or typed arrays handed over by a worker. */
type Column = ArrayLike<number>;

/** A compact graph whose number columns may be typed arrays (after a worker's hand-over). */
export type CompactGraphColumns<N, E> = Omit<
  CompactGraph<N, E>,
  'edgeSources' | 'edgeTargets' | 'edgeAttributes' | 'edgeVariants'
> & {
  edgeSources: Column;
  edgeTargets: Column;
  edgeAttributes: Column;
  edgeVariants: Column;
};

/** One edge of a compact graph as an export would list it. */
export interface ExpandedEdge<E> {
  key: string;
  source: string;
  target: string;
  attributes?: E;
}

/**
 * The edges of `graph` one by one, as its export lists them (keys rebuilt by `edgeKey`). The
 * graph must have passed `checkCompactGraph`.
 */
export function* compactEdges<N, E>(graph: CompactGraphColumns<N, E>): Generator<ExpandedEdge<E>> {
  const explicit = new Map(graph.edgeKeys);
  const count = graph.edgeSources.length;
  for (let i = 0; i < count; i++) {
    const source = graph.nodeKeys[graph.edgeSources[i] as number] as string;
    const target = graph.nodeKeys[graph.edgeTargets[i] as number] as string;
    const a = graph.edgeAttributes[i] as number;
    const attributes = a < 0 ? undefined : graph.edgeAttributeTable[a];
    const v = graph.edgeVariants[i] as number;
    const key =
      v < 0
        ? (explicit.get(i) as string)
        : edgeKey(kindOf(attributes) as EdgeKind, source, target, graph.variants[v]);
    yield attributes === undefined ? { key, source, target } : { key, source, target, attributes };
  }
}

/** The graphology export JSON that `graph` stands for (`compactGraphOf`'s inverse). */
export function expandCompactGraph<N, E>(graph: CompactGraphColumns<N, E>): SerializedGraph<N, E> {
  return {
    attributes: graph.attributes,
    options: graph.options,
    nodes: graph.nodeKeys.map((key, i) => {
      const attributes = graph.nodeAttributes[i];
      return attributes === null || attributes === undefined ? { key } : { key, attributes };
    }),
    edges: [...compactEdges(graph)],
  };
}

function isIndexColumn(value: unknown, length: number, bound: number, min: number): boolean {
  if (!Array.isArray(value) && !ArrayBuffer.isView(value)) return false;
  const column = value as ArrayLike<unknown>;
  if (column.length !== length) return false;
  for (let i = 0; i < length; i++) {
    const x = column[i];
    if (typeof x !== 'number' || !Number.isInteger(x) || x < min || x >= bound) return false;
  }
  return true;
}

function isStringArray(value: unknown): value is string[] {
  return Array.isArray(value) && value.every((s) => typeof s === 'string');
}

/**
 * What is wrong with `value` as a compact graph (columns of unequal length, an index out of
 * range, a variant without a kind to build the key with …), or `undefined` when it is one.
 */
export function checkCompactGraph(value: unknown): string | undefined {
  if (typeof value !== 'object' || value === null) return 'not an object';
  const g = value as Record<string, unknown>;
  if (!isStringArray(g.nodeKeys)) return 'nodeKeys: expected an array of strings';
  const nodes = g.nodeKeys.length;
  if (!Array.isArray(g.nodeAttributes) || g.nodeAttributes.length !== nodes)
    return 'nodeAttributes: expected one entry per node key';
  if (!Array.isArray(g.edgeAttributeTable)) return 'edgeAttributeTable: expected an array';
  if (!isStringArray(g.variants)) return 'variants: expected an array of strings';
  const sources = g.edgeSources as unknown[] | undefined;
  const edges = Array.isArray(sources) || ArrayBuffer.isView(sources) ? sources.length : -1;
  if (edges < 0) return 'edgeSources: expected an array';
  if (!isIndexColumn(g.edgeSources, edges, nodes, 0)) return 'edgeSources: expected node indexes';
  if (!isIndexColumn(g.edgeTargets, edges, nodes, 0)) return 'edgeTargets: expected node indexes';
  if (!isIndexColumn(g.edgeAttributes, edges, g.edgeAttributeTable.length, -1))
    return 'edgeAttributes: expected indexes into edgeAttributeTable';
  if (!isIndexColumn(g.edgeVariants, edges, g.variants.length, -1))
    return 'edgeVariants: expected indexes into variants';
  if (!Array.isArray(g.edgeKeys)) return 'edgeKeys: expected an array';
  const explicit = new Set<number>();
  for (const entry of g.edgeKeys as unknown[]) {
    if (
      !Array.isArray(entry) ||
      entry.length !== 2 ||
      typeof entry[0] !== 'number' ||
      typeof entry[1] !== 'string'
    )
      return 'edgeKeys: expected [edge index, key] pairs';
    explicit.add(entry[0]);
  }
  const attributeColumn = g.edgeAttributes as ArrayLike<number>;
  const variantColumn = g.edgeVariants as ArrayLike<number>;
  for (let i = 0; i < edges; i++) {
    if ((variantColumn[i] as number) < 0) {
      if (!explicit.has(i)) return `edge ${String(i)}: no variant and no key`;
      continue;
    }
    const a = attributeColumn[i] as number;
    if (kindOf(a < 0 ? undefined : g.edgeAttributeTable[a]) === undefined)
      return `edge ${String(i)}: a variant but no kind to build its key with`;
  }
  return undefined;
}

/**
 * Changes made to a graph that must be undone exactly: what-if edits the base graph (the one
 * `trustmap serve` holds) in place instead of copying 760,000 edges, answers, and restores it.
 *
 * While recording, every node and edge added or dropped is logged from the graph's own events
 * (dropping a node emits the drop of each of its edges first), and every attribute change goes
 * through the graph's mutators, which the journal wraps for the time of the recording: before the
 * first change to a node or edge that existed before, its attribute object is replaced by a copy
 * and the original kept aside, so the original object is never written to. `undo()` replays the
 * log backwards (drops what was added, adds back what was dropped with its original key, ends and
 * attribute object) and puts every original attribute object back.
 *
 * After `undo()` the graph has the same nodes, edges, keys and attribute objects as before.
 * Only the iteration order of what was dropped and added back differs (it is appended): every
 * query and rule orders by keys, never by insertion order (shared/query/traversal.ts).
 */
import type { AccessGraph, EdgeAttributes, NodeAttributes } from '../graph/types.js';

type Op =
  | { op: 'node-added'; key: string }
  | { op: 'node-dropped'; key: string; attributes: object }
  | { op: 'edge-added'; key: string }
  | { op: 'edge-dropped'; key: string; source: string; target: string; attributes: object };

/** Graph methods that change the attributes of the node named by their first argument. */
const NODE_MUTATORS = [
  'mergeNode',
  'updateNode',
  'setNodeAttribute',
  'updateNodeAttribute',
  'removeNodeAttribute',
  'replaceNodeAttributes',
  'mergeNodeAttributes',
  'updateNodeAttributes',
] as const;

/** Graph methods that change the attributes of the edge named by their first argument (by key). */
const EDGE_MUTATORS = [
  'setEdgeAttribute',
  'updateEdgeAttribute',
  'removeEdgeAttribute',
  'replaceEdgeAttributes',
  'mergeEdgeAttributes',
  'updateEdgeAttributes',
  'mergeEdgeWithKey',
  'updateEdgeWithKey',
] as const;

/** Graph methods the journal cannot undo: calling one while recording throws. */
const FORBIDDEN = [
  'clear',
  'clearEdges',
  'setAttribute',
  'updateAttribute',
  'removeAttribute',
  'replaceAttributes',
  'mergeAttributes',
  'updateAttributes',
  'updateEachNodeAttributes',
  'updateEachEdgeAttributes',
] as const;

type Method = (...args: unknown[]) => unknown;

/** The graph as the event emitter it is (events named by string). */
interface Emitter {
  on(event: string, fn: (payload: never) => void): void;
  removeListener(event: string, fn: (payload: never) => void): void;
}

export class GraphJournal {
  private readonly ops: Op[] = [];
  private readonly addedNodes = new Set<string>();
  private readonly addedEdges = new Set<string>();
  private readonly nodeOriginals = new Map<string, object>();
  private readonly edgeOriginals = new Map<string, object>();
  private readonly listeners: [string, (payload: never) => void][] = [];
  private readonly wrapped: string[] = [];
  private done = false;

  constructor(private readonly graph: AccessGraph) {
    const emitter = graph as unknown as Emitter;
    const on = (event: string, fn: (payload: never) => void): void => {
      this.listeners.push([event, fn]);
      emitter.on(event, fn);
    };
    on('nodeAdded', ({ key }: { key: string }) => {
      this.ops.push({ op: 'node-added', key });
      this.addedNodes.add(key);
    });
    on('nodeDropped', ({ key, attributes }: { key: string; attributes: object }) => {
      this.ops.push({ op: 'node-dropped', key, attributes });
    });
    on('edgeAdded', ({ key }: { key: string }) => {
      this.ops.push({ op: 'edge-added', key });
      this.addedEdges.add(key);
    });
    on(
      'edgeDropped',
      ({
        key,
        source,
        target,
        attributes,
      }: {
        key: string;
        source: string;
        target: string;
        attributes: object;
      }) => {
        this.ops.push({ op: 'edge-dropped', key, source, target, attributes });
      },
    );
    const self = graph as unknown as Record<string, Method>;
    const call = this.call;
    for (const name of NODE_MUTATORS)
      this.wrap(self, name, (...args) => {
        this.protectNode(String(args[0]));
        return call(name, args);
      });
    for (const name of EDGE_MUTATORS)
      this.wrap(self, name, (...args) => {
        this.protectEdge(String(args[0]));
        return call(name, args);
      });
    for (const name of FORBIDDEN)
      this.wrap(self, name, () => {
        throw new Error(`GraphJournal: ${name} cannot be undone`);
      });
  }

  /** The graph's own method (not the wrapper). */
  private readonly call = (name: string, args: unknown[]): unknown => {
    const proto = Object.getPrototypeOf(this.graph) as Record<string, Method>;
    return proto[name]?.apply(this.graph, args);
  };

  private wrap(self: Record<string, Method>, name: string, fn: Method): void {
    self[name] = fn;
    this.wrapped.push(name);
  }

  /** Keeps the original attributes of a node that existed before the recording. */
  private protectNode(key: string): void {
    const g = this.graph;
    if (this.addedNodes.has(key) || this.nodeOriginals.has(key) || !g.hasNode(key)) return;
    const original = g.getNodeAttributes(key);
    this.nodeOriginals.set(key, original);
    this.call('replaceNodeAttributes', [key, { ...original }]);
  }

  /** Keeps the original attributes of an edge that existed before the recording. */
  private protectEdge(key: string): void {
    const g = this.graph;
    if (this.addedEdges.has(key) || this.edgeOriginals.has(key) || !g.hasEdge(key)) return;
    const original = g.getEdgeAttributes(key);
    this.edgeOriginals.set(key, original);
    this.call('replaceEdgeAttributes', [key, { ...original }]);
  }

  /** Stops recording and restores the graph as it was when the journal was created. */
  undo(): void {
    if (this.done) return;
    this.done = true;
    const g = this.graph;
    const emitter = g as unknown as Emitter;
    for (const [event, fn] of this.listeners) emitter.removeListener(event, fn);
    for (const name of this.wrapped) Reflect.deleteProperty(g, name);
    for (let i = this.ops.length - 1; i >= 0; i--) {
      const o = this.ops[i];
      if (o === undefined) continue;
      switch (o.op) {
        case 'edge-added':
          if (g.hasEdge(o.key)) g.dropEdge(o.key);
          break;
        case 'node-added':
          if (g.hasNode(o.key)) g.dropNode(o.key);
          break;
        case 'node-dropped':
          g.addNode(o.key, o.attributes as NodeAttributes);
          break;
        case 'edge-dropped':
          g.addDirectedEdgeWithKey(o.key, o.source, o.target, o.attributes as EdgeAttributes);
          break;
      }
    }
    for (const [key, a] of this.nodeOriginals) g.replaceNodeAttributes(key, a as NodeAttributes);
    for (const [key, a] of this.edgeOriginals) g.replaceEdgeAttributes(key, a as EdgeAttributes);
  }
}

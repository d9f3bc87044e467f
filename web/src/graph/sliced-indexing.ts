/**
 * Handing a graph to Sigma in slices. Sigma 4 indexes a new graph (styles, reducers, display data
 * of every node and edge) in one synchronous pass, then processes it into its buffers and draws:
 * on a 50,000-node view that pass alone held the page for seconds. Here the same per-item calls
 * Sigma's full refresh makes (`addNode`, `addEdge`, the parallel-edge index) run as a generator
 * that the driver (`runInSlices`) interrupts whenever a slice has used its time budget, so that
 * the page draws its progress line and answers input in between. The end state is the one a full
 * refresh leaves: every item indexed, a full reprocessing pending.
 *
 * Sigma keeps these methods and fields private (reached through sigma-internals.ts):
 * `findIndexer` returns `undefined` when they are not found (another version), and the caller
 * then lets Sigma refresh as usual.
 */
import {
  privateEdgeGroups,
  privateParts,
  type EdgeGroupIndex,
  type SigmaPrivateParts,
} from './sigma-internals.js';

/** The private parts of a Sigma 4 renderer that a full refresh uses to index a graph. */
export interface SigmaIndexer {
  clearNodeIndices: () => void;
  clearEdgeIndices: () => void;
  addNode: (key: string) => void;
  addEdge: (key: string) => void;
  /**
   * Rebuilds the parallel-edge groups (before any edge is indexed: edges read their group), in
   * steps where Sigma's group index is open to it, else in one.
   */
  rebuildEdgeGroups: () => Generator<void, void>;
  /** Marks the whole graph for reprocessing at the next render. */
  requestFullProcess: () => void;
}

/** Items indexed between two looks at the clock (a look costs far more than an item). */
const ITEMS_PER_STEP = 256;

/** The graph being indexed: only its keys are read. */
export interface IndexedGraph {
  nodes: () => string[];
  edges: () => string[];
}

/**
 * What an edge reducer may return for `reducedInPlace` to apply it after Sigma's `addEdge`:
 * nothing that `addEdge` reads after its reducer (the paths and spread of parallel edges, the
 * depth, the label's visibility).
 */
const IN_PLACE_EDGE_LOOK: ReadonlySet<string> = new Set(['color', 'size', 'visibility', 'zIndex']);

/**
 * Sigma's `addEdge` with its edge reducer applied in place: Sigma merges the reducer's answer
 * into the edge's display data with a transpiled object spread (two copies of every field, a
 * third of indexing a 228,000-edge view). Here `addEdge` runs without the reducer and its answer
 * is assigned onto the display data Sigma stored — the same fields and values — provided that
 * the reducer reads nothing of Sigma's display data (the caller's promise, `IndexerOptions`) and
 * returns only `IN_PLACE_EDGE_LOOK` fields, and that the label is not forced (Sigma's forced-label
 * set reads `visibility` after the reducer). Any other edge goes through Sigma's own `addEdge`.
 * The display data is looked up in the cache Sigma holds at each call: `clearEdgeIndices`, which
 * every indexing starts with, replaces the cache object. `undefined` when a private part is
 * missing.
 */
function reducedInPlace(
  inside: SigmaPrivateParts,
  sigma: object,
  addEdge: (key: string) => void,
): ((key: string) => void) | undefined {
  const reducer = inside.edgeReducer;
  const states = inside.stateManager;
  const internals = inside.internals;
  const graph = internals?.graph;
  if (
    typeof reducer !== 'function' ||
    typeof states?.getEdgeState !== 'function' ||
    typeof states.graphState !== 'object' ||
    typeof graph?.getEdgeAttributes !== 'function' ||
    internals?.edgeDataCache === undefined
  )
    return undefined;
  const getEdgeState = states.getEdgeState.bind(states);
  const getAttributes = graph.getEdgeAttributes.bind(graph);
  return (key: string) => {
    inside.edgeReducer = null;
    try {
      addEdge.call(sigma, key);
    } finally {
      inside.edgeReducer = reducer;
    }
    const data = internals.edgeDataCache?.[key] as Record<string, unknown> | undefined;
    if (data === undefined) {
      // Not where Sigma keeps it (another version): its own path applies the reducer.
      addEdge.call(sigma, key);
      return;
    }
    const look = reducer(
      key,
      data,
      getAttributes(key),
      getEdgeState(key),
      states.graphState,
      graph,
    ) as Record<string, unknown>;
    const fits =
      data.labelVisibility !== 'visible' &&
      Object.keys(look).every((k) => IN_PLACE_EDGE_LOOK.has(k));
    if (fits) Object.assign(data, look);
    else addEdge.call(sigma, key);
  };
}

export interface IndexerOptions {
  /**
   * The renderer's edge reducer reads only the edge's key, attributes and graph (not Sigma's
   * display data it is given): its answer may be applied in place (`reducedInPlace`).
   */
  edgeReducerReadsNoDisplayData?: boolean;
}

/**
 * Sigma's indexing internals on `sigma`, bound to it, or `undefined` when one of them is missing
 * or of the wrong type.
 */
export function findIndexer(sigma: object, options: IndexerOptions = {}): SigmaIndexer | undefined {
  const inside = privateParts(sigma);
  const { clearNodeIndices, clearEdgeIndices, addNode, addEdge, edgeGroups } = inside;
  if (
    typeof clearNodeIndices !== 'function' ||
    typeof clearEdgeIndices !== 'function' ||
    typeof addNode !== 'function' ||
    typeof addEdge !== 'function' ||
    edgeGroups === undefined ||
    typeof edgeGroups.rebuild !== 'function' ||
    typeof inside.pendingProcess !== 'string'
  )
    return undefined;
  const rebuild = edgeGroups.rebuild as () => void;
  const groups = edgeGroupsInSteps(edgeGroups);
  return {
    clearNodeIndices: (clearNodeIndices as () => void).bind(sigma),
    clearEdgeIndices: (clearEdgeIndices as () => void).bind(sigma),
    addNode: (addNode as (key: string) => void).bind(sigma),
    addEdge:
      (options.edgeReducerReadsNoDisplayData === true
        ? reducedInPlace(inside, sigma, addEdge as (key: string) => void)
        : undefined) ?? (addEdge as (key: string) => void).bind(sigma),
    rebuildEdgeGroups:
      groups ??
      function* whole() {
        rebuild.call(edgeGroups);
        yield;
      },
    requestFullProcess: () => {
      inside.pendingProcess = 'full';
    },
  };
}

/**
 * Sigma's `EdgeGroupIndex.rebuild`, step by step: the same groups, in the same order, from the
 * graph the index reads (Sigma's own, which is the graph the renderer was created with), with the
 * same calls per group (sorted when parallel, then reported). `undefined` when the index is not
 * open to it (another Sigma version).
 */
function edgeGroupsInSteps(index: object): (() => Generator<void, void>) | undefined {
  const open = privateEdgeGroups(index);
  if (
    !(open.groups instanceof Map) ||
    !(open.edgeToGroupKey instanceof Map) ||
    typeof open.graph?.edges !== 'function' ||
    typeof open.getGroupKey !== 'function' ||
    typeof open.sortGroup !== 'function' ||
    typeof open.onGroupChanged !== 'function'
  )
    return undefined;
  const found = open as EdgeGroupIndex;
  return function* steps() {
    found.groups.clear();
    found.edgeToGroupKey.clear();
    const edges = found.graph.edges();
    for (let i = 0; i < edges.length; i++) {
      const edge = edges[i] as string;
      const key = found.getGroupKey(edge);
      let group = found.groups.get(key);
      if (group === undefined) {
        group = [];
        found.groups.set(key, group);
      }
      group.push(edge);
      found.edgeToGroupKey.set(edge, key);
      if ((i + 1) % ITEMS_PER_STEP === 0) yield;
    }
    let n = 0;
    for (const [key, group] of found.groups) {
      if (group.length > 1) found.sortGroup(group, key);
      found.onGroupChanged(group, group.length);
      if (++n % ITEMS_PER_STEP === 0) yield;
    }
  };
}

/** Progress of an indexing pass: items indexed so far, out of `total` (nodes and edges). */
export interface IndexProgress {
  done: number;
  total: number;
  /** The next step is costly (the first draw): let it start a task of its own. */
  costlyNext?: true;
}

/**
 * The indexing of `graph` as Sigma's full refresh does it (clear, nodes, parallel-edge groups,
 * edges, full reprocessing requested), yielding its progress every few hundred items.
 */
export function* indexSteps(
  indexer: SigmaIndexer,
  graph: IndexedGraph,
): Generator<IndexProgress, void> {
  const nodes = graph.nodes();
  const edges = graph.edges();
  const total = nodes.length + edges.length;
  indexer.clearEdgeIndices();
  indexer.clearNodeIndices();
  for (let i = 0; i < nodes.length; i++) {
    indexer.addNode(nodes[i] as string);
    if ((i + 1) % ITEMS_PER_STEP === 0) yield { done: i + 1, total };
  }
  yield { done: nodes.length, total };
  const groups = indexer.rebuildEdgeGroups();
  while (groups.next().done !== true) yield { done: nodes.length, total };
  for (let i = 0; i < edges.length; i++) {
    indexer.addEdge(edges[i] as string);
    if ((i + 1) % ITEMS_PER_STEP === 0) yield { done: nodes.length + i + 1, total };
  }
  indexer.requestFullProcess();
  yield { done: total, total };
}

/** The private parts of Sigma 4 that process its caches into its buffers (`processData`). */
type SigmaProcessing = SigmaPrivateParts;

/** Labels whose glyphs are made ready per step (Sigma scans every character of each). */
const LABELS_PER_STEP = 4_096;

/**
 * Runs `run` with `owner[name]` replaced by `standIn` (an own property shadowing the prototype's
 * method), then removes the stand-in. Nothing is replaced, and false returned, when `owner`
 * already has an own `name` (a stand-in already there) or the method is missing.
 */
function withStandIn<K extends string>(
  owner: Partial<Record<K, unknown>> | undefined,
  name: K,
  standIn: (...args: never[]) => void,
  run: () => void,
): boolean {
  if (owner === undefined || typeof owner[name] !== 'function' || Object.hasOwn(owner, name))
    return false;
  owner[name] = standIn;
  try {
    run();
  } finally {
    // eslint-disable-next-line @typescript-eslint/no-dynamic-delete -- the stand-in set above
    delete owner[name];
  }
  return true;
}

function* nothingAfter(): Generator<false, void> {}

/**
 * Runs a processing pass (`pass`) with Sigma's per-item buffer writes (`write`: an
 * `addNodeToProgram` or `addEdgeToProgram`) recorded instead of done, yields, then does the
 * recorded writes — same items, same positions, same order — a few hundred per step, and marks
 * the program's buffers for upload again, as the pass does at its end. Without the write method,
 * the pass runs with its writes. Returns what `pass` returned (the work that follows it).
 */
function* deferredPass(
  inside: SigmaProcessing,
  write: 'addNodeToProgram' | 'addEdgeToProgram',
  program: 'nodeProgram' | 'edgeProgram',
  pass: () => () => Generator<false, void>,
  positionsOnly?: Record<string, number>,
): Generator<false, () => Generator<false, void>> {
  const writeOne = inside[write];
  const writes: (string | number)[] = [];
  let after: (() => Generator<false, void>) | undefined;
  const deferred =
    typeof writeOne === 'function' &&
    withStandIn(
      inside,
      write,
      (key: string, position: number) => {
        writes.push(key, position);
      },
      () => {
        after = pass();
      },
    );
  if (!deferred) return pass();
  yield false;
  if (positionsOnly !== undefined)
    // Where each item would have been written, as the write records it, and nothing else.
    for (let i = 0; i < writes.length; i += 2)
      positionsOnly[writes[i] as string] = writes[i + 1] as number;
  else
    for (let i = 0; i < writes.length; i += 2) {
      writeOne.call(inside, writes[i] as string, writes[i + 1] as number);
      if ((i / 2 + 1) % ITEMS_PER_STEP === 0) yield false;
    }
  const invalidate = inside[program]?.invalidateBuffers;
  if (typeof invalidate === 'function') (invalidate as () => void).call(inside[program]);
  yield false;
  return after ?? nothingAfter;
}

/**
 * Sigma processes a new graph (`processData`: every node, then every edge, into its buffers)
 * inside the render that draws it, in one task. These steps run that work ahead, in steps:
 * - the nodes' half (`processNodes`: extent, label grid, order, picking ids) in one step, then
 *   the writing of each node into the buffers (`addNodeToProgram`) in steps, then the glyphs of
 *   their labels, a few thousand labels per step (Sigma's `processWebGLLabels` on slices of the
 *   same nodes);
 * - the edges' half (`processEdges`: order, picking ids) in one step, then the writing of each
 *   edge into the buffers (`addEdgeToProgram`) in steps.
 * Deferred writes are the same calls on the same items at the same positions in the same order,
 * made before anything reads them (edges read where their nodes were written; the render reads
 * the buffers).
 * With `skipEdgeWrites` (the graph's edges are drawn by another layer, never by Sigma's edge
 * program: sigma-host.ts, plain drawing), the edges' writes are left out — nothing would read
 * those buffers — and only the position each edge would have been written at is recorded
 * (`edgeProgramIndex`), where Sigma's partial refreshes write an edge again. On the 50,000-node
 * view that is 228,000 writes (~0.7 s) fewer before the first frame.
 * Then `beforeDraw` (work the draw would otherwise do itself), in a step of its own. Steps
 * yield `false`, except the one before the last, which yields `true`: the last step leaves
 * one-shot stand-ins on the renderer so that the render's `processData` takes these results
 * instead of doing the work again (both halves are redone if the viewport changed size
 * meanwhile). The caller renders in the same task as the last step, then calls the
 * returned function, which removes any stand-in left unused. Without Sigma's internals (another
 * version) nothing is done ahead: the render processes as usual.
 */
export function* processAhead(
  sigma: object,
  beforeDraw?: () => void,
  skipEdgeWrites = false,
): Generator<boolean, () => void> {
  const inside = privateParts(sigma);
  const { processNodes, processEdges, resize } = inside;
  if (
    typeof processNodes !== 'function' ||
    typeof processEdges !== 'function' ||
    typeof resize !== 'function' ||
    Object.hasOwn(inside, 'processNodes') ||
    Object.hasOwn(inside, 'processEdges')
  )
    return () => undefined;
  // The render resizes before it processes: the same viewport here.
  resize.call(sigma);
  const size = (): string => `${String(inside.width)}×${String(inside.height)}`;
  const processedAt = size();

  let visibilityChanged = false;
  const runNodes = (): void => {
    visibilityChanged = processNodes.call(sigma);
  };
  // Node writes first (edges read where their nodes were written), then labels.
  const nodeWrites = yield* deferredPass(inside, 'addNodeToProgram', 'nodeProgram', () => {
    const labelRenderer = inside.labelRenderer;
    const processLabels = labelRenderer?.processWebGLLabels;
    let labelled: string[] | undefined;
    const deferred = withStandIn(
      labelRenderer,
      'processWebGLLabels',
      (nodes: string[]) => {
        labelled = nodes;
      },
      runNodes,
    );
    if (!deferred) runNodes();
    return function* labels(): Generator<false, void> {
      if (labelled === undefined || processLabels === undefined) return;
      yield false;
      for (let i = 0; i < labelled.length; i += LABELS_PER_STEP) {
        processLabels.call(labelRenderer, labelled.slice(i, i + LABELS_PER_STEP));
        yield false;
      }
    };
  });
  yield* nodeWrites();
  yield* deferredPass(
    inside,
    'addEdgeToProgram',
    'edgeProgram',
    () => {
      processEdges.call(sigma);
      return nothingAfter;
    },
    skipEdgeWrites ? inside.edgeProgramIndex : undefined,
  );
  if (beforeDraw !== undefined) {
    beforeDraw();
    yield false;
  }
  // The next step installs the stand-ins: the caller's draw follows in the same task.
  yield true;

  let nodesTaken = false;
  inside.processNodes = () => {
    delete inside.processNodes;
    if (size() !== processedAt) return processNodes.call(sigma);
    nodesTaken = true;
    return visibilityChanged;
  };
  inside.processEdges = () => {
    delete inside.processEdges;
    if (!nodesTaken) processEdges.call(sigma);
  };
  // The render compares picking allocations before and after processing to know whether hover
  // answers are stale: processed ahead, they compare equal, so they are declared stale here.
  const invalidate = inside.internals?.hoverResolver?.invalidate;
  if (typeof invalidate === 'function')
    (invalidate as () => void).call(inside.internals?.hoverResolver);
  return () => {
    delete inside.processNodes;
    delete inside.processEdges;
  };
}

/** Longest stretch of main-thread work between two yields to the page, in milliseconds. */
export const SLICE_MS = 40;

/** The part of `MessageChannel` used here (typed without the DOM library). */
type Channel = new () => {
  port1: { onmessage: (() => void) | null; close: () => void };
  port2: { postMessage: (message: null) => void };
};

/** Resolves in a new task (a message to itself: no timer clamping after a few nested yields). */
export function nextTask(): Promise<void> {
  return new Promise((resolve) => {
    const MessageChannelOf = (globalThis as unknown as { MessageChannel?: Channel }).MessageChannel;
    if (MessageChannelOf === undefined) {
      setTimeout(resolve, 0);
      return;
    }
    const channel = new MessageChannelOf();
    channel.port1.onmessage = () => {
      channel.port1.close();
      resolve();
    };
    channel.port2.postMessage(null);
  });
}

/** How `runInSlices` reads the clock, reports progress and gives the page a turn (tests stub them). */
export interface SliceOptions<T> {
  /** Checked before every step: when true, the run stops (resolves `false`) without finishing. */
  cancelled: () => boolean;
  onProgress?: (progress: T) => void;
  /** A step whose value passes this test is followed by a new task, whatever the budget left. */
  newTaskAfter?: (value: T) => boolean;
  budgetMs?: number;
  /** When the task the call runs in began its work (default: the call): counts in the first slice. */
  startedAt?: number;
  now?: () => number;
  yieldToPage?: () => Promise<void>;
}

/**
 * Runs `steps` to the end, giving the page a turn (`yieldToPage`, a new task by default) whenever
 * a slice has run for `budgetMs` (or a step asks for it, `newTaskAfter`). The first slice runs synchronously, inside the call: a run that
 * fits in one slice is over before the call returns (its promise then resolves `true` without
 * having given the page a turn). Resolves `false` when cancelled; a step that throws rejects.
 */
export async function runInSlices<T>(
  steps: Iterator<T, unknown>,
  options: SliceOptions<T>,
): Promise<boolean> {
  const budget = options.budgetMs ?? SLICE_MS;
  const now = options.now ?? (() => performance.now());
  const yieldToPage = options.yieldToPage ?? nextTask;
  let start = options.startedAt ?? now();
  let last: T | undefined;
  for (;;) {
    if (options.cancelled()) return false;
    const step = steps.next();
    if (step.done === true) return true;
    last = step.value;
    if (now() - start >= budget || options.newTaskAfter?.(last) === true) {
      options.onProgress?.(last);
      await yieldToPage();
      start = now();
    }
  }
}

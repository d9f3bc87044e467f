/**
 * The one owner of the Sigma renderer. Components never hold a Sigma instance: they call
 * `mountSigma` once with a container, `showGraph` to swap the graph, `setHighlight` to change how
 * it looks (reducers, data untouched), `focusNodes` to move the camera, and `killSigma` on
 * unmount. Graph positions are always computed before `showGraph`, so the first frame is final.
 *
 * Cost contract on large graphs (tens of thousands of nodes): a new graph is handed to Sigma in
 * slices of at most ~40 ms of main-thread work (sliced-indexing.ts), then processed once (the
 * highlight it opens with is applied in the same pass) and drawn; a change of selection
 * re-evaluates only the items it touches; ending a drag redraws without reprocessing; edges and
 * labels are hidden while the camera moves. Where WebGL runs on the CPU (SwiftShader, llvmpipe:
 * no GPU) a graph counts as large much sooner, since every edge drawn costs CPU time per frame.
 */
import { MultiDirectedGraph } from 'graphology';
import Sigma from 'sigma';
import {
  extremityArrow,
  layerFill,
  layerPlain,
  pathLine,
  pathLoop,
  sdfCircle,
  sdfDiamond,
  sdfSquare,
  sdfTriangle,
} from 'sigma/rendering';
import { edgeAppearance, nodeAppearance, type Highlight } from './highlight.js';
import { createLineEdgesLayer, type LineEdgesLayer } from './line-edges-layer.js';
import { isGestureActive, settleBeforeFullFrames } from './camera-settle.js';
import { canvasTextMeasure } from './label-boxes.js';
import { refreshInPlace } from './refresh-in-place.js';
import { labelCandidates, planLabels } from './label-plan.js';
import { createPointNodesLayer, type PointNodesLayer } from './point-nodes-layer.js';
import {
  findIndexer,
  indexSteps,
  processAhead,
  runInSlices,
  type IndexProgress,
  type SigmaIndexer,
} from './sliced-indexing.js';
import type { RenderParams } from 'sigma/types';
import {
  checkSigmaInternals,
  countLabelOverlaps,
  installLabelCollisionPass,
  privateParts,
  privatePrototype,
} from './sigma-internals.js';
import type { DisplayEdgeAttributes, DisplayNodeAttributes } from './display-graph.js';

export interface SigmaHandlers {
  onNode: (key: string) => void;
  onEdge: (key: string) => void;
  onStage: () => void;
}

export type DisplayGraph = MultiDirectedGraph<DisplayNodeAttributes, DisplayEdgeAttributes>;

/**
 * Asks for the WebGL renderer before any graph is drawn: the answer takes a round trip to the
 * GPU process, which is fast while it is idle and waits for a whole frame when it is drawing one.
 */
export function detectRenderer(): void {
  isSoftwareWebGl();
}

/**
 * A graph above these sizes is "large": edges and labels are hidden while the camera moves
 * (keeps panning fluid), edges are not pickable, and a highlight never reorders items (zIndex 0).
 */
const LARGE_GRAPH_NODES = 10_000;
const LARGE_GRAPH_EDGES = 20_000;
/**
 * With software WebGL, the sizes above which edges and labels are hidden while the camera moves.
 * Measured with bench/dashboard.ts: SwiftShader on 2 cores draws the 1,000-account organization
 * view (11,000 edges) at a few frames per second, and at 60 without its edges.
 */
const SOFTWARE_MOVE_NODES = 2_000;
const SOFTWARE_MOVE_EDGES = 1_000;

/**
 * With software WebGL, the number of edges above which a graph is drawn plainly: edges as lines
 * (line-edges-layer.ts) and, at rest, nodes as points (point-nodes-layer.ts), Sigma keeping only
 * its picking pass for nodes. Sigma's edges cost SwiftShader about 0.2 ms each for the first frame
 * (24 s for the 121,000 edges of a 42,742-node view), the page frozen meanwhile; its nodes, an
 * antialiased quad twice their diameter each, on screen and into the picking buffer, 0.65–1.3 s
 * of every still frame of a 56,765-node view. The organization view (11,000 edges of the
 * 1,000-account demo) keeps Sigma's drawing: the width and arrowheads of its edges say how many
 * role-level edges each stands for and which way.
 */
const SOFTWARE_PLAIN_EDGES = 20_000;

function drawsPlainly(graph: DisplayGraph): boolean {
  return isSoftwareWebGl() && graph.size > SOFTWARE_PLAIN_EDGES;
}

function isLarge(graph: DisplayGraph): boolean {
  return graph.order > LARGE_GRAPH_NODES || graph.size > LARGE_GRAPH_EDGES;
}

let softwareRenderer: boolean | undefined;

/**
 * Whether WebGL draws on the CPU here (no GPU, or a blocklisted one): the renderer string of a
 * throwaway context names SwiftShader, llvmpipe or another software rasterizer. Asked once.
 */
function isSoftwareWebGl(): boolean {
  if (softwareRenderer !== undefined) return softwareRenderer;
  softwareRenderer = false;
  try {
    const gl = document.createElement('canvas').getContext('webgl2');
    if (gl !== null) {
      const info = gl.getExtension('WEBGL_debug_renderer_info');
      const name: unknown = gl.getParameter(
        info === null ? gl.RENDERER : info.UNMASKED_RENDERER_WEBGL,
      );
      softwareRenderer =
        typeof name === 'string' && /swiftshader|llvmpipe|softpipe|software/i.test(name);
      gl.getExtension('WEBGL_lose_context')?.loseContext();
    }
  } catch {
    // No WebGL answer: keep the GPU thresholds; Sigma reports a missing context itself.
  }
  return softwareRenderer;
}

/** Settings that depend on the graph shown (and on whether WebGL runs on the CPU). */
function settingsFor(graph: DisplayGraph): {
  enableEdgeEvents: boolean;
  hideEdgesOnMove: boolean;
  hideLabelsOnMove: boolean;
  autoRescaleContent: 'nodes' | 'positions';
} {
  const large = isLarge(graph);
  const hideOnMove =
    large ||
    (isSoftwareWebGl() && (graph.order > SOFTWARE_MOVE_NODES || graph.size > SOFTWARE_MOVE_EDGES));
  return {
    // Edge picking draws every edge a second time, into the picking buffer, on every frame.
    enableEdgeEvents: !large,
    hideEdgesOnMove: hideOnMove,
    hideLabelsOnMove: hideOnMove,
    // Sizes are in graph units (Sigma 4's default), so a view of a few nodes is framed so close
    // that a node at its edge was cut in half (an outside account opened alone): the frame holds
    // the nodes' discs, not only their centres. On a large graph the discs are specks next to its
    // extent, and fitting them costs passes over every node at each full processing: skipped.
    autoRescaleContent: large ? 'positions' : 'nodes',
  };
}

/** How long the camera rests before the organization view's labels are chosen again. */
const LABEL_PLAN_REST_MS = 250;

/** What the reducers read on every evaluation. */
interface ViewState {
  highlight: Highlight;
  /** Large graph: every item keeps zIndex 0, so a highlight never forces a reordering pass. */
  flat: boolean;
  /** Organization view at rest: the labels shown, chosen not to overlap (label-plan.ts). */
  labelPlan?: ReadonlySet<string>;
}

interface HostState {
  sigma: Sigma<DisplayNodeAttributes, DisplayEdgeAttributes>;
  /** The graph shown. */
  graph: DisplayGraph;
  view: ViewState;
  handlers: SigmaHandlers;
  /** The dashboard's own layers (absent when Sigma's internals were not found). */
  cheap: CheapLayers | undefined;
  /** While `held`, Sigma neither refreshes nor draws (a graph is being handed over). */
  hold: { held: boolean };
  /** The graph being handed over in slices, if any (`showGraph`). */
  loading: Loading | undefined;
}

/** A graph being handed over to Sigma in slices (sliced-indexing.ts). */
interface Loading {
  cancelled: boolean;
  /** The highlight the items indexed so far were evaluated with. */
  indexedWith: Highlight;
  /** Nodes to bring into view once the graph is drawn (`focusNodes` during the hand-over). */
  focus: readonly string[] | undefined;
}

/** Reports how far the hand-over of a graph has gone. */
export type ShowProgress = (progress: IndexProgress) => void;

let host: HostState | undefined;

/**
 * Sigma indexes and draws the graph it is given in its constructor, before the host can install
 * its layers: on a large graph that is seconds of work in one task (indexing every item, then the
 * costliest frame of all). The renderer is therefore created with refreshing and drawing held
 * back; the host then hands the graph over in slices (`load`) once its layers are in place.
 * (Creating it on an empty graph and calling `setGraph` would not do: Sigma 4 keeps indexing
 * parallel edges against the graph it was created with.)
 */
function createWithoutDrawing(
  create: () => Sigma<DisplayNodeAttributes, DisplayEdgeAttributes>,
): Sigma<DisplayNodeAttributes, DisplayEdgeAttributes> {
  const proto = privatePrototype(Sigma);
  const { render, refresh } = proto;
  proto.render = function held(this: unknown) {
    return this;
  };
  proto.refresh = function held(this: unknown) {
    return this;
  };
  try {
    return create();
  } finally {
    proto.render = render;
    proto.refresh = refresh;
  }
}

/**
 * While a graph is handed over in slices, Sigma's own refreshes (a resize, a setting, a graph
 * swap, a hover) and draws would read a half-indexed graph: they are dropped while `held`. The
 * hand-over ends with a full process and draw, which covers whatever was dropped.
 */
function holdWhileLoading(sigma: Sigma<DisplayNodeAttributes, DisplayEdgeAttributes>): {
  held: boolean;
} {
  const hold = { held: false };
  const inside = privateParts(sigma);
  const render = inside.render?.bind(sigma);
  if (render !== undefined) inside.render = () => (hold.held ? sigma : render());
  const refresh = sigma.refresh.bind(sigma);
  sigma.refresh = (opts?: Parameters<typeof refresh>[0]) => (hold.held ? sigma : refresh(opts));
  return hold;
}

function createSigma(
  graph: DisplayGraph,
  container: HTMLElement,
  state: ViewState,
): Sigma<DisplayNodeAttributes, DisplayEdgeAttributes> {
  return new Sigma<DisplayNodeAttributes, DisplayEdgeAttributes>(graph, container, {
    primitives: {
      nodes: {
        shapes: [sdfCircle(), sdfSquare(), sdfTriangle(), sdfDiamond()],
        layers: [layerFill()],
      },
      edges: {
        paths: [pathLine(), pathLoop()],
        extremities: [extremityArrow()],
        layers: [layerPlain()],
      },
    },
    styles: {
      nodes: {
        x: { attribute: 'x' },
        y: { attribute: 'y' },
        size: { attribute: 'size', defaultValue: 4 },
        color: { attribute: 'color', defaultValue: '#666' },
        label: { attribute: 'label' },
        shape: { attribute: 'shape', defaultValue: 'circle' },
        cursor: 'pointer',
      },
      edges: {
        size: { attribute: 'size', defaultValue: 1 },
        color: { attribute: 'color', defaultValue: '#ccc' },
        head: 'arrow',
        cursor: 'pointer',
      },
    },
    settings: {
      ...settingsFor(graph),
      // The container is briefly detached when React swaps views before the renderer is killed.
      allowInvalidContainer: true,
      labelDensity: 0.6,
      labelRenderedSizeThreshold: 7,
      minCameraRatio: 0.01,
      maxCameraRatio: 20,
    },
    nodeReducer: (key, _data, attrs) => {
      const look = nodeAppearance(key, attrs, state.highlight);
      if (state.flat) look.zIndex = 0;
      if (state.labelPlan !== undefined && look.labelVisibility !== 'hidden' && isAtRest(state))
        look.labelVisibility = state.labelPlan.has(key) ? 'visible' : 'hidden';
      return look;
    },
    edgeReducer: (key, _data, attrs, _s, _g, g) => {
      const look = edgeAppearance(key, attrs, [g.source(key), g.target(key)], state.highlight);
      if (state.flat) look.zIndex = 0;
      return look;
    },
  });
}

/**
 * Sigma cannot see into reducers, so it assumes they read its graph state (panning, zooming)
 * and evaluates them again on every node and edge whenever that state flips — at the start and
 * end of every drag and every zoom: on 11,000 edges that is a frozen frame each time. Ours read
 * only the highlight, which `setHighlight` refreshes itself; declaring them item-dependent keeps
 * Sigma's per-item refreshes (hover) and drops the whole-graph ones. Sigma 4 keeps this analysis
 * in private fields: when they are not found (another version), nothing is changed.
 */
function declareReducersIndependentOfCamera(
  sigma: Sigma<DisplayNodeAttributes, DisplayEdgeAttributes>,
): void {
  const inside = privateParts(sigma);
  for (const analysis of [inside.internals?.nodeStyleAnalysis, inside.edgeStyleAnalysis])
    if (analysis?.dependency === 'graph-state') analysis.dependency = 'item-state';
}

/**
 * Sigma reprocesses the whole graph when a drag ends (so that edges hidden while moving come
 * back): on a large graph that is seconds of main-thread work for nothing, since no item
 * changed. The refresh that follows a drag becomes a plain redraw; every other refresh (a new
 * graph, a restored WebGL context) still reprocesses.
 */
function redrawAfterDrag(sigma: Sigma<DisplayNodeAttributes, DisplayEdgeAttributes>): void {
  let dragEnded = false;
  sigma.getMouseCaptor().on('mouseup', () => {
    // Sigma schedules its refresh with setTimeout(0) before this event; ours runs after it.
    dragEnded = true;
    setTimeout(() => {
      dragEnded = false;
    }, 0);
  });
  const refresh = sigma.refresh.bind(sigma);
  sigma.refresh = (opts?: Parameters<typeof refresh>[0]) => {
    if (opts === undefined && dragEnded) {
      dragEnded = false;
      return sigma.scheduleRender();
    }
    return refresh(opts);
  };
}

/**
 * Is the camera moving (a drag, a wheel zoom, an animation)? Sigma's own test, from its API; with
 * `settleBeforeFullFrames`, also until the camera has rested.
 */
function isCameraMoving(sigma: Sigma<DisplayNodeAttributes, DisplayEdgeAttributes>): boolean {
  return sigma.getCamera().isAnimating() || isGestureActive(sigma.getMouseCaptor());
}

/**
 * With software WebGL, how long the camera must have been still before a full frame is drawn
 * (camera-settle.ts): a full frame of the 50,000-node view keeps SwiftShader busy for about
 * 0.8 s (1–1.5 s while Sigma drew the nodes at rest).
 */
const SOFTWARE_SETTLE_MS = 300;

/** The dashboard's own layers and when they replace Sigma's programs. */
interface CheapLayers {
  nodes: PointNodesLayer;
  edges: LineEdgesLayer;
  /** The graph shown is drawn plainly (`drawsPlainly`). */
  plain: boolean;
}

/**
 * Two cheap layers stand in for Sigma's programs where those would stall a CPU renderer:
 * - while the camera moves on a graph whose edges and labels are hidden while moving, nodes are
 *   drawn by point-nodes-layer.ts (one point per node, one draw call, no picking) instead of
 *   Sigma's node program, and Sigma's per-frame pass over every edge (where edges meet their
 *   nodes' outlines) is skipped, since no edge is drawn;
 * - on a graph drawn plainly (`drawsPlainly`), edges are drawn as lines (line-edges-layer.ts) at
 *   rest, and Sigma's edge program and edge pass never run; nodes at rest are points too, and
 *   Sigma's node program draws only into the picking buffer (so hover and clicks work as ever),
 *   unless the camera is zoomed in so far that a node would not fit in a point.
 * Sigma 4 keeps its node and edge programs and its edge pass in private fields: when they are
 * not found (another version), or the layers' shaders do not compile, nothing is changed.
 */
function installCheapLayers(
  sigma: Sigma<DisplayNodeAttributes, DisplayEdgeAttributes>,
  plain: boolean,
): CheapLayers | undefined {
  const inside = privateParts(sigma);
  const { nodeProgram, edgeProgram, edgeFramePass } = inside;
  const renderNodes = nodeProgram?.render;
  const renderNodePass = nodeProgram?.renderProgram;
  const renderEdges = edgeProgram?.render;
  const runEdgePass = edgeFramePass?.run;
  if (nodeProgram === undefined || edgeProgram === undefined || edgeFramePass === undefined)
    return undefined;
  if (
    typeof renderNodes !== 'function' ||
    typeof renderNodePass !== 'function' ||
    nodeProgram.normalProgram === undefined ||
    typeof renderEdges !== 'function' ||
    typeof runEdgePass !== 'function'
  )
    return undefined;
  // The layers read every node and edge when they pack: straight from Sigma's display caches
  // (read-only) rather than through the getters, which copy each item (480,000 copies for a
  // 160,000-edge view). Sigma 4's private fields; the getters when they are not found.
  const caches = inside.internals as
    | {
        nodeDataCache?: Partial<Record<string, ReturnType<typeof sigma.getNodeDisplayData>>>;
        edgeDataCache?: Partial<Record<string, ReturnType<typeof sigma.getEdgeDisplayData>>>;
      }
    | undefined;
  const display = {
    getGraph: () => sigma.getGraph(),
    getNodeDisplayData: (key: string) =>
      caches?.nodeDataCache?.[key] ?? sigma.getNodeDisplayData(key),
    getEdgeDisplayData: (key: string) =>
      caches?.edgeDataCache?.[key] ?? sigma.getEdgeDisplayData(key),
  };
  const movingCheaply = (): boolean => sigma.getSetting('hideEdgesOnMove') && isCameraMoving(sigma);
  /** Nodes at rest are points, Sigma drawing only their picking pass. */
  const pointsAtRest = (params: RenderParams): boolean => layers.plain && layers.nodes.fits(params);
  const layers: CheapLayers = {
    nodes: createPointNodesLayer(display, (params) => movingCheaply() || pointsAtRest(params)),
    edges: createLineEdgesLayer(display, () => layers.plain && !movingCheaply()),
    plain,
  };
  try {
    sigma.addCustomLayerProgram('line-edges', 'edges', layers.edges.factory);
    sigma.addCustomLayerProgram('point-nodes', 'nodes', layers.nodes.factory);
  } catch {
    // No such programs on this context: Sigma keeps drawing everything.
    return undefined;
  }
  nodeProgram.render = (...args: unknown[]) => {
    if (!movingCheaply()) renderNodes.apply(nodeProgram, args);
  };
  nodeProgram.renderProgram = (params: unknown, program: unknown) => {
    // Sigma's screen pass (its picking pass is another program).
    if (program === nodeProgram.normalProgram && pointsAtRest(params as RenderParams)) return;
    renderNodePass.call(nodeProgram, params, program);
  };
  edgeProgram.render = (...args: unknown[]) => {
    if (!layers.plain) renderEdges.apply(edgeProgram, args);
  };
  edgeFramePass.run = (...args: unknown[]) => {
    if (!layers.plain && !movingCheaply()) runEdgePass.apply(edgeFramePass, args);
  };
  return layers;
}

/**
 * Creates the renderer in `container` (once; a second call swaps the graph), showing `graph` with
 * `highlight` applied from the first frame. Resolves `true` once the graph is drawn, `false` when
 * another graph (or `killSigma`) came first; see `showGraph`.
 */
export function mountSigma(
  container: HTMLElement,
  graph: DisplayGraph,
  handlers: SigmaHandlers,
  highlight: Highlight = {},
  onProgress?: ShowProgress,
): Promise<boolean> {
  if (host !== undefined) {
    host.handlers = handlers;
    return showGraph(graph, highlight, onProgress);
  }
  const view: ViewState = { highlight, flat: isLarge(graph) };
  const creating = performance.now();
  const sigma = createWithoutDrawing(() => createSigma(graph, container, view));
  declareReducersIndependentOfCamera(sigma);
  redrawAfterDrag(sigma);
  installLabelCollisionPass(sigma);
  const cheap = installCheapLayers(sigma, drawsPlainly(graph));
  if (cheap !== undefined && isSoftwareWebGl()) settleBeforeFullFrames(sigma, SOFTWARE_SETTLE_MS);
  const hold = holdWhileLoading(sigma);
  performance.measure('trustmap:renderer-created', { start: creating });
  const created: HostState = { sigma, graph, view, handlers, cheap, hold, loading: undefined };
  let labelTimer: ReturnType<typeof setTimeout> | undefined;
  sigma.getCamera().on('updated', () => {
    clearTimeout(labelTimer);
    labelTimer = setTimeout(planAccountLabels, LABEL_PLAN_REST_MS);
  });
  sigma.on('kill', () => {
    clearTimeout(labelTimer);
  });
  sigma.on('clickNode', ({ node }) => {
    created.handlers.onNode(node);
  });
  sigma.on('clickEdge', ({ edge }) => {
    created.handlers.onEdge(edge);
  });
  sigma.on('clickStage', () => {
    created.handlers.onStage();
  });
  host = created;
  // Creating the renderer (WebGL context, shaders) counts in the first slice.
  return load(created, graph, onProgress, creating);
}

/**
 * Hands `graph` (already set on the renderer, held) over to Sigma: indexed in slices of at most
 * ~40 ms (sliced-indexing.ts), then processed and drawn once. A graph that fits in one slice is
 * drawn before this returns. Where Sigma's internals are not found, Sigma refreshes as usual (one
 * task). Highlight changes and camera moves asked for meanwhile are applied before the draw.
 */
function load(
  state: HostState,
  graph: DisplayGraph,
  onProgress?: ShowProgress,
  startedAt?: number,
): Promise<boolean> {
  const { sigma, hold } = state;
  // `createSigma`'s edge reducer reads the edge's key, attributes and graph, never `_data`.
  const indexer = findIndexer(sigma, { edgeReducerReadsNoDisplayData: true });
  if (indexer === undefined) {
    hold.held = false;
    sigma.refresh();
    markFirstRender(graph);
    return Promise.resolve(true);
  }
  const loading: Loading = {
    cancelled: false,
    indexedWith: state.view.highlight,
    focus: undefined,
  };
  state.loading = loading;
  hold.held = true;
  const started = performance.now();
  const steps = handOver(state, indexer, graph, loading);
  const finish = (): void => {
    if (state.loading === loading) state.loading = undefined;
  };
  return runInSlices(steps, {
    cancelled: () => loading.cancelled,
    newTaskAfter: (step) => step.costlyNext === true,
    ...(startedAt === undefined ? {} : { startedAt }),
    ...(onProgress === undefined ? {} : { onProgress }),
  }).then(
    (done) => {
      finish();
      if (!done) return false;
      performance.measure('trustmap:graph-handed-over', {
        start: started,
        detail: { nodes: graph.order, edges: graph.size },
      });
      markFirstRender(graph);
      if (loading.focus !== undefined) focusNodes(loading.focus);
      return true;
    },
    (error: unknown) => {
      finish();
      hold.held = false;
      throw error;
    },
  );
}

/**
 * The steps of `load`: indexing, the items whose highlight changed meanwhile, Sigma's processing
 * (ahead of the draw, in two steps), the first draw.
 */
function* handOver(
  state: HostState,
  indexer: SigmaIndexer,
  graph: DisplayGraph,
  loading: Loading,
): Generator<IndexProgress, void> {
  const total = graph.order + graph.size;
  const progress: IndexProgress = { done: total, total };
  /** Brings the index up to the current highlight; false when everything must be indexed again. */
  const reconcile = (): boolean => {
    const current = state.view.highlight;
    if (loading.indexedWith === current) return true;
    const items = itemsToReevaluate(graph, loading.indexedWith, current);
    // A focus or diff set changed: every item looks different.
    if (items === 'all') return false;
    for (const key of items.nodes) indexer.addNode(key);
    for (const key of items.edges) indexer.addEdge(key);
    loading.indexedWith = current;
    return true;
  };
  let undo: () => void;
  for (;;) {
    loading.indexedWith = state.view.highlight;
    yield* indexSteps(indexer, graph);
    if (!reconcile()) continue;
    yield progress;
    // Drawn plainly, edges are the line layer's alone: Sigma's edge buffers are not written.
    const ahead = processAhead(
      state.sigma,
      () => {
        state.cheap?.edges.prepare();
        if (state.cheap?.plain === true) state.cheap.nodes.prepare();
      },
      state.cheap?.plain === true,
    );
    let step = ahead.next();
    while (step.done !== true) {
      // `true`: the next step ends in the first draw, which deserves a task of its own.
      yield step.value ? { ...progress, costlyNext: true } : progress;
      step = ahead.next();
    }
    undo = step.value;
    if (loading.indexedWith === state.view.highlight) break;
    // The highlight changed while Sigma processed: the draw processes everything again.
    undo();
    if (reconcile()) break;
  }
  state.hold.held = false;
  const drawStart = performance.now();
  try {
    privateParts(state.sigma).render?.();
  } finally {
    undo();
  }
  performance.measure('trustmap:graph-first-draw', { start: drawStart });
}

/**
 * Records a User Timing mark `trustmap:graph-rendered` once a newly shown graph is on screen
 * (read by bench/dashboard.ts and available in the browser's performance panel). Called right
 * after the graph's first draw; marks at the next animation frame — when the frame holding that
 * drawing has been handed over.
 */
function markFirstRender(graph: DisplayGraph): void {
  const detail = { nodes: graph.order, edges: graph.size };
  requestAnimationFrame(() => {
    performance.mark('trustmap:graph-rendered', { detail });
  });
}

/**
 * Replaces the graph shown (positions must already be set) and resets the camera. The graph is
 * indexed in slices and processed once, with `highlight` (default: the current one) already
 * applied; the previous picture stays on screen meanwhile. Resolves `true` once the graph is
 * drawn, `false` when another graph (or `killSigma`) came first.
 */
export function showGraph(
  graph: DisplayGraph,
  highlight?: Highlight,
  onProgress?: ShowProgress,
): Promise<boolean> {
  if (host === undefined) return Promise.resolve(false);
  const state = host;
  const sigma = state.sigma;
  if (state.loading !== undefined) state.loading.cancelled = true;
  state.loading = undefined;
  if (highlight !== undefined) state.view.highlight = highlight;
  state.view.flat = isLarge(graph);
  // The plan was for the previous graph; the new one's is made once it is drawn.
  state.view.labelPlan = undefined;
  state.cheap?.nodes.invalidate();
  state.cheap?.edges.invalidate();
  const wanted = settingsFor(graph);
  const changed = (Object.keys(wanted) as (keyof typeof wanted)[]).some(
    (key) => sigma.getSetting(key) !== wanted[key],
  );
  // Sigma's own refreshes (setGraph, setSettings) are held: `load` indexes the new graph.
  state.hold.held = true;
  if (changed) {
    // Should the hold not apply, new settings re-index the graph held: let that be an empty one.
    sigma.setGraph(new MultiDirectedGraph<DisplayNodeAttributes, DisplayEdgeAttributes>());
    sigma.setSettings(wanted);
  }
  if (state.cheap !== undefined) state.cheap.plain = drawsPlainly(graph);
  sigma.setGraph(graph);
  state.graph = graph;
  sigma.getCamera().setState({ x: 0.5, y: 0.5, ratio: 1, angle: 0 });
  return load(state, graph, onProgress);
}

/**
 * The nodes and edges whose look differs between two highlights, or `'all'` when a focus or
 * diff set changed (those grey out or colour the whole graph).
 */
export function itemsToReevaluate(
  graph: DisplayGraph,
  before: Highlight,
  after: Highlight,
): { nodes: string[]; edges: string[] } | 'all' {
  if (
    before.focusNodes !== after.focusNodes ||
    before.focusEdges !== after.focusEdges ||
    before.anchorNodes !== after.anchorNodes ||
    before.addedEdges !== after.addedEdges ||
    before.removedEdges !== after.removedEdges ||
    before.hide !== after.hide
  )
    return 'all';
  const nodes = new Set<string>();
  const edges = new Set<string>();
  for (const key of [before.selectedNode, after.selectedNode])
    if (key !== undefined && graph.hasNode(key)) {
      nodes.add(key);
      // Edges touching the selected node are drawn stronger.
      graph.forEachEdge(key, (edge) => edges.add(edge));
    }
  for (const key of [before.selectedEdge, after.selectedEdge])
    if (key !== undefined && graph.hasEdge(key)) edges.add(key);
  return { nodes: [...nodes], edges: [...edges] };
}

/**
 * Changes how the graph looks (selection, focus, diff) and redraws: only the items whose look
 * changed are evaluated again, unless a focus or diff set changed (then all are).
 */
export function setHighlight(highlight: Highlight): void {
  if (host === undefined) return;
  const before = host.view.highlight;
  if (before === highlight) return;
  host.view.highlight = highlight;
  host.cheap?.nodes.invalidate();
  host.cheap?.edges.invalidate();
  // During a hand-over, `load` applies the change before the first draw.
  if (host.loading !== undefined) return;
  const { sigma, graph } = host;
  const items = itemsToReevaluate(graph, before, highlight);
  if (items === 'all') {
    if (host.view.flat)
      // In place (no re-indexing): positions, sizes that matter and zIndex are unchanged.
      refreshInPlace(sigma, { nodes: graph.nodes(), edges: graph.edges() });
    else sigma.refresh();
    return;
  }
  if (items.nodes.length === 0 && items.edges.length === 0) return;
  refreshInPlace(sigma, items);
}

/** Moves the camera so that the given nodes are in view (animated, short). */
export function focusNodes(keys: readonly string[]): void {
  if (host === undefined) return;
  if (host.loading !== undefined) {
    // Positions are known once the graph is indexed and processed.
    host.loading.focus = keys;
    return;
  }
  const sigma = host.sigma;
  const points = keys
    .map((key) => sigma.getNodeDisplayData(key))
    .filter((d): d is NonNullable<typeof d> => d !== undefined);
  if (points.length === 0) return;
  const xs = points.map((p) => p.x);
  const ys = points.map((p) => p.y);
  const minX = Math.min(...xs);
  const maxX = Math.max(...xs);
  const minY = Math.min(...ys);
  const maxY = Math.max(...ys);
  const spread = Math.max(maxX - minX, maxY - minY);
  // Camera coordinates are normalized to the graph's extent (0–1): frame the spread with margin.
  const ratio = Math.min(1, Math.max(0.2, spread * 1.8));
  void sigma
    .getCamera()
    .animate({ x: (minX + maxX) / 2, y: (minY + maxY) / 2, ratio }, { duration: 400 });
}

/**
 * How the graph shown is drawn: `plain` (software WebGL, very large graph: edges as lines, nodes
 * as points, `drawsPlainly`) or `sigma`; undefined before the renderer exists. For diagnostics
 * and tests (GraphCanvas puts it in `data-drawing`).
 */
export function currentDrawing(): 'plain' | 'sigma' | undefined {
  if (host === undefined) return undefined;
  return host.cheap?.plain === true ? 'plain' : 'sigma';
}

/**
 * Private parts of Sigma this build uses that the running renderer lacks (sigma-internals.ts),
 * and how many labels the last frame drew and how many of them overlap: for diagnostics and
 * tests (GraphCanvas puts them in data attributes).
 */
export function rendererDiagnostics():
  { contract: string[]; labels: number; overlaps: number } | undefined {
  if (host === undefined) return undefined;
  return { contract: checkSigmaInternals(host.sigma), ...countLabelOverlaps(host.sigma) };
}

/** The renderer, for diagnostics and benchmarks only (never to draw). */
export function currentSigma(): Sigma<DisplayNodeAttributes, DisplayEdgeAttributes> | undefined {
  return host?.sigma;
}

/** No selection and no focus: the plain organization view, whose labels follow the plan. */
function isAtRest(view: ViewState): boolean {
  const h = view.highlight;
  return h.selectedNode === undefined && h.focusNodes === undefined && h.focusEdges === undefined;
}

/**
 * Chooses again which labels of the account-level view are shown (label-plan.ts), for the
 * camera as it is now, and redraws the nodes whose label changed. Principal-level views: none.
 */
export function planAccountLabels(): void {
  if (host === undefined || host.loading !== undefined) return;
  const { sigma, graph, view } = host;
  if (graph.getAttribute('level') !== 'account') {
    view.labelPlan = undefined;
    return;
  }
  const nodes: [string, { label?: string; important?: boolean; labelSize?: number }][] = [];
  graph.forEachNode((key, a) => {
    const ou = a.kind === 'ou-label';
    nodes.push([key, { label: a.label, important: ou || a.important, labelSize: ou ? 15 : 14 }]);
  });
  const plan = planLabels(
    labelCandidates(sigma, nodes),
    canvasTextMeasure(),
    sigma.getDimensions(),
  );
  const before = view.labelPlan;
  const changed = nodes
    .map(([key]) => key)
    .filter((key) => before === undefined || before.has(key) !== plan.has(key));
  view.labelPlan = plan;
  if (changed.length > 0) refreshInPlace(sigma, { nodes: changed });
}

/** Stops rendering and releases the WebGL context. */
export function killSigma(): void {
  if (host?.loading !== undefined) host.loading.cancelled = true;
  host?.sigma.kill();
  host = undefined;
}

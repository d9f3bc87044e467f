/**
 * The one owner of the Sigma renderer. Components never hold a Sigma instance: they call
 * `mountSigma` once with a container, `showGraph` to swap the graph, `setHighlight` to change how
 * it looks (reducers, data untouched), `focusNodes` to move the camera, and `killSigma` on
 * unmount. Graph positions are always computed before `showGraph`, so the first frame is final.
 */
import type { MultiDirectedGraph } from 'graphology';
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
import type { DisplayEdgeAttributes, DisplayNodeAttributes } from './display-graph.js';

export interface SigmaHandlers {
  onNode: (key: string) => void;
  onEdge: (key: string) => void;
  onStage: () => void;
}

export type DisplayGraph = MultiDirectedGraph<DisplayNodeAttributes, DisplayEdgeAttributes>;

/**
 * A graph above these sizes is "large": edges and labels are hidden while the camera moves
 * (keeps panning fluid) and labels need a closer zoom.
 */
const LARGE_GRAPH_NODES = 10_000;
const LARGE_GRAPH_EDGES = 20_000;

function isLarge(graph: DisplayGraph): boolean {
  return graph.order > LARGE_GRAPH_NODES || graph.size > LARGE_GRAPH_EDGES;
}

interface HostState {
  sigma: Sigma<DisplayNodeAttributes, DisplayEdgeAttributes>;
  /** Read by the reducers on every refresh. */
  view: { highlight: Highlight };
  handlers: SigmaHandlers;
}

let host: HostState | undefined;

function createSigma(
  graph: DisplayGraph,
  container: HTMLElement,
  state: { highlight: Highlight },
): Sigma<DisplayNodeAttributes, DisplayEdgeAttributes> {
  const large = isLarge(graph);
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
      // Edge picking reads pixels back on every pointer move: too costly on large graphs.
      enableEdgeEvents: !large,
      // The container is briefly detached when React swaps views before the renderer is killed.
      allowInvalidContainer: true,
      hideEdgesOnMove: large,
      hideLabelsOnMove: large,
      labelDensity: 0.6,
      labelRenderedSizeThreshold: 7,
      minCameraRatio: 0.01,
      maxCameraRatio: 20,
    },
    nodeReducer: (key, _data, attrs) => nodeAppearance(key, attrs, state.highlight),
    edgeReducer: (key, _data, attrs, _s, _g, g) =>
      edgeAppearance(key, attrs, [g.source(key), g.target(key)], state.highlight),
  });
}

/** Creates the renderer in `container` (once; a second call swaps the graph). */
export function mountSigma(
  container: HTMLElement,
  graph: DisplayGraph,
  handlers: SigmaHandlers,
): void {
  if (host !== undefined) {
    host.handlers = handlers;
    showGraph(graph);
    return;
  }
  const view: { highlight: Highlight } = { highlight: {} };
  const sigma = createSigma(graph, container, view);
  const created: HostState = { sigma, view, handlers };
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
  markFirstRender(sigma, graph);
}

/**
 * Records a User Timing mark `trustmap:graph-rendered` when a newly shown graph has been drawn
 * once (read by bench/dashboard.ts and available in the browser's performance panel).
 */
function markFirstRender(
  sigma: Sigma<DisplayNodeAttributes, DisplayEdgeAttributes>,
  graph: DisplayGraph,
): void {
  sigma.once('afterRender', () => {
    performance.mark('trustmap:graph-rendered', {
      detail: { nodes: graph.order, edges: graph.size },
    });
  });
}

/** Replaces the graph shown (positions must already be set) and resets the camera. */
export function showGraph(graph: DisplayGraph): void {
  if (host === undefined) return;
  host.sigma.setGraph(graph);
  host.sigma.setSettings({
    hideEdgesOnMove: isLarge(graph),
    hideLabelsOnMove: isLarge(graph),
  });
  host.sigma.getCamera().setState({ x: 0.5, y: 0.5, ratio: 1, angle: 0 });
  markFirstRender(host.sigma, graph);
}

/** Changes how the graph looks (selection, focus, diff) and redraws. */
export function setHighlight(highlight: Highlight): void {
  if (host === undefined) return;
  host.view.highlight = highlight;
  host.sigma.refresh({ skipIndexation: true });
}

/** Moves the camera so that the given nodes are in view (animated, short). */
export function focusNodes(keys: readonly string[]): void {
  if (host === undefined) return;
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

/** The renderer, for diagnostics and benchmarks only (never to draw). */
export function currentSigma(): Sigma<DisplayNodeAttributes, DisplayEdgeAttributes> | undefined {
  return host?.sigma;
}

/** Stops rendering and releases the WebGL context. */
export function killSigma(): void {
  host?.sigma.kill();
  host = undefined;
}

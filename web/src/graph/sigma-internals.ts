/**
 * Every private part of Sigma that the dashboard uses, in one place. Sigma 4 keeps its indexing
 * steps, its programs, its display caches and its label renderer private; the fast paths
 * (sliced-indexing.ts, the cheap layers and the held first frame of sigma-host.ts, the label
 * collision pass below) reach them only through `privateParts` / `privatePrototype`, typed here
 * with every field optional, and each checks what it finds before using it. `checkSigmaInternals`
 * names what is missing or of another shape (test/web/sigma-internals.test.ts and the browser
 * test read it): a Sigma upgrade is reviewed against this file. Sigma is pinned to
 * `SIGMA_VERSION` in package.json.
 */
import { boxesOverlap, labelsToHide } from './label-collisions.js';

/** The Sigma version these internals were written against (package.json pins it exactly). */
export const SIGMA_VERSION = '4.0.4';

/** A private analysis of which state the reducers read. */
export interface StyleAnalysis {
  dependency: string;
}

/** A node's label box in viewport pixels, relative to the node centre. */
export interface LabelBox {
  minX: number;
  maxX: number;
  minY: number;
  maxY: number;
}

/** The display data of a node as Sigma caches it (the fields read here). */
export interface CachedNodeData {
  x: number;
  y: number;
  size: number;
  label?: string | null;
  zIndex?: number;
  visibility?: string;
  labelVisibility?: string;
}

export interface PrivateLabelRenderer {
  computeDisplayedNodeLabels?: () => void;
  displayedNodeLabels?: Set<string>;
  nodeLabelBox?: (data: CachedNodeData, nodeRadius: number) => LabelBox | null;
  processWebGLLabels?: (nodes: string[]) => void;
}

/** The private fields and methods of a Sigma 4 renderer that the dashboard touches. */
export interface SigmaPrivateParts {
  // Indexing (sliced-indexing.ts).
  clearNodeIndices?: unknown;
  clearEdgeIndices?: unknown;
  addNode?: unknown;
  addEdge?: unknown;
  /** The edge reducer given to the constructor (`null` when none). */
  edgeReducer?: ((...args: unknown[]) => unknown) | null;
  stateManager?: { getEdgeState?: (key: string) => unknown; graphState?: unknown };
  edgeGroups?: { rebuild?: unknown; [key: string]: unknown };
  pendingProcess?: unknown;
  // Processing (sliced-indexing.ts).
  processNodes?: () => boolean;
  processEdges?: () => void;
  addNodeToProgram?: (node: string, position: number) => void;
  addEdgeToProgram?: (edge: string, position: number) => void;
  /** Where each edge was written in the edge program (a partial refresh rewrites it there). */
  edgeProgramIndex?: Record<string, number>;
  /** The program of each indexed node (refresh-in-place.ts: an unindexed node cannot be redrawn in place). */
  nodeProgramIndex?: Record<string, number>;
  resize?: () => unknown;
  width?: unknown;
  height?: unknown;
  // Drawing (sigma-host.ts).
  render?: () => unknown;
  nodeProgram?: {
    render?: (...args: unknown[]) => void;
    renderProgram?: (params: unknown, program: unknown) => void;
    normalProgram?: unknown;
    invalidateBuffers?: unknown;
  };
  edgeProgram?: { render?: (...args: unknown[]) => void; invalidateBuffers?: unknown };
  edgeFramePass?: { run?: (...args: unknown[]) => void };
  edgeStyleAnalysis?: StyleAnalysis;
  labelRenderer?: PrivateLabelRenderer;
  internals?: {
    nodeStyleAnalysis?: StyleAnalysis;
    nodeDataCache?: Partial<Record<string, CachedNodeData>>;
    edgeDataCache?: Partial<Record<string, unknown>>;
    graph?: { getEdgeAttributes?: (key: string) => unknown };
    hoverResolver?: { invalidate?: unknown };
  };
}

/** Sigma 4's parallel-edge index (`EdgeGroupIndex`), as far as its rebuild reads it. */
export interface EdgeGroupIndex {
  groups: Map<string, string[]>;
  edgeToGroupKey: Map<string, string>;
  graph: { edges: () => string[] };
  getGroupKey: (edge: string) => string;
  sortGroup: (group: string[], key: string) => void;
  onGroupChanged: (group: string[], count: number) => void;
}

/** The private view of the parallel-edge index (`edgeGroups`). */
export function privateEdgeGroups(index: object): Partial<EdgeGroupIndex> {
  return index;
}

/** The private view of a renderer: the one place where Sigma's privacy is set aside. */
export function privateParts(sigma: object): SigmaPrivateParts {
  return sigma;
}

/** The renderer's prototype methods the held first frame replaces for a moment. */
export interface SigmaPrivatePrototype {
  render: (this: unknown) => unknown;
  refresh: (this: unknown) => unknown;
}

export function privatePrototype(SigmaClass: { prototype: object }): SigmaPrivatePrototype {
  return SigmaClass.prototype as SigmaPrivatePrototype;
}

/** What each used private part must be: a path and the type `typeof` must give. */
const CONTRACT: readonly [string, 'function' | 'object' | 'string' | 'number'][] = [
  ['clearNodeIndices', 'function'],
  ['clearEdgeIndices', 'function'],
  ['addNode', 'function'],
  ['addEdge', 'function'],
  ['edgeReducer', 'function'],
  ['stateManager', 'object'],
  ['stateManager.getEdgeState', 'function'],
  ['stateManager.graphState', 'object'],
  ['edgeGroups', 'object'],
  ['edgeGroups.rebuild', 'function'],
  ['edgeGroups.groups', 'object'],
  ['edgeGroups.edgeToGroupKey', 'object'],
  ['edgeGroups.graph', 'object'],
  ['edgeGroups.graph.edges', 'function'],
  ['edgeGroups.getGroupKey', 'function'],
  ['edgeGroups.sortGroup', 'function'],
  ['edgeGroups.onGroupChanged', 'function'],
  ['pendingProcess', 'string'],
  ['processNodes', 'function'],
  ['processEdges', 'function'],
  ['addNodeToProgram', 'function'],
  ['addEdgeToProgram', 'function'],
  ['edgeProgramIndex', 'object'],
  ['nodeProgramIndex', 'object'],
  ['resize', 'function'],
  ['width', 'number'],
  ['height', 'number'],
  ['render', 'function'],
  ['nodeProgram', 'object'],
  ['nodeProgram.render', 'function'],
  ['nodeProgram.renderProgram', 'function'],
  ['nodeProgram.normalProgram', 'object'],
  ['nodeProgram.invalidateBuffers', 'function'],
  ['edgeProgram', 'object'],
  ['edgeProgram.render', 'function'],
  ['edgeProgram.invalidateBuffers', 'function'],
  ['edgeFramePass', 'object'],
  ['edgeFramePass.run', 'function'],
  ['edgeStyleAnalysis', 'object'],
  ['edgeStyleAnalysis.dependency', 'string'],
  ['labelRenderer', 'object'],
  ['labelRenderer.computeDisplayedNodeLabels', 'function'],
  ['labelRenderer.displayedNodeLabels', 'object'],
  ['labelRenderer.nodeLabelBox', 'function'],
  ['labelRenderer.processWebGLLabels', 'function'],
  ['internals', 'object'],
  ['internals.nodeStyleAnalysis', 'object'],
  ['internals.nodeStyleAnalysis.dependency', 'string'],
  ['internals.nodeDataCache', 'object'],
  ['internals.edgeDataCache', 'object'],
  ['internals.graph', 'object'],
  ['internals.graph.getEdgeAttributes', 'function'],
  ['internals.hoverResolver', 'object'],
  ['internals.hoverResolver.invalidate', 'function'],
];

/**
 * The private parts of `sigma` that are missing or of another type than this module expects,
 * as `path: expected type, found type` lines; empty when the contract holds.
 */
export function checkSigmaInternals(sigma: object): string[] {
  const problems: string[] = [];
  for (const [path, expected] of CONTRACT) {
    let value: unknown = sigma;
    for (const part of path.split('.')) {
      value =
        typeof value === 'object' && value !== null
          ? (value as Record<string, unknown>)[part]
          : undefined;
    }
    const found = value === null ? 'null' : typeof value;
    if (found !== expected) problems.push(`${path}: expected ${expected}, found ${found}`);
  }
  return problems;
}

/** Viewport geometry of the renderer (public API). */
interface Viewport {
  framedGraphToViewport: (c: { x: number; y: number }) => { x: number; y: number };
  scaleSize: (size?: number) => number;
  getDimensions: () => { width: number; height: number };
}

interface PlacedLabel {
  key: string;
  box: LabelBox;
  /** The node's zIndex (importance). */
  rank: number;
}

/**
 * The labels Sigma chose for this frame, each with its box in viewport pixels, most important
 * first (higher zIndex — the selection, a focused path, outsiders — then larger nodes).
 */
function placedLabels(sigma: object, viewport: Viewport): PlacedLabel[] | undefined {
  const parts = privateParts(sigma);
  const renderer = parts.labelRenderer;
  const cache = parts.internals?.nodeDataCache;
  const displayed = renderer?.displayedNodeLabels;
  const measure = renderer?.nodeLabelBox;
  if (renderer === undefined || cache === undefined || displayed === undefined) return undefined;
  if (typeof measure !== 'function') return undefined;
  const out: (PlacedLabel & { size: number })[] = [];
  for (const key of displayed) {
    const data = cache[key];
    if (data === undefined) continue;
    const radius = viewport.scaleSize(data.size);
    const box = measure.call(renderer, data, radius);
    if (box === null) continue;
    const centre = viewport.framedGraphToViewport(data);
    out.push({
      key,
      rank: data.zIndex ?? 0,
      size: data.size,
      box: {
        minX: centre.x + Math.min(box.minX, -radius),
        maxX: centre.x + box.maxX,
        minY: centre.y + Math.min(box.minY, -radius),
        maxY: centre.y + Math.max(box.maxY, radius),
      },
    });
  }
  out.sort((a, b) => b.rank - a.rank || b.size - a.size || (a.key < b.key ? -1 : 1));
  return out;
}

/** Most labels compared in one frame (Sigma's label grid keeps far fewer on screen). */
const MAX_LABELS_CHECKED = 3000;

/**
 * Labels never overlap at rest: after Sigma picks the labels of a frame (its label grid plus the
 * forced ones), a label whose box (with its node) overlaps one already kept, or that the edge of
 * the canvas would cut, is dropped, the most important kept first; the selection and focused
 * items are always kept. Returns false when Sigma's label renderer is not as expected (then
 * labels are drawn as Sigma picks them).
 */
export function installLabelCollisionPass(sigma: object & Viewport): boolean {
  const renderer = privateParts(sigma).labelRenderer;
  const compute = renderer?.computeDisplayedNodeLabels;
  if (renderer === undefined || typeof compute !== 'function') return false;
  if (typeof renderer.nodeLabelBox !== 'function') return false;
  renderer.computeDisplayedNodeLabels = function computeWithoutOverlaps(this: unknown) {
    compute.call(renderer);
    const displayed = renderer.displayedNodeLabels;
    const placed = placedLabels(sigma, sigma);
    if (displayed === undefined || placed === undefined || placed.length > MAX_LABELS_CHECKED)
      return;
    const { width, height } = sigma.getDimensions();
    for (const key of labelsToHide(placed, width, height)) displayed.delete(key);
  };
  return true;
}

/** Pairs of labels drawn in the last frame whose boxes overlap (a diagnostic for tests). */
export function countLabelOverlaps(sigma: object & Viewport): { labels: number; overlaps: number } {
  const placed = placedLabels(sigma, sigma) ?? [];
  let count = 0;
  for (let i = 0; i < placed.length; i++)
    for (let j = i + 1; j < placed.length; j++) {
      const a = placed[i];
      const b = placed[j];
      if (a !== undefined && b !== undefined && boxesOverlap(a.box, b.box)) count += 1;
    }
  return { labels: placed.length, overlaps: count };
}

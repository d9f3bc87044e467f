/**
 * How the graph looks for a given selection, without touching its data (sigma reducers): the
 * selected node or edge stands out, a focused set (a path, who-can-reach results, a finding's
 * neighbourhood) keeps its colours while the rest is greyed out, and in diff mode edges added
 * since the previous scan are green and removed ones red. Pure functions of the display
 * attributes and the `Highlight`, so tests check them without a browser.
 */

export interface Highlight {
  selectedNode?: string;
  selectedEdge?: string;
  /** When set, only these nodes and edges keep their colours; everything else is greyed out. */
  focusNodes?: ReadonlySet<string>;
  focusEdges?: ReadonlySet<string>;
  /**
   * The nodes a focused answer is about (who-can-reach's resource, blast radius's start, a
   * path's ends): their labels win over the other focused ones when labels collide.
   */
  anchorNodes?: ReadonlySet<string>;
  /** Diff mode: edge keys added / removed since the previous scan, and nodes they touch. */
  addedEdges?: ReadonlySet<string>;
  removedEdges?: ReadonlySet<string>;
  /**
   * Legend filters: `inside` hides edges inside the organization (state `internal`), `services`
   * hides AWS service nodes and their edges, `conditional` hides conditional edges. A selected or
   * focused item is never hidden.
   */
  hide?: ReadonlySet<'inside' | 'services' | 'conditional'>;
}

export const GREY_NODE = '#d5dbe2';
export const GREY_EDGE = '#e8ecf0';
export const SELECTED_COLOR = '#111827';
export const ADDED_COLOR = '#1e9e4a';
export const REMOVED_COLOR = '#c2185b';

/** The display attributes the reducers read (set by `toDisplayGraph`). */
export interface NodeLook {
  color: string;
  size: number;
  /** Always labelled (outsiders, `anyone`, identity providers, crown jewels). */
  important: boolean;
  /** `ou-label`: a label-only node (the name of an OU cluster), drawn as its text alone. */
  kind?: string;
  labelPosition?: 'right' | 'left' | 'above' | 'below';
}

export interface EdgeLook {
  color: string;
  size: number;
  /** The edge's state (edge-state.ts), read by the legend filters. */
  state?: string;
  /** An edge of the previous scan only (diff mode): hidden unless `removedEdges` holds it. */
  removed?: boolean;
}

export interface NodeAppearance {
  color: string;
  size: number;
  labelVisibility: 'auto' | 'visible' | 'hidden';
  zIndex: number;
  /** Set for label-only nodes: the node itself is not drawn, its label is. */
  opacity?: number;
  labelColor?: string;
  labelSize?: number;
  labelPosition?: 'right' | 'left' | 'above' | 'below';
  cursor?: string;
  /** Taken off the graph by a legend filter. */
  visibility?: 'visible' | 'hidden';
}

export const OU_LABEL_TEXT_COLOR = '#5b6b7f';

/** An OU label: text only, always shown, no pointer cursor; faded out while something is focused. */
function labelOnlyAppearance(look: NodeLook, h: Highlight): NodeAppearance {
  return {
    color: look.color,
    size: look.size,
    opacity: 0,
    labelVisibility: isFocusing(h) ? 'hidden' : 'visible',
    labelColor: OU_LABEL_TEXT_COLOR,
    labelSize: 15,
    labelPosition: look.labelPosition ?? 'right',
    cursor: 'default',
    // Above ordinary labels when labels collide (sigma-internals.ts keeps the higher zIndex).
    zIndex: 1,
  };
}

export interface EdgeAppearance {
  color: string;
  size: number;
  visibility: 'visible' | 'hidden';
  zIndex: number;
}

function isFocusing(h: Highlight): boolean {
  return h.focusNodes !== undefined || h.focusEdges !== undefined;
}

/** A legend filter takes this node off the graph (never the selection or a focused node). */
function isNodeFiltered(key: string, kind: string | undefined, h: Highlight): boolean {
  return (
    h.hide?.has('services') === true &&
    kind === 'service' &&
    key !== h.selectedNode &&
    h.focusNodes?.has(key) !== true
  );
}

/** A legend filter takes this edge off the graph (never the selection or a focused edge). */
function isEdgeFiltered(
  key: string,
  look: EdgeLook,
  endpoints: readonly [string, string],
  h: Highlight,
): boolean {
  const hide = h.hide;
  if (hide === undefined || hide.size === 0) return false;
  if (key === h.selectedEdge || h.focusEdges?.has(key) === true) return false;
  if (hide.has('inside') && look.state === 'internal') return true;
  if (hide.has('conditional') && look.state === 'conditional') return true;
  // Node keys of services are `service:<name>` (DESIGN.md); an edge key is never read.
  return hide.has('services') && endpoints.some((k) => k.startsWith('service:'));
}

/** Appearance of one node. */
export function nodeAppearance(key: string, look: NodeLook, h: Highlight): NodeAppearance {
  if (look.kind === 'ou-label') return labelOnlyAppearance(look, h);
  if (isNodeFiltered(key, look.kind, h))
    return {
      color: look.color,
      size: look.size,
      labelVisibility: 'hidden',
      zIndex: 0,
      visibility: 'hidden',
    };
  const position = look.labelPosition === undefined ? {} : { labelPosition: look.labelPosition };
  if (key === h.selectedNode) {
    return {
      color: look.color,
      size: look.size * 1.6,
      labelVisibility: 'visible',
      zIndex: 3,
      ...position,
    };
  }
  if (isFocusing(h)) {
    if (h.focusNodes?.has(key) === true) {
      return {
        color: look.color,
        size: look.size * 1.25,
        labelVisibility: 'visible',
        zIndex: h.anchorNodes?.has(key) === true ? 3 : 2,
        ...position,
      };
    }
    return { color: GREY_NODE, size: look.size * 0.8, labelVisibility: 'hidden', zIndex: 0 };
  }
  return {
    color: look.color,
    size: look.size,
    labelVisibility: look.important ? 'visible' : 'auto',
    zIndex: look.important ? 1 : 0,
    ...position,
  };
}

/** Appearance of one edge; `endpoints` are its source and target keys. */
export function edgeAppearance(
  key: string,
  look: EdgeLook,
  endpoints: readonly [string, string],
  h: Highlight,
): EdgeAppearance {
  if (isEdgeFiltered(key, look, endpoints, h))
    return { color: look.color, size: look.size, visibility: 'hidden', zIndex: 0 };
  if (key === h.selectedEdge) {
    return {
      color: SELECTED_COLOR,
      size: Math.max(look.size * 1.5, 3),
      visibility: 'visible',
      zIndex: 3,
    };
  }
  if (h.addedEdges?.has(key) === true) {
    return { color: ADDED_COLOR, size: Math.max(look.size, 2.5), visibility: 'visible', zIndex: 2 };
  }
  if (h.removedEdges?.has(key) === true) {
    return {
      color: REMOVED_COLOR,
      size: Math.max(look.size, 2.5),
      visibility: 'visible',
      zIndex: 2,
    };
  }
  if (look.removed === true)
    return { color: look.color, size: look.size, visibility: 'hidden', zIndex: 0 };
  if (isFocusing(h)) {
    if (h.focusEdges?.has(key) === true) {
      return {
        color: look.color,
        size: Math.max(look.size * 1.5, 2.5),
        visibility: 'visible',
        zIndex: 2,
      };
    }
    return { color: GREY_EDGE, size: look.size, visibility: 'visible', zIndex: 0 };
  }
  if (h.selectedNode !== undefined && endpoints.includes(h.selectedNode)) {
    return {
      color: look.color,
      size: Math.max(look.size * 1.3, 2),
      visibility: 'visible',
      zIndex: 2,
    };
  }
  return { color: look.color, size: look.size, visibility: 'visible', zIndex: 0 };
}

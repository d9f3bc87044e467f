/**
 * Redrawing some nodes and edges without indexing the graph again (Sigma's `refresh` with a
 * `partialGraph` and `skipIndexation`). Sigma can redraw in place only what it has indexed: a node
 * or edge the graph gained since its last processing (a who-can-reach answer adding people, say,
 * while a highlight changes) makes it throw "can't be repaint". Such a redraw is then a full
 * refresh, which indexes everything first.
 */
import { privateParts } from './sigma-internals.js';

/** The part of a Sigma renderer this needs. */
export interface Refreshable {
  refresh(opts?: {
    partialGraph?: { nodes?: string[]; edges?: string[] };
    skipIndexation?: boolean;
  }): unknown;
}

/** Redraws `items` in place when Sigma has indexed them all, else refreshes everything. */
export function refreshInPlace(
  sigma: Refreshable,
  items: { nodes?: string[]; edges?: string[] },
): void {
  const { nodeProgramIndex, edgeProgramIndex } = privateParts(sigma);
  const indexed =
    nodeProgramIndex !== undefined &&
    edgeProgramIndex !== undefined &&
    (items.nodes ?? []).every((n) => nodeProgramIndex[n] !== undefined) &&
    (items.edges ?? []).every((e) => edgeProgramIndex[e] !== undefined);
  if (indexed) sigma.refresh({ partialGraph: items, skipIndexation: true });
  else sigma.refresh();
}

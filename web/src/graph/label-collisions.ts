/**
 * Which labels of a frame to leave out so that no two drawn labels overlap (the collision pass of
 * sigma-internals.ts decides with it). Labels come most important first (zIndex, then size): the
 * selection is always labelled; a focused path's or result's nodes are labelled unless their label
 * would cover one already kept (twenty people of one group, side by side, would otherwise be a
 * smear of text — the left panel lists them all); every other label also makes way for the edge of
 * the canvas. Pure.
 */

export interface Box {
  minX: number;
  maxX: number;
  minY: number;
  maxY: number;
}

export interface RankedLabel {
  key: string;
  /** The label's box with its node, in viewport pixels. */
  box: Box;
  /** The node's zIndex (highlight.ts): 3 the selection, 2 focused, 1 important, 0 the rest. */
  rank: number;
}

/** zIndex of the selected node (highlight.ts). */
export const SELECTED_RANK = 3;
/** zIndex of the nodes of a focused path or result (highlight.ts). */
export const FOCUSED_RANK = 2;

export function boxesOverlap(a: Box, b: Box): boolean {
  return a.minX < b.maxX && b.minX < a.maxX && a.minY < b.maxY && b.minY < a.maxY;
}

/** The keys of the labels to leave out, given the labels most important first. */
export function labelsToHide(
  labels: readonly RankedLabel[],
  width: number,
  height: number,
): string[] {
  const kept: Box[] = [];
  const hidden: string[] = [];
  for (const label of labels) {
    const b = label.box;
    if (label.rank >= SELECTED_RANK) {
      kept.push(b);
      continue;
    }
    // A label cut by the edge of the canvas is not drawn (moving the camera brings it back) —
    // unless it is focused: the camera frames those.
    const cut =
      label.rank < FOCUSED_RANK && (b.minX < 0 || b.minY < 0 || b.maxX > width || b.maxY > height);
    if (cut || kept.some((box) => boxesOverlap(box, b))) hidden.push(label.key);
    else kept.push(b);
  }
  return hidden;
}

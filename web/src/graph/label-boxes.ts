/**
 * Where the labels on the canvas are, for tests and diagnostics: the viewport box of every node
 * label Sigma displays this frame, and the pairs of boxes that overlap. Read through Sigma's
 * public API only (`getNodeDisplayedLabels`, `getNodeDisplayData`, `framedGraphToViewport`,
 * `scaleSize`); the text is measured with a 2D canvas in the label's font, and the box follows
 * Sigma's default placement (to the right of the node, 5 px margin, centred vertically).
 *
 * A test asks by dispatching `trustmap:measure-labels` on the graph canvas element; the answer is
 * written to its `data-labels` attribute (JSON `LabelBox[]`) and `data-label-overlaps` (count).
 */
import type { LabelSource } from './label-plan.js';

export interface LabelBox {
  key: string;
  label: string;
  x1: number;
  y1: number;
  x2: number;
  y2: number;
}

/** Sigma's defaults for node labels (sigma 4: `labelSize` 14, family sans-serif, margin 5). */
const DEFAULT_LABEL_SIZE = 14;
const LABEL_MARGIN = 5;
const FONT_FAMILY = 'sans-serif';

export const MEASURE_LABELS_EVENT = 'trustmap:measure-labels';

type TextMeasure = (text: string, sizePx: number) => number;

/** Boxes of the labels displayed now, in viewport pixels. */
export function displayedLabelBoxes(sigma: LabelSource, measure: TextMeasure): LabelBox[] {
  const boxes: LabelBox[] = [];
  for (const key of sigma.getNodeDisplayedLabels()) {
    const data = sigma.getNodeDisplayData(key) as
      { x: number; y: number; size: number; label?: string | null; labelSize?: number } | undefined;
    if (data === undefined || typeof data.label !== 'string' || data.label === '') continue;
    const centre = sigma.framedGraphToViewport({ x: data.x, y: data.y });
    const radius = sigma.scaleSize(data.size);
    const size = data.labelSize ?? DEFAULT_LABEL_SIZE;
    const width = measure(data.label, size);
    const x1 = centre.x + radius + LABEL_MARGIN;
    boxes.push({
      key,
      label: data.label,
      x1,
      y1: centre.y - size / 2,
      x2: x1 + width,
      y2: centre.y + size / 2,
    });
  }
  return boxes;
}

/** Pairs of boxes whose areas intersect (touching edges do not count). */
export function overlappingLabels(boxes: readonly LabelBox[]): [LabelBox, LabelBox][] {
  const sorted = [...boxes].sort((a, b) => a.x1 - b.x1);
  const out: [LabelBox, LabelBox][] = [];
  for (let i = 0; i < sorted.length; i++) {
    const a = sorted[i];
    if (a === undefined) continue;
    for (let j = i + 1; j < sorted.length; j++) {
      const b = sorted[j];
      if (b === undefined || b.x1 >= a.x2) break;
      if (a.y1 < b.y2 && b.y1 < a.y2) out.push([a, b]);
    }
  }
  return out;
}

/** A text measure using a 2D canvas in Sigma's label font. */
export function canvasTextMeasure(): TextMeasure {
  const context = document.createElement('canvas').getContext('2d');
  return (text, sizePx) => {
    if (context === null) return text.length * sizePx * 0.6;
    context.font = `${String(sizePx)}px ${FONT_FAMILY}`;
    return context.measureText(text).width;
  };
}

/**
 * Answers `trustmap:measure-labels` events on `element` with the label boxes of the Sigma
 * instance `current()` returns. Returns the function that stops listening.
 */
export function answerLabelMeasures(
  element: HTMLElement,
  current: () => LabelSource | undefined,
): () => void {
  const listener = (): void => {
    const sigma = current();
    const boxes = sigma === undefined ? [] : displayedLabelBoxes(sigma, canvasTextMeasure());
    element.dataset.labels = JSON.stringify(boxes);
    element.dataset.labelOverlaps = String(overlappingLabels(boxes).length);
  };
  element.addEventListener(MEASURE_LABELS_EVENT, listener);
  return () => {
    element.removeEventListener(MEASURE_LABELS_EVENT, listener);
  };
}

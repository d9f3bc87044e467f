/**
 * Labels that never overlap in the organization view. Sigma keeps its own auto labels apart only
 * roughly (one per grid cell; a long account name runs into the next cell) and always draws
 * forced labels, so the account-level view decides itself: at each rest of the camera, every
 * node's label box is computed in viewport pixels (Sigma's default placement: right of the node,
 * 5 px margin), and labels are kept greedily — outsiders (forced labels) first, then larger
 * nodes, then by key — skipping any that would overlap one already kept. Kept labels are shown,
 * the others hidden until the next rest (a zoom makes room for more). The outsiders list names
 * every outsider anyway.
 *
 * Only for the account-level view (at most a few thousand nodes); principal-level views keep
 * Sigma's behaviour.
 */
/** The part of Sigma's public API labels are read from (DOM-free, so that node tests run it). */
export interface LabelSource {
  getNodeDisplayedLabels(): Set<string>;
  getNodeDisplayData(key: string): object | undefined;
  framedGraphToViewport(coordinates: { x: number; y: number }): { x: number; y: number };
  scaleSize(size?: number): number;
}

export interface LabelCandidate {
  key: string;
  label: string;
  /** Centre in viewport pixels. */
  x: number;
  y: number;
  /** Rendered radius in pixels. */
  radius: number;
  labelSize: number;
  /** Forced labels (outsiders) win over the others. */
  important: boolean;
}

const LABEL_MARGIN = 5;
/** Space kept free around each label, in pixels. */
const GAP = 2;

interface Box {
  x1: number;
  y1: number;
  x2: number;
  y2: number;
}

/** The keys whose labels are shown: a greedy set of boxes that pairwise do not overlap. */
export function planLabels(
  candidates: readonly LabelCandidate[],
  measure: (text: string, sizePx: number) => number,
  viewport: { width: number; height: number },
): Set<string> {
  const order = [...candidates].sort(
    (a, b) =>
      Number(b.important) - Number(a.important) ||
      b.radius - a.radius ||
      (a.key < b.key ? -1 : a.key > b.key ? 1 : 0),
  );
  const kept: Box[] = [];
  const keys = new Set<string>();
  // Boxes by horizontal band of 32 px, so that a candidate is compared with its neighbours only.
  const bands = new Map<number, Box[]>();
  const BAND = 32;
  for (const c of order) {
    if (c.label === '') continue;
    const x1 = c.x + c.radius + LABEL_MARGIN;
    const box: Box = {
      x1: x1 - GAP,
      y1: c.y - c.labelSize / 2 - GAP,
      x2: x1 + measure(c.label, c.labelSize) + GAP,
      y2: c.y + c.labelSize / 2 + GAP,
    };
    if (box.x2 < 0 || box.x1 > viewport.width || box.y2 < 0 || box.y1 > viewport.height) continue;
    const first = Math.floor(box.y1 / BAND);
    const last = Math.floor(box.y2 / BAND);
    let free = true;
    for (let b = first; b <= last && free; b++)
      for (const other of bands.get(b) ?? [])
        if (box.x1 < other.x2 && other.x1 < box.x2 && box.y1 < other.y2 && other.y1 < box.y2) {
          free = false;
          break;
        }
    if (!free) continue;
    kept.push(box);
    keys.add(c.key);
    for (let b = first; b <= last; b++) {
      const list = bands.get(b);
      if (list === undefined) bands.set(b, [box]);
      else list.push(box);
    }
  }
  return keys;
}

/** The candidates of every labelled node of the graph Sigma shows, in viewport pixels. */
export function labelCandidates(
  sigma: LabelSource,
  nodes: Iterable<[string, { label?: string; important?: boolean; labelSize?: number }]>,
): LabelCandidate[] {
  const out: LabelCandidate[] = [];
  for (const [key, attrs] of nodes) {
    if (typeof attrs.label !== 'string' || attrs.label === '') continue;
    const data = sigma.getNodeDisplayData(key) as
      { x: number; y: number; size: number; hidden?: boolean } | undefined;
    if (data === undefined) continue;
    const p = sigma.framedGraphToViewport({ x: data.x, y: data.y });
    out.push({
      key,
      label: attrs.label,
      x: p.x,
      y: p.y,
      radius: sigma.scaleSize(data.size),
      labelSize: attrs.labelSize ?? 14,
      important: attrs.important === true,
    });
  }
  return out;
}

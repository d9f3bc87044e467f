/**
 * Full frames only once the camera has rested. Where WebGL runs on the CPU, a full frame of a
 * large graph (Sigma's nodes on screen and into the picking buffer, every edge, labels) keeps the
 * renderer busy for a second or more, and a gesture that pauses for a frame or two — between a
 * drag and a wheel — would wait that long before it moves again. With this, frames stay the cheap
 * moving ones (sigma-host.ts: edges and labels hidden, nodes as points) until the camera has been
 * still for `settleMs`, then one full frame is drawn.
 *
 * Contract: only Sigma's render reads `camera.isAnimating` (Sigma 4), so overriding it changes
 * what a frame hides (with `hideEdgesOnMove` / `hideLabelsOnMove`) and nothing else; the camera's
 * own animation state is untouched. While settling the picking buffer holds no nodes, so a click
 * in that window lands on the stage.
 */

/** The parts of a Sigma renderer this reads and wraps. */
export interface SettlingRenderer {
  getCamera(): { isAnimating(): boolean };
  getMouseCaptor(): {
    isMoving: boolean;
    draggedEvents: number;
    currentWheelDirection: number;
  };
  on(event: 'beforeRender' | 'kill', listener: () => void): unknown;
  scheduleRender(): unknown;
}

/** Is a drag or a wheel zoom under way? Sigma's own test (its render), the camera aside. */
export function isGestureActive(captor: ReturnType<SettlingRenderer['getMouseCaptor']>): boolean {
  return captor.isMoving || captor.draggedEvents > 0 || captor.currentWheelDirection !== 0;
}

/** Makes `renderer` treat its camera as moving until it has been still for `settleMs`. */
export function settleBeforeFullFrames(
  renderer: SettlingRenderer,
  settleMs: number,
  now: () => number = () => performance.now(),
): void {
  const camera = renderer.getCamera();
  const animating = camera.isAnimating.bind(camera);
  const captor = renderer.getMouseCaptor();
  let lastMoved = Number.NEGATIVE_INFINITY;
  let timer: ReturnType<typeof setTimeout> | undefined;
  renderer.on('beforeRender', () => {
    if (animating() || isGestureActive(captor)) lastMoved = now();
  });
  camera.isAnimating = () => {
    if (animating()) return true;
    const left = lastMoved + settleMs - now();
    if (left <= 0) return false;
    // One pending redraw at a time; it checks again, since the camera may have moved meanwhile.
    timer ??= setTimeout(() => {
      timer = undefined;
      renderer.scheduleRender();
    }, left + 1);
    return true;
  };
  renderer.on('kill', () => {
    clearTimeout(timer);
    timer = undefined;
  });
}

// Full frames only once the camera has rested (web/src/graph/camera-settle.ts), against a renderer
// stand-in that renders the way Sigma 4 decides "moving" and counts the redraws it is asked for.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { settleBeforeFullFrames } from '../../web/src/graph/camera-settle.js';

function fakeRenderer() {
  const listeners = new Map<string, (() => void)[]>();
  const state = { animating: false, scheduled: 0 };
  const camera = { isAnimating: () => state.animating };
  const captor = { isMoving: false, draggedEvents: 0, currentWheelDirection: 0 };
  const emit = (event: string): void => {
    for (const listener of listeners.get(event) ?? []) listener();
  };
  const renderer = {
    getCamera: () => camera,
    getMouseCaptor: () => captor,
    on(event: 'beforeRender' | 'kill', listener: () => void) {
      listeners.set(event, [...(listeners.get(event) ?? []), listener]);
      return renderer;
    },
    scheduleRender() {
      state.scheduled += 1;
      return renderer;
    },
  };
  /** One frame as Sigma renders it: `beforeRender`, then its "moving" test. */
  const frame = (): boolean => {
    emit('beforeRender');
    return (
      camera.isAnimating() ||
      captor.isMoving ||
      captor.draggedEvents > 0 ||
      captor.currentWheelDirection !== 0
    );
  };
  return { renderer, state, captor, frame, emit };
}

describe('settleBeforeFullFrames', () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('keeps frames moving until the camera has been still for the settle time, then redraws once', () => {
    const { renderer, state, captor, frame } = fakeRenderer();
    settleBeforeFullFrames(renderer, 300, () => Date.now());
    expect(frame()).toBe(false);
    captor.isMoving = true;
    captor.draggedEvents = 3;
    expect(frame()).toBe(true);
    captor.isMoving = false;
    captor.draggedEvents = 0;
    // The drag ended: the frame that follows is still a moving one.
    expect(frame()).toBe(true);
    vi.advanceTimersByTime(200);
    expect(frame()).toBe(true);
    expect(state.scheduled).toBe(0);
    vi.advanceTimersByTime(101);
    // One redraw was asked for, and it is a full frame.
    expect(state.scheduled).toBe(1);
    expect(frame()).toBe(false);
    vi.advanceTimersByTime(1000);
    expect(state.scheduled).toBe(1);
  });

  it('restarts the wait when the camera moves again before it has settled', () => {
    const { renderer, state, captor, frame } = fakeRenderer();
    settleBeforeFullFrames(renderer, 300, () => Date.now());
    captor.currentWheelDirection = 1;
    frame();
    captor.currentWheelDirection = 0;
    vi.advanceTimersByTime(250);
    expect(frame()).toBe(true);
    state.animating = true;
    expect(frame()).toBe(true);
    state.animating = false;
    // The redraw asked for at 300 ms finds the camera moved 50 ms after the first wait started.
    vi.advanceTimersByTime(60);
    expect(state.scheduled).toBe(1);
    expect(frame()).toBe(true);
    vi.advanceTimersByTime(300);
    expect(state.scheduled).toBe(2);
    expect(frame()).toBe(false);
  });

  it('never holds a frame when the camera has not moved, and asks for nothing after kill', () => {
    const { renderer, state, captor, frame, emit } = fakeRenderer();
    settleBeforeFullFrames(renderer, 300, () => Date.now());
    expect(frame()).toBe(false);
    expect(state.scheduled).toBe(0);
    captor.isMoving = true;
    frame();
    captor.isMoving = false;
    expect(frame()).toBe(true);
    emit('kill');
    vi.advanceTimersByTime(1000);
    expect(state.scheduled).toBe(0);
  });
});

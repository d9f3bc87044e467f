/** The limiter behind --concurrency. */
import { describe, expect, it } from 'vitest';
import {
  forEachWithConcurrency,
  mapWithConcurrency,
} from '../../../server/collect/concurrency-limit.js';

const tick = () => new Promise<void>((resolve) => setImmediate(resolve));

describe('forEachWithConcurrency', () => {
  it('never runs more than the limit at once, and reaches the limit', async () => {
    let running = 0;
    let peak = 0;
    await forEachWithConcurrency([...Array(20).keys()], 4, async (i) => {
      running += 1;
      peak = Math.max(peak, running);
      for (let k = 0; k < (i % 3) + 1; k += 1) await tick();
      running -= 1;
    });
    expect(peak).toBe(4);
  });

  it('a slow item does not hold back the others', async () => {
    const order: number[] = [];
    let releaseSlow: () => void = () => undefined;
    const slow = new Promise<void>((resolve) => {
      releaseSlow = resolve;
    });
    const done = forEachWithConcurrency([0, 1, 2, 3, 4], 2, async (i) => {
      if (i === 0) await slow;
      else await tick();
      order.push(i);
      if (i === 4) releaseSlow();
    });
    await done;
    expect(order).toEqual([1, 2, 3, 4, 0]);
  });

  it('rejects with the worker error', async () => {
    await expect(
      forEachWithConcurrency([1, 2, 3], 2, (i) =>
        i === 2 ? Promise.reject(new Error('disk full')) : Promise.resolve(),
      ),
    ).rejects.toThrow('disk full');
  });

  it('refuses a limit below one', async () => {
    await expect(forEachWithConcurrency([1], 0, () => Promise.resolve())).rejects.toThrow(
      RangeError,
    );
  });
});

describe('mapWithConcurrency', () => {
  it('keeps input order', async () => {
    const out = await mapWithConcurrency([3, 1, 2], 3, async (n) => {
      for (let k = 0; k < n; k += 1) await tick();
      return n * 10;
    });
    expect(out).toEqual([30, 10, 20]);
  });
});

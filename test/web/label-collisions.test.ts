// Which labels the collision pass leaves out (web/src/graph/label-collisions.ts): the selection
// always drawn, focused nodes unless they would cover one another, the rest also clear of the
// canvas edge.
import { describe, expect, it } from 'vitest';
import { labelsToHide, type RankedLabel } from '../../web/src/graph/label-collisions.js';

const box = (x: number, y: number, w = 100, h = 14) => ({
  minX: x,
  maxX: x + w,
  minY: y,
  maxY: y + h,
});
const label = (key: string, rank: number, x: number, y: number): RankedLabel => ({
  key,
  rank,
  box: box(x, y),
});

describe('labelsToHide', () => {
  it.each([
    {
      name: 'focused people side by side: the first kept, the ones covering it left out',
      labels: [label('a', 2, 10, 10), label('b', 2, 20, 14), label('c', 2, 10, 100)],
      hidden: ['b'],
    },
    {
      name: 'the selection is drawn even over a focused label kept before it',
      labels: [label('focused', 2, 10, 10), label('selected', 3, 15, 12)],
      hidden: [],
    },
    {
      name: 'a focused label covered by the selection makes way for it',
      labels: [label('selected', 3, 10, 10), label('focused', 2, 15, 12)],
      hidden: ['focused'],
    },
    {
      name: 'an ordinary label cut by the canvas edge is left out, a focused one is not',
      labels: [label('focused', 2, 950, 10), label('plain', 0, 950, 200)],
      hidden: ['plain'],
    },
    {
      name: 'ordinary labels make way for focused ones',
      labels: [label('focused', 2, 10, 10), label('plain', 1, 50, 12)],
      hidden: ['plain'],
    },
  ])('$name', ({ labels, hidden }) => {
    expect(labelsToHide(labels, 1000, 800)).toEqual(hidden);
  });
});

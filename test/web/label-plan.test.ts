/** planLabels: the organization view's labels, kept greedily so that no two overlap. */
import { describe, expect, it } from 'vitest';
import { planLabels, type LabelCandidate } from '../../web/src/graph/label-plan.js';

/** 7 px per character at 14 px: a fixed measure, so the cases do not depend on a font. */
const measure = (text: string, size: number): number => text.length * size * 0.5;
const viewport = { width: 1000, height: 800 };
const at = (
  key: string,
  x: number,
  y: number,
  extra: Partial<LabelCandidate> = {},
): LabelCandidate => ({
  key,
  label: key,
  x,
  y,
  radius: 5,
  labelSize: 14,
  important: false,
  ...extra,
});

describe('planLabels', () => {
  it.each([
    {
      name: 'two labels on the same line, the second starting inside the first: the larger node wins',
      candidates: [
        at('acme-wl-0016-dev', 100, 100),
        at('acme-wl-0036-dev', 150, 104, { radius: 8 }),
      ],
      kept: ['acme-wl-0036-dev'],
    },
    {
      name: 'an outsider (forced label) wins over a larger organization node',
      candidates: [
        at('Datadog', 100, 100, { important: true }),
        at('acme-payments', 120, 100, { radius: 12 }),
      ],
      kept: ['Datadog'],
    },
    {
      name: 'labels one line apart are both kept',
      candidates: [at('acme-a', 100, 100), at('acme-b', 100, 130)],
      kept: ['acme-a', 'acme-b'],
    },
    {
      name: 'a label outside the viewport is not planned',
      candidates: [at('far', 2000, 100), at('near', 100, 100)],
      kept: ['near'],
    },
  ])('$name', ({ candidates, kept }) => {
    expect([...planLabels(candidates, measure, viewport)].sort()).toEqual([...kept].sort());
  });

  it('never keeps two overlapping boxes, whatever the order of the candidates', () => {
    const candidates: LabelCandidate[] = [];
    for (let i = 0; i < 300; i++)
      candidates.push(
        at(`node-${String(i)}`, (i * 37) % 900, (i * 53) % 700, { radius: (i % 7) + 2 }),
      );
    const kept = planLabels(candidates, measure, viewport);
    const boxes = candidates
      .filter((c) => kept.has(c.key))
      .map((c) => {
        const x1 = c.x + c.radius + 5;
        return { x1, x2: x1 + measure(c.label, 14), y1: c.y - 7, y2: c.y + 7 };
      });
    for (let i = 0; i < boxes.length; i++)
      for (let j = i + 1; j < boxes.length; j++) {
        const a = boxes[i]!;
        const b = boxes[j]!;
        expect(a.x1 < b.x2 && b.x1 < a.x2 && a.y1 < b.y2 && b.y1 < a.y2).toBe(false);
      }
    expect(kept.size).toBeGreaterThan(50);
    expect(planLabels([...candidates].reverse(), measure, viewport)).toEqual(kept);
  });
});

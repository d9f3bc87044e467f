/**
 * Every workload type the snapshot format knows has its own line under a workload node's kind in
 * the side panel (a reviewer sees "EC2 Auto Scaling group …", not only "Workload"), so a type
 * added to workloads.json without one fails here.
 */
import { describe, expect, it } from 'vitest';
import { WORKLOAD_TYPES } from '../../shared/snapshot/types.js';
import { WORKLOAD_TYPE_LABELS } from '../../web/src/graph/explain.js';

describe('workload type labels', () => {
  it.each(WORKLOAD_TYPES.map((t) => [t]))('%s has a label', (type) => {
    expect(Object.hasOwn(WORKLOAD_TYPE_LABELS, type)).toBe(true);
    expect(WORKLOAD_TYPE_LABELS[type]?.length ?? 0).toBeGreaterThan(10);
  });

  it('labels no type the format does not know', () => {
    const known = new Set<string>(WORKLOAD_TYPES);
    expect(Object.keys(WORKLOAD_TYPE_LABELS).filter((t) => !known.has(t))).toEqual([]);
  });
});

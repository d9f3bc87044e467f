/**
 * refreshInPlace: Sigma redraws in place only what it has indexed (it throws "can't be repaint"
 * for a node or edge the graph gained since its last processing); anything else is a full
 * refresh, which indexes first.
 */
import { describe, expect, it } from 'vitest';
import { refreshInPlace } from '../../web/src/graph/refresh-in-place.js';

type RefreshOptions = Parameters<Parameters<typeof refreshInPlace>[0]['refresh']>[0];

/** A renderer stub with Sigma's two private program indexes, recording each refresh. */
function renderer(nodes: string[], edges: string[]) {
  const calls: (RefreshOptions | undefined)[] = [];
  return {
    calls,
    nodeProgramIndex: Object.fromEntries(nodes.map((n) => [n, 0])),
    edgeProgramIndex: Object.fromEntries(edges.map((e) => [e, 0])),
    refresh(opts?: RefreshOptions) {
      calls.push(opts);
    },
  };
}

describe('refreshInPlace', () => {
  it('redraws indexed items in place, without indexing again', () => {
    const r = renderer(['a', 'b'], ['e1']);
    refreshInPlace(r, { nodes: ['a'], edges: ['e1'] });
    expect(r.calls).toEqual([
      { partialGraph: { nodes: ['a'], edges: ['e1'] }, skipIndexation: true },
    ]);
  });

  it('refreshes everything when a node is not indexed yet', () => {
    const r = renderer(['a'], []);
    refreshInPlace(r, { nodes: ['a', 'new-person'] });
    expect(r.calls).toEqual([undefined]);
  });

  it('refreshes everything when an edge is not indexed yet', () => {
    const r = renderer(['a', 'b'], []);
    refreshInPlace(r, { nodes: ['a'], edges: ['a->b'] });
    expect(r.calls).toEqual([undefined]);
  });

  it('refreshes everything when the renderer has no program index to check', () => {
    const calls: unknown[] = [];
    refreshInPlace({ refresh: (o?: RefreshOptions) => calls.push(o) }, { nodes: ['a'] });
    expect(calls).toEqual([undefined]);
  });
});

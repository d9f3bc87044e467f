// Handing a graph to Sigma in slices (web/src/graph/sliced-indexing.ts): the indexing makes the
// calls of Sigma's full refresh in its order (so the end state is the same), the driver gives the
// page a turn whenever a slice used its budget (and only then), stops when cancelled, and the
// internals are looked up defensively (another Sigma version: nothing is used).
import { MultiDirectedGraph } from 'graphology';
import { describe, expect, it } from 'vitest';
import {
  findIndexer,
  indexSteps,
  processAhead,
  runInSlices,
  type IndexProgress,
  type SigmaIndexer,
} from '../../web/src/graph/sliced-indexing.js';

function recordingIndexer(calls: string[]): SigmaIndexer {
  return {
    clearNodeIndices: () => calls.push('clearNodes'),
    clearEdgeIndices: () => calls.push('clearEdges'),
    addNode: (key) => calls.push(`node ${key}`),
    addEdge: (key) => calls.push(`edge ${key}`),
    rebuildEdgeGroups: function* groups() {
      calls.push('groups');
      yield;
    },
    requestFullProcess: () => calls.push('full'),
  };
}

function keys(prefix: string, n: number): string[] {
  return Array.from({ length: n }, (_, i) => `${prefix}${String(i)}`);
}

describe('indexSteps', () => {
  it("makes the calls of Sigma's full refresh, in its order", () => {
    const calls: string[] = [];
    const graph = { nodes: () => ['a', 'b'], edges: () => ['e1', 'e2', 'e3'] };
    expect([...indexSteps(recordingIndexer(calls), graph)].length).toBeGreaterThan(0);
    // Sigma 4 `refresh()`: clearEdgeIndices, clearNodeIndices, addNode each, edgeGroups.rebuild,
    // addEdge each, pendingProcess = "full".
    expect(calls).toEqual([
      'clearEdges',
      'clearNodes',
      'node a',
      'node b',
      'groups',
      'edge e1',
      'edge e2',
      'edge e3',
      'full',
    ]);
  });

  it('reports progress that never goes back and ends at the total', () => {
    const calls: string[] = [];
    const graph = { nodes: () => keys('n', 700), edges: () => keys('e', 1_300) };
    const seen: IndexProgress[] = [...indexSteps(recordingIndexer(calls), graph)];
    expect(seen.length).toBeGreaterThan(5);
    for (let i = 1; i < seen.length; i++)
      expect(seen[i]?.done).toBeGreaterThanOrEqual(seen[i - 1]?.done ?? 0);
    expect(seen.every((p) => p.total === 2_000)).toBe(true);
    expect(seen[seen.length - 1]?.done).toBe(2_000);
    // Every item indexed once.
    expect(calls.filter((c) => c.startsWith('node ')).length).toBe(700);
    expect(calls.filter((c) => c.startsWith('edge ')).length).toBe(1_300);
  });

  it('requests the full process only after every edge is indexed', () => {
    const calls: string[] = [];
    const steps = indexSteps(recordingIndexer(calls), {
      nodes: () => keys('n', 10),
      edges: () => keys('e', 600),
    });
    steps.next();
    expect(calls).not.toContain('full');
    let step = steps.next();
    while (step.done !== true) step = steps.next();
    expect(calls[calls.length - 1]).toBe('full');
    expect(calls.lastIndexOf('edge e599')).toBe(calls.length - 2);
  });
});

/** Steps that each advance a fake clock by `costMs`. */
function* costly(count: number, costMs: number, clock: { t: number }): Generator<number, void> {
  for (let i = 0; i < count; i++) {
    clock.t += costMs;
    yield i;
  }
}

describe('runInSlices', () => {
  it('runs a job that fits in one slice before the call returns, without yielding', async () => {
    const clock = { t: 0 };
    let yields = 0;
    let finishedSteps = 0;
    const steps = (function* () {
      for (let i = 0; i < 5; i++) {
        clock.t += 1;
        finishedSteps++;
        yield i;
      }
    })();
    const run = runInSlices(steps, {
      cancelled: () => false,
      budgetMs: 40,
      now: () => clock.t,
      yieldToPage: () => {
        yields++;
        return Promise.resolve();
      },
    });
    // Synchronous: all the work is done before the promise is even awaited.
    expect(finishedSteps).toBe(5);
    await expect(run).resolves.toBe(true);
    expect(yields).toBe(0);
  });

  it('gives the page a turn each time a slice has used its budget, and reports progress then', async () => {
    const clock = { t: 0 };
    const turns: number[] = [];
    const progress: number[] = [];
    const run = runInSlices(costly(100, 10, clock), {
      cancelled: () => false,
      budgetMs: 40,
      now: () => clock.t,
      onProgress: (p) => progress.push(p),
      yieldToPage: () => {
        turns.push(clock.t);
        return Promise.resolve();
      },
    });
    await expect(run).resolves.toBe(true);
    // 100 steps of 10 ms with a 40 ms budget: a turn after every 4th step.
    expect(turns.length).toBe(25);
    expect(progress).toEqual(Array.from({ length: 25 }, (_, i) => i * 4 + 3));
    // No slice longer than the budget.
    for (let i = 1; i < turns.length; i++)
      expect((turns[i] ?? 0) - (turns[i - 1] ?? 0)).toBeLessThanOrEqual(40);
  });

  it('starts a new task after a step that asks for one, budget left or not', async () => {
    const clock = { t: 0 };
    const turnsAfter: number[] = [];
    let last = -1;
    const steps = (function* () {
      for (let i = 0; i < 6; i++) {
        clock.t += 1;
        last = i;
        yield i;
      }
    })();
    await runInSlices(steps, {
      cancelled: () => false,
      budgetMs: 40,
      now: () => clock.t,
      newTaskAfter: (i) => i === 3,
      yieldToPage: () => {
        turnsAfter.push(last);
        return Promise.resolve();
      },
    });
    expect(turnsAfter).toEqual([3]);
  });

  it('counts work done before the call (startedAt) in the first slice', async () => {
    const run = async (startedAt?: number): Promise<number> => {
      const clock = { t: 100 };
      let turns = 0;
      await runInSlices(costly(3, 1, clock), {
        cancelled: () => false,
        budgetMs: 40,
        ...(startedAt === undefined ? {} : { startedAt }),
        now: () => clock.t,
        yieldToPage: () => {
          turns++;
          return Promise.resolve();
        },
      });
      return turns;
    };
    // 50 ms already spent when the call began: a turn after the first step (then 1 ms steps).
    expect(await run(50)).toBe(1);
    expect(await run()).toBe(0);
  });

  it('stops without finishing when cancelled between slices', async () => {
    const clock = { t: 0 };
    let cancelled = false;
    let stepsRun = 0;
    const steps = (function* () {
      for (let i = 0; i < 100; i++) {
        clock.t += 10;
        stepsRun++;
        yield i;
      }
    })();
    const run = runInSlices(steps, {
      cancelled: () => cancelled,
      budgetMs: 40,
      now: () => clock.t,
      yieldToPage: () => {
        cancelled = true;
        return Promise.resolve();
      },
    });
    await expect(run).resolves.toBe(false);
    expect(stepsRun).toBe(4);
  });

  it('rejects with the error of a step that throws', async () => {
    const steps = (function* () {
      yield 1;
      throw new Error('Sigma: could not find a valid position (x, y) for node "n"');
    })();
    await expect(runInSlices(steps, { cancelled: () => false })).rejects.toThrow(/valid position/);
  });

  it('yields to a new task by default (the page gets its turn)', async () => {
    const clock = { t: 0 };
    let timerRan = false;
    setTimeout(() => {
      timerRan = true;
    }, 0);
    // Every step exceeds the budget: the default yield must let the pending timer run.
    const seenTimer: boolean[] = [];
    const steps = (function* () {
      for (let i = 0; i < 3; i++) {
        clock.t += 100;
        seenTimer.push(timerRan);
        yield i;
      }
    })();
    await runInSlices(steps, { cancelled: () => false, budgetMs: 40, now: () => clock.t });
    expect(seenTimer[0]).toBe(false);
    // A message-channel task may run before the timer task; within a few turns it has run.
    await new Promise((resolve) => setTimeout(resolve, 5));
    expect(timerRan).toBe(true);
  });
});

describe('findIndexer', () => {
  function fakeSigma(): Record<string, unknown> & { calls: string[] } {
    const calls: string[] = [];
    return {
      calls,
      pendingProcess: 'none',
      clearNodeIndices(this: { calls: string[] }) {
        this.calls.push('clearNodes');
      },
      clearEdgeIndices(this: { calls: string[] }) {
        this.calls.push('clearEdges');
      },
      addNode(this: { calls: string[] }, key: string) {
        this.calls.push(`node ${key}`);
      },
      addEdge(this: { calls: string[] }, key: string) {
        this.calls.push(`edge ${key}`);
      },
      edgeGroups: {
        rebuild(this: { owner: string }) {
          calls.push(`groups of ${this.owner}`);
        },
        owner: 'index',
      },
    };
  }

  it("calls Sigma's own methods on Sigma (and the group index on itself)", () => {
    const sigma = fakeSigma();
    const indexer = findIndexer(sigma);
    expect(indexer).toBeDefined();
    indexer?.clearEdgeIndices();
    indexer?.clearNodeIndices();
    indexer?.addNode('a');
    expect([...(indexer?.rebuildEdgeGroups() ?? [])].length).toBe(1);
    indexer?.addEdge('e');
    indexer?.requestFullProcess();
    expect(sigma.calls).toEqual([
      'clearEdges',
      'clearNodes',
      'node a',
      'groups of index',
      'edge e',
    ]);
    expect(sigma.pendingProcess).toBe('full');
  });

  const missing: { name: string; reason: string; change: (s: Record<string, unknown>) => void }[] =
    [
      {
        name: 'no addNode',
        reason: 'another Sigma version: the caller lets Sigma refresh as usual',
        change: (s) => delete s.addNode,
      },
      {
        name: 'addEdge not a function',
        reason: 'a renamed or repurposed field is never called',
        change: (s) => (s.addEdge = 42),
      },
      {
        name: 'no parallel-edge index',
        reason: 'edges read their group: indexing without it would draw parallel edges wrong',
        change: (s) => delete s.edgeGroups,
      },
      {
        name: 'no pendingProcess flag',
        reason: 'without it the full process could not be requested',
        change: (s) => delete s.pendingProcess,
      },
      {
        name: 'no clearNodeIndices',
        reason: 'stale items of a previous graph would stay',
        change: (s) => delete s.clearNodeIndices,
      },
    ];
  for (const c of missing)
    it(`is undefined with ${c.name} (${c.reason})`, () => {
      const sigma = fakeSigma();
      c.change(sigma);
      expect(findIndexer(sigma)).toBeUndefined();
    });
});

describe('findIndexer with the edge reducer applied in place', () => {
  /**
   * Sigma 4.0.4's `addEdge` (node_modules/sigma/dist/sigma.esm.js), as far as display data goes:
   * styles, the reducer's answer merged by spread, the parallel spread, the cache, the forced-label
   * set (`hasForcedLabel`: label visible and not hidden).
   */
  class FakeSigma {
    reducerCalls = 0;
    edgeReducer: ((...args: unknown[]) => unknown) | null;
    stateManager = {
      getEdgeState: (key: string) => ({ parallelCount: key.endsWith('p') ? 2 : 1 }),
      graphState: {},
    };
    forced = new Set<string>();
    internals: {
      edgeDataCache: Record<string, Record<string, unknown>>;
      graph: { getEdgeAttributes: (key: string) => Record<string, unknown> };
    } = {
      edgeDataCache: {},
      graph: {
        getEdgeAttributes: (key: string) => ({
          color: key.startsWith('red') ? '#f00' : '#00f',
          size: 2,
          label: key.includes('label') ? 'shown' : undefined,
        }),
      },
    };
    constructor(reducer: (key: string, attrs: Record<string, unknown>) => Record<string, unknown>) {
      this.edgeReducer = (key, _data, attrs) => {
        this.reducerCalls++;
        return reducer(key as string, attrs as Record<string, unknown>);
      };
    }
    addEdge(key: string): void {
      const attrs = this.internals.graph.getEdgeAttributes(key);
      const state = this.stateManager.getEdgeState(key);
      let data: Record<string, unknown> = {
        size: attrs.size,
        color: attrs.color,
        labelVisibility: attrs.label === undefined ? 'auto' : 'visible',
        visibility: 'visible',
        depth: 'edges',
        zIndex: 0,
      };
      if (this.edgeReducer) data = { ...data, ...(this.edgeReducer(key, data, attrs) as object) };
      if (state.parallelCount > 1) data.spread = 0.25;
      this.internals.edgeDataCache[key] = data;
      if (data.labelVisibility === 'visible' && data.visibility !== 'hidden') this.forced.add(key);
      else this.forced.delete(key);
    }
    clearNodeIndices(): void {}
    /** Sigma's `clearEdgeIndices` starts a new display-data cache object. */
    clearEdgeIndices(): void {
      this.internals.edgeDataCache = {};
      this.forced.clear();
    }
    addNode(): void {}
    pendingProcess = 'none';
    edgeGroups = { rebuild: () => undefined };
  }

  const look = (key: string, attrs: Record<string, unknown>): Record<string, unknown> => ({
    color: key.includes('grey') ? '#ccc' : attrs.color,
    size: (attrs.size as number) * 1.5,
    visibility: key.includes('hidden') ? 'hidden' : 'visible',
    zIndex: key.includes('grey') ? 0 : 2,
  });
  const EDGES = ['red-1', 'blue-p', 'grey-hidden', 'red-hidden-p', 'label-hidden', 'label-grey'];

  function index(
    reducer: (key: string, attrs: Record<string, unknown>) => Record<string, unknown>,
    inPlace: boolean,
  ): FakeSigma {
    const sigma = new FakeSigma(reducer);
    const indexer = findIndexer(sigma, { edgeReducerReadsNoDisplayData: inPlace });
    // As every indexing does (indexSteps), and after the indexer was found: the cache it writes
    // into is the one Sigma holds now, not the one it held when the indexer was made.
    indexer?.clearEdgeIndices();
    for (const e of EDGES) indexer?.addEdge(e);
    return sigma;
  }

  it("leaves the same display data and forced labels as Sigma's own addEdge", () => {
    const sigma = index(look, false);
    const inPlace = index(look, true);
    expect(inPlace.internals.edgeDataCache).toEqual(sigma.internals.edgeDataCache);
    expect([...inPlace.forced].sort()).toEqual([...sigma.forced].sort());
    // The reducer is still Sigma's after each edge.
    expect(typeof inPlace.edgeReducer).toBe('function');
    // A label that is forced went through Sigma's own path (its forced-label set reads visibility).
    expect(inPlace.forced.has('label-grey')).toBe(true);
    expect(inPlace.forced.has('label-hidden')).toBe(false);
  });

  it("takes Sigma's own path for an answer with other fields", () => {
    const wider = (key: string, attrs: Record<string, unknown>): Record<string, unknown> => ({
      ...look(key, attrs),
      depth: 'top',
    });
    const sigma = index(wider, false);
    const inPlace = index(wider, true);
    expect(inPlace.internals.edgeDataCache).toEqual(sigma.internals.edgeDataCache);
    expect(inPlace.internals.edgeDataCache['red-1']?.depth).toBe('top');
  });
});

/**
 * Sigma 4.0.4's `EdgeGroupIndex` (node_modules/sigma/dist/sigma.esm.js, class EdgeGroupIndex and
 * groupKey), as far as `rebuild` goes: the reference the stepped rebuild must match.
 */
class ReferenceEdgeGroupIndex {
  groups = new Map<string, string[]>();
  edgeToGroupKey = new Map<string, string>();
  constructor(
    readonly graph: MultiDirectedGraph,
    readonly onGroupChanged: (group: string[], count: number) => void,
  ) {}
  getGroupKey(edge: string): string {
    const source = this.graph.source(edge);
    const target = this.graph.target(edge);
    return source < target ? `${source}\0${target}` : `${target}\0${source}`;
  }
  sortGroup(group: string[], key: string): void {
    const canonical = key.split('\0')[0];
    group.sort((a, b) => {
      const af = this.graph.source(a) === canonical ? 0 : 1;
      const bf = this.graph.source(b) === canonical ? 0 : 1;
      return af - bf;
    });
  }
  rebuild(): void {
    this.groups.clear();
    this.edgeToGroupKey.clear();
    this.graph.forEachEdge((edge, _a, source, target) => {
      const key = source < target ? `${source}\0${target}` : `${target}\0${source}`;
      const group = this.groups.get(key) ?? [];
      if (group.length === 0) this.groups.set(key, group);
      group.push(edge);
      this.edgeToGroupKey.set(edge, key);
    });
    for (const [key, group] of this.groups) {
      if (group.length > 1) this.sortGroup(group, key);
      this.onGroupChanged(group, group.length);
    }
  }
}

describe('the stepped parallel-edge rebuild', () => {
  function graphWithParallels(): MultiDirectedGraph {
    const graph = new MultiDirectedGraph();
    for (let i = 0; i < 40; i++) graph.addNode(`n${String(i)}`);
    let e = 0;
    // Single edges, parallel edges both ways, self-loops: every case a group can be.
    for (let i = 0; i < 40; i++)
      for (let j = 0; j < 40; j += 3) {
        const a = `n${String(i)}`;
        const b = `n${String(j)}`;
        graph.addEdgeWithKey(`e${String(e++)}`, b, a);
        if ((i + j) % 3 === 0) graph.addEdgeWithKey(`e${String(e++)}`, a, b);
        if ((i + j) % 5 === 0) graph.addEdgeWithKey(`e${String(e++)}`, b, a);
      }
    return graph;
  }

  it("leaves the groups, and reports them, exactly as Sigma's rebuild does", () => {
    const graph = graphWithParallels();
    const reported: string[] = [];
    const reference = new ReferenceEdgeGroupIndex(graph, (group, count) =>
      reported.push(`${group.join(',')}/${String(count)}`),
    );
    reference.rebuild();
    const expected = { groups: [...reference.groups], keys: [...reference.edgeToGroupKey] };
    const expectedReports = [...reported];

    reported.length = 0;
    // Stale content a previous graph left: must be gone.
    reference.groups.set('stale', ['x']);
    reference.edgeToGroupKey.set('x', 'stale');
    const sigma = {
      clearNodeIndices() {},
      clearEdgeIndices() {},
      addNode() {},
      addEdge() {},
      pendingProcess: 'none',
      edgeGroups: reference,
    };
    const steps = findIndexer(sigma)?.rebuildEdgeGroups();
    expect(steps).toBeDefined();
    const count = [...(steps ?? [])].length;
    // In steps: more than one for a graph of this size.
    expect(count).toBeGreaterThan(1);
    expect([...reference.groups]).toEqual(expected.groups);
    expect([...reference.edgeToGroupKey]).toEqual(expected.keys);
    expect(reported).toEqual(expectedReports);
    expect(expectedReports.some((r) => r.endsWith('/3'))).toBe(true);
  });
});

describe('processAhead', () => {
  /**
   * Sigma's shape: processing methods on the prototype; `processNodes` writes each node into the
   * buffers and then makes label glyphs ready, `processEdges` writes each edge.
   */
  class FakeRenderer {
    calls: string[] = [];
    width = 800;
    height = 600;
    nodes = keys('n', 600);
    edges = keys('e', 900);
    internals = {
      hoverResolver: {
        invalidate: () => {
          this.calls.push('hover stale');
        },
      },
    };
    labelRenderer = {
      processWebGLLabels: (nodes: string[]) => {
        this.calls.push(`labels ${String(nodes.length)}`);
      },
    };
    nodeProgram = {
      invalidateBuffers: () => {
        this.calls.push('node buffers');
      },
    };
    edgeProgram = {
      invalidateBuffers: () => {
        this.calls.push('edge buffers');
      },
    };
    processNodes(): boolean {
      this.calls.push('nodes pass');
      this.nodes.forEach((n, i) => {
        this.addNodeToProgram(n, i);
      });
      this.nodeProgram.invalidateBuffers();
      this.labelRenderer.processWebGLLabels(this.nodes);
      return true;
    }
    processEdges(): void {
      this.calls.push('edges pass');
      this.edges.forEach((e, i) => {
        this.addEdgeToProgram(e, i);
      });
      this.edgeProgram.invalidateBuffers();
    }
    addNodeToProgram(node: string, position: number): void {
      this.calls.push(`write ${node}@${String(position)}`);
    }
    edgeProgramIndex: Record<string, number> = {};
    addEdgeToProgram(edge: string, position: number): void {
      this.calls.push(`write ${edge}@${String(position)}`);
      this.edgeProgramIndex[edge] = position;
    }
    resize(): void {
      this.calls.push('resize');
    }
    /** As Sigma's: nodes, then edges (a full process, or visibility changed). */
    processData(): void {
      if (this.processNodes()) this.processEdges();
    }
  }

  function runAll(r: FakeRenderer): { steps: number; undo: () => void } {
    const steps = processAhead(r);
    let count = 0;
    let step = steps.next();
    while (step.done !== true) {
      count++;
      step = steps.next();
    }
    return { steps: count, undo: step.value };
  }

  const writes = (calls: readonly string[]): string[] => calls.filter((c) => c.startsWith('write'));
  const labelled = (calls: readonly string[]): number =>
    calls
      .filter((c) => c.startsWith('labels '))
      .reduce((sum, c) => sum + Number(c.slice('labels '.length)), 0);

  it("makes Sigma's writes, in Sigma's order, over many steps", () => {
    const reference = new FakeRenderer();
    reference.processData();
    const r = new FakeRenderer();
    const { steps } = runAll(r);
    // 600 node writes and 900 edge writes, a few hundred per step, plus the passes.
    expect(steps).toBeGreaterThanOrEqual(8);
    expect(writes(r.calls)).toEqual(writes(reference.calls));
    expect(labelled(r.calls)).toBe(600);
    // Node writes all come before the edge pass (edges read where their nodes were written).
    expect(r.calls.lastIndexOf('write n599@599')).toBeLessThan(r.calls.indexOf('edges pass'));
    // The buffers are marked for upload after the deferred writes.
    expect(r.calls.lastIndexOf('edge buffers')).toBeGreaterThan(
      r.calls.lastIndexOf('write e899@899'),
    );
    expect(r.calls.lastIndexOf('node buffers')).toBeGreaterThan(
      r.calls.lastIndexOf('write n599@599'),
    );
  });

  it('gives the render its results: nothing processed twice, and the stand-ins are gone after', () => {
    const r = new FakeRenderer();
    runAll(r);
    const before = r.calls.length;
    r.processData();
    expect(r.calls.slice(before)).toEqual([]);
    expect(r.calls).toContain('hover stale');
    r.processData();
    expect(r.calls.slice(before)).toContain('nodes pass');
    expect(r.calls.slice(before)).toContain('edges pass');
  });

  it('runs beforeDraw after every write, and flags the step before the stand-ins', () => {
    const r = new FakeRenderer();
    const steps = processAhead(r, () => r.calls.push('before draw'));
    const values: boolean[] = [];
    let step = steps.next();
    while (step.done !== true) {
      values.push(step.value);
      step = steps.next();
    }
    expect(r.calls.indexOf('before draw')).toBeGreaterThan(r.calls.lastIndexOf('write e899@899'));
    expect(values[values.length - 1]).toBe(true);
    expect(values.slice(0, -1).every((v) => !v)).toBe(true);
  });

  it('lets the render redo both halves when the viewport changed size meanwhile', () => {
    const r = new FakeRenderer();
    runAll(r);
    r.width = 1024;
    const before = r.calls.length;
    r.processData();
    expect(r.calls.slice(before, before + 1)).toEqual(['nodes pass']);
    expect(r.calls.slice(before)).toContain('edges pass');
  });

  it('the returned function removes stand-ins the render did not use', () => {
    const r = new FakeRenderer();
    runAll(r).undo();
    const before = r.calls.length;
    r.processData();
    expect(r.calls.slice(before)).toContain('nodes pass');
    expect(r.calls.slice(before)).toContain('edges pass');
    expect(Object.hasOwn(r, 'processNodes')).toBe(false);
    expect(Object.hasOwn(r, 'addNodeToProgram')).toBe(false);
  });

  it('leaves the edge writes out when asked (edges drawn by another layer), keeping their positions', () => {
    const reference = new FakeRenderer();
    reference.processData();
    const r = new FakeRenderer();
    const steps = processAhead(r, undefined, true);
    while (steps.next().done !== true);
    expect(writes(r.calls)).toEqual(writes(reference.calls).filter((w) => w.startsWith('write n')));
    // Where a partial refresh writes an edge again: as Sigma's own write would have recorded.
    expect(Object.keys(r.edgeProgramIndex)).toHaveLength(900);
    expect(r.edgeProgramIndex.e0).toBe(0);
    expect(r.edgeProgramIndex.e899).toBe(899);
    expect(labelled(r.calls)).toBe(600);
    expect(r.calls).toContain('edges pass');
    expect(r.calls.lastIndexOf('edge buffers')).toBeGreaterThan(r.calls.indexOf('edges pass'));
  });

  it("does nothing ahead without Sigma's processing methods", () => {
    const r: Record<string, unknown> = { resize: () => undefined };
    const first = processAhead(r).next();
    expect(first.done).toBe(true);
    expect(Object.keys(r)).toEqual(['resize']);
  });
});

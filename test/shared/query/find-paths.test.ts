/**
 * findPaths: table-driven cases (cases/find-paths.json), then properties checked against a
 * brute-force enumeration of simple paths on small random graphs, determinism under edge
 * insertion order, the time budget and the errors.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { findPaths } from '../../../shared/query/find-paths.js';
import { UnknownNodeError } from '../../../shared/query/query-errors.js';
import type { PathOptions } from '../../../shared/query/types.js';
import type { AccessGraph } from '../../../shared/graph/types.js';
import cases from './cases/find-paths.json' with { type: 'json' };
import {
  GraphBuilder,
  graphFromSpec,
  key,
  reversedCopy,
  type GraphSpec,
} from './graph-fixtures.js';

interface PathCase {
  name: string;
  cite: string;
  graph: GraphSpec;
  memberOf?: [string, string][];
  dangling?: [string, string][];
  query: { from: string; to: string; options?: PathOptions };
  expect: {
    kind: 'found' | 'none' | 'truncated';
    truncated?: boolean;
    paths?: string[][];
    decisions?: string[][];
    pathDecision?: string[];
    pathKeys?: string[][];
  };
}

function buildCase(c: PathCase): AccessGraph {
  const g = graphFromSpec(c.graph);
  const b = Object.assign(new GraphBuilder(), { graph: g });
  for (const [u, grp] of c.memberOf ?? []) b.memberOf(u, grp);
  for (const [id, role] of c.dangling ?? []) b.dangling(id, role);
  return g;
}

describe('findPaths: cases', () => {
  for (const c of (cases as { cases: PathCase[] }).cases) {
    it(`${c.name} (${c.cite})`, () => {
      const g = buildCase(c);
      const from = c.query.from.startsWith('AROA') ? c.query.from : key(c.query.from);
      const r = findPaths(g, from, key(c.query.to), c.query.options ?? {});
      expect(r.kind).toBe(c.expect.kind);
      if (r.kind !== 'found') return;
      expect(r.truncated).toBe(c.expect.truncated);
      const nodes = r.paths.map((p) => [p.hops[0]!.from, ...p.hops.map((h) => h.to)]);
      expect(nodes).toEqual(c.expect.paths!.map((p) => p.map(key)));
      if (c.expect.decisions)
        expect(r.paths.map((p) => p.hops.map((h) => h.decision))).toEqual(c.expect.decisions);
      if (c.expect.pathDecision)
        expect(r.paths.map((p) => p.decision)).toEqual(c.expect.pathDecision);
      if (c.expect.pathKeys) expect(r.paths.map((p) => p.conditionKeys)).toEqual(c.expect.pathKeys);
      for (const p of r.paths)
        for (const h of p.hops) {
          expect(h.evidence.length).toBeGreaterThan(0);
          if (h.decision === 'allow') expect(h.conditionKeys).toEqual([]);
        }
    });
  }
});

/** Every simple path from `from` to `to` of at most `maxDepth` hops, as node lists (brute force). */
function allSimplePaths(
  edges: readonly [number, number][],
  from: number,
  to: number,
  maxDepth: number,
): number[][] {
  const out: number[][] = [];
  const walk = (path: number[]): void => {
    const u = path[path.length - 1]!;
    if (u === to && path.length > 1) {
      out.push([...path]);
      return;
    }
    if (path.length - 1 >= maxDepth) return;
    const next = new Set(edges.filter(([s]) => s === u).map(([, t]) => t));
    for (const v of next) {
      if (path.includes(v)) continue;
      path.push(v);
      walk(path);
      path.pop();
    }
  };
  walk([from]);
  return out;
}

const roleKey = (i: number): string => `111111111111:role/r${i}`;

function randomGraph(n: number, edges: readonly [number, number][]): AccessGraph {
  const b = new GraphBuilder();
  for (let i = 0; i < n; i++) b.node(roleKey(i));
  const seen = new Set<string>();
  for (const [s, t] of edges) {
    if (s === t || seen.has(`${s}>${t}`)) continue;
    seen.add(`${s}>${t}`);
    b.edge(roleKey(s), roleKey(t));
  }
  return b.graph;
}

describe('findPaths: properties against brute force', () => {
  const arb = fc.integer({ min: 3, max: 8 }).chain((n) =>
    fc.record({
      n: fc.constant(n),
      edges: fc.array(fc.tuple(fc.nat(n - 1), fc.nat(n - 1)), { maxLength: 20 }),
      from: fc.nat(n - 1),
      to: fc.nat(n - 1),
      maxDepth: fc.integer({ min: 1, max: 6 }),
    }),
  );

  it('finds exactly the simple paths within maxDepth, shortest first, when maxPaths is large', () => {
    fc.assert(
      fc.property(arb, ({ n, edges, from, to, maxDepth }) => {
        fc.pre(from !== to);
        const clean = edges.filter(([s, t]) => s !== t);
        const g = randomGraph(n, clean);
        const expected = allSimplePaths(clean, from, to, maxDepth);
        const r = findPaths(g, key(roleKey(from)), key(roleKey(to)), {
          maxDepth,
          maxPaths: 10_000,
        });
        if (expected.length === 0) {
          expect(r.kind).toBe('none');
          return;
        }
        expect(r.kind).toBe('found');
        if (r.kind !== 'found') return;
        expect(r.truncated).toBe(false);
        const got = r.paths.map((p) => [p.hops[0]!.from, ...p.hops.map((h) => h.to)].join(' '));
        const want = expected.map((p) => p.map((i) => key(roleKey(i))).join(' '));
        expect([...got].sort()).toEqual([...want].sort());
        const lengths = r.paths.map((p) => p.hops.length);
        expect(lengths).toEqual([...lengths].sort((a, b) => a - b));
      }),
      { numRuns: 300 },
    );
  });

  it('with a small maxPaths returns the shortest ones and says when more exist', () => {
    fc.assert(
      fc.property(
        arb,
        fc.integer({ min: 1, max: 3 }),
        ({ n, edges, from, to, maxDepth }, maxPaths) => {
          fc.pre(from !== to);
          const clean = edges.filter(([s, t]) => s !== t);
          const g = randomGraph(n, clean);
          const expected = allSimplePaths(clean, from, to, maxDepth);
          const r = findPaths(g, key(roleKey(from)), key(roleKey(to)), { maxDepth, maxPaths });
          if (expected.length === 0) {
            expect(r.kind).toBe('none');
            return;
          }
          if (r.kind !== 'found') throw new Error(`expected found, got ${r.kind}`);
          expect(r.paths.length).toBe(Math.min(maxPaths, expected.length));
          expect(r.truncated).toBe(expected.length > maxPaths);
          const sortedLengths = expected.map((p) => p.length - 1).sort((a, b) => a - b);
          expect(r.paths.map((p) => p.hops.length)).toEqual(sortedLengths.slice(0, maxPaths));
        },
      ),
      { numRuns: 300 },
    );
  });
});

describe('findPaths: determinism, budget, errors', () => {
  const spec: GraphSpec = {
    accounts: { '999988887777': 'external' },
    edges: [
      ['999988887777', '111111111111:role/a', { aggregate: true }],
      ['999988887777', '111111111111:role/b', { aggregate: true }],
      ['111111111111:role/a', '111111111111:role/t'],
      ['111111111111:role/b', '111111111111:role/t'],
      ['111111111111:role/a', 'bucket:data'],
      ['111111111111:role/t', 'bucket:data', { group: 'write' }],
    ],
  };

  it('answers the same whatever the order nodes and edges were inserted in', () => {
    const g = graphFromSpec(spec);
    const r = reversedCopy(g);
    for (const [from, to] of [
      ['999988887777', '111111111111:role/t'],
      ['999988887777', 'bucket:data'],
    ] as const) {
      expect(findPaths(r, key(from), key(to))).toEqual(findPaths(g, key(from), key(to)));
    }
  });

  it('stops on its time budget and says so', () => {
    const b = new GraphBuilder();
    for (let i = 0; i < 600; i++) {
      b.edge('111111111111:user/s', `111111111111:role/m${i}`);
      b.edge(`111111111111:role/m${i}`, `111111111111:role/n${i}`);
    }
    b.edge('111111111111:role/n599', '111111111111:role/t');
    // Each reading of the clock advances it by 100 ms: the second reading is past the budget.
    let now = 0;
    const clock = (): number => (now += 100);
    const r = findPaths(b.graph, key('111111111111:user/s'), key('111111111111:role/t'), {
      timeBudgetMs: 150,
      clock,
    });
    expect(r.kind).toBe('truncated');
  });

  it('throws UnknownNodeError for a key that is not in the graph', () => {
    const g = graphFromSpec(spec);
    expect(() =>
      findPaths(g, 'arn:aws:iam::111111111111:role/nope', key('111111111111:role/t')),
    ).toThrow(UnknownNodeError);
  });

  it('rejects a maxDepth or maxPaths that is not a positive whole number', () => {
    const g = graphFromSpec(spec);
    expect(() =>
      findPaths(g, key('111111111111:role/a'), key('111111111111:role/t'), { maxDepth: 0 }),
    ).toThrow(RangeError);
    expect(() =>
      findPaths(g, key('111111111111:role/a'), key('111111111111:role/t'), { maxPaths: 1.5 }),
    ).toThrow(RangeError);
  });
});

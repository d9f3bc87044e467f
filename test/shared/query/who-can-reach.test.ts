/**
 * findWhoCanReach: table-driven cases (cases/who-can-reach.json), agreement with findPaths on
 * random graphs (the one backward pass finds exactly the nodes that have a path, at the same
 * length), determinism, the time budget and the errors.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { AccessGraph, S3ActionGroup } from '../../../shared/graph/types.js';
import { findPaths } from '../../../shared/query/find-paths.js';
import { UnknownNodeError, WrongNodeKindError } from '../../../shared/query/query-errors.js';
import type { WhoCanReachOptions } from '../../../shared/query/types.js';
import { findWhoCanReach } from '../../../shared/query/who-can-reach.js';
import cases from './cases/who-can-reach.json' with { type: 'json' };
import {
  GraphBuilder,
  graphFromSpec,
  key,
  reversedCopy,
  type GraphSpec,
} from './graph-fixtures.js';

interface ExpectedReacher {
  principal: string;
  kind: string;
  scope: string;
  vendor?: string;
  decision: string;
  conditionKeys?: string[];
  path: string[];
}

interface ReachCase {
  name: string;
  cite: string;
  graph: GraphSpec;
  query: { resource: string; options?: WhoCanReachOptions & { action?: S3ActionGroup } };
  expect: {
    kind: 'found' | 'none' | 'truncated';
    truncated?: boolean;
    principals?: ExpectedReacher[];
    principalScopes?: Record<string, string>;
    /** The second node of the path shown for the GitHub provider. */
    publicPathVia?: string;
  };
}

describe('findWhoCanReach: cases', () => {
  for (const c of (cases as { cases: ReachCase[] }).cases) {
    it(`${c.name} (${c.cite})`, () => {
      const g = graphFromSpec(c.graph);
      const r = findWhoCanReach(g, key(c.query.resource), c.query.options ?? {});
      expect(r.kind).toBe(c.expect.kind);
      if (r.kind !== 'found') return;
      expect(r.truncated).toBe(c.expect.truncated);
      if (c.expect.principals) {
        const got = r.principals.map((p) => {
          const out: ExpectedReacher = {
            principal: p.principal,
            kind: p.kind,
            scope: p.scope,
            decision: p.decision,
            path: [p.path[0]!.from, ...p.path.map((h) => h.to)],
          };
          if (p.vendor !== undefined) out.vendor = p.vendor;
          if (p.conditionKeys.length > 0) out.conditionKeys = [...p.conditionKeys];
          return out;
        });
        const want = c.expect.principals.map((p) => ({
          ...p,
          principal: key(p.principal),
          path: p.path.map(key),
        }));
        expect(got).toEqual(want);
      }
      for (const [short, scope] of Object.entries(c.expect.principalScopes ?? {}))
        expect(r.principals.find((p) => p.principal === key(short))?.scope).toBe(scope);
      if (c.expect.publicPathVia !== undefined) {
        const idp = r.principals.find((p) => p.kind === 'idp');
        expect(idp?.path[0]?.to).toBe(key(c.expect.publicPathVia));
      }
      for (const p of r.principals) {
        expect(p.path[p.path.length - 1]!.to).toBe(key(c.query.resource));
        for (const h of p.path) expect(h.evidence.length).toBeGreaterThan(0);
      }
    });
  }
});

describe('findWhoCanReach: what is never traversed', () => {
  it('ignores member-of and dangling-trust edges', () => {
    const b = new GraphBuilder();
    b.edge('111111111111:group/Admins', '111111111111:role/R');
    b.memberOf('111111111111:user/u', '111111111111:group/Admins');
    b.dangling('AROAZ7DEMOXDELETEDQ42', '111111111111:role/R');
    const r = findWhoCanReach(b.graph, key('111111111111:role/R'));
    if (r.kind !== 'found') throw new Error('expected found');
    expect(r.principals.map((p) => p.principal)).toEqual([key('111111111111:group/Admins')]);
  });
});

const roleKey = (i: number): string => key(`111111111111:role/r${i}`);

function randomGraph(n: number, edges: readonly [number, number, boolean][]): AccessGraph {
  const b = new GraphBuilder();
  for (let i = 0; i < n; i++) b.node(roleKey(i));
  const seen = new Set<string>();
  for (const [s, t, conditional] of edges) {
    if (s === t || seen.has(`${s}>${t}`)) continue;
    seen.add(`${s}>${t}`);
    b.edge(
      roleKey(s),
      roleKey(t),
      conditional ? { decision: 'conditional', conditionKeys: [`k:${s}-${t}`] } : {},
    );
  }
  return b.graph;
}

describe('findWhoCanReach: agrees with findPaths', () => {
  it('reports exactly the nodes with a path; allow when any path is (issue 12 case 8), with the shortest path of that decision', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 2, max: 9 }).chain((n) =>
          fc.record({
            n: fc.constant(n),
            edges: fc.array(fc.tuple(fc.nat(n - 1), fc.nat(n - 1), fc.boolean()), {
              maxLength: 24,
            }),
            target: fc.nat(n - 1),
            maxDepth: fc.integer({ min: 1, max: 6 }),
            includeConditional: fc.boolean(),
          }),
        ),
        ({ n, edges, target, maxDepth, includeConditional }) => {
          const g = randomGraph(n, edges);
          const r = findWhoCanReach(g, roleKey(target), { maxDepth, includeConditional });
          const reached = new Map(
            r.kind === 'found' ? r.principals.map((p) => [p.principal, p] as const) : [],
          );
          for (let i = 0; i < n; i++) {
            if (i === target) continue;
            const p = findPaths(g, roleKey(i), roleKey(target), {
              maxDepth,
              includeConditional,
              maxPaths: 1000,
            });
            const entry = reached.get(roleKey(i));
            if (p.kind === 'none') {
              expect(entry).toBeUndefined();
              continue;
            }
            if (p.kind !== 'found') throw new Error('unexpected truncation');
            expect(entry).toBeDefined();
            // The best decision over all paths, then the shortest path with that decision.
            const allowPaths = p.paths.filter((x) => x.decision === 'allow');
            const best = allowPaths.length > 0 ? allowPaths : p.paths;
            const shortest = Math.min(...best.map((x) => x.hops.length));
            expect(entry!.decision).toBe(allowPaths.length > 0 ? 'allow' : 'conditional');
            expect(entry!.path.length).toBe(shortest);
          }
        },
      ),
      { numRuns: 300 },
    );
  });
});

describe('findWhoCanReach: determinism, budget, errors', () => {
  const spec: GraphSpec = {
    accounts: { '999988887777': 'external' },
    edges: [
      ['999988887777', '111111111111:role/a', { aggregate: true }],
      ['999988887777', '111111111111:role/b', { aggregate: true }],
      ['111111111111:role/a', 'bucket:data'],
      ['111111111111:role/b', 'bucket:data'],
      ['*', 'bucket:data', { decision: 'conditional', conditionKeys: ['aws:SourceVpce'] }],
    ],
  };

  it('answers the same whatever the insertion order', () => {
    const g = graphFromSpec(spec);
    expect(findWhoCanReach(reversedCopy(g), key('bucket:data'))).toEqual(
      findWhoCanReach(g, key('bucket:data')),
    );
  });

  it('stops on its time budget and returns what it found', () => {
    const b = new GraphBuilder();
    for (let i = 0; i < 600; i++) b.edge(`111111111111:role/r${i}`, 'bucket:wide');
    let now = 0;
    const r = findWhoCanReach(b.graph, key('bucket:wide'), {
      timeBudgetMs: 150,
      clock: () => (now += 100),
    });
    expect(r.kind).toBe('truncated');
  });

  it('throws for an unknown key and for a node that is neither bucket nor role', () => {
    const g = graphFromSpec(spec);
    expect(() => findWhoCanReach(g, 'arn:aws:s3:::nope')).toThrow(UnknownNodeError);
    expect(() => findWhoCanReach(g, key('999988887777'))).toThrow(WrongNodeKindError);
  });
});

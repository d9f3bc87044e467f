/**
 * The compact wire form of graph answers: expanding it gives back the export JSON exactly (same
 * nodes, edges, keys, attributes, order), whatever the keys; a malformed one is refused by name.
 */
import { describe, expect, it } from 'vitest';
import {
  checkCompactGraph,
  compactEdges,
  compactGraphOf,
  expandCompactGraph,
  type CompactGraph,
} from '../../../shared/api/compact-graph.js';
import type { SerializedGraph } from '../../../shared/api/types.js';
import { edgeKey } from '../../../shared/graph/edge-key.js';

type Graph = SerializedGraph<Record<string, unknown>, Record<string, unknown>>;

const ROLE = 'arn:aws:iam::111111111111:role/a "quoted" \\ role';
const BUCKET = 'arn:aws:s3:::logs';
const USER = 'arn:aws:iam::111111111111:user/\u2028odd\ud800';

function sample(): Graph {
  return {
    attributes: { level: 'principal', partition: 'aws' },
    options: { type: 'directed', multi: true, allowSelfLoops: true },
    nodes: [
      { key: ROLE, attributes: { kind: 'role', label: 'a' } },
      { key: BUCKET, attributes: { kind: 'bucket', label: 'logs', crownJewel: true } },
      { key: USER, attributes: { kind: 'user', label: 'odd' } },
      { key: '*' },
    ],
    edges: [
      {
        key: edgeKey('can-access', ROLE, BUCKET, 'read'),
        source: ROLE,
        target: BUCKET,
        attributes: {
          kind: 'can-access',
          decision: 'allow',
          conditionKeys: [],
          actionGroup: 'read',
        },
      },
      {
        key: edgeKey('can-access', ROLE, BUCKET, 'write'),
        source: ROLE,
        target: BUCKET,
        attributes: {
          kind: 'can-access',
          decision: 'allow',
          conditionKeys: [],
          actionGroup: 'write',
        },
      },
      {
        key: edgeKey('can-assume', USER, ROLE, 'sts:AssumeRole "x"\n'),
        source: USER,
        target: ROLE,
        attributes: {
          kind: 'can-assume',
          decision: 'conditional',
          conditionKeys: ['aws:MultiFactorAuthPresent'],
        },
      },
      {
        key: edgeKey('member-of', USER, ROLE),
        source: USER,
        target: ROLE,
        attributes: { kind: 'member-of', decision: 'allow', conditionKeys: [] },
      },
      // Keys edgeKey does not give: sent as they are.
      { key: 'aggregate:*->logs', source: '*', target: BUCKET, attributes: { count: 3 } },
      { key: 'no-attributes', source: ROLE, target: ROLE },
      {
        key: edgeKey('can-assume', USER, ROLE, 'other'),
        source: USER,
        target: ROLE,
        attributes: { kind: 'can-access', decision: 'allow', conditionKeys: [] },
      },
    ],
  };
}

describe('compactGraphOf / expandCompactGraph', () => {
  it('expands to exactly the graph it was made from, through JSON', () => {
    const graph = sample();
    const compact = compactGraphOf(graph);
    const sent = JSON.parse(JSON.stringify(compact)) as CompactGraph<unknown, unknown>;
    expect(checkCompactGraph(sent)).toBeUndefined();
    expect(expandCompactGraph(sent)).toEqual(JSON.parse(JSON.stringify(graph)));
    // And the order of every attribute, which toEqual does not check.
    expect(JSON.stringify(expandCompactGraph(sent))).toBe(JSON.stringify(graph));
  });

  it('sends each distinct attribute object and variant once, and only foreign keys', () => {
    const compact = compactGraphOf(sample());
    expect(compact.edgeAttributeTable).toHaveLength(6);
    expect(compact.variants).toEqual(['read', 'write', 'sts:AssumeRole "x"\n', '']);
    expect(compact.edgeKeys).toEqual([
      [4, 'aggregate:*->logs'],
      [5, 'no-attributes'],
      // The key of another kind than its attributes say: not rebuilt from the wrong kind.
      [6, edgeKey('can-assume', USER, ROLE, 'other')],
    ]);
    expect(compact.edgeSources).toEqual([0, 0, 2, 2, 3, 0, 2]);
    expect(compact.edgeTargets).toEqual([1, 1, 0, 0, 1, 0, 0]);
    expect(compact.edgeAttributes).toEqual([0, 1, 2, 3, 4, -1, 5]);
  });

  it('reads typed-array columns as a worker hands them over', () => {
    const compact = compactGraphOf(sample());
    const columns = {
      ...compact,
      edgeSources: Int32Array.from(compact.edgeSources),
      edgeTargets: Int32Array.from(compact.edgeTargets),
      edgeAttributes: Int32Array.from(compact.edgeAttributes),
      edgeVariants: Int32Array.from(compact.edgeVariants),
    };
    expect(checkCompactGraph(columns)).toBeUndefined();
    expect([...compactEdges(columns)]).toEqual(sample().edges);
  });

  it('refuses an edge without a key or whose endpoint is not a node', () => {
    const graph = sample();
    expect(() => compactGraphOf({ ...graph, edges: [{ source: ROLE, target: BUCKET }] })).toThrow(
      TypeError,
    );
    expect(() =>
      compactGraphOf({ ...graph, edges: [{ key: 'k', source: ROLE, target: 'nowhere' }] }),
    ).toThrow(TypeError);
  });
});

describe('checkCompactGraph', () => {
  const good = (): Record<string, unknown> =>
    JSON.parse(JSON.stringify(compactGraphOf(sample()))) as Record<string, unknown>;
  const cases: readonly {
    name: string;
    change: (g: Record<string, unknown>) => void;
    problem: string;
  }[] = [
    { name: 'no node keys', change: (g) => delete g.nodeKeys, problem: 'nodeKeys' },
    {
      name: 'attributes for fewer nodes',
      change: (g) => (g.nodeAttributes as unknown[]).pop(),
      problem: 'nodeAttributes',
    },
    {
      name: 'a source out of range',
      change: (g) => ((g.edgeSources as number[])[0] = 4),
      problem: 'edgeSources',
    },
    {
      name: 'a fractional target',
      change: (g) => ((g.edgeTargets as number[])[0] = 0.5),
      problem: 'edgeTargets',
    },
    {
      name: 'a shorter attributes column',
      change: (g) => (g.edgeAttributes as number[]).pop(),
      problem: 'edgeAttributes',
    },
    {
      name: 'a variant out of range',
      change: (g) => ((g.edgeVariants as number[])[0] = 99),
      problem: 'edgeVariants',
    },
    {
      name: 'an edge with neither variant nor key',
      change: (g) => (g.edgeKeys as unknown[]).shift(),
      problem: 'edge 4: no variant and no key',
    },
    {
      name: 'a variant on an edge without a kind',
      change: (g) => ((g.edgeVariants as number[])[5] = 0),
      problem: 'edge 5: a variant but no kind',
    },
    { name: 'a malformed key entry', change: (g) => (g.edgeKeys = [[4]]), problem: 'edgeKeys' },
  ];
  it.each(cases)('names what is wrong: $name', ({ change, problem }) => {
    const g = good();
    expect(checkCompactGraph(g)).toBeUndefined();
    change(g);
    expect(checkCompactGraph(g)).toContain(problem);
  });

  it('refuses what is not an object', () => {
    expect(checkCompactGraph(null)).toBe('not an object');
    expect(checkCompactGraph([])).toContain('nodeKeys');
  });
});

// Edge states (colours) of the dashboard: which edge counts as public, external, conditional or
// internal (web/src/graph/edge-state.ts).
import { describe, expect, it } from 'vitest';
import cases from './cases/edge-state.json' with { type: 'json' };
import {
  classifyEdge,
  EDGE_STATES,
  parseEdgeState,
  worseEdgeState,
} from '../../web/src/graph/edge-state.js';
import type { NodeAttributes } from '../../shared/graph/types.js';

interface Case {
  name: string;
  source: unknown;
  decision: string;
  expected: string;
  /** Claim conditions of the edge (identity-provider trusts). */
  claims?: Record<string, string[]>;
  sourceKey?: string;
  /** The edge from `*` holds only for principals of other organizations the policy names. */
  otherOrganizationsOnly?: boolean;
  /** The edge from `*` is conditional on keys an outsider cannot meet (public-edges.ts). */
  gatedForOutsiders?: boolean;
}

describe('classifyEdge', () => {
  it.each(cases as Case[])(
    '$name',
    ({
      source,
      decision,
      expected,
      claims,
      sourceKey,
      otherOrganizationsOnly,
      gatedForOutsiders,
    }) => {
      const state = classifyEdge(
        source as Pick<NodeAttributes, 'kind' | 'scope'>,
        {
          decision: decision as 'allow' | 'conditional',
          ...(claims === undefined ? {} : { claims }),
          ...(otherOrganizationsOnly === undefined ? {} : { otherOrganizationsOnly }),
          ...(gatedForOutsiders === undefined ? {} : { gatedForOutsiders }),
        },
        sourceKey,
      );
      expect(state).toBe(expected);
    },
  );
});

describe('worseEdgeState', () => {
  it('orders public < external < conditional < internal', () => {
    expect(worseEdgeState('internal', 'conditional')).toBe('conditional');
    expect(worseEdgeState('conditional', 'external')).toBe('external');
    expect(worseEdgeState('public', 'external')).toBe('public');
    expect(worseEdgeState('internal', 'internal')).toBe('internal');
  });
});

describe('parseEdgeState', () => {
  it('accepts the four states and nothing else', () => {
    for (const s of EDGE_STATES) expect(parseEdgeState(s)).toBe(s);
    expect(parseEdgeState('PUBLIC')).toBeUndefined();
    expect(parseEdgeState(3)).toBeUndefined();
    expect(parseEdgeState(undefined)).toBeUndefined();
  });
});

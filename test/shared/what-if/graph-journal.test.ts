/**
 * GraphJournal (shared/what-if/graph-journal.ts): what-if changes the served base graph in place
 * and must give it back exactly — the same nodes and edges with the same attribute objects, their
 * contents untouched — whatever was added, dropped or changed in between.
 */
import Graph from 'graphology';
import { describe, expect, it } from 'vitest';
import type { AccessGraph, EdgeAttributes, NodeAttributes } from '../../../shared/graph/types.js';
import { GraphJournal } from '../../../shared/what-if/graph-journal.js';
import { expectGraphState, graphState } from '../../helpers/graph-state.js';

const role = (label: string): NodeAttributes => ({ kind: 'role', label, scope: 'org' });
const assume = (decision: 'allow' | 'conditional'): EdgeAttributes => ({
  kind: 'can-assume',
  decision,
  conditionKeys: [],
  evidence: [],
});

function sample(): AccessGraph {
  const g: AccessGraph = new Graph.MultiDirectedGraph({ allowSelfLoops: true });
  for (const k of ['a', 'b', 'c', 'd']) g.addNode(k, role(k));
  g.addDirectedEdgeWithKey('a>b', 'a', 'b', assume('allow'));
  g.addDirectedEdgeWithKey('a>b#2', 'a', 'b', assume('conditional'));
  g.addDirectedEdgeWithKey('b>c', 'b', 'c', assume('allow'));
  g.addDirectedEdgeWithKey('c>d', 'c', 'd', assume('conditional'));
  return g;
}

describe('GraphJournal', () => {
  it('undoes additions, drops (of nodes with their edges) and attribute changes', () => {
    const g = sample();
    const before = graphState(g);
    const journal = new GraphJournal(g);
    g.setNodeAttribute('a', 'admin', true);
    g.mergeNode('b', { tags: { team: 'x' } });
    g.removeNodeAttribute('c', 'scope');
    g.replaceEdgeAttributes('c>d', assume('allow'));
    g.dropEdge('a>b#2');
    g.dropNode('b');
    g.addNode('b', role('b again'));
    g.addNode('e', role('e'));
    g.addDirectedEdgeWithKey('e>a', 'e', 'a', assume('allow'));
    g.addDirectedEdgeWithKey('a>b', 'a', 'b', assume('conditional'));
    g.mergeEdgeWithKey('b>c2', 'b', 'c', assume('allow'));
    g.dropNode('d');
    journal.undo();
    expectGraphState(g, before);
    expect(g.getNodeAttribute('a', 'admin')).toBeUndefined();
    expect(g.getEdgeAttribute('c>d', 'decision')).toBe('conditional');
  });

  it('leaves no listener or wrapper behind', () => {
    const g = sample();
    const journal = new GraphJournal(g);
    journal.undo();
    expect(g.listeners('nodeAdded')).toEqual([]);
    expect(g.listeners('edgeDropped')).toEqual([]);
    expect(Object.prototype.hasOwnProperty.call(g, 'setNodeAttribute')).toBe(false);
    // Changes after the undo are not recorded and stay.
    g.setNodeAttribute('a', 'admin', true);
    journal.undo();
    expect(g.getNodeAttribute('a', 'admin')).toBe(true);
  });

  it('refuses what it could not undo', () => {
    const g = sample();
    const before = graphState(g);
    const journal = new GraphJournal(g);
    expect(() => {
      g.clear();
    }).toThrow(/cannot be undone/);
    expect(() => {
      g.setAttribute('partition', 'aws-cn');
    }).toThrow(/cannot be undone/);
    journal.undo();
    expectGraphState(g, before);
  });
});

// How the graph looks for a selection, a focused path and a diff (web/src/graph/highlight.ts).
import { describe, expect, it } from 'vitest';
import {
  ADDED_COLOR,
  edgeAppearance,
  GREY_EDGE,
  GREY_NODE,
  nodeAppearance,
  REMOVED_COLOR,
  SELECTED_COLOR,
} from '../../web/src/graph/highlight.js';

const look = { color: '#123456', size: 4, important: false };
const important = { ...look, important: true };
const edge = { color: '#abcdef', size: 1 };

describe('nodeAppearance', () => {
  it('without selection keeps colours; important nodes are always labelled', () => {
    expect(nodeAppearance('a', look, {})).toMatchObject({
      color: '#123456',
      labelVisibility: 'auto',
    });
    expect(nodeAppearance('a', important, {})).toMatchObject({
      color: '#123456',
      labelVisibility: 'visible',
    });
  });

  it('the selected node is larger, labelled and on top', () => {
    const a = nodeAppearance('a', look, { selectedNode: 'a' });
    expect(a.size).toBeGreaterThan(look.size);
    expect(a.labelVisibility).toBe('visible');
    expect(a.zIndex).toBeGreaterThan(nodeAppearance('b', important, { selectedNode: 'a' }).zIndex);
  });

  it("an answer's own node (who-can-reach's resource) ranks above the other focused nodes", () => {
    const h = { focusNodes: new Set(['a', 'b']), anchorNodes: new Set(['a']) };
    expect(nodeAppearance('a', look, h).zIndex).toBeGreaterThan(
      nodeAppearance('b', look, h).zIndex,
    );
    expect(nodeAppearance('a', look, h).labelVisibility).toBe('visible');
  });

  it('a focus (path) greys out and unlabels every other node, important or not', () => {
    const h = { focusNodes: new Set(['a']), focusEdges: new Set<string>() };
    expect(nodeAppearance('a', look, h)).toMatchObject({
      color: '#123456',
      labelVisibility: 'visible',
    });
    expect(nodeAppearance('b', important, h)).toMatchObject({
      color: GREY_NODE,
      labelVisibility: 'hidden',
    });
  });
});

describe('edgeAppearance', () => {
  it('a focus greys out edges outside the path', () => {
    const h = { focusNodes: new Set(['a', 'b']), focusEdges: new Set(['e1']) };
    expect(edgeAppearance('e1', edge, ['a', 'b'], h).color).toBe('#abcdef');
    expect(edgeAppearance('e2', edge, ['a', 'b'], h).color).toBe(GREY_EDGE);
  });

  it('diff colours added and removed edges whatever the focus', () => {
    const h = {
      addedEdges: new Set(['new']),
      removedEdges: new Set(['old']),
      focusEdges: new Set<string>(),
    };
    expect(edgeAppearance('new', edge, ['a', 'b'], h).color).toBe(ADDED_COLOR);
    expect(edgeAppearance('old', edge, ['a', 'b'], h).color).toBe(REMOVED_COLOR);
  });

  it('the selected edge is drawn dark and thick; edges of the selected node are thicker', () => {
    expect(edgeAppearance('e', edge, ['a', 'b'], { selectedEdge: 'e' })).toMatchObject({
      color: SELECTED_COLOR,
    });
    expect(edgeAppearance('e', edge, ['a', 'b'], { selectedNode: 'b' }).size).toBeGreaterThan(
      edge.size,
    );
    expect(edgeAppearance('e', edge, ['a', 'b'], { selectedNode: 'c' }).size).toBe(edge.size);
  });
});

describe('label-only nodes (OU labels)', () => {
  const ou = {
    color: '#5b6b7f',
    size: 1,
    important: true,
    kind: 'ou-label',
    labelPosition: 'left' as const,
  };

  it('draw their text only, always, without a pointer', () => {
    expect(nodeAppearance('ou-label:Root', ou, {})).toMatchObject({
      opacity: 0,
      labelVisibility: 'visible',
      labelPosition: 'left',
      cursor: 'default',
    });
    // Selection does not change them.
    expect(nodeAppearance('ou-label:Root', ou, { selectedNode: 'a' }).opacity).toBe(0);
  });

  it('step back while a path or results are focused', () => {
    const h = { focusNodes: new Set(['a']), focusEdges: new Set<string>() };
    expect(nodeAppearance('ou-label:Root', ou, h).labelVisibility).toBe('hidden');
  });

  it('other nodes are drawn as before', () => {
    expect(nodeAppearance('a', look, {}).opacity).toBeUndefined();
  });
});

describe('removed edges (diff mode)', () => {
  const removed = { ...edge, removed: true };

  it('are hidden unless the diff shown holds them', () => {
    expect(edgeAppearance('r', removed, ['a', 'b'], {}).visibility).toBe('hidden');
    expect(
      edgeAppearance('r', removed, ['a', 'b'], { removedEdges: new Set(['x']) }).visibility,
    ).toBe('hidden');
    expect(
      edgeAppearance('r', removed, ['a', 'b'], { removedEdges: new Set(['r']) }),
    ).toMatchObject({
      color: REMOVED_COLOR,
      visibility: 'visible',
    });
  });

  it('an edge of the current scan is never hidden by the diff', () => {
    expect(edgeAppearance('e', edge, ['a', 'b'], { removedEdges: new Set(['r']) }).visibility).toBe(
      'visible',
    );
  });
});

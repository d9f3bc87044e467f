// Sigma's private parts used by the dashboard (web/src/graph/sigma-internals.ts): Sigma is pinned
// to the version they were written against, and every private method they call is still a method
// of that version's renderer. A Sigma upgrade fails here, loudly, before any fast path silently
// falls back; the browser test (review.browser.test.ts) checks the live renderer's fields too.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkSigmaInternals, SIGMA_VERSION } from '../../web/src/graph/sigma-internals.js';
import { ROOT } from './helpers/serve-demo.js';

const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as {
  dependencies: Record<string, string>;
};
const installed = JSON.parse(
  readFileSync(join(ROOT, 'node_modules', 'sigma', 'package.json'), 'utf8'),
) as { version: string };
const dist = join(ROOT, 'node_modules', 'sigma', 'dist');
/** Sigma's ES build: the renderer and the chunks it imports (programs, factories). */
const source = readdirSync(dist)
  .filter((f) => f.endsWith('.esm.js'))
  .map((f) => readFileSync(join(dist, f), 'utf8'))
  .join('\n');

describe('Sigma internals contract', () => {
  it('package.json pins sigma to exactly the version the internals were written against', () => {
    expect(pkg.dependencies.sigma).toBe(SIGMA_VERSION);
    expect(installed.version).toBe(SIGMA_VERSION);
  });

  it.each([
    'clearNodeIndices',
    'clearEdgeIndices',
    'addNode',
    'addEdge',
    'processNodes',
    'processEdges',
    'addNodeToProgram',
    'addEdgeToProgram',
    'computeDisplayedNodeLabels',
    'nodeLabelBox',
    'processWebGLLabels',
    'renderProgram',
    'getGroupKey',
    'sortGroup',
  ])('the installed Sigma still defines the private method %s', (name) => {
    // Babel's class output names each method `key: "<name>"`.
    expect(source).toContain(`key: "${name}"`);
  });

  it('the parallel-edge index still keeps its change callback as a field', () => {
    expect(source).toContain('this.onGroupChanged = onGroupChanged');
  });

  it('names every missing or reshaped private part of a renderer', () => {
    const problems = checkSigmaInternals({ addNode: () => undefined, pendingProcess: 3 });
    expect(problems).toContain('clearNodeIndices: expected function, found undefined');
    expect(problems).toContain('pendingProcess: expected string, found number');
    expect(problems.some((p) => p.startsWith('addNode:'))).toBe(false);
    expect(problems).toContain(
      'labelRenderer.computeDisplayedNodeLabels: expected function, found undefined',
    );
  });
});

// The dashboard asks for the compact wire form of /api/graph (shared/api/compact-graph.ts): the
// graph it builds from it is the one it builds from the export JSON — same nodes, edges, keys,
// display attributes and positions — at both levels of the fixture organization.
import { rmSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  compactAnswer,
  exportSubgraph,
  accountLevelAnswer,
} from '../../server/http/routes/graph.js';
import type { CompactGraph } from '../../shared/api/compact-graph.js';
import type { GraphResponse } from '../../shared/api/types.js';
import { toDisplayGraph, type SerializedGraph } from '../../web/src/graph/display-graph.js';
import { buildFixture, type Fixture } from '../server/http/api-fixture.js';

let f: Fixture;
beforeAll(async () => {
  f = await buildFixture();
});
afterAll(() => {
  f.db.close();
  rmSync(f.dir, { recursive: true, force: true });
});

/** The compact graph as the worker hands it to the page: through JSON, columns typed. */
function received(answer: GraphResponse): CompactGraph<unknown, unknown> {
  const sent = JSON.parse(JSON.stringify(compactAnswer(answer))) as {
    graph: CompactGraph<unknown, unknown>;
  };
  const g = sent.graph;
  return {
    ...g,
    edgeSources: Int32Array.from(g.edgeSources),
    edgeTargets: Int32Array.from(g.edgeTargets),
    edgeAttributes: Int32Array.from(g.edgeAttributes),
    edgeVariants: Int32Array.from(g.edgeVariants),
  } as unknown as CompactGraph<unknown, unknown>;
}

describe('the display graph from the compact form', () => {
  it.each(['account', 'principal'] as const)(
    'is the one from export JSON (%s level)',
    async (level) => {
      const { scanId, analysis } = await f.context.cache.get();
      const answer: GraphResponse =
        level === 'account'
          ? accountLevelAnswer(f.db, scanId, analysis)
          : {
              level: 'principal',
              scanId,
              truncated: false,
              graph: exportSubgraph(analysis.graph, new Set(analysis.graph.nodes())),
            };
      const json = JSON.parse(JSON.stringify(answer.graph)) as SerializedGraph;
      const fromJson = toDisplayGraph(json, level);
      const fromCompact = toDisplayGraph(received(answer), level);
      expect(fromJson.problems).toEqual([]);
      expect(fromCompact.problems).toEqual([]);
      expect(fromJson.graph.size).toBeGreaterThan(1);
      expect(fromCompact.graph.export()).toEqual(fromJson.graph.export());
    },
  );
});

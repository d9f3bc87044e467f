// The HTML report's graph follows the dashboard's organization view (issue 17 item 8): the same
// colours for node scopes and kinds, edge states and new edges, and a name shared by many nodes
// written once.
import { describe, expect, it } from 'vitest';
import {
  NEW_EDGE_COLOUR,
  NODE_COLOURS,
  renderAccountWebSvg,
  WORST_COLOURS,
} from '../../../server/report/account-web-svg.js';
import { EDGE_STATE_COLORS } from '../../../web/src/graph/edge-state.js';
import { ADDED_COLOR } from '../../../web/src/graph/highlight.js';
import { KIND_COLORS, SCOPE_COLORS } from '../../../web/src/graph/node-look.js';

describe('the report graph follows the dashboard', () => {
  it('uses the dashboard colours', () => {
    expect(NODE_COLOURS).toEqual({
      org: SCOPE_COLORS.org,
      vendor: SCOPE_COLORS.vendor,
      external: SCOPE_COLORS.external,
      public: KIND_COLORS.anyone,
      idp: KIND_COLORS.idp,
      service: KIND_COLORS.service,
    });
    expect(WORST_COLOURS).toEqual({
      public: EDGE_STATE_COLORS.public,
      'external-no-external-id': EDGE_STATE_COLORS.external,
      conditional: EDGE_STATE_COLORS.conditional,
      internal: EDGE_STATE_COLORS.internal,
    });
    expect(NEW_EDGE_COLOUR).toBe(ADDED_COLOR);
  });

  it('writes a name shared by three identity providers once, with the number of accounts', () => {
    const idp = (id: string) => ({
      key: `arn:aws:iam::${id}:saml-provider/AWSSSO_x`,
      attributes: { kind: 'idp' as const, label: 'AWSSSO_x', accountId: id },
    });
    const org = {
      key: 'arn:aws:iam::111111111111:root',
      attributes: { kind: 'account' as const, label: 'a', scope: 'org' as const },
    };
    const ids = ['111111111111', '222222222222', '333333333333'];
    const svg = renderAccountWebSvg({
      attributes: {},
      options: { type: 'directed', multi: false, allowSelfLoops: false },
      nodes: [org, ...ids.map(idp)],
      edges: ids.map((id) => ({
        key: id,
        source: idp(id).key,
        target: org.key,
        attributes: {
          count: 1,
          worst: 'conditional' as const,
          vendor: false,
          external: true,
          kinds: ['can-assume' as const],
        },
      })),
    });
    expect(svg.match(/>AWSSSO_x[^<]*</g)).toEqual(['>AWSSSO_x (3 accounts)<']);
  });
});

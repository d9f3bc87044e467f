// From API JSON to the graph on screen: untrusted input, aggregate edges, positions and the
// outsiders list (web/src/graph/display-graph.ts, layout/*, graph/outsiders.ts, graph/merge-paths.ts).
import { describe, expect, it } from 'vitest';
import { toDisplayGraph, type SerializedGraph } from '../../web/src/graph/display-graph.js';
import { EDGE_STATE_COLORS } from '../../web/src/graph/edge-state.js';
import { listOutsiders } from '../../web/src/graph/outsiders.js';
import { mergePaths } from '../../web/src/graph/merge-paths.js';
import { layoutAccountView } from '../../web/src/layout/account-layout.js';

const root = (id: string): string => `arn:aws:iam::${id}:root`;

const accountView: SerializedGraph = {
  nodes: [
    {
      key: root('111111111111'),
      attributes: { kind: 'account', label: 'acme-management', scope: 'org', ouPath: 'Root' },
    },
    {
      key: root('222222222222'),
      attributes: {
        kind: 'account',
        label: 'acme-security',
        scope: 'org',
        ouPath: 'Root/Security',
      },
    },
    {
      key: root('500000000001'),
      attributes: {
        kind: 'account',
        label: 'acme-payments-prod',
        scope: 'org',
        ouPath: 'Root/Workloads/Prod',
      },
    },
    {
      key: root('464622532012'),
      attributes: { kind: 'account', label: 'Datadog', scope: 'vendor', vendor: 'Datadog' },
    },
    {
      key: root('999988887777'),
      attributes: { kind: 'account', label: '999988887777', scope: 'external' },
    },
    { key: '*', attributes: { kind: 'anyone', label: 'Anyone' } },
  ],
  edges: [
    {
      key: 'e1',
      source: root('464622532012'),
      target: root('500000000001'),
      attributes: { count: 8, worst: 'conditional' },
    },
    {
      key: 'e2',
      source: root('999988887777'),
      target: root('500000000001'),
      attributes: { count: 1, worst: 'external' },
    },
    {
      key: 'e3',
      source: '*',
      target: root('500000000001'),
      attributes: { count: 1, worst: 'internal' },
    },
    {
      key: 'e4',
      source: root('222222222222'),
      target: root('500000000001'),
      attributes: { count: 20, worst: 'internal' },
    },
  ],
};

describe('toDisplayGraph', () => {
  it('keeps every well-formed node and edge, with positions, colours and sizes', () => {
    const { graph, problems } = toDisplayGraph(accountView, 'account');
    expect(problems).toEqual([]);
    expect(graph.order).toBe(6);
    expect(graph.size).toBe(4);
    graph.forEachNode((_key, a) => {
      expect(Number.isFinite(a.x) && Number.isFinite(a.y)).toBe(true);
      expect(a.size).toBeGreaterThan(0);
    });
    expect(graph.getEdgeAttribute('e1', 'color')).toBe(EDGE_STATE_COLORS.conditional);
    // Width grows with the number of role-level edges the aggregate stands for.
    expect(graph.getEdgeAttribute('e4', 'size')).toBeGreaterThan(
      graph.getEdgeAttribute('e2', 'size'),
    );
  });

  it('an edge from anyone is public even if the server says otherwise', () => {
    const { graph } = toDisplayGraph(accountView, 'account');
    expect(graph.getEdgeAttribute('e3', 'state')).toBe('public');
  });

  it('skips and reports malformed nodes and edges instead of failing', () => {
    const bad: SerializedGraph = {
      nodes: [
        ...accountView.nodes,
        { key: 'x', attributes: { kind: '<img src=x>', label: 'bad' } },
        { key: root('111111111111'), attributes: { kind: 'account', label: 'duplicate' } },
      ],
      edges: [...accountView.edges, { source: 'x', target: '*', attributes: {} }],
    };
    const { graph, problems } = toDisplayGraph(bad, 'account');
    expect(graph.order).toBe(6);
    expect(graph.hasNode('x')).toBe(false);
    expect(problems).toHaveLength(3);
    expect(problems.join('\n')).toMatch(/attributes\.kind/);
  });

  it('bounds long labels', () => {
    const { graph } = toDisplayGraph(
      { nodes: [{ key: 'r', attributes: { kind: 'role', label: 'R'.repeat(500) } }], edges: [] },
      'principal',
    );
    expect(graph.getNodeAttribute('r', 'label').length).toBeLessThanOrEqual(80);
  });
});

describe('layoutAccountView', () => {
  it('puts every outsider further from the centre than every organization account', () => {
    const positions = layoutAccountView(
      accountView.nodes.map((n) => ({ key: n.key, attributes: n.attributes as never })),
    );
    const distance = (key: string): number =>
      Math.hypot(positions.get(key)!.x, positions.get(key)!.y);
    const inside = [root('111111111111'), root('222222222222'), root('500000000001')].map(distance);
    const outside = [root('464622532012'), root('999988887777'), '*'].map(distance);
    expect(Math.min(...outside)).toBeGreaterThan(Math.max(...inside));
  });

  it('is deterministic', () => {
    const input = accountView.nodes.map((n) => ({ key: n.key, attributes: n.attributes as never }));
    expect([...layoutAccountView(input)]).toEqual([...layoutAccountView([...input].reverse())]);
  });
});

describe('listOutsiders', () => {
  it('lists anyone, vendors and external accounts, worst state first, with their edge counts', () => {
    const { graph } = toDisplayGraph(accountView, 'account');
    const list = listOutsiders(graph);
    expect(list.map((o) => [o.label, o.worst, o.edges])).toEqual([
      ['Anyone', 'public', 1],
      ['999988887777', 'external', 1],
      ['Datadog', 'conditional', 8],
    ]);
  });
});

describe('identity providers registered in many accounts', () => {
  it('are listed once with their count and not always labelled', () => {
    const saml = (id: string) => ({
      key: `arn:aws:iam::${id}:saml-provider/AWSSSO_x_DO_NOT_DELETE`,
      attributes: { kind: 'idp', label: 'AWSSSO_x_DO_NOT_DELETE' },
    });
    const { graph } = toDisplayGraph(
      {
        nodes: [...accountView.nodes, saml('111111111111'), saml('222222222222')],
        edges: [
          {
            source: saml('111111111111').key,
            target: root('111111111111'),
            attributes: { count: 2, worst: 'conditional' },
          },
          {
            source: saml('222222222222').key,
            target: root('222222222222'),
            attributes: { count: 2, worst: 'conditional' },
          },
        ],
      },
      'account',
    );
    expect(graph.getNodeAttribute(saml('111111111111').key, 'important')).toBe(false);
    const idps = listOutsiders(graph).filter((o) => o.kind === 'idp');
    expect(idps.map((o) => [o.label, o.copies, o.edges, o.worst])).toEqual([
      ['AWSSSO_x_DO_NOT_DELETE', 2, 4, 'conditional'],
    ]);
  });
});

describe('mergePaths', () => {
  it('highlights existing edges by endpoints and adds what the view lacks', () => {
    const { graph } = toDisplayGraph(accountView, 'account');
    const role = 'arn:aws:iam::500000000001:role/DeploymentAdminRole';
    const h = mergePaths(graph, [
      [
        {
          source: root('999988887777'),
          target: root('500000000001'),
          attributes: { kind: 'can-assume' },
        },
        {
          source: root('500000000001'),
          target: role,
          attributes: { kind: 'can-assume', decision: 'allow', targetLabel: 'DeploymentAdminRole' },
        },
      ],
    ]);
    expect(h.edges.has('e2')).toBe(true);
    expect(h.nodes).toEqual(new Set([root('999988887777'), root('500000000001'), role]));
    expect(graph.hasNode(role)).toBe(true);
    expect(graph.getNodeAttribute(role, 'label')).toBe('DeploymentAdminRole');
    expect(h.edges.size).toBe(2);
  });
});

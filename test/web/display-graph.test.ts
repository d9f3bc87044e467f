// From API JSON to the graph on screen: untrusted input, aggregate edges, positions, OU labels,
// identity providers shared by many accounts, the outsiders list and the diff mode
// (web/src/graph/display-graph.ts, layout/*, graph/outsiders.ts, graph/merge-paths.ts,
// graph/diff-highlight.ts).
import { describe, expect, it } from 'vitest';
import {
  isAccessNode,
  OU_LABEL_PREFIX,
  toDisplayGraph,
  type SerializedGraph,
} from '../../web/src/graph/display-graph.js';
import { diffHighlightOf } from '../../web/src/graph/diff-highlight.js';
import { EDGE_STATE_COLORS, ESCALATION_EDGE_COLOR } from '../../web/src/graph/edge-state.js';
import { listOutsiders, listSignIns } from '../../web/src/graph/outsiders.js';
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
    expect(graph.filterNodes((_key, a) => isAccessNode(a))).toHaveLength(6);
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

  it('draws a privilege-escalation edge in its own colour and keeps its state, and shapes workloads', () => {
    const user = 'arn:aws:iam::111111111111:user/dev';
    const fn = 'arn:aws:lambda:us-east-1:111111111111:function:deploy';
    const role = 'arn:aws:iam::111111111111:role/deploy';
    const { graph, problems } = toDisplayGraph(
      {
        nodes: [
          {
            key: user,
            attributes: { kind: 'user', label: 'dev', scope: 'org', accountId: '111111111111' },
          },
          {
            key: fn,
            attributes: {
              kind: 'workload',
              label: 'deploy',
              scope: 'org',
              accountId: '111111111111',
            },
          },
          {
            key: role,
            attributes: { kind: 'role', label: 'deploy', scope: 'org', accountId: '111111111111' },
          },
        ],
        edges: [
          {
            key: 'x1',
            source: user,
            target: fn,
            attributes: {
              kind: 'can-escalate',
              decision: 'allow',
              technique: 'lambda:UpdateFunctionCode+lambda:InvokeFunction',
            },
          },
          {
            key: 'x2',
            source: fn,
            target: role,
            attributes: { kind: 'can-assume', decision: 'allow' },
          },
        ],
      },
      'principal',
    );
    expect(problems).toEqual([]);
    expect(graph.getEdgeAttribute('x1', 'color')).toBe(ESCALATION_EDGE_COLOR);
    expect(graph.getEdgeAttribute('x1', 'state')).toBe('internal');
    expect(graph.getEdgeAttribute('x2', 'color')).toBe(EDGE_STATE_COLORS.internal);
    expect(graph.getNodeAttribute(fn, 'shape')).toBe('triangle');
  });

  it('an edge from anyone is public even if the server says otherwise', () => {
    const { graph } = toDisplayGraph(accountView, 'account');
    expect(graph.getEdgeAttribute('e3', 'state')).toBe('public');
  });

  it('an edge from anyone limited to a partner organization or gated for outsiders is drawn conditional, as the findings judge it', () => {
    const queue = 'arn:aws:sqs:us-east-1:111111111111:upload-events';
    const edge = (key: string, extra: Record<string, unknown>) => ({
      key,
      source: '*',
      target: queue,
      attributes: {
        kind: 'can-access',
        decision: 'conditional',
        actionGroup: 'write',
        conditionKeys: ['aws:SourceArn'],
        ...extra,
      },
    });
    const { graph, problems } = toDisplayGraph(
      {
        nodes: [
          { key: '*', attributes: { kind: 'anyone', label: 'Anyone' } },
          {
            key: queue,
            attributes: {
              kind: 'resource',
              label: 'upload-events',
              scope: 'org',
              accountId: '111111111111',
              service: 'sqs',
            },
          },
        ],
        edges: [
          edge('gated', { gatedForOutsiders: true }),
          edge('partner', { otherOrganizationsOnly: true }),
          edge('open', {}),
        ],
      },
      'principal',
    );
    expect(problems).toEqual([]);
    expect(graph.getEdgeAttribute('gated', 'state')).toBe('conditional');
    expect(graph.getEdgeAttribute('partner', 'state')).toBe('conditional');
    expect(graph.getEdgeAttribute('open', 'state')).toBe('public');
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
    expect(graph.filterNodes((_key, a) => isAccessNode(a))).toHaveLength(6);
    expect(graph.hasNode('x')).toBe(false);
    expect(problems).toHaveLength(3);
    expect(problems.join('\n')).toMatch(/attributes\.kind/);
  });

  it('keeps the first of two edges with one key and reports the second', () => {
    const first = accountView.edges[0];
    if (first?.key === undefined) throw new Error('fixture: the first edge has a key');
    const twice: SerializedGraph = {
      nodes: accountView.nodes,
      edges: [...accountView.edges, { ...first, attributes: { ...first.attributes, count: 99 } }],
    };
    const { graph, problems } = toDisplayGraph(twice, 'account');
    expect(graph.size).toBe(accountView.edges.length);
    expect(graph.getEdgeAttribute(first.key, 'count')).not.toBe(99);
    expect(problems).toEqual([`edge ${first.key}: duplicate key`]);
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
      key: `arn:aws:iam::${id}:saml-provider/Okta`,
      attributes: { kind: 'idp', label: 'Okta' },
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
      ['Okta', 2, 4, 'conditional'],
    ]);
  });

  it("leave out IAM Identity Center: the organization's own workforce sign-in is inside it", () => {
    const sso = (id: string) => ({
      key: `arn:aws:iam::${id}:saml-provider/AWSSSO_x_DO_NOT_DELETE`,
      attributes: { kind: 'idp', label: 'AWSSSO_x_DO_NOT_DELETE' },
    });
    const hub = {
      key: 'sso:identity-center',
      attributes: { kind: 'idp', label: 'IAM Identity Center', scope: 'org' },
    };
    const { graph } = toDisplayGraph(
      {
        nodes: [...accountView.nodes, sso('111111111111'), hub],
        edges: [
          {
            source: sso('111111111111').key,
            target: root('111111111111'),
            attributes: { count: 2, worst: 'internal' },
          },
          {
            source: hub.key,
            target: root('222222222222'),
            attributes: { count: 3, worst: 'internal' },
          },
        ],
      },
      'account',
    );
    expect(listOutsiders(graph).filter((o) => o.kind === 'idp')).toEqual([]);
    expect(listSignIns(graph).map((o) => [o.key, o.edges])).toEqual([
      [hub.key, 3],
      [sso('111111111111').key, 2],
    ]);
    expect(
      listOutsiders(graph)
        .map((o) => o.label)
        .sort(),
    ).toEqual(['999988887777', 'Anyone', 'Datadog']);
  });

  it('are labelled with their account on the canvas, so that zoomed-in labels differ', () => {
    const name = 'CorporateOktaFederation_prod';
    const saml = (id: string) => ({
      key: `arn:aws:iam::${id}:saml-provider/${name}`,
      attributes: { kind: 'idp', label: name, accountId: id, scope: 'org' },
    });
    const github = {
      key: 'arn:aws:iam::444444444444:oidc-provider/token.actions.githubusercontent.com',
      attributes: { kind: 'idp', label: 'token.actions.githubusercontent.com' },
    };
    const { graph } = toDisplayGraph(
      {
        nodes: [
          ...accountView.nodes,
          saml('111111111111'),
          saml('222222222222'),
          saml('333333333333'),
          github,
        ],
        edges: [],
      },
      'account',
    );
    const labels = ['111111111111', '222222222222', '333333333333'].map((id) =>
      graph.getNodeAttribute(saml(id).key, 'label'),
    );
    // The account's name when its node is in the graph, else its id; the long name shortened.
    expect(labels).toEqual([
      'CorporateOktaFederation… · acme-management',
      'CorporateOktaFederation… · acme-security',
      'CorporateOktaFederation… · 333333333333',
    ]);
    expect(new Set(labels).size).toBe(3);
    expect(graph.getNodeAttribute(saml('111111111111').key, 'name')).toBe(name);
    // A provider registered once keeps its own label and stays always labelled.
    expect(graph.getNodeAttribute(github.key, 'label')).toBe('token.actions.githubusercontent.com');
    expect(graph.getNodeAttribute(github.key, 'important')).toBe(true);
    // The outsiders list still names the provider once.
    expect(
      listOutsiders(graph)
        .filter((o) => o.kind === 'idp')
        .map((o) => [o.label, o.copies]),
    ).toEqual([
      ['CorporateOktaFederation_prod', 3],
      ['token.actions.githubusercontent.com', 1],
    ]);
  });
});

describe('OU labels of the organization view', () => {
  it('adds one label-only node per OU cluster, named by its path, outside the cluster', () => {
    const { graph } = toDisplayGraph(accountView, 'account');
    const labels = graph.filterNodes((_key, a) => a.kind === 'ou-label');
    expect(labels).toEqual([
      `${OU_LABEL_PREFIX}Root`,
      `${OU_LABEL_PREFIX}Root/Security`,
      `${OU_LABEL_PREFIX}Root/Workloads/Prod`,
    ]);
    for (const key of labels) {
      const a = graph.getNodeAttributes(key);
      expect(a.label).toBe(key.slice(OU_LABEL_PREFIX.length));
      expect(isAccessNode(a)).toBe(false);
      // Each OU here has one account: its label is beside it, further from the centre.
      const member = graph.findNode(
        (_k, m) => m.kind === 'account' && m.scope === 'org' && (m.ouPath ?? 'Root') === a.label,
      )!;
      const m = graph.getNodeAttributes(member);
      expect(Math.hypot(a.x - m.x, a.y - m.y)).toBeGreaterThan(m.size);
      expect(Math.hypot(a.x, a.y)).toBeGreaterThan(Math.hypot(m.x, m.y));
      expect(graph.degree(key)).toBe(0);
    }
    // Not an outsider, not a principal.
    expect(listOutsiders(graph).map((o) => o.key)).not.toContain(labels[0]);
  });

  it('puts no OU label on a principal-level view', () => {
    const { graph } = toDisplayGraph(accountView, 'principal');
    expect(graph.filterNodes((_key, a) => a.kind === 'ou-label')).toEqual([]);
  });

  it('labels the one cluster of an organization without OUs above it', () => {
    const { graph } = toDisplayGraph(
      {
        nodes: [
          { key: root('111111111111'), attributes: { kind: 'account', label: 'a', scope: 'org' } },
          { key: root('222222222222'), attributes: { kind: 'account', label: 'b', scope: 'org' } },
        ],
        edges: [],
      },
      'account',
    );
    const label = graph.getNodeAttributes(`${OU_LABEL_PREFIX}Root`);
    expect(label.labelPosition).toBe('above');
    graph.forEachNode((_k, a) => {
      if (a.kind === 'account') expect(label.y).toBeGreaterThan(a.y);
    });
  });
});

describe('diffHighlightOf', () => {
  const diffEdge = (source: string, target: string, kind: 'can-assume' | 'can-access') => ({
    source,
    target,
    kind,
    decision: 'allow' as const,
    conditionKeys: [],
  });
  const partnerRole = 'arn:aws:iam::500000000001:role/PartnerAuditRole';
  const removedRole = 'arn:aws:iam::222222222222:role/CloudHealthRole';
  const cloudhealth = root('454464851268');

  it('at account level: an added edge lights its aggregate; a removed one is drawn back, once', () => {
    const { graph } = toDisplayGraph(
      {
        nodes: [
          ...accountView.nodes,
          {
            key: cloudhealth,
            attributes: { kind: 'account', label: 'CloudHealth', scope: 'vendor' },
          },
        ],
        edges: accountView.edges,
      },
      'account',
    );
    const edgesBefore = graph.size;
    const added = [
      diffEdge(root('999988887777'), partnerRole, 'can-assume'),
      // Inside one account: no edge of the account-level view stands for it.
      diffEdge(partnerRole, 'arn:aws:s3:::acme-app-data-500000000001', 'can-access'),
    ];
    const removed = [diffEdge(cloudhealth, removedRole, 'can-assume')];
    const h = diffHighlightOf(graph, 'account', added, removed);
    expect([...h.added]).toEqual(['e2']);
    expect(h.notShown).toBe(1);
    expect(h.removed.size).toBe(1);
    const [ghost] = [...h.removed];
    expect([graph.source(ghost!), graph.target(ghost!)]).toEqual([
      cloudhealth,
      root('222222222222'),
    ]);
    expect(graph.getEdgeAttribute(ghost!, 'removed')).toBe(true);
    expect(graph.size).toBe(edgesBefore + 1);
    expect(h.removedFrom.get(ghost!)).toEqual(removed);
    // Computing the highlight again (a re-render) adds nothing.
    const again = diffHighlightOf(graph, 'account', added, removed);
    expect([...again.removed]).toEqual([ghost]);
    expect(graph.size).toBe(edgesBefore + 1);
    // A removed edge counts for nothing in the outsiders list.
    expect(listOutsiders(graph).find((o) => o.key === cloudhealth)).toMatchObject({ edges: 0 });
  });

  it('at account level: an aggregate that lost a role-level edge but stands is drawn once', () => {
    const { graph } = toDisplayGraph(accountView, 'account');
    const edgesBefore = graph.size;
    const lost = diffEdge(
      root('999988887777'),
      'arn:aws:iam::500000000001:role/OldAuditRole',
      'can-assume',
    );
    const h = diffHighlightOf(graph, 'account', [], [lost]);
    // The standing aggregate shows the removal; no second edge on top of it.
    expect([...h.removed]).toEqual(['e2']);
    expect(graph.size).toBe(edgesBefore);
    expect(graph.getEdgeAttribute('e2', 'removed')).toBeUndefined();
    // What it stands for, for the side panel.
    expect(h.removedFrom.get('e2')).toEqual([lost]);
  });

  it('at principal level: a removed edge the view lacks is added back, marked removed', () => {
    const { graph } = toDisplayGraph(
      {
        nodes: [
          {
            key: cloudhealth,
            attributes: { kind: 'account', label: 'CloudHealth', scope: 'vendor' },
          },
          {
            key: partnerRole,
            attributes: { kind: 'role', label: 'PartnerAuditRole', scope: 'org' },
          },
          {
            key: root('999988887777'),
            attributes: { kind: 'account', label: 'x', scope: 'external' },
          },
        ],
        edges: [
          {
            key: 'trust',
            source: root('999988887777'),
            target: partnerRole,
            attributes: { kind: 'can-assume', decision: 'allow' },
          },
        ],
      },
      'principal',
    );
    const h = diffHighlightOf(
      graph,
      'principal',
      [diffEdge(root('999988887777'), partnerRole, 'can-assume')],
      [diffEdge(cloudhealth, removedRole, 'can-assume')],
    );
    expect([...h.added]).toEqual(['trust']);
    expect(graph.getEdgeAttribute('trust', 'removed')).toBeUndefined();
    const [ghost] = [...h.removed];
    expect(graph.hasNode(removedRole)).toBe(true);
    expect(graph.getEdgeAttribute(ghost!, 'removed')).toBe(true);
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

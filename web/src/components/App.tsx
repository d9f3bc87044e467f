/**
 * The dashboard: header (search, views, scan), the graph in the middle, the tool of the current
 * view on the left, details on the right. All state that a link should carry lives in the URL
 * (state/url-state.ts); the rest is derived from API answers.
 */
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { parseArn } from '../../../shared/arn/parse-arn.js';
import { getJson } from '../api/client.js';
import { fetchGraph, type GraphProgress } from '../api/fetch-graph.js';
import type { DiffEdge, DiffResponse, NodeDetailResponse, PathHop } from '../api/types.js';
import { diffHighlightOf } from '../graph/diff-highlight.js';
import { useRequest } from '../api/use-request.js';
import {
  isAccessNode,
  toDisplayGraphAsync,
  type DisplayGraphResult,
} from '../graph/display-graph.js';
import type { Highlight } from '../graph/highlight.js';
import { mergePaths } from '../graph/merge-paths.js';
import { listOutsiders, listSignIns } from '../graph/outsiders.js';
import {
  DEFAULT_URL_STATE,
  formatUrlState,
  parseUrlState,
  type UrlState,
  type View,
} from '../state/url-state.js';
import { accountListText } from './account-list.js';
import { ViewContexts } from './ViewContexts.js';
import { BlastRadius } from './BlastRadius.js';
import { SummaryBanner } from './SummaryBanner.js';
import { ErrorBoundary } from './ErrorBoundary.js';
import { FindingsTable } from './FindingsTable.js';
import { GraphCanvas } from './GraphCanvas.js';
import { Legend } from './Legend.js';
import { NodePicker } from './NodePicker.js';
import { OutsidersList } from './OutsidersList.js';
import { PathFinder } from './PathFinder.js';
import { RequestStatus } from './RequestStatus.js';
import { CoverageBanner } from './CoverageBanner.js';
import { ScansPanel } from './ScansPanel.js';
import { WhatIfPanel, type WhatIfPanelProps } from './WhatIfPanel.js';
import { SidePanel, type SelectedEdge } from './SidePanel.js';
import { WhoCanReach } from './WhoCanReach.js';

type NodeHints = ReadonlyMap<string, Record<string, unknown>>;
const NO_HINTS: NodeHints = new Map();

const VIEW_TITLES: Readonly<Record<View, string>> = {
  org: 'Organization',
  drill: 'Accounts',
  path: 'Path finder',
  reach: 'Who can reach',
  blast: 'Blast radius',
  findings: 'Findings',
  scans: 'Scans',
  'what-if': 'What if',
};
const TAB_VIEWS: readonly View[] = [
  'org',
  'path',
  'reach',
  'blast',
  'findings',
  'scans',
  'what-if',
];
/** At most this many accounts are opened together at principal level. */
const MAX_OPEN_ACCOUNTS = 12;

type Patch = Partial<{ [K in keyof UrlState]: UrlState[K] | undefined }>;

function applyPatch(state: UrlState, patch: Patch): UrlState {
  const defaults = new Map<string, unknown>(Object.entries(DEFAULT_URL_STATE));
  const next = new Map<string, unknown>(Object.entries(state));
  for (const [key, value] of Object.entries(patch) as [string, unknown][]) {
    const fallback = defaults.get(key);
    if (value !== undefined) next.set(key, value);
    else if (fallback !== undefined) next.set(key, fallback);
    else next.delete(key);
  }
  return Object.fromEntries(next) as unknown as UrlState;
}

function accountsOfPaths(paths: readonly (readonly PathHop[])[]): string[] {
  const ids = new Set<string>();
  for (const path of paths)
    for (const hop of path)
      for (const key of [hop.source, hop.target]) {
        const id = parseArn(key)?.accountId;
        if (id !== undefined && /^\d{12}$/.test(id)) ids.add(id);
      }
  return [...ids].sort().slice(0, MAX_OPEN_ACCOUNTS);
}

/** Account id → its name in a graph (organization name, vendor), to show principals with it. */
function accountNamesOf(graph: DisplayGraphResult['graph']): Map<string, string> {
  const map = new Map<string, string>();
  graph.forEachNode((_key, a) => {
    if (a.kind !== 'account' || a.accountId === undefined) return;
    const name = a.accountName ?? a.vendor ?? (a.label === a.accountId ? undefined : a.label);
    if (name !== undefined) map.set(a.accountId, name);
  });
  return map;
}

function sameList(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}

export function App() {
  const [url, setUrl] = useState<UrlState>(() => parseUrlState(window.location.search));
  const [paths, setPaths] = useState<readonly (readonly PathHop[])[]>([]);
  // Kind and label of path nodes the loaded view may lack (IAM Identity Center people).
  const [pathNodeHints, setPathNodeHints] = useState<NodeHints>(NO_HINTS);

  useEffect(() => {
    const onPop = (): void => {
      setUrl(parseUrlState(window.location.search));
    };
    window.addEventListener('popstate', onPop);
    return () => {
      window.removeEventListener('popstate', onPop);
    };
  }, []);

  const navigate = useCallback((patch: Patch, mode: 'push' | 'replace' = 'push') => {
    setUrl((current) => {
      const next = applyPatch(current, patch);
      const search = formatUrlState(next);
      if (search !== window.location.search) {
        const target = `${window.location.pathname}${search}`;
        if (mode === 'push') window.history.pushState(null, '', target);
        else window.history.replaceState(null, '', target);
      }
      return next;
    });
  }, []);

  // The graph: account level by default, principal level for the opened accounts. Fetched and
  // parsed in a worker, received in chunks (the page stays responsive on 50,000 nodes).
  const accountsKey = url.accounts.join(',');
  const [graphProgress, setGraphProgress] = useState<string | undefined>(undefined);
  const loadGraph = useCallback(
    async (signal: AbortSignal) => {
      const level = accountsKey === '' ? 'account' : 'principal';
      setGraphProgress(undefined);
      let shown = -1;
      const onProgress = ({ received, total }: GraphProgress): void => {
        const percent = total === 0 ? 100 : Math.floor((received / total) * 20) * 5;
        if (percent === shown) return;
        shown = percent;
        setGraphProgress(
          `${String(percent)}% of ${total.toLocaleString('en-US')} nodes and edges received`,
        );
      };
      // The compact wire form (shared/api/compact-graph.ts): a fraction of the export JSON.
      performance.mark('trustmap:graph-requested');
      const answer = await fetchGraph(
        level === 'account'
          ? { level, scan: url.scan, format: 'compact' }
          : { level, accounts: accountsKey, scan: url.scan, format: 'compact' },
        signal,
        onProgress,
      );
      performance.mark('trustmap:graph-received');
      setGraphProgress('building the graph');
      const built = await toDisplayGraphAsync(answer.graph, level, signal);
      performance.mark('trustmap:graph-built');
      return { ...built, level, truncated: answer.truncated } as const;
    },
    [accountsKey, url.scan],
  );
  const graphState = useRequest(loadGraph, [accountsKey, url.scan]);
  const display = graphState.status === 'done' ? graphState.data : undefined;

  // Path-based views open the accounts their results run through.
  const onResult = useCallback((found: readonly (readonly PathHop[])[], hints?: NodeHints) => {
    setPaths(found);
    setPathNodeHints(hints ?? NO_HINTS);
    const accounts = accountsOfPaths(found);
    if (accounts.length > 0) {
      setUrl((current) => {
        if (sameList(current.accounts, accounts)) return current;
        const next = { ...current, accounts };
        window.history.replaceState(null, '', `${window.location.pathname}${formatUrlState(next)}`);
        return next;
      });
    }
  }, []);
  // Views whose results are paths on the graph (a finding opened shows its path too).
  const pathView =
    url.view === 'path' ||
    url.view === 'reach' ||
    url.view === 'blast' ||
    (url.view === 'findings' && url.finding !== undefined);
  const pathHighlight = useMemo(
    () =>
      display !== undefined && pathView && paths.length > 0
        ? mergePaths(display.graph, paths, pathNodeHints)
        : undefined,
    [display, paths, pathView, pathNodeHints],
  );

  // Diff with the previous scan.
  const loadDiff = useCallback(
    (signal: AbortSignal) => {
      // Without `from`, the server diffs against the scan before `to`.
      return getJson<DiffResponse>('diff', { to: url.scan }, signal);
    },
    [url.scan],
  );
  // The diff is the Scans view's: its toggle lives there, and its colours on another view's answer
  // (a blast radius, a path) would say nothing that view explains. `diff=1` stays in the URL for
  // the way back.
  const diffShown = url.diff && url.view === 'scans';
  const diffState = useRequest(diffShown ? loadDiff : undefined, [diffShown, url.scan]);
  // A planned change's edges (What if view), highlighted as a scan diff is.
  const [whatIfDiff, setWhatIfDiff] = useState<Parameters<WhatIfPanelProps['onDiff']>[0]>();
  const diffHighlight = useMemo(() => {
    if (url.view === 'what-if') {
      if (display === undefined || whatIfDiff === undefined) return undefined;
      // The graph on screen is the one before the change: the edges the change removes are on
      // it, the ones it adds are drawn over it (diff-highlight's "removed" overlay, swapped).
      const h = diffHighlightOf(
        display.graph,
        display.level,
        whatIfDiff.removedEdges,
        whatIfDiff.newEdges,
      );
      return { ...h, added: h.removed, removed: h.added };
    }
    // The first scan has nothing to compare with: nothing to highlight.
    if (display === undefined || diffState.status !== 'done' || diffState.data.from === null)
      return undefined;
    return diffHighlightOf(
      display.graph,
      display.level,
      diffState.data.newEdges,
      diffState.data.removedEdges,
    );
  }, [display, diffState, url.view, whatIfDiff]);

  const hideKey = url.hide.join(',');
  const hide = useMemo(() => new Set(url.hide), [hideKey]);
  // What a focused answer is about: its label wins when the answer's labels collide.
  const anchorKey = (
    url.view === 'reach'
      ? [url.resource]
      : url.view === 'blast'
        ? [url.principal]
        : url.view === 'path'
          ? [url.from, url.to]
          : []
  )
    .filter((k): k is string => k !== undefined)
    .join('\n');
  const anchorNodes = useMemo(
    () => new Set(anchorKey === '' ? [] : anchorKey.split('\n')),
    [anchorKey],
  );
  const highlight = useMemo<Highlight>(() => {
    const h: Highlight = {};
    if (url.node !== undefined) h.selectedNode = url.node;
    if (url.edge !== undefined) h.selectedEdge = url.edge;
    if (pathHighlight !== undefined) {
      h.focusNodes = pathHighlight.nodes;
      h.focusEdges = pathHighlight.edges;
      h.anchorNodes = anchorNodes;
    }
    if (diffHighlight !== undefined) {
      h.addedEdges = diffHighlight.added;
      h.removedEdges = diffHighlight.removed;
    }
    if (hide.size > 0) h.hide = hide;
    return h;
  }, [url.node, url.edge, pathHighlight, anchorNodes, diffHighlight, hide]);

  const focus = useMemo(() => {
    if (pathHighlight !== undefined && pathHighlight.nodes.size > 0)
      return [...pathHighlight.nodes];
    return url.node === undefined ? [] : [url.node];
  }, [pathHighlight, url.node]);

  const labels = useMemo(() => {
    const map = new Map<string, string>();
    display?.graph.forEachNode((key, a) => map.set(key, a.label));
    return map;
  }, [display, pathHighlight]);

  // Account id → its name on screen (organization name, vendor), to show principals with it.
  const namesOnScreen = useMemo(
    () => (display === undefined ? new Map<string, string>() : accountNamesOf(display.graph)),
    [display],
  );

  const outsiders = useMemo(
    () => (display === undefined ? [] : listOutsiders(display.graph)),
    [display],
  );
  const signIns = useMemo(
    () => (display === undefined ? [] : listSignIns(display.graph)),
    [display],
  );

  // What the organization view of the scan shown last said: every account's name and the number
  // of outsiders. A principal-level view holds only the accounts it opened, so the header's count
  // and the names in every list (findings, who-can-reach) keep to the organization's.
  const [orgView, setOrgView] = useState<{
    scan: string | undefined;
    outsiders: number;
    names: ReadonlyMap<string, string>;
  }>();
  useEffect(() => {
    if (display?.level === 'account')
      setOrgView({ scan: url.scan, outsiders: outsiders.length, names: namesOnScreen });
  }, [display, outsiders, namesOnScreen, url.scan]);
  const orgFacts = orgView?.scan === url.scan ? orgView : undefined;
  // A link straight to a principal-level view (a shared finding) never showed the organization
  // view: read it once, after the view asked for, for these facts alone.
  const needOrgFacts =
    display !== undefined && display.level !== 'account' && orgFacts === undefined;
  const loadOrgFacts = useCallback(
    async (signal: AbortSignal) => {
      const answer = await fetchGraph(
        { level: 'account', scan: url.scan, format: 'compact' },
        signal,
      );
      const built = await toDisplayGraphAsync(answer.graph, 'account', signal);
      return {
        scan: url.scan,
        outsiders: listOutsiders(built.graph).length,
        names: accountNamesOf(built.graph),
      };
    },
    [url.scan],
  );
  const orgFactsState = useRequest(needOrgFacts ? loadOrgFacts : undefined, [
    needOrgFacts,
    url.scan,
  ]);
  useEffect(() => {
    if (orgFactsState.status === 'done') setOrgView(orgFactsState.data);
  }, [orgFactsState]);
  const accountNames = useMemo(
    () => (orgFacts === undefined ? namesOnScreen : new Map([...orgFacts.names, ...namesOnScreen])),
    [orgFacts, namesOnScreen],
  );
  const outsiderCount = display?.level === 'account' ? outsiders.length : orgFacts?.outsiders;

  const selectedEdge = useMemo<SelectedEdge | undefined>(() => {
    const graph = display?.graph;
    if (graph === undefined || url.edge === undefined || !graph.hasEdge(url.edge)) return undefined;
    const source = graph.source(url.edge);
    const target = graph.target(url.edge);
    const a = graph.getEdgeAttributes(url.edge);
    const removed = diffHighlight?.removedFrom.get(url.edge);
    const previousScan = diffState.status === 'done' ? diffState.data.from : null;
    const sourceAttributes = graph.getNodeAttributes(source);
    return {
      key: url.edge,
      source,
      target,
      sourceLabel: sourceAttributes.label,
      targetLabel: graph.getNodeAttribute(target, 'label'),
      level: display?.level === 'account' ? 'account' : 'principal',
      ...(isAccessNode(sourceAttributes) ? { sourceKind: sourceAttributes.kind } : {}),
      ...(sourceAttributes.scope === undefined ? {} : { sourceScope: sourceAttributes.scope }),
      state: a.state,
      // An aggregate has no kind of its own: its `kinds` say what it stands for.
      attributes: {
        ...a.detail,
        count: a.count,
        decision: a.decision ?? a.detail.decision,
        ...(display?.level === 'account' ? {} : { kind: a.detail.kind ?? a.kind }),
        ...(a.removed === true ? { removed: true } : {}),
      },
      ...(removed === undefined || previousScan === null
        ? {}
        : { removedSince: { scan: previousScan, edges: removed } }),
      ...(typeof a.detail.workload === 'string'
        ? { workloadShown: graph.hasNode(a.detail.workload) }
        : {}),
    };
  }, [display, url.edge, diffHighlight, diffState]);

  /** Selects a node; a principal of an account not opened opens that account. */
  const selectNode = useCallback(
    (key: string) => {
      const graph = display?.graph;
      if (graph?.hasNode(key) === true) {
        navigate({ node: key, edge: undefined, finding: undefined });
        return;
      }
      void getJson<NodeDetailResponse>('node', { key, scan: url.scan })
        .then((detail) => {
          const account = detail.attributes.accountId;
          navigate({
            node: key,
            edge: undefined,
            finding: undefined,
            ...(account !== undefined && detail.attributes.kind !== 'account'
              ? { accounts: [account] }
              : {}),
          });
        })
        .catch(() => {
          navigate({ node: key, edge: undefined });
        });
    },
    [display, navigate, url.scan],
  );

  const handlers = useMemo(
    () => ({
      onNode: (key: string) => {
        // Label-only nodes (OU names) are not principals: nothing to select.
        const attributes =
          display?.graph.hasNode(key) === true ? display.graph.getNodeAttributes(key) : undefined;
        if (attributes !== undefined && !isAccessNode(attributes)) return;
        navigate({ node: key, edge: undefined, finding: undefined });
      },
      onEdge: (key: string) => {
        navigate({ edge: key, node: undefined, finding: undefined });
      },
      onStage: () => {
        navigate({ node: undefined, edge: undefined, finding: undefined });
      },
    }),
    [navigate, display],
  );

  const openAccount = useCallback(
    (accountId: string) => {
      navigate({ view: 'drill', accounts: [accountId], node: undefined, edge: undefined });
    },
    [navigate],
  );

  /**
   * Opens a finding: its panel, its subject selected (its account opened: the finding names it,
   * so no lookup of a subject that may not be a node — a deleted Identity Center user).
   */
  const openFinding = useCallback(
    (finding: { id: string; subject: string; accountId?: string | undefined }) => {
      const account = finding.subject.endsWith(':root') ? undefined : finding.accountId;
      navigate({
        finding: finding.id,
        node: finding.subject,
        edge: undefined,
        accounts: account === undefined ? [] : [account],
      });
    },
    [navigate],
  );

  /** A row of the Scans diff lists: the edge on screen that stands for it, else its target. */
  const selectDiffEdge = useCallback(
    (edge: DiffEdge, change: 'added' | 'removed') => {
      if (change === 'removed' && diffHighlight !== undefined)
        for (const [key, list] of diffHighlight.removedFrom)
          if (list.includes(edge)) {
            navigate({ edge: key, node: undefined, finding: undefined });
            return;
          }
      const graph = display?.graph;
      if (change === 'removed' && graph !== undefined) {
        // Not drawn (inside one account): its source, when the scan shown still has it.
        if (graph.hasNode(edge.source)) navigate({ node: edge.source, edge: undefined });
        return;
      }
      selectNode(edge.target);
    },
    [diffHighlight, display, navigate, selectNode],
  );

  // What the canvas shows in words (its text is drawn by WebGL): counts and the OU labels.
  const shown = useMemo(() => {
    const ous: string[] = [];
    let nodes = 0;
    let edges = 0;
    display?.graph.forEachNode((_key, a) => {
      if (isAccessNode(a)) nodes += 1;
      else ous.push(a.label);
    });
    display?.graph.forEachEdge((_key, a) => {
      if (a.removed !== true) edges += 1;
    });
    return { nodes, edges, ous };
    // `diffHighlight` may add removed edges to the graph: count again when it changes.
  }, [display, diffHighlight]);
  const description =
    display === undefined
      ? 'Access graph (loading)'
      : `Access graph: ${shown.nodes} nodes, ${shown.edges} edges`;
  const openAccounts =
    url.accounts.length > 0 ? accountListText(url.accounts, undefined, accountNames) : undefined;
  // A principal-level view with no edge at all (an account that could not be read): said in
  // words instead of drawn.
  const nothingOpened = display?.level === 'principal' && display.graph.size === 0;
  // Another view's tool starts at its top: the left panel is one scrolling box for every view, so
  // the findings table would otherwise open scrolled down to the legend where a long answer ended.
  const leftPanel = useRef<HTMLElement>(null);
  useEffect(() => {
    if (leftPanel.current !== null) leftPanel.current.scrollTop = 0;
  }, [url.view]);

  return (
    <ViewContexts accountNames={accountNames} scan={url.scan}>
      <div className="app" data-testid="app" data-view={url.view}>
        <header className="top">
          <h1>trustmap</h1>
          <nav className="tabs" aria-label="Views">
            {TAB_VIEWS.map((view) => (
              <button
                key={view}
                type="button"
                className={
                  url.view === view || (view === 'org' && url.view === 'drill')
                    ? 'tab active'
                    : 'tab'
                }
                aria-current={url.view === view ? 'page' : undefined}
                data-testid={`tab-${view}`}
                onClick={() => {
                  setPaths([]);
                  navigate(
                    view === 'org'
                      ? { view, accounts: [], node: undefined, edge: undefined }
                      : { view, edge: undefined },
                  );
                }}
              >
                {VIEW_TITLES[view]}
              </button>
            ))}
          </nav>
          <SummaryBanner
            scan={url.scan}
            {...(outsiderCount === undefined ? {} : { outsiders: outsiderCount })}
            onOpen={(patch) => {
              // The counts are the whole scan's: their list drops the filters set before.
              navigate({
                rule: undefined,
                status: undefined,
                q: undefined,
                account: undefined,
                ...patch,
                node: undefined,
                edge: undefined,
                finding: undefined,
              });
            }}
          />
          <div className="search">
            <NodePicker
              label="Find"
              testId="search"
              onPick={(key) => {
                if (key !== undefined) selectNode(key);
              }}
            />
          </div>
        </header>
        <CoverageBanner scan={url.scan} />
        <main className="layout">
          <section className="left" aria-label={VIEW_TITLES[url.view]} ref={leftPanel}>
            <ErrorBoundary what={VIEW_TITLES[url.view]} resetKey={formatUrlState(url)}>
              {url.view === 'org' || url.view === 'drill' ? (
                <>
                  {openAccounts !== undefined ? (
                    <div
                      className="breadcrumb"
                      data-testid="open-accounts"
                      title={openAccounts.full}
                    >
                      <button
                        type="button"
                        className="link"
                        onClick={() => {
                          navigate({ view: 'org', accounts: [], node: undefined, edge: undefined });
                        }}
                      >
                        Organization
                      </button>{' '}
                      › {openAccounts.text}
                    </div>
                  ) : null}
                  <h2>Outside the organization</h2>
                  <OutsidersList
                    {...(nothingOpened
                      ? {
                          emptyText:
                            'Nothing to list: no edge of the open accounts is in this scan (see the graph).',
                        }
                      : {})}
                    outsiders={outsiders}
                    selected={url.node}
                    onSelect={(key) => {
                      navigate({ node: key, edge: undefined });
                    }}
                  />
                  {signIns.length > 0 ? (
                    <>
                      <h2>The organization&apos;s own sign-in</h2>
                      <OutsidersList
                        outsiders={signIns}
                        label="The organization's own sign-in"
                        listTestId="sign-ins"
                        rowTestId="sign-in"
                        selected={url.node}
                        onSelect={(key) => {
                          navigate({ node: key, edge: undefined });
                        }}
                      />
                    </>
                  ) : null}
                </>
              ) : null}
              {url.view === 'path' ? (
                <PathFinder
                  from={url.from}
                  to={url.to}
                  conditional={url.conditional}
                  scan={url.scan}
                  labels={labels}
                  onChange={(patch) => {
                    navigate(patch);
                  }}
                  onResult={onResult}
                  onSelectNode={selectNode}
                />
              ) : null}
              {url.view === 'reach' ? (
                <WhoCanReach
                  resource={url.resource}
                  action={url.action}
                  scan={url.scan}
                  labels={labels}
                  onChange={(patch) => {
                    navigate(patch);
                  }}
                  onResult={onResult}
                  onSelectNode={selectNode}
                  onOpenAccountEdge={(key) => {
                    setPaths([]);
                    navigate({ view: 'org', accounts: [], edge: key, node: undefined });
                  }}
                />
              ) : null}
              {url.view === 'findings' ? (
                <FindingsTable
                  severity={url.severity}
                  {...(url.severityOnly === true ? { severityOnly: true } : {})}
                  rule={url.rule}
                  status={url.status}
                  q={url.q}
                  {...(url.account === undefined ? {} : { account: url.account })}
                  scan={url.scan}
                  selected={url.node}
                  {...(url.finding === undefined ? {} : { openFinding: url.finding })}
                  onChange={(patch) => {
                    navigate(patch, 'replace');
                  }}
                  onOpenFinding={openFinding}
                />
              ) : null}
              {url.view === 'scans' ? (
                <ScansPanel
                  scan={url.scan}
                  diff={url.diff}
                  onChange={(patch) => {
                    navigate(patch);
                  }}
                  diffState={diffState}
                  notShown={diffHighlight?.notShown ?? 0}
                  labels={labels}
                  onSelectDiffEdge={selectDiffEdge}
                  graphReady={display !== undefined}
                />
              ) : null}
              {url.view === 'blast' ? (
                <BlastRadius
                  principal={url.principal}
                  scan={url.scan}
                  labels={labels}
                  onChange={(patch) => {
                    navigate(patch);
                  }}
                  onResult={onResult}
                  onSelectNode={selectNode}
                />
              ) : null}
              {url.view === 'what-if' ? (
                <WhatIfPanel
                  scan={url.scan}
                  onDiff={setWhatIfDiff}
                  labels={labels}
                  onSelectNode={selectNode}
                />
              ) : null}
              <Legend
                diff={diffShown || (url.view === 'what-if' && whatIfDiff !== undefined)}
                hide={url.hide}
                onHide={(next) => {
                  navigate({ hide: next }, 'replace');
                }}
              />
            </ErrorBoundary>
          </section>
          <section className="centre" aria-label="Access graph">
            <ErrorBoundary what="graph" resetKey={accountsKey}>
              <RequestStatus
                state={graphState}
                what="the access graph"
                progress={graphProgress}
                isEmpty={(d) => d.graph.order === 0}
                emptyText="The graph is empty: no scan has data yet."
              >
                {() =>
                  display === undefined ? null : (
                    <>
                      {display.problems.length > 0 ? (
                        <p className="status status-error" role="alert">
                          {display.problems.length} element
                          {display.problems.length === 1 ? '' : 's'} of the answer could not be read
                          and are not drawn (first: {display.problems[0]}).
                        </p>
                      ) : null}
                      {display.truncated ? (
                        <p className="status status-error" role="status">
                          The server's node limit was reached: part of these accounts is not shown.
                        </p>
                      ) : null}
                      {nothingOpened ? (
                        // One account node alone: nothing to draw (Sigma would fill the canvas
                        // with it), and nothing is not "no access".
                        <p
                          className="status status-empty graph-nothing"
                          data-testid="graph-nothing"
                        >
                          No role, user, bucket, resource or edge of {openAccounts?.text ?? ''} is
                          in this scan. An account listed in the banner above could not be read: who
                          can reach it is unknown, not absent.
                        </p>
                      ) : (
                        <GraphCanvas
                          graph={display.graph}
                          highlight={highlight}
                          focus={focus}
                          handlers={handlers}
                          description={description}
                        />
                      )}
                      <p
                        className="graph-summary row-meta"
                        data-testid="graph-summary"
                        data-level={display.level}
                      >
                        {description}
                      </p>
                      {diffHighlight === undefined ? null : (
                        <ul className="visually-hidden" data-testid="diff-drawn">
                          {(['added', 'removed'] as const).flatMap((change) =>
                            [...diffHighlight[change]]
                              .filter((key) => display.graph.hasEdge(key))
                              .map((key) => {
                                const source = display.graph.source(key);
                                const target = display.graph.target(key);
                                return (
                                  <li
                                    key={`${change} ${key}`}
                                    data-edge={key}
                                    data-change={change}
                                    data-source={source}
                                    data-target={target}
                                  >
                                    Edge {change === 'added' ? 'added' : 'removed'} since the
                                    previous scan: {display.graph.getNodeAttribute(source, 'label')}{' '}
                                    → {display.graph.getNodeAttribute(target, 'label')}
                                  </li>
                                );
                              }),
                          )}
                        </ul>
                      )}
                      {shown.ous.length > 0 ? (
                        <ul className="visually-hidden" data-testid="ou-labels">
                          {shown.ous.map((ou) => (
                            <li key={ou} data-testid="ou-label" data-ou={ou}>
                              Organizational unit {ou}
                            </li>
                          ))}
                        </ul>
                      ) : null}
                    </>
                  )
                }
              </RequestStatus>
            </ErrorBoundary>
          </section>
          <ErrorBoundary
            what="details"
            resetKey={`${url.node ?? ''} ${url.edge ?? ''} ${url.finding ?? ''}`}
          >
            <SidePanel
              {...(url.finding === undefined ? {} : { finding: url.finding })}
              onFindingPath={onResult}
              {...(url.node === undefined ? {} : { node: url.node })}
              {...(selectedEdge === undefined ? {} : { edge: selectedEdge })}
              {...(url.scan === undefined ? {} : { scan: url.scan })}
              onSelectNode={selectNode}
              onOpenAccount={openAccount}
              onAccountFindings={(accountId) => {
                setPaths([]);
                navigate({
                  view: 'findings',
                  account: accountId,
                  severity: undefined,
                  rule: undefined,
                  status: undefined,
                  q: undefined,
                  finding: undefined,
                  edge: undefined,
                });
              }}
              onClose={() => {
                navigate({ node: undefined, edge: undefined, finding: undefined });
              }}
            />
          </ErrorBoundary>
        </main>
      </div>
    </ViewContexts>
  );
}

/**
 * The side panel: everything about the selected node (its trust policy with the granting
 * statements highlighted, its identity policies, a Lambda function's URLs and aliases, findings,
 * inbound and outbound edges) or the selected edge (its evidence, condition keys and decision).
 * Keyboard: Escape closes it wherever the focus is, unless something else used that Escape (an
 * open list of suggestions).
 */
import { useCallback, useEffect } from 'react';
import type { AccountScope, Evidence, NodeKind } from '../../../shared/graph/types.js';
import { getJson } from '../api/client.js';
import type {
  DiffEdge,
  EdgeMembersResponse,
  FindingsResponse,
  EdgeView,
  NodeDetailResponse,
  PathHop,
  PolicyView,
} from '../api/types.js';
import { nameOfKey } from '../graph/node-name.js';
import { useRequest } from '../api/use-request.js';
import {
  classifyEdge,
  EDGE_STATE_LABELS,
  parseEdgeState,
  type EdgeState,
} from '../graph/edge-state.js';
import {
  edgeAction,
  EDGE_KIND_LABELS,
  EDGE_KIND_MEANINGS,
  EDGE_STATE_SENTENCES,
  NODE_KIND_MEANINGS,
  RESOURCE_SERVICE_LABELS,
  WORKLOAD_TYPE_LABELS,
} from '../graph/explain.js';
import { KIND_LABELS, SCOPE_LABELS } from '../graph/node-look.js';
import { groupByName, principalName } from '../graph/principal-name.js';
import { useAccountNames } from './account-names.js';
import { EvidenceList } from './EvidenceList.js';
import { FindingSection } from './FindingSection.js';
import { FunctionFacts } from './FunctionFacts.js';
import { PolicyDocument } from './PolicyDocument.js';
import { RequestStatus } from './RequestStatus.js';
import { VisibleText } from './VisibleText.js';

export interface SelectedEdge {
  key: string;
  source: string;
  target: string;
  sourceLabel: string;
  targetLabel: string;
  attributes: Readonly<Record<string, unknown>>;
  /** `account`: an edge of the organization view, standing for role-level edges. */
  level: 'account' | 'principal';
  /** The source node's kind and scope (they decide the edge's state). */
  sourceKind?: NodeKind;
  sourceScope?: AccountScope;
  /** The state the graph on screen draws the edge in (display-graph.ts). */
  state?: EdgeState;
  /**
   * Diff mode: the role-level edges of scan `scan` (the previous one) that this edge stands for
   * and that the scan shown no longer has.
   */
  removedSince?: { scan: number; edges: readonly DiffEdge[] };
  /**
   * Whether the edge's `workload` (the Auto Scaling group, stack set, deployment group … an
   * escalation goes through) is a node of the graph on screen: a link to it then, its name alone
   * otherwise (such workloads are named by the edge, not drawn).
   */
  workloadShown?: boolean;
}

export interface SidePanelProps {
  node?: string;
  edge?: SelectedEdge;
  /** A finding opened from the findings table (its id); shown before a node or edge. */
  finding?: string;
  scan?: string;
  /** The path of the finding opened, to highlight on the graph (empty when it has none). */
  onFindingPath: (paths: readonly (readonly PathHop[])[]) => void;
  onSelectNode: (key: string) => void;
  onOpenAccount: (accountId: string) => void;
  /** The findings view, filtered to this account's findings. */
  onAccountFindings: (accountId: string) => void;
  onClose: () => void;
}

function evidenceOf(attributes: object): Evidence[] {
  if (!('evidence' in attributes)) return [];
  const e = attributes.evidence;
  return Array.isArray(e) ? (e as Evidence[]) : [];
}

function stringList(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
}

/**
 * Statement indexes of one policy that the given edges rely on — unconditional grants and
 * conditional ones (`requires`: allowed only if its conditions hold) alike: the server's
 * `statementsGranting` when it sends them, else read from the edges' evidence.
 */
function grantingStatementsOf(policy: PolicyView, edges: readonly EdgeView[]): Set<number> {
  if (policy.statementsGranting !== undefined) return new Set(policy.statementsGranting);
  const result = new Set<number>();
  const ref = policy.ref;
  for (const edge of edges) {
    for (const e of evidenceOf(edge.attributes)) {
      // A role has one trust policy: its evidence names it by kind alone.
      const same =
        ref.kind === 'trust' ||
        (ref.arn !== undefined ? e.policy.arn === ref.arn : e.policy.name === ref.name);
      if (
        same &&
        e.policy.kind === ref.kind &&
        (e.role === 'grants' || e.role === 'requires') &&
        e.statementIndex !== undefined
      ) {
        result.add(e.statementIndex);
      }
    }
  }
  return result;
}

/** The badge of an edge's state, in the legend's colour and words. */
export function StateBadge({ state }: { state: EdgeState }) {
  return (
    <span className={`badge state-${state}`} data-testid="state-badge" data-state={state}>
      {EDGE_STATE_LABELS[state]}
    </span>
  );
}

/** Labels the server sent for edge ends that their keys do not name (a KMS key's alias). */
type EndLabels = Readonly<Record<string, string>> | undefined;

function labelOf(labels: EndLabels, key: string): string | undefined {
  return labels !== undefined && Object.hasOwn(labels, key) ? labels[key] : undefined;
}

function EdgeRow({
  edge,
  other,
  labels,
  onSelectNode,
}: {
  edge: EdgeView;
  other: 'source' | 'target';
  labels: EndLabels;
  onSelectNode: (key: string) => void;
}) {
  const accountNames = useAccountNames();
  const key = edge[other];
  const label = principalName(key, accountNames, labelOf(labels, key));
  const decision = typeof edge.attributes.decision === 'string' ? edge.attributes.decision : '';
  const keys = stringList(edge.attributes.conditionKeys);
  return (
    <li data-testid="edge-row" data-key={key}>
      <button
        type="button"
        className="link"
        onClick={() => {
          onSelectNode(key);
        }}
        title={key}
      >
        <VisibleText text={label} max={120} />
      </button>{' '}
      <span className="row-meta">
        {edgeAction(edge.attributes, edge.target)}
        {typeof edge.attributes.technique === 'string'
          ? ` (${edge.attributes.technique})`
          : ''} · <span className={`badge decision-${decision}`}>{decision}</span>
        {keys.length > 0 ? ` on ${keys.join(', ')}` : ''}
      </span>
    </li>
  );
}

/**
 * Edges of one side of a node; edges to principals of the same name (a vendor's role in 35
 * accounts) are one row, opened with a click.
 */
function EdgeRows({
  edges,
  other,
  labels,
  onSelectNode,
  testId,
}: {
  edges: readonly EdgeView[];
  other: 'source' | 'target';
  labels: EndLabels;
  onSelectNode: (key: string) => void;
  testId: string;
}) {
  const nameOf = (key: string): string => labelOf(labels, key) ?? nameOfKey(key);
  const groups = groupByName(
    edges,
    (e) => `${nameOf(e[other])} ${edgeAction(e.attributes, e.target)}`,
  );
  return (
    <ul className="edge-list" data-testid={testId}>
      {groups.map((g) =>
        g.items.length === 1 && g.items[0] !== undefined ? (
          <EdgeRow
            key={g.items[0].key}
            edge={g.items[0]}
            other={other}
            labels={labels}
            onSelectNode={onSelectNode}
          />
        ) : (
          <li key={g.name} data-testid="edge-group" data-count={g.items.length}>
            <details>
              <summary>
                <strong>{nameOf(g.items[0]?.[other] ?? '')}</strong> in {g.items.length} accounts{' '}
                <span className="row-meta">
                  {edgeAction(g.items[0]?.attributes ?? {}, g.items[0]?.target)}
                </span>
              </summary>
              <ul className="edge-list">
                {g.items.map((e) => (
                  <EdgeRow
                    key={e.key}
                    edge={e}
                    other={other}
                    labels={labels}
                    onSelectNode={onSelectNode}
                  />
                ))}
              </ul>
            </details>
          </li>
        ),
      )}
    </ul>
  );
}

/**
 * An account node's own findings are few (coverage, a trust of its root): the findings of its
 * roles, buckets and resources are counted here, with a link to them, so that "Findings (0)"
 * never reads as "nothing wrong in this account".
 */
function AccountFindingsLink({
  accountId,
  scan,
  onAccountFindings,
}: {
  accountId: string;
  scan: string | undefined;
  onAccountFindings: (id: string) => void;
}) {
  const load = useCallback(
    (signal: AbortSignal) =>
      getJson<FindingsResponse>('findings', { account: accountId, scan, limit: 1 }, signal),
    [accountId, scan],
  );
  const state = useRequest(load, [accountId, scan]);
  if (state.status !== 'done') return null;
  const total = state.data.total;
  return (
    <p data-testid="account-findings" data-total={total}>
      <button
        type="button"
        className="link"
        onClick={() => {
          onAccountFindings(accountId);
        }}
      >
        {total} finding{total === 1 ? '' : 's'} in this account (its roles, users, buckets and
        resources)
      </button>
    </p>
  );
}

function NodeSection({
  detail,
  scan,
  onSelectNode,
  onOpenAccount,
  onAccountFindings,
}: {
  detail: NodeDetailResponse;
  scan: string | undefined;
  onSelectNode: (key: string) => void;
  onOpenAccount: (id: string) => void;
  onAccountFindings: (id: string) => void;
}) {
  const accountNames = useAccountNames();
  const a = detail.attributes;
  const trust = detail.policies.filter((p) => p.ref.kind === 'trust');
  const others = detail.policies.filter((p) => p.ref.kind !== 'trust');

  return (
    <div data-testid="node-detail" data-key={detail.key}>
      <h2 className="panel-title" data-testid="panel-title">
        <VisibleText text={a.label} max={120} />
      </h2>
      <dl className="facts">
        <dt>Kind</dt>
        <dd>
          {KIND_LABELS[a.kind]}
          <div className="row-meta" data-testid="kind-meaning">
            {a.kind === 'resource' && a.service !== undefined
              ? RESOURCE_SERVICE_LABELS[a.service]
              : a.kind === 'workload' &&
                  typeof a.workloadType === 'string' &&
                  Object.hasOwn(WORKLOAD_TYPE_LABELS, a.workloadType)
                ? WORKLOAD_TYPE_LABELS[a.workloadType]
                : NODE_KIND_MEANINGS[a.kind]}
          </div>
        </dd>
        <dt>Key</dt>
        <dd>
          <code className="arn">
            <VisibleText text={detail.key} />
          </code>
        </dd>
        {a.accountId === undefined ? null : (
          <>
            <dt>Account</dt>
            <dd>
              {a.accountId}
              {(a.accountName ?? accountNames.get(a.accountId)) === undefined ? (
                ''
              ) : (
                <>
                  {' '}
                  (<VisibleText text={a.accountName ?? accountNames.get(a.accountId) ?? ''} />)
                </>
              )}
            </dd>
          </>
        )}
        {a.scope === undefined ? null : (
          <>
            <dt>Scope</dt>
            <dd>
              {SCOPE_LABELS[a.scope]}
              {a.vendor === undefined ? (
                ''
              ) : (
                <>
                  {' '}
                  — <VisibleText text={a.vendor} />
                </>
              )}
            </dd>
          </>
        )}
        {a.ouPath === undefined ? null : (
          <>
            <dt>OU</dt>
            <dd>
              <VisibleText text={a.ouPath} />
            </dd>
          </>
        )}
        {a.admin === true ? (
          <>
            <dt>Admin</dt>
            <dd>yes: its effective policies allow everything</dd>
          </>
        ) : null}
        {a.unresolved === true ? (
          <>
            <dt>Unresolved</dt>
            <dd>named in a policy, not found in a scanned account</dd>
          </>
        ) : null}
      </dl>
      {a.kind === 'account' && a.accountId !== undefined ? (
        <button
          type="button"
          className="primary"
          data-testid="open-account"
          onClick={() => {
            onOpenAccount(a.accountId ?? '');
          }}
        >
          Open account: roles and users
        </button>
      ) : null}
      {a.kind === 'resource' && a.service === 'lambda' && detail.lambda !== undefined ? (
        <FunctionFacts lambda={detail.lambda} />
      ) : null}
      {trust.map((p, i) => (
        <PolicyDocument
          key={`t${i}`}
          title="Trust policy"
          document={p.document}
          highlighted={grantingStatementsOf(p, detail.inbound)}
        />
      ))}
      {others.length > 0 ? <h3>Policies ({others.length})</h3> : null}
      {others.map((p, i) => (
        <details key={`p${i}`} className="policy-details">
          <summary>
            {p.ref.kind}: {p.ref.name}
          </summary>
          <PolicyDocument
            title={p.ref.arn ?? p.ref.name}
            document={p.document}
            highlighted={grantingStatementsOf(p, detail.outbound)}
          />
        </details>
      ))}
      <h3>
        {a.kind === 'account' && a.scope === 'org' ? 'Findings of the account itself' : 'Findings'}{' '}
        ({detail.findings.length})
      </h3>
      {detail.findings.length === 0 ? (
        <p className="status status-empty">No findings.</p>
      ) : (
        <ul className="findings-list">
          {detail.findings.map((f) => (
            <li key={f.id}>
              <span className={`badge severity-${f.severity}`}>{f.severity}</span> {f.title}{' '}
              <code>{f.rule}</code>
            </li>
          ))}
        </ul>
      )}
      {a.kind === 'account' && a.scope === 'org' && a.accountId !== undefined ? (
        // An outside account's findings are on the organization's roles and resources it reaches
        // (its blast radius says which), never "in" it: no count that would read as "none".
        <AccountFindingsLink
          accountId={a.accountId}
          scan={scan}
          onAccountFindings={onAccountFindings}
        />
      ) : null}
      {a.kind === 'idp' && a.identityCenter === true && a.accountId === undefined ? (
        // The organization view's hub has no edge of its own: it stands for each account's
        // Identity Center SAML provider, and its edges for their trusts.
        <p className="status" data-testid="identity-center-hub">
          This node stands for the SAML provider that IAM Identity Center keeps in each account
          (AWSSSO_…_DO_NOT_DELETE); its edges on the organization view are their trusts, to the
          permission-set roles. Click one of its edges for those roles and their trust policies, or
          open an account to see the groups and people signed in to them.
        </p>
      ) : null}
      <h3>Inbound ({detail.inbound.length})</h3>
      <EdgeRows
        edges={detail.inbound}
        other="source"
        labels={detail.labels}
        onSelectNode={onSelectNode}
        testId="inbound"
      />
      <h3>Outbound ({detail.outbound.length})</h3>
      <EdgeRows
        edges={detail.outbound}
        other="target"
        labels={detail.labels}
        onSelectNode={onSelectNode}
        testId="outbound"
      />
    </div>
  );
}

/**
 * What a removed edge was: each role-level edge of the previous scan it stands for, with its
 * evidence in that scan (read from the target's inbound edges there, matched by source and kind).
 */
function RemovedEdges({
  removed,
  standing,
  onSelectNode,
}: {
  removed: { scan: number; edges: readonly DiffEdge[] };
  /** The edge is still in the scan shown (an aggregate that lost some role-level edges). */
  standing: boolean;
  onSelectNode: (key: string) => void;
}) {
  const targets = [...new Set(removed.edges.map((e) => e.target))].slice(0, 20);
  const targetsKey = targets.join('\n');
  const load = useCallback(
    async (signal: AbortSignal) => {
      const details = await Promise.all(
        targets.map((key) =>
          getJson<NodeDetailResponse>('node', { key, scan: removed.scan }, signal),
        ),
      );
      return new Map(details.map((d) => [d.key, d]));
    },
    // `targetsKey` stands for `targets`.
    [targetsKey, removed.scan],
  );
  const state = useRequest(load, [targetsKey, removed.scan]);
  const count = removed.edges.length;
  return (
    <section data-testid="edge-removed">
      <p className="status status-error" role="status">
        {standing
          ? `${String(count)} role-level edge${count === 1 ? '' : 's'} of this edge ${count === 1 ? 'was' : 'were'} removed since scan ${String(removed.scan)}.`
          : `Removed: this edge was in scan ${String(removed.scan)} and is not in the scan shown.`}
      </p>
      <RequestStatus state={state} what={`the evidence of scan ${String(removed.scan)}`}>
        {(details) => (
          <ul className="edge-list">
            {removed.edges.map((e, i) => {
              const previous = details
                .get(e.target)
                ?.inbound.find(
                  (edge) => edge.source === e.source && edge.attributes.kind === e.kind,
                );
              return (
                <li
                  key={i}
                  data-testid="removed-edge"
                  data-source={e.source}
                  data-target={e.target}
                >
                  <button
                    type="button"
                    className="link"
                    onClick={() => {
                      onSelectNode(e.source);
                    }}
                  >
                    {nameOfKey(e.source)}
                  </button>
                  {' → '}
                  <button
                    type="button"
                    className="link"
                    onClick={() => {
                      onSelectNode(e.target);
                    }}
                  >
                    {nameOfKey(e.target)}
                  </button>{' '}
                  <span className="row-meta">
                    {e.kind} · {e.decision}
                  </span>
                  <h4>Evidence in scan {removed.scan}</h4>
                  {previous === undefined ? (
                    <p className="status status-empty">
                      Scan {removed.scan} has no such edge on record any more.
                    </p>
                  ) : (
                    <EvidenceList evidence={evidenceOf(previous.attributes)} />
                  )}
                </li>
              );
            })}
          </ul>
        )}
      </RequestStatus>
    </section>
  );
}

/** Evidence first where it decides: the granting statements (and conditional ones) first. */
function grantingFirst(evidence: readonly Evidence[]): Evidence[] {
  const rank = (e: Evidence): number => (e.role === 'grants' || e.role === 'requires' ? 0 : 1);
  return [...evidence].sort((a, b) => rank(a) - rank(b));
}

/**
 * The role-level edges an edge stands for (GET /api/edge), each with what it allows, its
 * decision, its state in words and the statements that grant it.
 */
function EdgeMembers({
  edge,
  scan,
  onSelectNode,
}: {
  edge: SelectedEdge;
  scan?: string;
  onSelectNode: (key: string) => void;
}) {
  const accountNames = useAccountNames();
  const load = useCallback(
    (signal: AbortSignal) =>
      getJson<EdgeMembersResponse>(
        'edge',
        { source: edge.source, target: edge.target, scan },
        signal,
      ),
    [edge.source, edge.target, scan],
  );
  const state = useRequest(load, [edge.source, edge.target, scan]);
  const a = edge.attributes;
  return (
    <RequestStatus
      state={state}
      what="the role-level edges"
      isEmpty={(d) => d.edges.length === 0}
      emptyText="The scan shown has no role-level edge between these two any more."
    >
      {(data) => {
        // At principal level, the edge clicked is one of possibly several between the two nodes.
        const shown =
          edge.level === 'account'
            ? data.edges
            : data.edges.filter(
                (m) =>
                  m.attributes.kind === a.kind &&
                  (a.actionGroup === undefined || m.attributes.actionGroup === a.actionGroup),
              );
        return (
          <>
            {edge.level === 'account' ? (
              <h3>
                Role-level edges ({data.total}
                {data.truncated ? `, first ${String(data.edges.length)} shown` : ''})
              </h3>
            ) : null}
            <ol className="member-edges" data-testid="member-edges">
              {shown.map((m) => {
                // Every attribute that decides the state (a `*` grant limited to another
                // organization or gated for outsiders, an OIDC trust's claims) and the source's
                // key (its issuer), as the graph's colour is decided.
                const memberState = classifyEdge(
                  { kind: edge.sourceKind ?? 'account', scope: edge.sourceScope },
                  m.attributes,
                  m.source,
                );
                const keys = m.attributes.conditionKeys;
                return (
                  <li
                    key={m.key}
                    className="member-edge"
                    data-testid="member-edge"
                    data-kind={m.attributes.kind}
                    data-source={m.source}
                    data-target={m.target}
                  >
                    {edge.level === 'account' ? (
                      <div className="member-title">
                        <button
                          type="button"
                          className="link"
                          title={m.source}
                          onClick={() => {
                            onSelectNode(m.source);
                          }}
                        >
                          {principalName(m.source, accountNames, labelOf(data.labels, m.source))}
                        </button>
                        {' → '}
                        <button
                          type="button"
                          className="link"
                          title={m.target}
                          onClick={() => {
                            onSelectNode(m.target);
                          }}
                        >
                          {principalName(m.target, accountNames, labelOf(data.labels, m.target))}
                        </button>
                      </div>
                    ) : null}
                    <div className="row-meta">
                      <span data-testid="member-kind">{EDGE_KIND_LABELS[m.attributes.kind]}</span>:{' '}
                      {edgeAction(m.attributes, m.target)}
                      {m.attributes.actions !== undefined && m.attributes.actions.length > 0
                        ? ` (${m.attributes.actions.join(', ')})`
                        : ''}
                      {m.attributes.technique === undefined ? '' : ` by ${m.attributes.technique}`}
                      {m.attributes.permissionSet === undefined
                        ? ''
                        : ` (permission set ${m.attributes.permissionSet})`}{' '}
                      ·{' '}
                      <span className={`badge decision-${m.attributes.decision}`}>
                        {m.attributes.decision}
                      </span>{' '}
                      <StateBadge state={memberState} />
                    </div>
                    <p className="state-sentence" data-testid="member-state-sentence">
                      {EDGE_STATE_SENTENCES[memberState]}
                      {keys.length > 0 ? (
                        <>
                          {' '}
                          Decided by{' '}
                          {keys.map((k) => (
                            <code key={k}>{k}</code>
                          ))}
                          .
                        </>
                      ) : null}
                    </p>
                    <EvidenceList
                      evidence={grantingFirst(m.attributes.evidence)}
                      hop={{ source: m.source, target: m.target }}
                    />
                  </li>
                );
              })}
            </ol>
          </>
        );
      }}
    </RequestStatus>
  );
}

function EdgeSection({
  edge,
  scan,
  onSelectNode,
}: {
  edge: SelectedEdge;
  scan?: string;
  onSelectNode: (key: string) => void;
}) {
  const a = edge.attributes;
  const keys = stringList(a.conditionKeys);
  const actions = stringList(a.actions);
  const kinds = stringList(a.kinds);
  const count = typeof a.count === 'number' ? a.count : undefined;
  const worst = parseEdgeState(a.worst);
  // The state the graph draws the edge in, when it is on the graph; else decided here alike.
  const state =
    worst ??
    edge.state ??
    classifyEdge(
      { kind: edge.sourceKind ?? 'account', scope: edge.sourceScope },
      {
        decision: a.decision === 'conditional' ? 'conditional' : 'allow',
        ...(a.otherOrganizationsOnly === true ? { otherOrganizationsOnly: true } : {}),
        ...(a.gatedForOutsiders === true ? { gatedForOutsiders: true } : {}),
      },
      edge.source,
    );
  const kind = typeof a.kind === 'string' && a.kind in EDGE_KIND_LABELS ? a.kind : undefined;
  const inlineEvidence = evidenceOf(a);
  return (
    <div data-testid="edge-detail" data-level={edge.level}>
      <h2 className="panel-title" data-testid="panel-title">
        <button
          type="button"
          className="link"
          onClick={() => {
            onSelectNode(edge.source);
          }}
        >
          {edge.sourceLabel}
        </button>
        {' → '}
        <button
          type="button"
          className="link"
          onClick={() => {
            onSelectNode(edge.target);
          }}
        >
          {edge.targetLabel}
        </button>
      </h2>
      <dl className="facts">
        <dt>Edge</dt>
        <dd data-testid="edge-kinds">
          {edge.level === 'account'
            ? `${String(count ?? 0)} role-level edge${count === 1 ? '' : 's'}: ${kinds
                .map((k) =>
                  k in EDGE_KIND_LABELS ? EDGE_KIND_LABELS[k as keyof typeof EDGE_KIND_LABELS] : k,
                )
                .join(', ')}`
            : edgeAction(a, edge.target)}
          {kind === undefined || edge.level === 'account' ? null : (
            <div className="row-meta">
              {EDGE_KIND_MEANINGS[kind as keyof typeof EDGE_KIND_MEANINGS]}
            </div>
          )}
        </dd>
        <dt>{edge.level === 'account' ? 'Worst state' : 'State'}</dt>
        <dd data-testid="edge-state">
          <StateBadge state={state} />
          <div className="row-meta">{EDGE_STATE_SENTENCES[state]}</div>
        </dd>
        {typeof a.decision === 'string' && edge.level !== 'account' ? (
          <>
            <dt>Decision</dt>
            <dd data-testid="edge-decision">{a.decision}</dd>
          </>
        ) : null}
        {typeof a.technique === 'string' ? (
          <>
            <dt>Technique</dt>
            <dd data-testid="edge-technique">
              <code>{a.technique}</code>
            </dd>
          </>
        ) : null}
        {typeof a.workload === 'string' ? (
          <>
            <dt>Through workload</dt>
            <dd data-testid="edge-workload">
              {edge.workloadShown === false ? (
                <code className="arn" title={a.workload}>
                  <VisibleText text={a.workload} />
                </code>
              ) : (
                <button
                  type="button"
                  className="link"
                  onClick={() => {
                    onSelectNode(a.workload as string);
                  }}
                >
                  {nameOfKey(a.workload)}
                </button>
              )}
            </dd>
          </>
        ) : null}
        {typeof a.permissionSet === 'string' ? (
          <>
            <dt>Permission set</dt>
            <dd>{a.permissionSet}</dd>
          </>
        ) : null}
        {typeof a.action === 'string' ? (
          <>
            <dt>Action</dt>
            <dd>
              <code>{a.action}</code>
            </dd>
          </>
        ) : null}
        {actions.length > 0 ? (
          <>
            <dt>Actions</dt>
            <dd>
              {actions.map((x) => (
                <code key={x}>{x}</code>
              ))}
            </dd>
          </>
        ) : null}
        {keys.length > 0 ? (
          <>
            <dt>Condition keys</dt>
            <dd data-testid="edge-condition-keys">
              {keys.map((k) => (
                <code key={k}>{k}</code>
              ))}
            </dd>
          </>
        ) : null}
      </dl>
      {edge.removedSince === undefined ? null : (
        <RemovedEdges
          removed={edge.removedSince}
          standing={a.removed !== true}
          onSelectNode={onSelectNode}
        />
      )}
      {a.removed === true ? null : edge.level === 'principal' && inlineEvidence.length > 0 ? (
        <>
          <h3>Evidence</h3>
          <EvidenceList
            evidence={grantingFirst(inlineEvidence)}
            hop={{ source: edge.source, target: edge.target }}
          />
        </>
      ) : (
        <>
          {edge.level === 'principal' ? <h3>Evidence</h3> : null}
          <EdgeMembers
            edge={edge}
            {...(scan === undefined ? {} : { scan })}
            onSelectNode={onSelectNode}
          />
        </>
      )}
    </div>
  );
}

export function SidePanel({
  node,
  edge,
  finding,
  scan,
  onFindingPath,
  onSelectNode,
  onOpenAccount,
  onAccountFindings,
  onClose,
}: SidePanelProps) {
  const load = useCallback(
    (signal: AbortSignal) => getJson<NodeDetailResponse>('node', { key: node, scan }, signal),
    [node, scan],
  );
  const state = useRequest(
    node === undefined || edge !== undefined || finding !== undefined ? undefined : load,
    [node, scan, edge, finding],
  );
  const open = node !== undefined || edge !== undefined || finding !== undefined;
  useEffect(() => {
    if (!open) return;
    const onKey = (event: KeyboardEvent): void => {
      if (event.key === 'Escape' && !event.defaultPrevented) onClose();
    };
    window.addEventListener('keydown', onKey);
    return () => {
      window.removeEventListener('keydown', onKey);
    };
  }, [open, onClose]);
  if (!open) return null;
  return (
    <aside className="side-panel" data-testid="side-panel" aria-label="Details">
      <button type="button" className="close" aria-label="Close details" onClick={onClose}>
        ×
      </button>
      {finding !== undefined ? (
        <FindingSection
          id={finding}
          {...(scan === undefined ? {} : { scan })}
          onPath={onFindingPath}
          onSelectNode={onSelectNode}
        />
      ) : edge !== undefined ? (
        <EdgeSection
          edge={edge}
          {...(scan === undefined ? {} : { scan })}
          onSelectNode={onSelectNode}
        />
      ) : (
        <RequestStatus state={state} what="node details">
          {(detail) => (
            <NodeSection
              detail={detail}
              scan={scan}
              onSelectNode={onSelectNode}
              onOpenAccount={onOpenAccount}
              onAccountFindings={onAccountFindings}
            />
          )}
        </RequestStatus>
      )}
    </aside>
  );
}

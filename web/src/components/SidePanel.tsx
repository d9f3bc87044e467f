/**
 * The side panel: everything about the selected node (its trust policy with the granting
 * statements highlighted, its identity policies, findings, inbound and outbound edges) or the
 * selected edge (its evidence, condition keys and decision). Keyboard: Escape closes it wherever
 * the focus is, unless something else used that Escape (an open list of suggestions).
 */
import { useCallback, useEffect } from 'react';
import type { Evidence } from '../../../shared/graph/types.js';
import { getJson } from '../api/client.js';
import type { DiffEdge, EdgeView, NodeDetailResponse, PolicyView } from '../api/types.js';
import { nameOfKey } from '../graph/node-name.js';
import { useRequest } from '../api/use-request.js';
import { KIND_LABELS, SCOPE_LABELS } from '../graph/node-look.js';
import { EvidenceList } from './EvidenceList.js';
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
  /**
   * Diff mode: the role-level edges of scan `scan` (the previous one) that this edge stands for
   * and that the scan shown no longer has.
   */
  removedSince?: { scan: number; edges: readonly DiffEdge[] };
}

export interface SidePanelProps {
  node?: string;
  edge?: SelectedEdge;
  scan?: string;
  onSelectNode: (key: string) => void;
  onOpenAccount: (accountId: string) => void;
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
 * Statement indexes of one policy that the given edges rely on: the server's
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
        e.role === 'grants' &&
        e.statementIndex !== undefined
      ) {
        result.add(e.statementIndex);
      }
    }
  }
  return result;
}

function EdgeRow({
  edge,
  other,
  onSelectNode,
}: {
  edge: EdgeView;
  other: 'source' | 'target';
  onSelectNode: (key: string) => void;
}) {
  const key = edge[other];
  const label = nameOfKey(key);
  const decision = typeof edge.attributes.decision === 'string' ? edge.attributes.decision : '';
  const kind = typeof edge.attributes.kind === 'string' ? edge.attributes.kind : '';
  const keys = stringList(edge.attributes.conditionKeys);
  return (
    <li>
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
        {kind}
        {typeof edge.attributes.technique === 'string'
          ? ` (${edge.attributes.technique})`
          : ''} · {decision}
        {keys.length > 0 ? ` on ${keys.join(', ')}` : ''}
      </span>
    </li>
  );
}

function NodeSection({
  detail,
  onSelectNode,
  onOpenAccount,
}: {
  detail: NodeDetailResponse;
  onSelectNode: (key: string) => void;
  onOpenAccount: (id: string) => void;
}) {
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
        <dd>{KIND_LABELS[a.kind]}</dd>
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
              {a.accountName === undefined ? (
                ''
              ) : (
                <>
                  {' '}
                  (<VisibleText text={a.accountName} />)
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
      <h3>Findings ({detail.findings.length})</h3>
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
      <h3>Inbound ({detail.inbound.length})</h3>
      <ul className="edge-list" data-testid="inbound">
        {detail.inbound.map((e, i) => (
          <EdgeRow key={i} edge={e} other="source" onSelectNode={onSelectNode} />
        ))}
      </ul>
      <h3>Outbound ({detail.outbound.length})</h3>
      <ul className="edge-list" data-testid="outbound">
        {detail.outbound.map((e, i) => (
          <EdgeRow key={i} edge={e} other="target" onSelectNode={onSelectNode} />
        ))}
      </ul>
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

function EdgeSection({
  edge,
  onSelectNode,
}: {
  edge: SelectedEdge;
  onSelectNode: (key: string) => void;
}) {
  const a = edge.attributes;
  const keys = stringList(a.conditionKeys);
  const actions = stringList(a.actions);
  const count = typeof a.count === 'number' ? a.count : undefined;
  return (
    <div data-testid="edge-detail">
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
        <dd>{typeof a.kind === 'string' ? a.kind : 'aggregate'}</dd>
        {typeof a.decision === 'string' ? (
          <>
            <dt>Decision</dt>
            <dd data-testid="edge-decision">{a.decision}</dd>
          </>
        ) : null}
        {typeof a.worst === 'string' ? (
          <>
            <dt>Worst state</dt>
            <dd>{a.worst}</dd>
          </>
        ) : null}
        {count === undefined ? null : (
          <>
            <dt>Role-level edges</dt>
            <dd>{count}</dd>
          </>
        )}
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
            <dt>Workload</dt>
            <dd>
              <button
                type="button"
                className="link"
                onClick={() => {
                  if (typeof a.workload === 'string') onSelectNode(a.workload);
                }}
              >
                {nameOfKey(a.workload)}
              </button>
            </dd>
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
      {a.removed === true ? null : (
        <>
          <h3>Evidence</h3>
          <EvidenceList evidence={evidenceOf(a)} />
        </>
      )}
    </div>
  );
}

export function SidePanel({
  node,
  edge,
  scan,
  onSelectNode,
  onOpenAccount,
  onClose,
}: SidePanelProps) {
  const load = useCallback(
    (signal: AbortSignal) => getJson<NodeDetailResponse>('node', { key: node, scan }, signal),
    [node, scan],
  );
  const state = useRequest(node === undefined || edge !== undefined ? undefined : load, [
    node,
    scan,
    edge,
  ]);
  const open = node !== undefined || edge !== undefined;
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
      {edge !== undefined ? (
        <EdgeSection edge={edge} onSelectNode={onSelectNode} />
      ) : (
        <RequestStatus state={state} what="node details">
          {(detail) => (
            <NodeSection
              detail={detail}
              onSelectNode={onSelectNode}
              onOpenAccount={onOpenAccount}
            />
          )}
        </RequestStatus>
      )}
    </aside>
  );
}

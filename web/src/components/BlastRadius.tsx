/**
 * Blast radius: pick a principal or an outside account and see everything it can reach — the
 * accounts where it can become an administrator first (the query's `admin` list when the server
 * sends it, else the administrator roles it reaches, by account), then every role and bucket,
 * each with its decision and its shortest explained path. The paths are highlighted on the graph;
 * the start is in the URL (`?view=blast&principal=…`).
 */
import { useCallback, useEffect } from 'react';
import { getJson } from '../api/client.js';
import { readBlastAnswer, type Reached } from '../graph/blast-answer.js';
import { hopOfView, type PathHop, type ReachableFromResponse } from '../api/types.js';
import { useRequest } from '../api/use-request.js';
import { groupByName, principalName } from '../graph/principal-name.js';
import { nameOfKey } from '../graph/node-name.js';
import { useAccountNames } from './account-names.js';
import { HopList } from './HopList.js';
import { NodePicker } from './NodePicker.js';
import { RequestStatus } from './RequestStatus.js';

/** The key of the `anyone` node (DESIGN.md graph model). */
const ANYONE_KEY = '*';

export interface BlastRadiusProps {
  principal?: string;
  scan?: string;
  labels: ReadonlyMap<string, string>;
  onChange: (patch: { principal?: string | undefined }) => void;
  onResult: (paths: readonly (readonly PathHop[])[]) => void;
  onSelectNode: (key: string) => void;
}

function ReachedRow({
  item,
  labels,
  onSelectNode,
}: {
  item: Reached;
  labels: ReadonlyMap<string, string>;
  onSelectNode: (key: string) => void;
}) {
  const accountNames = useAccountNames();
  return (
    <li
      className="reach-entry"
      data-testid="blast-entry"
      data-key={item.key}
      data-admin={item.admin}
    >
      <button
        type="button"
        className="link"
        title={item.key}
        onClick={() => {
          onSelectNode(item.key);
        }}
      >
        {principalName(item.key, accountNames, labels.get(item.key))}
      </button>{' '}
      {item.admin ? <span className="badge severity-critical">admin</span> : null}{' '}
      {item.action === undefined ? null : <span className="badge">{item.action}</span>}{' '}
      <span className={`badge decision-${item.decision}`}>{item.decision}</span>
      <details>
        <summary>
          Path ({item.path.length} hop{item.path.length === 1 ? '' : 's'})
        </summary>
        <HopList hops={item.path.map(hopOfView)} labels={labels} onSelectNode={onSelectNode} />
      </details>
    </li>
  );
}

export function BlastRadius({
  principal,
  scan,
  labels,
  onChange,
  onResult,
  onSelectNode,
}: BlastRadiusProps) {
  const accountNames = useAccountNames();
  const load = useCallback(
    (signal: AbortSignal) =>
      getJson<ReachableFromResponse>('reachable-from', { principal, scan }, signal).then(
        readBlastAnswer,
      ),
    [principal, scan],
  );
  const state = useRequest(principal === undefined ? undefined : load, [principal, scan]);
  useEffect(() => {
    if (state.status !== 'done') {
      onResult([]);
      return;
    }
    const paths = [
      ...state.data.admin.map((a) => a.path),
      ...state.data.reached.slice(0, 200).map((r) => r.path),
    ].filter((p) => p.length > 0);
    onResult(paths.map((p) => p.map(hopOfView)));
  }, [state]);
  return (
    <section className="tool" aria-label="Blast radius" data-testid="blast-radius">
      <h2>Blast radius</h2>
      <NodePicker
        label="Start"
        value={principal}
        kinds={['account', 'role', 'user', 'group', 'idp', 'anyone']}
        testId="blast-start"
        onPick={(key) => {
          onChange({ principal: key });
        }}
      />
      <RequestStatus
        state={state}
        what="what it reaches"
        idleText="Pick a principal or an outside account."
        isEmpty={(d) => d.reached.length === 0 && d.admin.length === 0}
        emptyText="It reaches nothing beyond itself: no role it may assume, no bucket or resource it may access."
      >
        {(data) => {
          const roles = data.reached.filter((r) => r.what === 'role');
          const buckets = data.reached.filter((r) => r.what === 'bucket');
          return (
            <div data-testid="blast-results" data-result={data.kind}>
              {data.truncated ? (
                <p className="row-meta">Truncated: the server's limits were reached.</p>
              ) : null}
              <section className="reach-group" data-testid="blast-admin">
                <h3>
                  Becomes administrator of ({data.admin.length} account
                  {data.admin.length === 1 ? '' : 's'})
                </h3>
                {data.alreadyAdmin.length === 0 ? null : (
                  <p className="row-meta" data-testid="blast-already-admin">
                    Already administrator of{' '}
                    {data.alreadyAdmin.map((id) => accountNames.get(id) ?? id).join(', ')} (its own
                    account).
                  </p>
                )}
                {data.admin.length === 0 ? (
                  <p className="status status-empty">No account where it becomes administrator.</p>
                ) : (
                  <ul>
                    {data.admin.map((a) => (
                      <li
                        key={a.accountId}
                        data-testid="blast-admin-account"
                        data-account={a.accountId}
                      >
                        <strong>{accountNames.get(a.accountId) ?? a.accountId}</strong>{' '}
                        <span className="row-meta">{a.accountId}</span>
                        <details>
                          <summary>
                            How ({a.path.length} hop{a.path.length === 1 ? '' : 's'})
                          </summary>
                          <HopList
                            hops={a.path.map(hopOfView)}
                            labels={labels}
                            onSelectNode={onSelectNode}
                          />
                        </details>
                      </li>
                    ))}
                  </ul>
                )}
              </section>
              <section className="reach-group" data-testid="blast-roles">
                <h3>Roles ({roles.length})</h3>
                <ul>
                  {groupByName(roles, (r) => nameOfKey(r.key)).map((g) =>
                    g.items.length === 1 && g.items[0] !== undefined ? (
                      <ReachedRow
                        key={g.items[0].key}
                        item={g.items[0]}
                        labels={labels}
                        onSelectNode={onSelectNode}
                      />
                    ) : (
                      <li key={g.name} data-testid="blast-group" data-count={g.items.length}>
                        <details>
                          <summary>
                            <strong>{g.name}</strong> in {g.items.length} accounts
                          </summary>
                          <ul>
                            {g.items.map((r) => (
                              <ReachedRow
                                key={r.key}
                                item={r}
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
              </section>
              <section className="reach-group" data-testid="blast-buckets">
                <h3>Buckets and resources ({buckets.length})</h3>
                <ul>
                  {buckets.map((b) => (
                    <ReachedRow
                      key={`${b.key} ${b.action ?? ''}`}
                      item={b}
                      labels={labels}
                      onSelectNode={onSelectNode}
                    />
                  ))}
                </ul>
              </section>
              {principal === ANYONE_KEY ? null : (
                <p className="row-meta" data-testid="blast-anyone-note">
                  What a <code>*</code> policy opens to anyone is not listed here: whether this
                  start meets its conditions is decided for anyone.{' '}
                  <button
                    type="button"
                    className="link"
                    data-testid="blast-open-anyone"
                    onClick={() => {
                      onChange({ principal: ANYONE_KEY });
                    }}
                  >
                    Anyone&apos;s blast radius
                  </button>
                </p>
              )}
            </div>
          );
        }}
      </RequestStatus>
    </section>
  );
}

/**
 * Who can reach a bucket, a resource (KMS key, secret, queue, topic, repository), a role or an
 * account: pick one (and, for a bucket or a resource, one of its action groups); every starting
 * point comes back grouped by scope — public first, then external, vendor, organization — each
 * with its name and account and its shortest explained path, identical names folded into one
 * row, and all the paths highlighted in the graph. For an account, the answer is the
 * organization view's edges into it (who can get into the account at all), each opening its
 * role-level proof. IAM Identity Center groups and people come first, by group and by person
 * (ReachPeople). An empty answer says why: nobody, or no data for it.
 */
import { useCallback, useEffect } from 'react';
import type { Scope } from '../../../shared/graph/types.js';
import type { PeopleReach } from '../../../shared/query/types.js';
import { ApiError, getJson } from '../api/client.js';
import {
  hopOfView,
  type GraphResponse,
  type NodeDetailResponse,
  type PathHop,
  type Reacher,
  type WhoCanReachResponse,
} from '../api/types.js';
import { parseEdgeState } from '../graph/edge-state.js';
import { nameOfKey } from '../graph/node-name.js';
import { groupByName, principalName } from '../graph/principal-name.js';
import { useRequest } from '../api/use-request.js';
import { useAccountNames } from './account-names.js';
import { StateBadge } from './SidePanel.js';
import type { ActionGroup } from '../state/url-state.js';
import { accountReachScope } from './account-reach-scope.js';
import { actionAfterPick, groupsOf } from './reach-actions.js';
import { HopList } from './HopList.js';
import { NodePicker } from './NodePicker.js';
import { ReachPeople, peopleNodeHints, peoplePaths } from './ReachPeople.js';
import { reachSummary } from './reach-summary.js';
import { RequestStatus } from './RequestStatus.js';

const SCOPE_ORDER: readonly Scope[] = ['public', 'external', 'vendor', 'org'];
const SCOPE_TITLES: Readonly<Record<Scope, string>> = {
  public: 'Public',
  external: 'External (outside the organization)',
  vendor: 'Known vendors',
  org: 'Organization',
};

export interface WhoCanReachProps {
  resource?: string;
  action: ActionGroup;
  scan?: string;
  labels: ReadonlyMap<string, string>;
  onChange: (patch: { resource?: string | undefined; action?: ActionGroup }) => void;
  /** The paths to highlight, and the kind and label of nodes a loaded view may lack (people). */
  onResult: (
    paths: readonly (readonly PathHop[])[],
    nodeHints?: ReadonlyMap<string, Record<string, unknown>>,
  ) => void;
  onSelectNode: (key: string) => void;
  /** Opens an edge of the organization view (an account's inbound edge). */
  onOpenAccountEdge: (key: string) => void;
}

const RESOURCE_KINDS: readonly string[] = ['bucket', 'resource', 'role', 'account'];

/** One outsider or account with an edge into the account asked about. */
interface AccountEntry {
  edge: string;
  source: string;
  label: string;
  scope: Scope;
  count: number;
  worst: string;
}

type Answer =
  | {
      what: 'paths';
      kind: 'found' | 'none' | 'truncated';
      truncated: boolean;
      principals: readonly Reacher[];
      /** IAM Identity Center groups and people that reach it (ReachPeople). */
      people?: PeopleReach;
      /** Why the answer is empty, when it is. */
      empty?: string;
    }
  | { what: 'account'; entries: AccountEntry[]; empty?: string };

/** The inbound edges of an account in the organization view, by scope of their source. */
async function reachAccount(
  key: string,
  scan: string | undefined,
  signal: AbortSignal,
): Promise<Answer> {
  const answer = await getJson<GraphResponse>('graph', { level: 'account', scan }, signal);
  const nodes = new Map(answer.graph.nodes.map((n) => [n.key, n.attributes]));
  const targetScope = nodes.get(key)?.scope;
  const entries: AccountEntry[] = [];
  for (const e of answer.graph.edges) {
    if (e.target !== key || e.key === undefined) continue;
    const a = nodes.get(e.source);
    const attributes = e.attributes as { count?: number; worst?: string } | undefined;
    entries.push({
      edge: e.key,
      source: e.source,
      label: a?.label ?? nameOfKey(e.source),
      scope: accountReachScope(a, attributes?.worst, targetScope),
      count: attributes?.count ?? 1,
      worst: attributes?.worst ?? 'internal',
    });
  }
  const target = nodes.get(key);
  return {
    what: 'account',
    entries,
    ...(entries.length > 0
      ? {}
      : {
          empty:
            target?.scanned === false
              ? 'No IAM data for this account (it was not scanned): nothing can be said about who gets in.'
              : 'Nobody outside this account can get into it.',
        }),
  };
}

type ReachEntry = Reacher;

/** Starting points grouped by scope, public first; empty groups left out. */
export function groupByScope(entries: readonly ReachEntry[]): [Scope, ReachEntry[]][] {
  return SCOPE_ORDER.map(
    (scope) => [scope, entries.filter((e) => e.scope === scope)] as [Scope, ReachEntry[]],
  ).filter(([, list]) => list.length > 0);
}

export function WhoCanReach({
  resource,
  action: requested,
  scan,
  labels,
  onChange,
  onResult,
  onSelectNode,
  onOpenAccountEdge,
}: WhoCanReachProps) {
  const accountNames = useAccountNames();
  // An action group the picked target does not have (e.g. from the URL) falls back to its first.
  const groups = groupsOf(resource);
  const action = groups.includes(requested) ? requested : (groups[0] ?? requested);
  const load = useCallback(
    async (signal: AbortSignal): Promise<Answer> => {
      if (resource === undefined) throw new Error('no resource');
      if (/^arn:[^:]+:iam::\d{12}:root$/.test(resource))
        return reachAccount(resource, scan, signal);
      let answer: WhoCanReachResponse;
      try {
        answer = await getJson<WhoCanReachResponse>(
          'who-can-reach',
          { resource, action, scan },
          signal,
        );
      } catch (err: unknown) {
        if (err instanceof ApiError && err.code === 'unknown-node' && resource.includes(':s3:::'))
          return {
            what: 'paths',
            kind: 'none',
            truncated: false,
            principals: [],
            empty:
              'This bucket is not in the scan: its account has no S3 data (s3.json was not collected or could not be read), or the bucket does not exist. Missing data is never read as "nobody".',
          };
        throw err;
      }
      const principals = answer.kind === 'none' ? [] : answer.principals;
      const people = answer.kind === 'none' ? undefined : answer.people;
      let empty: string | undefined;
      if (principals.length === 0 && people === undefined) {
        const detail = await getJson<NodeDetailResponse>('node', { key: resource, scan }, signal);
        empty =
          detail.attributes.unresolved === true || detail.attributes.scanned === false
            ? 'No data for it: it is named in a policy but its account was not read. Missing data is never read as "nobody".'
            : detail.attributes.kind === 'bucket'
              ? `Nobody can ${action} it: the bucket policy and every principal's policies were read, and none allows it.`
              : 'Nobody can assume it: its trust policy admits no principal of the scan.';
      }
      return {
        what: 'paths',
        kind: answer.kind,
        truncated: answer.kind === 'truncated' || (answer.kind === 'found' && answer.truncated),
        principals,
        ...(people === undefined ? {} : { people }),
        ...(empty === undefined ? {} : { empty }),
      };
    },
    [resource, action, scan],
  );
  const state = useRequest(resource === undefined ? undefined : load, [resource, action, scan]);
  useEffect(() => {
    onResult(
      state.status === 'done' && state.data.what === 'paths'
        ? [
            ...peoplePaths(state.data.people).map((p) => p.map(hopOfView)),
            ...state.data.principals.map((e) => e.path.map(hopOfView)),
          ]
        : [],
      state.status === 'done' && state.data.what === 'paths'
        ? peopleNodeHints(state.data.people)
        : undefined,
    );
  }, [state]);
  return (
    <section className="tool" aria-label="Who can reach" data-testid="who-can-reach">
      <h2>Who can reach</h2>
      <NodePicker
        label="Bucket, resource, role or account"
        value={resource}
        kinds={RESOURCE_KINDS}
        testId="reach-resource"
        onPick={(key) => {
          const next = actionAfterPick(action, resource, key);
          onChange(next === action ? { resource: key } : { resource: key, action: next });
        }}
      />
      {resource?.split(':')[2] === 'iam' ? null : (
        <label className="field">
          Action group{' '}
          <select
            value={action}
            data-testid="reach-action"
            onChange={(event) => {
              onChange({ action: event.target.value as ActionGroup });
            }}
          >
            {groups.map((a) => (
              <option key={a} value={a}>
                {a}
              </option>
            ))}
          </select>
        </label>
      )}
      <RequestStatus
        state={state}
        what="starting points"
        idleText="Pick a bucket, KMS key, secret, queue, topic, repository or Lambda function, a role or an account."
      >
        {(data) =>
          data.what === 'account' ? (
            <div
              data-testid="reach-results"
              data-result={data.entries.length > 0 ? 'found' : 'none'}
            >
              {data.empty !== undefined ? (
                <p className="status status-empty" data-testid="reach-empty">
                  {data.empty}
                </p>
              ) : null}
              {SCOPE_ORDER.map(
                (scope) => [scope, data.entries.filter((e) => e.scope === scope)] as const,
              )
                .filter(([, list]) => list.length > 0)
                .map(([scope, list]) => (
                  <section key={scope} className="reach-group" data-testid={`reach-group-${scope}`}>
                    <h3>
                      {SCOPE_TITLES[scope]} ({list.length})
                    </h3>
                    <ul>
                      {list.map((e) => {
                        const state = parseEdgeState(e.worst);
                        return (
                          <li
                            key={e.edge}
                            className="reach-entry"
                            data-testid="reach-entry"
                            data-key={e.source}
                          >
                            <button
                              type="button"
                              className="link"
                              onClick={() => {
                                onOpenAccountEdge(e.edge);
                              }}
                            >
                              {e.label}
                            </button>{' '}
                            <span className="row-meta">
                              {e.count} role-level edge{e.count === 1 ? '' : 's'}
                            </span>{' '}
                            {state === undefined ? null : <StateBadge state={state} />}
                          </li>
                        );
                      })}
                    </ul>
                  </section>
                ))}
            </div>
          ) : (
            <div data-testid="reach-results" data-result={data.kind}>
              {data.empty !== undefined ? (
                <p className="status status-empty" data-testid="reach-empty">
                  {data.empty}
                </p>
              ) : null}
              {data.truncated ? (
                <p className="row-meta">Truncated: the server's limits were reached.</p>
              ) : null}
              <ReachSummary principals={data.principals} people={data.people} />
              {data.people !== undefined ? (
                <ReachPeople people={data.people} labels={labels} onSelectNode={onSelectNode} />
              ) : null}
              {groupByScope(data.principals).map(([scope, list]) => (
                <section key={scope} className="reach-group" data-testid={`reach-group-${scope}`}>
                  <h3>
                    {SCOPE_TITLES[scope]} ({list.length})
                  </h3>
                  <ul>
                    {groupByName(
                      list,
                      (e) => labels.get(e.principal) ?? nameOfKey(e.principal, e.vendor),
                    ).map((g) =>
                      g.items.length === 1 && g.items[0] !== undefined ? (
                        <ReachRow
                          key={g.items[0].principal}
                          entry={g.items[0]}
                          name={principalName(
                            g.items[0].principal,
                            accountNames,
                            labels.get(g.items[0].principal),
                            g.items[0].vendor,
                          )}
                          labels={labels}
                          onSelectNode={onSelectNode}
                        />
                      ) : (
                        <li key={g.name} data-testid="reach-group-row" data-count={g.items.length}>
                          <details>
                            <summary>
                              <strong>{g.name}</strong> in {g.items.length} accounts
                            </summary>
                            <ul>
                              {g.items.map((entry) => (
                                <ReachRow
                                  key={entry.principal}
                                  entry={entry}
                                  name={principalName(
                                    entry.principal,
                                    accountNames,
                                    labels.get(entry.principal),
                                    entry.vendor,
                                  )}
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
              ))}
            </div>
          )
        }
      </RequestStatus>
    </section>
  );
}

/** Counts by scope, worst first, each a link to its section. */
function ReachSummary({
  principals,
  people,
}: {
  principals: readonly ReachEntry[];
  people: PeopleReach | undefined;
}) {
  const items = reachSummary(principals, people);
  if (items.length === 0) return null;
  return (
    <p className="reach-summary" data-testid="reach-summary">
      {items.map((item, i) => (
        <span key={item.section}>
          {i > 0 ? ' · ' : ''}
          <button
            type="button"
            className="link"
            data-section={item.section}
            onClick={() => {
              document
                .querySelector(`[data-testid="${item.section}"]`)
                ?.scrollIntoView({ block: 'start' });
            }}
          >
            {item.text}
          </button>
        </span>
      ))}
    </p>
  );
}

function ReachRow({
  entry,
  name,
  labels,
  onSelectNode,
}: {
  entry: ReachEntry;
  name: string;
  labels: ReadonlyMap<string, string>;
  onSelectNode: (key: string) => void;
}) {
  return (
    <li className="reach-entry" data-testid="reach-entry" data-key={entry.principal}>
      <button
        type="button"
        className="link"
        title={entry.principal}
        onClick={() => {
          onSelectNode(entry.principal);
        }}
      >
        {entry.kind === 'anyone' && entry.scope !== 'public'
          ? `${name} (only callers that meet its conditions)`
          : name}
      </button>{' '}
      <span className={`badge decision-${entry.decision}`}>{entry.decision}</span>
      {entry.conditionKeys.length > 0 ? (
        <span className="row-meta" data-testid="reach-condition-keys">
          {' '}
          on{' '}
          {entry.conditionKeys.map((k) => (
            <code key={k}>{k}</code>
          ))}
        </span>
      ) : null}
      <details>
        <summary>
          Path ({entry.path.length} hop{entry.path.length === 1 ? '' : 's'})
        </summary>
        <HopList hops={entry.path.map(hopOfView)} labels={labels} onSelectNode={onSelectNode} />
      </details>
    </li>
  );
}

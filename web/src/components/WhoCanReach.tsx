/**
 * Who can reach a bucket or a resource (KMS key, secret, queue, topic, repository): pick it and
 * one of its action groups; every starting point comes back
 * grouped by scope — public first, then external, vendor, organization — each with its shortest
 * explained path, and all the paths are highlighted in the graph. IAM Identity Center groups and
 * people come first, by group and by person (ReachPeople).
 */
import { useCallback, useEffect } from 'react';
import type { Scope } from '../../../shared/graph/types.js';
import { getJson } from '../api/client.js';
import { hopOfView, type PathHop, type Reacher, type WhoCanReachResponse } from '../api/types.js';
import { nameOfKey } from '../graph/node-name.js';
import { useRequest } from '../api/use-request.js';
import { RESOURCE_GROUPS } from '../../../shared/query/action-groups.js';
import { ACTION_GROUPS, type ActionGroup } from '../state/url-state.js';
import { HopList } from './HopList.js';
import { NodePicker } from './NodePicker.js';
import { ReachPeople, peopleNodeHints, peoplePaths } from './ReachPeople.js';
import { RequestStatus } from './RequestStatus.js';

const SCOPE_ORDER: readonly Scope[] = ['public', 'external', 'vendor', 'org'];
const SCOPE_TITLES: Readonly<Record<Scope, string>> = {
  public: 'Public',
  external: 'External accounts',
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
}

type ReachEntry = Reacher;

const S3_GROUPS: readonly ActionGroup[] = ['read', 'write', 'list', 'admin'];

/**
 * The action groups of the picked target: a bucket's, or a resource's by the service in its ARN
 * (shared/query/action-groups.ts); all of them before anything is picked.
 */
export function groupsOf(resource: string | undefined): readonly ActionGroup[] {
  if (resource === undefined) return ACTION_GROUPS;
  const service = resource.split(':')[2] ?? '';
  if (service === 's3') return S3_GROUPS;
  const groups = (RESOURCE_GROUPS as Readonly<Record<string, readonly ActionGroup[]>>)[service];
  return groups ?? ACTION_GROUPS;
}

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
}: WhoCanReachProps) {
  // An action group the picked target does not have (e.g. from the URL) falls back to its first.
  const groups = groupsOf(resource);
  const action = groups.includes(requested) ? requested : (groups[0] ?? requested);
  const load = useCallback(
    (signal: AbortSignal) =>
      getJson<WhoCanReachResponse>('who-can-reach', { resource, action, scan }, signal).then(
        (answer) => ({
          kind: answer.kind,
          truncated: answer.kind === 'truncated' || (answer.kind === 'found' && answer.truncated),
          principals: answer.kind === 'none' ? [] : answer.principals,
          people: answer.kind === 'none' ? undefined : answer.people,
        }),
      ),
    [resource, action, scan],
  );
  const state = useRequest(resource === undefined ? undefined : load, [resource, action, scan]);
  useEffect(() => {
    onResult(
      state.status === 'done'
        ? [
            ...peoplePaths(state.data.people).map((p) => p.map(hopOfView)),
            ...state.data.principals.map((e) => e.path.map(hopOfView)),
          ]
        : [],
      state.status === 'done' ? peopleNodeHints(state.data.people) : undefined,
    );
  }, [state]);
  return (
    <section className="tool" aria-label="Who can reach" data-testid="who-can-reach">
      <h2>Who can reach</h2>
      <NodePicker
        label="Bucket or resource"
        value={resource}
        kinds={['bucket', 'resource']}
        testId="reach-resource"
        onPick={(key) => {
          const next = groupsOf(key);
          onChange(
            next.includes(action)
              ? { resource: key }
              : { resource: key, action: next[0] ?? action },
          );
        }}
      />
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
      <RequestStatus
        state={state}
        what="starting points"
        idleText="Pick a bucket, KMS key, secret, queue, topic or repository."
        isEmpty={(data) => data.principals.length === 0 && data.people === undefined}
        emptyText="Nobody can reach it with this action group."
      >
        {(data) => (
          <div data-testid="reach-results" data-result={data.kind}>
            {data.truncated ? (
              <p className="row-meta">Truncated: the server's limits were reached.</p>
            ) : null}
            {data.people !== undefined ? (
              <ReachPeople people={data.people} labels={labels} onSelectNode={onSelectNode} />
            ) : null}
            {groupByScope(data.principals).map(([scope, list]) => (
              <section key={scope} className="reach-group" data-testid={`reach-group-${scope}`}>
                <h3>
                  {SCOPE_TITLES[scope]} ({list.length})
                </h3>
                <ul>
                  {list.map((entry) => (
                    <li
                      key={entry.principal}
                      className="reach-entry"
                      data-testid="reach-entry"
                      data-key={entry.principal}
                    >
                      <button
                        type="button"
                        className="link"
                        onClick={() => {
                          onSelectNode(entry.principal);
                        }}
                      >
                        {labels.get(entry.principal) ?? nameOfKey(entry.principal, entry.vendor)}
                      </button>{' '}
                      <span className={`badge decision-${entry.decision}`}>{entry.decision}</span>
                      <details>
                        <summary>
                          Path ({entry.path.length} hop{entry.path.length === 1 ? '' : 's'})
                        </summary>
                        <HopList
                          hops={entry.path.map(hopOfView)}
                          labels={labels}
                          onSelectNode={onSelectNode}
                        />
                      </details>
                    </li>
                  ))}
                </ul>
              </section>
            ))}
          </div>
        )}
      </RequestStatus>
    </section>
  );
}

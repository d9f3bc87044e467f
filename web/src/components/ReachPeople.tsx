/**
 * The people part of a who-can-reach answer (IAM Identity Center): the groups whose members reach
 * the resource, with their member counts, then every person with the groups (or the direct
 * assignment) through which they reach it, each with its shortest explained path. User names and
 * group names are untrusted text, rendered as text.
 */
import type { GroupReacher, PeopleReach, PersonReacher } from '../../../shared/query/types.js';
import { hopOfView } from '../api/types.js';
import { HopList } from './HopList.js';

export interface ReachPeopleProps {
  people: PeopleReach;
  labels: ReadonlyMap<string, string>;
  onSelectNode: (key: string) => void;
}

/** The paths the graph highlights for the people: every group's, and the people's. */
export function peoplePaths(
  people: PeopleReach | undefined,
): PeopleReach['users'][number]['path'][] {
  if (people === undefined) return [];
  return [...people.groups.map((g) => g.path), ...people.users.map((u) => u.path)];
}

/** Kind and label of the people and groups, for drawing them when the loaded view lacks them. */
export function peopleNodeHints(
  people: PeopleReach | undefined,
): Map<string, Record<string, unknown>> {
  const hints = new Map<string, Record<string, unknown>>();
  if (people === undefined) return hints;
  for (const g of people.groups)
    hints.set(g.group, { kind: 'sso-group', label: g.name, scope: 'org', members: g.members });
  for (const u of people.users) {
    hints.set(u.user, { kind: 'sso-user', label: u.userName, scope: 'org' });
    for (const g of u.groups)
      if (!hints.has(g))
        hints.set(g, { kind: 'sso-group', label: g.slice(g.lastIndexOf('/') + 1), scope: 'org' });
  }
  return hints;
}

function through(person: PersonReacher, labels: ReadonlyMap<string, string>): string {
  const parts = person.groups.map(
    (g) => `group ${labels.get(g) ?? g.slice(g.lastIndexOf('/') + 1)}`,
  );
  if (person.direct) parts.unshift('direct assignment');
  return parts.join(', ');
}

function Entry({
  nodeKey,
  title,
  meta,
  entry,
  labels,
  onSelectNode,
}: {
  nodeKey: string;
  title: string;
  meta: string;
  entry: PersonReacher | GroupReacher;
  labels: ReadonlyMap<string, string>;
  onSelectNode: (key: string) => void;
}) {
  return (
    <li className="reach-entry" data-testid="reach-entry" data-key={nodeKey}>
      <button
        type="button"
        className="link"
        onClick={() => {
          onSelectNode(nodeKey);
        }}
      >
        {title}
      </button>{' '}
      <span className={`badge decision-${entry.decision}`}>{entry.decision}</span>{' '}
      <span className="row-meta">{meta}</span>
      <details>
        <summary>
          Path ({entry.path.length} hop{entry.path.length === 1 ? '' : 's'})
        </summary>
        <HopList hops={entry.path.map(hopOfView)} labels={labels} onSelectNode={onSelectNode} />
      </details>
    </li>
  );
}

export function ReachPeople({ people, labels, onSelectNode }: ReachPeopleProps) {
  return (
    <>
      {people.groups.length > 0 ? (
        <section className="reach-group" data-testid="reach-group-sso-groups">
          <h3>Groups (IAM Identity Center) ({people.totalGroups})</h3>
          <ul>
            {people.groups.map((g) => (
              <Entry
                key={g.group}
                nodeKey={g.group}
                title={g.name}
                meta={`${String(g.members)} member${g.members === 1 ? '' : 's'}`}
                entry={g}
                labels={labels}
                onSelectNode={onSelectNode}
              />
            ))}
          </ul>
        </section>
      ) : null}
      {people.users.length > 0 ? (
        <section className="reach-group" data-testid="reach-group-people">
          <h3>People ({people.totalUsers})</h3>
          <ul>
            {people.users.map((u) => (
              <Entry
                key={u.user}
                nodeKey={u.user}
                title={
                  u.displayName === undefined ? u.userName : `${u.userName} (${u.displayName})`
                }
                meta={`through ${through(u, labels)}`}
                entry={u}
                labels={labels}
                onSelectNode={onSelectNode}
              />
            ))}
          </ul>
        </section>
      ) : null}
    </>
  );
}

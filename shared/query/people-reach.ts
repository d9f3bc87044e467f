/**
 * The people part of a who-can-reach answer: IAM Identity Center users and groups that reach the
 * resource, grouped by person and by group. A person's entry names every group through which
 * they reach it and whether a direct assignment does too; a group's entry says how many members
 * it has. Read off the links of the backward BFS that answered the query (no second search).
 */
import type { AccessGraph, EdgeAttributes } from '../graph/types.js';
import { hopOf, compareKeys, unionKeys } from './traversal.js';
import { hopsToOrigin, type Link } from './layered-bfs.js';
import type { PeopleReach, PersonReacher, GroupReacher } from './types.js';

/** Whether a starting point is shown among the people rather than the principals. */
export function isPeopleNode(graph: AccessGraph, key: string): boolean {
  const kind = graph.getNodeAttribute(key, 'kind');
  return kind === 'sso-user' || kind === 'sso-group';
}

/**
 * Whether a node is left out of the starting points: Identity Center's own SAML provider, whose
 * reach is exactly that of the people assigned (they are listed instead).
 */
export function isHiddenStart(graph: AccessGraph, key: string): boolean {
  return graph.getNodeAttribute(key, 'identityCenter') === true;
}

/** The people and groups among the BFS links, `maxResults` of each. */
export function collectPeople(
  graph: AccessGraph,
  origin: string,
  links: ReadonlyMap<string, Link>,
  accept: (attrs: EdgeAttributes, source: string, target: string) => boolean,
  maxResults: number,
  /** Links of the unconditional search: a person's decision is the best over all paths. */
  allowLinks?: ReadonlyMap<string, Link>,
): PeopleReach | undefined {
  const users: PersonReacher[] = [];
  const groups: GroupReacher[] = [];
  for (const [node, found] of links) {
    const attrs = graph.getNodeAttributes(node);
    if (attrs.kind !== 'sso-user' && attrs.kind !== 'sso-group') continue;
    const allowLink = found.conditional > 0 ? allowLinks?.get(node) : undefined;
    const map = allowLink === undefined || allowLinks === undefined ? links : allowLinks;
    const link = allowLink ?? found;
    const path = [hopOf(node, link.via, link.attrs), ...hopsToOrigin(map, link.via)];
    const decision = link.conditional > 0 ? 'conditional' : 'allow';
    if (attrs.kind === 'sso-group') {
      groups.push({
        group: node,
        name: attrs.label,
        members: attrs.members ?? 0,
        decision,
        conditionKeys: unionKeys(path),
        path,
      });
      continue;
    }
    const via = new Set<string>();
    let direct = false;
    graph.forEachOutEdge(node, (_key, e, source, target) => {
      if (!accept(e, source, target) || (target !== origin && !links.has(target))) return;
      if (e.kind === 'member-of') via.add(target);
      else if (e.kind === 'can-sign-in') direct = true;
    });
    const person: PersonReacher = {
      user: node,
      userName: attrs.label,
      groups: [...via].sort(compareKeys),
      direct,
      decision,
      conditionKeys: unionKeys(path),
      path,
    };
    if (attrs.displayName !== undefined) person.displayName = attrs.displayName;
    users.push(person);
  }
  if (users.length === 0 && groups.length === 0) return undefined;
  const rank = (d: string): number => (d === 'allow' ? 0 : 1);
  users.sort(
    (a, b) =>
      rank(a.decision) - rank(b.decision) ||
      a.path.length - b.path.length ||
      compareKeys(a.userName, b.userName) ||
      compareKeys(a.user, b.user),
  );
  groups.sort(
    (a, b) =>
      rank(a.decision) - rank(b.decision) ||
      b.members - a.members ||
      compareKeys(a.name, b.name) ||
      compareKeys(a.group, b.group),
  );
  return {
    users: users.slice(0, maxResults),
    groups: groups.slice(0, maxResults),
    totalUsers: users.length,
    totalGroups: groups.length,
  };
}

/**
 * The people part of a who-can-reach answer: IAM Identity Center users and groups that reach the
 * resource, grouped by person and by group. A person's entry names every group through which
 * they reach it and whether a direct assignment does too; a group's entry says how many members
 * it has. Read off the links of the backward BFS that answered the query (no second search).
 */
import type { AccessGraph, EdgeAttributes } from '../graph/types.js';
import { hopOf, compareKeys, unionKeys } from './traversal.js';
import { hopsToOrigin, type Link } from './layered-bfs.js';
import type { GroupReacher, Hop, PeopleReach, PersonReacher } from './types.js';

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
  // Light records first, ordered; paths and groups are built for the kept ones only (an
  // administrator group's answer lists thousands of people).
  interface Found {
    node: string;
    label: string;
    link: Link;
    map: ReadonlyMap<string, Link>;
  }
  const users: Found[] = [];
  const groups: (Found & { members: number })[] = [];
  for (const [node, found] of links) {
    const attrs = graph.getNodeAttributes(node);
    if (attrs.kind !== 'sso-user' && attrs.kind !== 'sso-group') continue;
    const allowLink = found.conditional > 0 ? allowLinks?.get(node) : undefined;
    const map = allowLink === undefined || allowLinks === undefined ? links : allowLinks;
    const record = { node, label: attrs.label, link: allowLink ?? found, map };
    if (attrs.kind === 'sso-user') users.push(record);
    else groups.push({ ...record, members: attrs.members ?? 0 });
  }
  if (users.length === 0 && groups.length === 0) return undefined;
  const conditional = (f: Found): number => Number(f.link.conditional > 0);
  users.sort(
    (a, b) =>
      conditional(a) - conditional(b) ||
      a.link.depth - b.link.depth ||
      compareKeys(a.label, b.label) ||
      compareKeys(a.node, b.node),
  );
  groups.sort(
    (a, b) =>
      conditional(a) - conditional(b) ||
      b.members - a.members ||
      compareKeys(a.label, b.label) ||
      compareKeys(a.node, b.node),
  );
  const pathOf = ({ node, link, map }: Found): Hop[] => [
    hopOf(node, link.via, link.attrs),
    ...hopsToOrigin(map, link.via),
  ];
  const keptGroups = groups.slice(0, maxResults).map((g): GroupReacher => {
    const path = pathOf(g);
    return {
      group: g.node,
      name: g.label,
      members: g.members,
      decision: g.link.conditional > 0 ? 'conditional' : 'allow',
      conditionKeys: unionKeys(path),
      path,
    };
  });
  const keptUsers = users.slice(0, maxResults).map((u): PersonReacher => {
    const path = pathOf(u);
    const via = new Set<string>();
    let direct = false;
    graph.forEachOutEdge(u.node, (_key, e, source, target) => {
      if (!accept(e, source, target) || (target !== origin && !links.has(target))) return;
      if (e.kind === 'member-of') via.add(target);
      else if (e.kind === 'can-sign-in') direct = true;
    });
    const person: PersonReacher = {
      user: u.node,
      userName: u.label,
      groups: [...via].sort(compareKeys),
      direct,
      decision: u.link.conditional > 0 ? 'conditional' : 'allow',
      conditionKeys: unionKeys(path),
      path,
    };
    const displayName = graph.getNodeAttribute(u.node, 'displayName');
    if (displayName !== undefined) person.displayName = displayName;
    return person;
  });
  return {
    users: keptUsers,
    groups: keptGroups,
    totalUsers: users.length,
    totalGroups: groups.length,
  };
}

/**
 * The first line of a who-can-reach answer: how many starting points of each scope, worst first,
 * and the Identity Center people, each pointing at its section below — so that the one external
 * account is seen before fourteen people are scrolled past. Pure.
 */
import type { Scope } from '../../../shared/graph/types.js';

export interface ReachSummaryItem {
  /** The `data-testid` of the section it points at. */
  section: string;
  text: string;
}

function count(n: number, one: string, many: string): string {
  return `${String(n)} ${n === 1 ? one : many}`;
}

export function reachSummary(
  principals: readonly { scope: Scope }[],
  people?: { totalUsers: number; totalGroups: number },
): ReachSummaryItem[] {
  const of = (scope: Scope): number => principals.filter((p) => p.scope === scope).length;
  const items: ReachSummaryItem[] = [];
  const add = (n: number, section: string, text: string): void => {
    if (n > 0) items.push({ section, text });
  };
  add(of('public'), 'reach-group-public', count(of('public'), 'public', 'public'));
  add(of('external'), 'reach-group-external', count(of('external'), 'external', 'external'));
  add(of('vendor'), 'reach-group-vendor', count(of('vendor'), 'known vendor', 'known vendors'));
  if (people !== undefined && people.totalUsers > 0)
    items.push({
      section: 'reach-group-people',
      text: `${count(people.totalUsers, 'person', 'people')}${
        people.totalGroups > 0 ? ` (${count(people.totalGroups, 'group', 'groups')})` : ''
      }`,
    });
  add(of('org'), 'reach-group-org', `${String(of('org'))} in the organization`);
  return items;
}

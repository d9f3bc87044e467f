/**
 * The `actions` lists of `can-access` edges, shared: the graph holds one list per edge, hundreds
 * of thousands of edges, and there are few distinct lists (subsets of each resource type's action
 * groups). Shared lists are frozen.
 */

const ACTION_LISTS = new Map<string, readonly string[]>();

/** The one frozen list equal to `actions`. */
export function sharedActionList(actions: readonly string[]): readonly string[] {
  const key = actions.join(' ');
  let list = ACTION_LISTS.get(key);
  if (list === undefined) {
    list = Object.freeze([...actions]);
    ACTION_LISTS.set(key, list);
  }
  return list;
}

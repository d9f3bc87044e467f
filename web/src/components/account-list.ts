/**
 * The open accounts as the breadcrumb shows them: a link may open up to 1,000 accounts, and the
 * list must not push the rest of the panel out of sight. The first `max` accounts by name (their
 * id when `names` does not know it), then how many more; `full` (every id, with its name) goes in
 * the element's title. Pure.
 */
export function accountListText(
  accounts: readonly string[],
  max = 6,
  names: ReadonlyMap<string, string> = new Map(),
): { text: string; full: string } {
  const full = accounts
    .map((id) => {
      const name = names.get(id);
      return name === undefined ? id : `${name} (${id})`;
    })
    .join(', ');
  const shown = accounts.slice(0, max).map((id) => names.get(id) ?? id);
  if (accounts.length <= max) return { text: shown.join(', '), full };
  const more = accounts.length - max;
  return {
    text: `${shown.join(', ')} and ${String(more)} more account${more === 1 ? '' : 's'}`,
    full,
  };
}

/**
 * The open accounts as the breadcrumb shows them: a link may open up to 1,000 accounts, and the
 * list must not push the rest of the panel out of sight. The first `max` ids, then how many more;
 * `full` (every id) goes in the element's title. Pure.
 */
export function accountListText(
  accounts: readonly string[],
  max = 6,
): { text: string; full: string } {
  const full = accounts.join(', ');
  if (accounts.length <= max) return { text: full, full };
  const more = accounts.length - max;
  return {
    text: `${accounts.slice(0, max).join(', ')} and ${String(more)} more account${more === 1 ? '' : 's'}`,
    full,
  };
}

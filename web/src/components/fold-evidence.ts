/** How a long evidence list is shown: the first items, the rest folded under "Show N more". Pure. */

/** Items shown before the rest is folded: a long list (78 items on some findings) stays readable. */
export const EVIDENCE_SHOWN = 12;

/** The first `shown` items, and the rest; folding one or two items saves nothing, so they show. */
export function foldEvidence<T>(
  evidence: readonly T[],
  shown = EVIDENCE_SHOWN,
): { first: readonly T[]; rest: readonly T[] } {
  if (evidence.length <= shown + 2) return { first: evidence, rest: [] };
  return { first: evidence.slice(0, shown), rest: evidence.slice(shown) };
}

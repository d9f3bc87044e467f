/**
 * Reads every page of a paginated AWS call. A page token that repeats, or more pages than any
 * real account holds, is an error rather than an endless loop: tokens are untrusted input.
 */
import { MalformedResponseError } from './aws-errors.js';

export interface Page<T> {
  items: T;
  /** Token of the next page; undefined (or empty) on the last page. */
  next: string | undefined;
}

/** Far above any real listing (IAM's largest accounts hold a few hundred pages of 1,000). */
export const MAX_PAGES = 100_000;

/** Calls `fetchPage` until there is no next token; returns the pages in order. */
export async function readAllPages<T>(
  call: string,
  fetchPage: (token: string | undefined) => Promise<Page<T>>,
): Promise<T[]> {
  const pages: T[] = [];
  const seen = new Set<string>();
  let token: string | undefined;
  for (;;) {
    const page = await fetchPage(token);
    pages.push(page.items);
    const next = page.next === '' ? undefined : page.next;
    if (next === undefined) return pages;
    if (seen.has(next)) {
      throw new MalformedResponseError(`${call}: the same page token came back twice`);
    }
    if (pages.length >= MAX_PAGES) {
      throw new MalformedResponseError(`${call}: more than ${MAX_PAGES} pages`);
    }
    seen.add(next);
    token = next;
  }
}

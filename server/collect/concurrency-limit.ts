/**
 * Runs async work on a list with at most `limit` items in flight. Workers pull the next item as
 * soon as one finishes, so a slow item never holds back the others.
 */

/** Calls `worker` for every item, at most `limit` at once; rejects with the first error thrown. */
export async function forEachWithConcurrency<T>(
  items: readonly T[],
  limit: number,
  worker: (item: T, index: number) => Promise<void>,
): Promise<void> {
  if (!Number.isInteger(limit) || limit < 1) {
    throw new RangeError(`concurrency limit must be a positive integer, got ${limit}`);
  }
  let next = 0;
  let failed = false;
  const runners: Promise<void>[] = [];
  const run = async (): Promise<void> => {
    while (!failed && next < items.length) {
      const index = next;
      next += 1;
      try {
        await worker(items[index] as T, index);
      } catch (err: unknown) {
        failed = true;
        throw err;
      }
    }
  };
  for (let i = 0; i < Math.min(limit, items.length); i += 1) runners.push(run());
  await Promise.all(runners);
}

/** Maps every item with at most `limit` calls in flight; results keep the input order. */
export async function mapWithConcurrency<T, R>(
  items: readonly T[],
  limit: number,
  mapper: (item: T, index: number) => Promise<R>,
): Promise<R[]> {
  const results = new Array<R>(items.length);
  await forEachWithConcurrency(items, limit, async (item, index) => {
    results[index] = await mapper(item, index);
  });
  return results;
}

/**
 * Run `task` over `items` with at most `limit` running at once; results keep
 * the input order. Each result is settled, so one failure does not discard
 * work (and images) that already succeeded.
 */
export async function mapSettled<T, R>(
  items: readonly T[],
  limit: number,
  task: (item: T, index: number) => Promise<R>,
): Promise<PromiseSettledResult<R>[]> {
  const results: PromiseSettledResult<R>[] = new Array(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const index = next++;
      try {
        results[index] = { status: 'fulfilled', value: await task(items[index]!, index) };
      } catch (reason) {
        results[index] = { status: 'rejected', reason };
      }
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, worker));
  return results;
}

/**
 * Run `task` over `items` with at most `limit` running at once, failing fast:
 * the first failure stops new work, `onFirstFailure` lets the caller cancel
 * what is running, and the call rejects with that failure once the running
 * tasks have settled. Results keep the input order.
 */
export async function mapAll<T, R>(
  items: readonly T[],
  limit: number,
  task: (item: T, index: number) => Promise<R>,
  onFirstFailure?: () => void,
): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  let failure: { error: unknown } | undefined;
  const worker = async () => {
    while (!failure && next < items.length) {
      const index = next++;
      try {
        results[index] = await task(items[index]!, index);
      } catch (error) {
        if (!failure) {
          failure = { error };
          onFirstFailure?.();
        }
      }
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(Math.floor(limit) || 1, items.length)) }, worker));
  if (failure) throw failure.error;
  return results;
}

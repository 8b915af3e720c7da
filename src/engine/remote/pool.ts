/**
 * Runs one async job per item with at most `limit` in flight, keeping result order. The first failure
 * aborts the jobs still running (through the signal each job gets) and is the error thrown, so a caller
 * sees the real cause rather than the cancellations it triggered.
 */
export async function mapLimit<T, R>(
  items: readonly T[],
  limit: number,
  job: (item: T, index: number, signal: AbortSignal) => Promise<R>,
  signal?: AbortSignal,
): Promise<R[]> {
  const controller = new AbortController();
  const onAbort = () => controller.abort(signal?.reason);
  if (signal?.aborted) onAbort();
  else signal?.addEventListener('abort', onAbort, { once: true });

  const results = new Array<R>(items.length);
  let next = 0;
  let failed = false;
  let firstError: unknown;
  const worker = async () => {
    while (!failed && next < items.length) {
      const index = next++;
      try {
        results[index] = await job(items[index]!, index, controller.signal);
      } catch (error) {
        if (!failed) {
          failed = true;
          firstError = error;
          controller.abort(error);
        }
      }
    }
  };
  try {
    await Promise.all(Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, worker));
  } finally {
    signal?.removeEventListener('abort', onAbort);
  }
  if (failed) throw firstError;
  return results;
}

/**
 * Scores inputs one request each, `concurrency` at a time, reporting progress as each lands: the shape
 * of every engine whose endpoint takes one conversation per request (NIM, vLLM).
 */
export function scoreEach<I, R>(
  inputs: readonly I[],
  concurrency: number,
  options: { signal?: AbortSignal; onProgress?: (done: number, total: number) => void },
  scoreOne: (input: I, signal: AbortSignal) => Promise<R>,
): Promise<R[]> {
  let done = 0;
  return mapLimit(
    inputs,
    concurrency,
    async (input, _i, signal) => {
      const result = await scoreOne(input, signal);
      options.onProgress?.(++done, inputs.length);
      return result;
    },
    options.signal,
  );
}

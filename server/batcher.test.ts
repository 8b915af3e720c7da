import { describe, expect, it } from 'vitest';
import { RewardError } from '../src/core/errors';
import { DynamicBatcher } from './batcher';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function doubling(delayMs = 5) {
  const calls: number[][] = [];
  const batcher = new DynamicBatcher<number, number>({
    maxBatchSize: 4,
    maxWaitMs: 10,
    maxQueue: 8,
    run: async (items) => {
      calls.push(items);
      await sleep(delayMs);
      return items.map((i) => i * 2);
    },
  });
  return { batcher, calls };
}

describe('DynamicBatcher', () => {
  it('gathers concurrent submissions into batches of at most maxBatchSize, results in order', async () => {
    const { batcher, calls } = doubling();
    const out = await Promise.all([1, 2, 3, 4, 5, 6].map((i) => batcher.submit(i)));
    expect(out).toEqual([2, 4, 6, 8, 10, 12]);
    expect(calls).toEqual([
      [1, 2, 3, 4],
      [5, 6],
    ]);
  });

  it('sends a lone item after maxWaitMs', async () => {
    const { batcher, calls } = doubling();
    const t0 = Date.now();
    expect(await batcher.submit(7)).toBe(14);
    expect(Date.now() - t0).toBeGreaterThanOrEqual(8);
    expect(calls).toEqual([[7]]);
  });

  it('rejects with rate_limited when the queue is full, then recovers', async () => {
    const { batcher } = doubling(30);
    const first = batcher.submit(0); // waits 10 ms, then runs for 30 ms
    await sleep(15);
    const queued = Array.from({ length: 8 }, (_, i) => batcher.submit(i + 1));
    const overflow = batcher.submit(99);
    await expect(overflow).rejects.toMatchObject({ code: 'rate_limited' });
    await expect(overflow).rejects.toThrow(/queue limit 8/);
    expect(await first).toBe(0);
    expect(await Promise.all(queued)).toEqual([2, 4, 6, 8, 10, 12, 14, 16]);
    expect(batcher.stats()).toMatchObject({ queued: 0, running: 0, rejected: 1, items: 9 });
    expect(await batcher.submit(3)).toBe(6);
  });

  it('isolates a failing item: its neighbours in the batch still succeed', async () => {
    const batcher = new DynamicBatcher<number, number>({
      maxBatchSize: 8,
      maxWaitMs: 5,
      maxQueue: 8,
      run: async (items) => {
        if (items.includes(13)) throw new RewardError('input', 'unlucky');
        return items;
      },
    });
    const results = await Promise.allSettled([1, 13, 2].map((i) => batcher.submit(i)));
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    expect((results[1] as PromiseRejectedResult).reason).toMatchObject({ code: 'input', message: 'unlucky' });
  });

  it('rejects a run that returns the wrong number of results', async () => {
    const batcher = new DynamicBatcher<number, number>({
      maxBatchSize: 1,
      maxWaitMs: 0,
      maxQueue: 1,
      run: async () => [],
    });
    await expect(batcher.submit(1)).rejects.toThrow(/0 results for 1 inputs/);
  });

  it('with maxBatchSize 1 never batches', async () => {
    const calls: number[] = [];
    const batcher = new DynamicBatcher<number, number>({
      maxBatchSize: 1,
      maxWaitMs: 0,
      maxQueue: 100,
      run: async (items) => {
        calls.push(items.length);
        await sleep(1);
        return items;
      },
    });
    await Promise.all(Array.from({ length: 10 }, (_, i) => batcher.submit(i)));
    expect(calls).toEqual(Array(10).fill(1));
  });
});

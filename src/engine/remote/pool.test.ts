import { describe, expect, it } from 'vitest';
import { mapLimit } from './pool';

const tick = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('mapLimit', () => {
  it('keeps order and the limit', async () => {
    let inFlight = 0;
    let peak = 0;
    const out = await mapLimit([5, 1, 4, 2, 3], 2, async (n) => {
      peak = Math.max(peak, ++inFlight);
      await tick(n * 3);
      inFlight--;
      return n * 10;
    });
    expect(out).toEqual([50, 10, 40, 20, 30]);
    expect(peak).toBe(2);
  });

  it('throws the first error, aborts the rest, and starts nothing new', async () => {
    const started: number[] = [];
    const aborted: number[] = [];
    const promise = mapLimit([0, 1, 2, 3], 2, async (n, _i, signal) => {
      started.push(n);
      if (n === 0) throw new Error('first');
      await new Promise<void>((_, reject) =>
        signal.addEventListener('abort', () => {
          aborted.push(n);
          reject(new Error('cancelled'));
        }),
      );
    });
    await expect(promise).rejects.toThrow('first');
    expect(started).toEqual([0, 1]);
    expect(aborted).toEqual([1]);
  });

  it('passes a caller abort to the jobs', async () => {
    const controller = new AbortController();
    const promise = mapLimit(
      [1],
      4,
      (_n, _i, signal) =>
        new Promise((_, reject) => signal.addEventListener('abort', () => reject(signal.reason))),
      controller.signal,
    );
    controller.abort(new Error('stop'));
    await expect(promise).rejects.toThrow('stop');
  });

  it('handles no items', async () => {
    expect(await mapLimit([], 4, async () => 1)).toEqual([]);
  });
});

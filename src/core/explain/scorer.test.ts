import { describe, expect, it } from 'vitest';
import type { ScoreInput, ScoreResult } from '../types';
import { cachedScorer, ScoreCache, type ScoreFn } from './scorer';

const conversation = { turns: [{ role: 'user' as const, content: 'q' }] };
const input = (response: string): ScoreInput => ({ conversation, response });
const result = (score: number): ScoreResult => ({
  score,
  logits: [score],
  tokenCount: 1,
  truncated: false,
  backend: 'cpu',
  dtype: 'fp32',
  timingMs: 0,
});

/** Scores a response by its length, recording what was sent. */
function lengthEngine(sent: string[][]): ScoreFn {
  return async (inputs, o) => {
    sent.push(inputs.map((i) => i.response));
    o.onProgress?.(inputs.length, inputs.length);
    return inputs.map((i) => result(i.response.length));
  };
}

describe('cached scorer', () => {
  it('sends each (model, input) once, in one call, and returns scores in input order', async () => {
    const sent: string[][] = [];
    const cache = new ScoreCache();
    const s = cachedScorer(lengthEngine(sent), cache, 'model-a');
    const progress: [number, number][] = [];
    expect(
      await s.scores([input('aa'), input('b'), input('aa')], { onProgress: (d, t) => progress.push([d, t]) }),
    ).toEqual([2, 1, 2]);
    expect(sent).toEqual([['aa', 'b']]);
    expect(progress.at(-1)).toEqual([3, 3]);
    expect(s.pending([input('aa'), input('ccc')])).toBe(1);
    expect(await s.scores([input('ccc'), input('b')])).toEqual([3, 1]);
    expect(sent).toEqual([['aa', 'b'], ['ccc']]);
    // Another model (or other scoring settings) is another key.
    const other = cachedScorer(lengthEngine(sent), cache, 'model-b');
    expect(other.pending([input('aa')])).toBe(1);
  });

  it('refuses past the request cap before sending, and stops when cancelled', async () => {
    const sent: string[][] = [];
    const s = cachedScorer(lengthEngine(sent), new ScoreCache(), 'm');
    await expect(s.scores([input('a'), input('b'), input('c')], { maxRequests: 2 })).rejects.toMatchObject({
      code: 'input',
      message: expect.stringContaining('send 3 requests, over the cap of 2'),
    });
    const c = new AbortController();
    c.abort();
    await expect(s.scores([input('a')], { signal: c.signal })).rejects.toMatchObject({ code: 'cancelled' });
    expect(sent).toEqual([]);
  });

  it('forgets the oldest entries beyond its limit', () => {
    const cache = new ScoreCache(2);
    cache.set('a', 1);
    cache.set('b', 2);
    cache.set('c', 3);
    expect(cache.size).toBe(2);
    expect(cache.get('a')).toBeUndefined();
  });
});

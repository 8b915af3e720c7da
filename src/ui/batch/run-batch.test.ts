import { describe, expect, it } from 'vitest';
import { parseDataset } from '../../core/formats';
import { RewardError } from '../../core/errors';
import type { ScoreInput, ScoreResult } from '../../core/types';
import type { RewardEngine } from '../../engine/contract';
import { setEngine } from '../engine-bridge';

// The chunking / isolation / cancel logic under test, over a scripted engine; the worker itself is exercised
// by the e2e suite.
const calls: ScoreInput[][] = [];
let cancelAfterCalls = Infinity;
const unused = () => Promise.reject(new Error('not used by runBatch'));
const scripted: RewardEngine = {
  load: unused,
  unload: unused,
  availableDtypes: unused,
  render: unused,
  prefixCurve: unused,
  probeWebGpu: unused,
  async score(_handle, inputs, options) {
    calls.push(inputs);
    const n = calls.length;
    if (n > cancelAfterCalls) throw new RewardError('cancelled', 'cancelled');
    if (inputs.some((i) => i.response.includes('POISON'))) throw new RewardError('input', 'poisoned input');
    options?.onProgress?.(inputs.length, inputs.length);
    return inputs.map((i): ScoreResult => ({
      score: i.response.length,
      logits: [i.response.length],
      tokenCount: 1,
      truncated: false,
      backend: 'test',
      dtype: 'fp32',
      timingMs: 0,
    }));
  },
};
setEngine(scripted);

const { runBatch } = await import('./run-batch');

const line = (i: number, rejected = 'no') =>
  JSON.stringify({ prompt: `q${i}`, chosen: `answer ${i}`, rejected });

describe('runBatch', () => {
  it('scores in chunks, isolates a failing row, and keeps rows in = rows out', async () => {
    calls.length = 0;
    cancelAfterCalls = Infinity;
    const text = [...Array.from({ length: 20 }, (_, i) => line(i)), line(99, 'POISON'), 'not json'].join(
      '\n',
    );
    const ds = parseDataset(text);
    const progress: number[] = [];
    const { scores, cancelled } = await runBatch('h', ds.records, {}, (d) => progress.push(d)).promise;
    expect(cancelled).toBe(false);
    expect(scores).toHaveLength(22);
    expect(scores[21]).toBeUndefined(); // the JSON error row is never sent
    expect(scores[20]).toEqual([{ error: 'poisoned input' }, { error: 'poisoned input' }]);
    expect(scores.slice(0, 20).every((s) => s?.every((x) => 'score' in x))).toBe(true);
    expect(progress.at(-1)).toBe(42);
  });

  it('sends every input sorted by length in large chunks, and maps scores back to their rows', async () => {
    calls.length = 0;
    cancelAfterCalls = Infinity;
    // Long and short answers interleaved in file order.
    const ds = parseDataset(
      Array.from({ length: 100 }, (_, i) => line(i, 'x'.repeat((i * 37) % 300))).join('\n'),
    );
    const shares: number[] = [];
    const { scores } = await runBatch('h', ds.records, {}, (_d, _t, share) => shares.push(share)).promise;
    expect(calls.map((c) => c.length)).toEqual([128, 72]);
    const lengths = calls.flat().map((i) => i.response.length);
    expect(lengths).toEqual([...lengths].sort((a, b) => a - b));
    scores.forEach((s, i) => {
      expect(s?.map((x) => ('score' in x ? x.score : null))).toEqual([`answer ${i}`.length, (i * 37) % 300]);
    });
    // The share of the work done, weighted by length, for the time estimate: rising to 1.
    expect(shares).toEqual([...shares].sort((a, b) => a - b));
    expect(shares.at(-1)).toBe(1);
  });

  it('stops on cancel and returns what was scored', async () => {
    calls.length = 0;
    cancelAfterCalls = 1;
    const ds = parseDataset(Array.from({ length: 100 }, (_, i) => line(i)).join('\n'));
    const { scores, cancelled } = await runBatch('h', ds.records, {}, () => undefined).promise;
    expect(cancelled).toBe(true);
    // The first chunk held the 128 shortest inputs: every 'no' and the 28 shortest chosen answers (rows 0–27);
    // a row counts as scored only when all its inputs are.
    expect(scores.map((s, i) => (s ? i : -1)).filter((i) => i >= 0)).toEqual(
      Array.from({ length: 28 }, (_, i) => i),
    );
  });
});

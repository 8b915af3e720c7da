import { describe, expect, it } from 'vitest';
import { activate, activateResult, activationFor, rawValues } from './activation';
import type { ScoreResult } from './types';

const result = (over: Partial<ScoreResult>): ScoreResult => ({
  score: 0,
  logits: [],
  tokenCount: 3,
  truncated: false,
  backend: 'cpu',
  dtype: 'fp32',
  timingMs: 1,
  ...over,
});

describe('activation', () => {
  it('defaults to a sigmoid for one output and a softmax for several, unless the model names one', () => {
    expect(activationFor(1)).toBe('sigmoid');
    expect(activationFor(3)).toBe('softmax');
    expect(activationFor(1, 'identity')).toBe('identity');
  });

  it('computes each activation; the softmax survives huge logits', () => {
    expect(activate([0, 2], 'sigmoid')).toEqual([0.5, 1 / (1 + Math.exp(-2))]);
    expect(activate([0.5], 'tanh')).toEqual([Math.tanh(0.5)]);
    expect(activate([-3, 4], 'identity')).toEqual([-3, 4]);
    const soft = activate([1000, 1000, 999], 'softmax');
    expect(soft.every(Number.isFinite)).toBe(true);
    expect(soft[0]).toBeCloseTo(soft[1]!, 15);
    expect(soft.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 15);
  });

  it('raw values are a single output’s score (alpha applied) or the attributes in label order', () => {
    expect(rawValues(['reward'], result({ score: 2.5, logits: [1.25] }))).toEqual([2.5]);
    expect(rawValues(['a', 'b'], result({ logits: [1, 2], attributes: { a: 3, b: 4 } }))).toEqual([3, 4]);
  });

  it('activates a result: one output’s score, or several attributes and their weighted sum; logits stay raw', () => {
    const one = activateResult(['reward'], result({ score: 0, logits: [0] }), 'sigmoid', { reward: 1 });
    expect(one).toMatchObject({ score: 0.5, logits: [0] });
    const two = activateResult(
      ['a', 'b'],
      result({ logits: [0, 0], attributes: { a: 0, b: 0 } }),
      'softmax',
      {
        a: 1,
        b: 3,
      },
    );
    expect(two).toMatchObject({ attributes: { a: 0.5, b: 0.5 }, score: 2, logits: [0, 0] });
  });
});

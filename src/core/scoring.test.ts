import { describe, expect, it } from 'vitest';
import { RewardError } from './errors';
import {
  HELPSTEER_PRESET,
  NEMOTRON_340B_PRESET,
  nameAttributes,
  resolveScoring,
  reweigh,
  scoreOf,
  weightedSum,
} from './scoring';

describe('scalarization', () => {
  it('Nemotron-4-340B preset: 9 outputs, documented weights in head order', () => {
    expect(NEMOTRON_340B_PRESET.attributes).toHaveLength(9);
    expect(NEMOTRON_340B_PRESET.attributes.map((a) => NEMOTRON_340B_PRESET.weights[a])).toEqual([
      0, 0, 0, 0, 0.3, 0.74, 0.46, 0.47, -0.33,
    ]);
    expect(NEMOTRON_340B_PRESET.attributes.slice(4)).toEqual(HELPSTEER_PRESET.attributes);
  });

  it('dot product of named outputs with the preset weights', () => {
    const logits = [9, 9, 9, 9, 1, 2, 3, 4, 5];
    const attrs = nameAttributes(logits, NEMOTRON_340B_PRESET.attributes);
    const expected = 0.3 * 1 + 0.74 * 2 + 0.46 * 3 + 0.47 * 4 - 0.33 * 5;
    expect(
      scoreOf({ logits, attributes: attrs }, { weights: NEMOTRON_340B_PRESET.weights, alpha: 7 }),
    ).toBeCloseTo(expected, 12);
    expect(() => nameAttributes([1, 2], HELPSTEER_PRESET.attributes)).toThrow(RewardError);
  });

  it('missing weights count 0', () => {
    expect(weightedSum({ a: 2, b: 100 }, { a: 1.5 })).toBe(3);
    expect(scoreOf({ logits: [1, 2], attributes: { a: 1, b: 2 } }, { weights: {}, alpha: 1 })).toBe(0);
  });

  it('one output: value × alpha, named or not (weights do not apply); several unnamed outputs are an error', () => {
    const scale = { weights: { reward: 5 }, alpha: 10 };
    expect(scoreOf({ logits: [0.25] }, { ...scale, alpha: 1 })).toBe(0.25);
    expect(scoreOf({ logits: [0.25] }, scale)).toBe(2.5);
    expect(scoreOf({ logits: [0.25], attributes: { reward: 0.25 } }, scale)).toBe(2.5);
    expect(() => scoreOf({ logits: [1, 2] }, scale)).toThrow(/2 unnamed outputs/);
    expect(() => scoreOf({ logits: [] }, scale)).toThrow(RewardError);
  });

  it("the user's settings override the model's defaults, each on its own", () => {
    const model = { defaultWeights: { a: 1 }, alpha: 2 };
    expect(resolveScoring(model)).toEqual({ weights: { a: 1 }, alpha: 2 });
    expect(resolveScoring(model, { alpha: 3 })).toEqual({ weights: { a: 1 }, alpha: 3 });
    expect(resolveScoring(model, { weights: { b: 1 } })).toEqual({ weights: { b: 1 }, alpha: 2 });
  });

  it('re-weighs a stored result with several outputs; a single output keeps its score', () => {
    const several = { score: 1, logits: [1, 2], attributes: { a: 1, b: 2 } };
    expect(reweigh(several, { b: 1 })).toBe(2);
    expect(reweigh(several, undefined)).toBe(1);
    expect(reweigh({ score: 3, logits: [1.5], attributes: { reward: 1.5 } }, { reward: 10 })).toBe(3);
  });
});

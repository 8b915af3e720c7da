import { describe, expect, it } from 'vitest';
import { RewardError } from './errors';
import { HELPSTEER_PRESET, NEMOTRON_340B_PRESET, nameAttributes, scalarize, weightedSum } from './scoring';

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
    expect(scalarize({ logits, attributes: attrs, weights: NEMOTRON_340B_PRESET.weights })).toBeCloseTo(
      expected,
      12,
    );
    expect(() => nameAttributes([1, 2], HELPSTEER_PRESET.attributes)).toThrow(RewardError);
  });

  it('missing weights count 0', () => {
    expect(weightedSum({ a: 2, b: 100 }, { a: 1.5 })).toBe(3);
    expect(scalarize({ logits: [1, 2], attributes: { a: 1, b: 2 } })).toBe(0);
  });

  it('without attributes: single logit × alpha; several unnamed outputs are an error', () => {
    expect(scalarize({ logits: [0.25] })).toBe(0.25);
    expect(scalarize({ logits: [0.25], alpha: 10 })).toBe(2.5);
    expect(scalarize({ logits: [0.25], attributes: {}, alpha: 10 })).toBe(2.5);
    expect(() => scalarize({ logits: [1, 2] })).toThrow(/2 unnamed outputs/);
    expect(() => scalarize({ logits: [] })).toThrow(RewardError);
  });
});

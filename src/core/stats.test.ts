import { describe, expect, it } from 'vitest';
import { RewardError } from './errors';
import {
  accuracyOf,
  averageRanks,
  kendallTau,
  lengthControlledAccuracy,
  maxAbsDifference,
  pairwiseAccuracy,
  pearson,
  spearman,
} from './stats';

describe('Kendall τ-b', () => {
  it('is 1 for the same order, -1 for the reverse', () => {
    expect(kendallTau([1, 2, 3, 4], [10, 20, 30, 40])).toBe(1);
    expect(kendallTau([1, 2, 3, 4], [4, 3, 2, 1])).toBe(-1);
  });

  it('handles ties (τ-b, checked against an independent numpy computation)', () => {
    // reference: τ-b = (nc − nd) / sqrt((n0 − n1)(n0 − n2)) computed in Python/numpy -> 0.8
    expect(kendallTau([1, 2, 2, 3], [1, 2, 3, 3])).toBeCloseTo(0.8, 12);
    // same reference -> -0.47140452079103173
    expect(kendallTau([12, 2, 1, 12, 2], [1, 4, 7, 1, 0])).toBeCloseTo(-0.47140452079103173, 12);
  });

  it('is NaN when undefined and rejects different lengths', () => {
    expect(kendallTau([1], [1])).toBeNaN();
    expect(kendallTau([1, 1, 1], [1, 2, 3])).toBeNaN();
    expect(() => kendallTau([1, 2], [1])).toThrow(RewardError);
  });
});

describe('differences and correlation', () => {
  it('max abs difference', () => {
    expect(maxAbsDifference([1, 2, 3], [1.5, 2, 0])).toBe(3);
    expect(maxAbsDifference([], [])).toBe(0);
  });

  it('Pearson and Spearman', () => {
    expect(pearson([1, 2, 3], [2, 4, 6])).toBeCloseTo(1, 12);
    expect(pearson([1, 2, 3], [3, 2, 1])).toBeCloseTo(-1, 12);
    // numpy.corrcoef([1,2,3,4,5],[2,1,4,3,7])[0,1] -> 0.8241633836921342
    expect(pearson([1, 2, 3, 4, 5], [2, 1, 4, 3, 7])).toBeCloseTo(0.8241633836921342, 12);
    expect(pearson([1, 1], [1, 2])).toBeNaN();
    // Monotone but not linear: Spearman 1, Pearson < 1.
    expect(spearman([1, 2, 3, 4], [1, 10, 100, 1000])).toBeCloseTo(1, 12);
    // numpy.corrcoef of average ranks -> 0.9486832980505139
    expect(spearman([1, 2, 2, 3], [1, 3, 2, 4])).toBeCloseTo(0.9486832980505138, 12);
    expect(averageRanks([10, 20, 10, 5])).toEqual([2.5, 4, 2.5, 1]);
  });
});

describe('pairwise accuracy', () => {
  const pairs = [
    { chosen: 2, rejected: 1, subset: 'a', chosenLength: 10, rejectedLength: 5 },
    { chosen: 1, rejected: 2, subset: 'a', chosenLength: 10, rejectedLength: 5 },
    { chosen: 1, rejected: 1, subset: 'b', chosenLength: 3, rejectedLength: 5 },
    { chosen: 3, rejected: 0, subset: 'b', chosenLength: 3, rejectedLength: 5 },
    { chosen: NaN, rejected: 0 },
    { chosen: 5, rejected: 0, chosenLength: 4, rejectedLength: 4 },
  ];

  it('counts chosen > rejected strictly, reports ties and skipped pairs', () => {
    expect(accuracyOf(pairs)).toEqual({ n: 5, correct: 3, ties: 1, skipped: 1, accuracy: 0.6 });
    expect(accuracyOf([]).accuracy).toBeNaN();
  });

  it('per subset', () => {
    const { overall, bySubset } = pairwiseAccuracy(pairs);
    expect(overall.accuracy).toBe(0.6);
    expect(Object.keys(bySubset)).toEqual(['(none)', 'a', 'b']);
    expect(bySubset.a).toMatchObject({ n: 2, correct: 1, accuracy: 0.5 });
    expect(bySubset.b).toMatchObject({ n: 2, correct: 1, ties: 1, accuracy: 0.5 });
    expect(bySubset['(none)']).toMatchObject({ n: 1, skipped: 1, correct: 1 });
  });

  it('length-controlled accuracy splits by which side is longer', () => {
    const lc = lengthControlledAccuracy(pairs);
    expect(lc.chosenLonger).toMatchObject({ n: 2, correct: 1 });
    expect(lc.chosenShorter).toMatchObject({ n: 2, correct: 1, ties: 1 });
    expect(lc.equalLength).toBe(1);
    expect(lc.unknownLength).toBe(1);
    expect(lc.mean).toBe(0.5);
    const biased = lengthControlledAccuracy([
      { chosen: 1, rejected: 0, chosenLength: 9, rejectedLength: 1 },
      { chosen: 0, rejected: 1, chosenLength: 1, rejectedLength: 9 },
    ]);
    expect([biased.chosenLonger.accuracy, biased.chosenShorter.accuracy, biased.mean]).toEqual([1, 0, 0.5]);
  });
});

import { describe, expect, it } from 'vitest';
import { compareModels, zScores } from './model-comparison';

describe('compareModels', () => {
  it('compares models on ranks, z-scores, own σ(Δ) and Kendall τ, whatever their scales', () => {
    // Model B is model A × 100 (same order, another scale); model C swaps the last two.
    const a = [2, 1, 0];
    const b = [200, 100, 0];
    const c = [2, -1, 0];
    const r = compareModels([a, b, c]);
    expect(r.ranks).toEqual([
      [1, 2, 3],
      [1, 2, 3],
      [1, 3, 2],
    ]);
    expect(r.z[0]).toEqual(r.z[1]);
    expect(r.tau[0]![1]).toBe(1);
    expect(r.tau[0]![2]).toBeCloseTo(1 / 3, 10);
    expect(r.disagreement).toEqual([false, true, true]);
    expect(r.sameLeader).toBe(true);
    expect(r.winVsLeader[0]![0]).toBe(0.5);
    expect(r.winVsLeader[1]![1]).toBeLessThan(1e-10); // a gap of 100 is no contest for B
  });

  it('notices when the models pick different leaders, and refuses unequal candidate lists', () => {
    expect(
      compareModels([
        [1, 0],
        [0, 1],
      ]).sameLeader,
    ).toBe(false);
    expect(() => compareModels([[1, 0], [1]])).toThrow(/same candidates/);
    expect(zScores([3, 3, 3])).toEqual([0, 0, 0]);
    expect(zScores([1, 3])).toEqual([-1, 1]);
  });
});

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { RewardError } from './errors';
import {
  DEFAULT_CALL_THRESHOLD,
  rankByScore,
  sigmoid,
  tooCloseToCall,
  winProbability,
  winProbabilityMatrix,
} from './ranking';

describe('ranking', () => {
  it('ranks highest first with gaps to the next and win probability against the leader', () => {
    const ranked = rankByScore(
      [
        { id: 'a', s: 1 },
        { id: 'b', s: 3 },
        { id: 'c', s: 2 },
      ],
      (x) => x.s,
    );
    expect(ranked.map((r) => [r.item.id, r.rank, r.index])).toEqual([
      ['b', 1, 1],
      ['c', 2, 2],
      ['a', 3, 0],
    ]);
    expect(ranked.map((r) => r.gapToNext)).toEqual([1, 1, null]);
    expect(ranked[0]!.winProbVsLeader).toBe(0.5);
    expect(ranked[1]!.winProbVsLeader).toBeCloseTo(1 / (1 + Math.E), 12);
    expect(rankByScore([], (x: number) => x)).toEqual([]);
  });

  it('is stable: ties keep input order', () => {
    const ranked = rankByScore(['x', 'y', 'z', 'w'], (s) => (s === 'w' ? 5 : 1));
    expect(ranked.map((r) => r.item)).toEqual(['w', 'x', 'y', 'z']);
    expect(ranked[1]!.gapToNext).toBe(0);
  });

  it('refuses NaN scores', () => {
    expect(() => rankByScore([1, NaN], (x) => x)).toThrow(RewardError);
    expect(() => winProbabilityMatrix([NaN])).toThrow(/Candidate 1/);
  });

  it('σ is stable at the extremes and symmetric', () => {
    expect(sigmoid(1000)).toBe(1);
    expect(sigmoid(-1000)).toBe(0);
    expect(sigmoid(0)).toBe(0.5);
    fc.assert(
      fc.property(
        fc.double({ min: -50, max: 50, noNaN: true }),
        fc.double({ min: -50, max: 50, noNaN: true }),
        (a, b) => {
          expect(winProbability(a, b) + winProbability(b, a)).toBeCloseTo(1, 12);
        },
      ),
    );
  });

  it('builds the full win-probability matrix', () => {
    const m = winProbabilityMatrix([0, Math.log(3)]);
    expect(m[0]![0]).toBe(0.5);
    expect(m[1]![0]).toBeCloseTo(0.75, 12);
    expect(m[0]![1]).toBeCloseTo(0.25, 12);
  });

  it('sorted order is non-increasing and a permutation of the input', () => {
    fc.assert(
      fc.property(fc.array(fc.double({ noNaN: true, min: -1e6, max: 1e6 }), { maxLength: 20 }), (scores) => {
        const ranked = rankByScore(scores, (x) => x);
        expect(ranked.map((r) => r.index).sort((a, b) => a - b)).toEqual(scores.map((_, i) => i));
        for (let i = 1; i < ranked.length; i++) {
          expect(ranked[i - 1]!.score).toBeGreaterThanOrEqual(ranked[i]!.score);
          if (ranked[i - 1]!.score === ranked[i]!.score)
            expect(ranked[i - 1]!.index).toBeLessThan(ranked[i]!.index);
        }
      }),
    );
  });
});

describe('tooCloseToCall', () => {
  it("marks neighbours the model's own σ(Δ) cannot tell apart, the leader with the runner-up", () => {
    // Gaps 0.07 (σ 51.7%), 2.0 (88%), 0.3 (57%): with the default 60% line, #1/#2 and #3/#4 are coin flips.
    expect(tooCloseToCall([3.07, 3.0, 1.0, 0.7])).toEqual([true, true, true, true]);
    // A lower line (55%) calls the 0.3 gap; the 0.07 one stays a coin flip.
    expect(tooCloseToCall([3.07, 3.0, 1.0, 0.7], 0.55)).toEqual([true, true, false, false]);
    // A row is judged against both neighbours: #2 is clear of #1 but ties #3.
    expect(tooCloseToCall([5, 1, 1])).toEqual([false, true, true]);
    expect(tooCloseToCall([5, 1])).toEqual([false, false]);
    expect(tooCloseToCall([1])).toEqual([false]);
    expect(tooCloseToCall([2, 2])).toEqual([true, true]);
    expect(DEFAULT_CALL_THRESHOLD).toBe(0.6);
  });

  it('refuses a threshold that is not a probability above 50%', () => {
    expect(() => tooCloseToCall([1, 0], 0.5)).toThrow(/between 50% and 100%/);
    expect(() => tooCloseToCall([1, 0], 1.2)).toThrow(/between 50% and 100%/);
    expect(() => tooCloseToCall([1, Number.NaN])).toThrow(/NaN/);
  });
});

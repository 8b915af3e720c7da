import { describe, expect, it } from 'vitest';
import { calibrationBins, summarizeCheck } from './model-check';

const pair = (
  chosen: number,
  rejected: number,
  subset: string,
  chosenLength: number,
  rejectedLength: number,
) => ({
  chosen,
  rejected,
  subset,
  chosenLength,
  rejectedLength,
});

describe('summarizeCheck', () => {
  it('counts agreement with the labels beside the longer-answer baseline, split by length', () => {
    const s = summarizeCheck([
      pair(2, 0, 'a', 10, 50), // right, chosen shorter
      pair(1, 0, 'a', 90, 20), // right, chosen longer
      pair(0, 3, 'b', 80, 10), // wrong, chosen longer
      pair(0.1, 0, 'b', 5, 5), // right, equal length
    ]);
    expect(s.overall).toMatchObject({ n: 4, correct: 3, accuracy: 0.75 });
    expect(s.bySubset.a!.accuracy).toBe(1);
    expect(s.bySubset.b!.accuracy).toBe(0.5);
    // Longer wins is right on the two pairs whose chosen side is longer; equal lengths count as wrong.
    expect(s.longerWins).toMatchObject({ n: 4, correct: 2, ties: 1 });
    expect(s.longerWinsBySubset.a!.accuracy).toBe(0.5);
    expect(s.chosenLonger).toMatchObject({ n: 2, correct: 1 });
    expect(s.chosenShorter).toMatchObject({ n: 1, correct: 1 });
    expect(s.lengthControlled).toBe(0.75);
    expect(s.withoutApart).toBeUndefined();
  });

  it('reports knowledge subsets (facts) apart: accuracy and longer wins over the other subsets', () => {
    const s = summarizeCheck([
      pair(1, 0, 'rude', 10, 50), // right, chosen shorter
      pair(0, 1, 'rude', 90, 20), // wrong, chosen longer
      pair(1, 0, 'empty', 30, 1), // right, chosen longer
      pair(0, 1, 'facts', 5, 60), // wrong, chosen shorter
    ]);
    expect(s.overall).toMatchObject({ n: 4, correct: 2 });
    expect(s.withoutApart?.apart).toEqual(['facts']);
    expect(s.withoutApart?.overall).toMatchObject({ n: 3, correct: 2 });
    expect(s.withoutApart?.longerWins).toMatchObject({ n: 3, correct: 2 });
    expect(s.bySubset.facts).toMatchObject({ n: 1, correct: 0 });
    // A set of facts only has nothing to set apart from.
    expect(summarizeCheck([pair(1, 0, 'facts', 1, 2)]).withoutApart).toBeUndefined();
  });

  it('bins confidence max(σ(Δ), 1 − σ(Δ)) against how often the model was right', () => {
    // σ(0.1) ≈ 52.5% (right), σ(−0.2) → confidence 55% (wrong), σ(3) ≈ 95.3% (right), a NaN score is left out.
    const bins = calibrationBins([
      pair(0.1, 0, 'a', 1, 1),
      pair(0, 0.2, 'a', 1, 1),
      pair(3, 0, 'a', 1, 1),
      pair(Number.NaN, 0, 'a', 1, 1),
    ]);
    expect(bins.map((b) => b.n)).toEqual([2, 0, 0, 0, 1]);
    expect(bins[0]!.observed).toBe(0.5);
    expect(bins[0]!.predicted).toBeCloseTo((0.52498 + 0.54983) / 2, 4);
    expect(bins[4]).toMatchObject({ from: 0.9, to: 1, observed: 1 });
    expect(Number.isNaN(bins[1]!.observed)).toBe(true);
  });
});

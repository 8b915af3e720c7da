import { describe, expect, it } from 'vitest';
import type { ScoreResult } from '../../core/types';
import { displayScore, rankCandidates, rowCalls, shownValues, unrankedCandidates } from './ranking-model';

const result = (score: number, attributes?: Record<string, number>): ScoreResult => ({
  score,
  logits: [score],
  tokenCount: 5,
  truncated: false,
  backend: 'wasm',
  dtype: 'fp32',
  timingMs: 1,
  ...(attributes ? { attributes } : {}),
});

describe('rankCandidates', () => {
  const candidates = [
    { id: 'a', text: 'A' },
    { id: 'b', text: 'B' },
    { id: 'c', text: 'C' },
  ];
  const key = (t: string) => `k:${t}`;

  it('ranks scored candidates, with gaps, σ vs the leader, and staleness', () => {
    const rows = rankCandidates(
      candidates,
      { a: { key: 'k:A', result: result(0) }, b: { key: 'old', result: result(2) } },
      key,
      undefined,
    );
    expect(rows.map((r) => r.id)).toEqual(['b', 'a']);
    expect(rows[0]).toMatchObject({ rank: 1, gapToNext: 2, stale: true, index: 1 });
    expect(rows[1]!.gapToNext).toBeNull();
    expect(rows[1]!.winProbVsLeader).toBeCloseTo(1 / (1 + Math.exp(2)), 10);
  });

  it('leaves NaN scores out of the ranking instead of throwing', () => {
    const rows = rankCandidates(
      candidates,
      { a: { key: 'k:A', result: result(NaN) }, b: { key: 'k:B', result: result(1) } },
      key,
      undefined,
    );
    expect(rows.map((r) => r.id)).toEqual(['b']);
  });

  it('never ranks an empty or whitespace-only answer, even with the best score', () => {
    const rows = rankCandidates(
      [
        { id: 'a', text: 'A' },
        { id: 'e', text: '' },
        { id: 'w', text: ' \n\t ' },
      ],
      {
        a: { key: 'k:A', result: result(0) },
        e: { key: 'k:', result: result(5) },
        w: { key: 'k: \n\t ', result: result(9) },
      },
      key,
      undefined,
    );
    expect(rows.map((r) => r.id)).toEqual(['a']);
  });

  it('re-weights multi-attribute results with the user weights', () => {
    const r = result(9, { helpfulness: 1, verbosity: 2 });
    expect(displayScore(r, { helpfulness: 1, verbosity: -1 })).toBe(-1);
    expect(displayScore(result(3), { reward: 5 })).toBe(3);
  });
});

describe('shownValues', () => {
  const row = (score: number, attributes?: Record<string, number>) => ({
    score,
    result: {
      score,
      logits: [],
      attributes,
      tokenCount: 1,
      truncated: false,
      backend: 'cpu',
      dtype: 'fp32' as const,
      timingMs: 1,
    },
  });

  it('shows raw values unless an activation is given', () => {
    expect(shownValues(row(1.5), undefined, null)).toEqual({ score: 1.5 });
    expect(shownValues(row(0.5, { a: 1, b: 0 }), { a: 0.5 }, null)).toEqual({
      score: 0.5,
      attributes: { a: 1, b: 0 },
    });
  });

  it('activates one output’s score, or several attributes re-weighted with the user’s weights', () => {
    expect(shownValues(row(0), undefined, 'sigmoid')).toEqual({ score: 0.5 });
    expect(shownValues(row(2), undefined, 'tanh')).toEqual({ score: Math.tanh(2) });
    const v = shownValues(row(0, { a: 0, b: 0 }), { a: 2, b: 0 }, 'softmax');
    expect(v).toEqual({ score: 1, attributes: { a: 0.5, b: 0.5 } });
  });
});

describe('rowCalls', () => {
  const rows = (scores: number[]) =>
    scores.map((score, i) => ({
      id: String(i),
      index: i,
      rank: i + 1,
      score,
      result: { score } as never,
      gapToNext: null,
      winProbVsLeader: 0.5,
      stale: false,
    }));
  it('marks coin flips by σ(Δ) and ties at the shown precision with the real difference', () => {
    const ranked = rows([1.23449, 1.2341, -2]);
    const calls = rowCalls(ranked, 0.6, ['1.234', '1.234', '-2.000']);
    expect(calls.map((c) => c.tooClose)).toEqual([true, true, false]);
    // Each mark names the neighbour it is about and their σ(Δ), not the leader.
    expect(calls[0]!.closeTo.map((c) => c.rank)).toEqual([2]);
    expect(calls[1]!.closeTo.map((c) => c.rank)).toEqual([1]);
    expect(calls[1]!.closeTo[0]!.p).toBeCloseTo(1 / (1 + Math.exp(-(1.23449 - 1.2341))), 10);
    expect(calls[2]!.closeTo).toEqual([]);
    expect(calls[0]!.tie!.delta).toBeCloseTo(0.00039, 6);
    expect(calls[1]!.tie!.delta).toBeCloseTo(0.00039, 6);
    expect(calls[2]!.tie).toBeNull();
    // A lower line calls nothing here: 1.2345 vs 1.2341 is still σ ≈ 50%.
    expect(rowCalls(ranked, 0.51, ['1.234', '1.234', '-2.000']).map((c) => c.tooClose)).toEqual([
      true,
      true,
      false,
    ]);
  });
});

describe('unrankedCandidates', () => {
  it('names empty answers and candidates never scored; errors and scored ones are not listed', () => {
    const rows = unrankedCandidates(
      [
        { id: 'a', text: 'A' },
        { id: 'e', text: '   ' },
        { id: 'n', text: 'new' },
        { id: 'x', text: 'X' },
      ],
      {
        a: { key: 'k:A', result: result(1) },
        e: { key: 'k:', result: result(3) },
        x: { key: 'k:X', error: 'boom' },
      },
    );
    expect(rows).toEqual([
      { id: 'e', index: 1, reason: 'empty' },
      { id: 'n', index: 2, reason: 'unscored' },
    ]);
  });
});

describe('rowCalls names the neighbour', () => {
  it('a row close only to the one below names that one, not the leader above', () => {
    const ranked = [5, 1, 0.9].map((score, i) => ({
      id: String(i),
      index: i,
      rank: i + 1,
      score,
      result: { score } as never,
      gapToNext: null,
      winProbVsLeader: 0.5,
      stale: false,
    }));
    const calls = rowCalls(ranked, 0.6, ['5.000', '1.000', '0.900']);
    expect(calls.map((c) => c.closeTo.map((n) => n.rank))).toEqual([[], [3], [2]]);
  });
});

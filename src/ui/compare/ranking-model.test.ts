import { describe, expect, it } from 'vitest';
import type { ScoreResult } from '../../core/types';
import { displayScore, rankCandidates } from './ranking-model';

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

  it('re-weights multi-attribute results with the user weights', () => {
    const r = result(9, { helpfulness: 1, verbosity: 2 });
    expect(displayScore(r, { helpfulness: 1, verbosity: -1 })).toBe(-1);
    expect(displayScore(result(3), { reward: 5 })).toBe(3);
  });
});

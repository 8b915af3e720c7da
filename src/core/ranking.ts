import { RewardError } from './errors';

/** Logistic function, computed without overflow for large |x|. */
export function sigmoid(x: number): number {
  if (x >= 0) return 1 / (1 + Math.exp(-x));
  const e = Math.exp(x);
  return e / (1 + e);
}

/** Bradley–Terry probability that a response with reward `a` beats one with reward `b`: σ(a − b). */
export function winProbability(a: number, b: number): number {
  return sigmoid(a - b);
}

export interface RankedItem<T> {
  item: T;
  score: number;
  /** Position in the input list. */
  index: number;
  /** 1-based rank; ties get consecutive ranks in input order. */
  rank: number;
  /** score − next ranked score; null for the last one. */
  gapToNext: number | null;
  /** σ(score − leader score); 0.5 for the leader. */
  winProbVsLeader: number;
}

function checkScore(score: number, index: number): void {
  if (Number.isNaN(score)) {
    throw new RewardError(
      'input',
      `Candidate ${index + 1} has no valid score (NaN), so it cannot be ranked.`,
    );
  }
}

/** Sorts by score, highest first. Stable: equal scores keep their input order. */
export function rankByScore<T>(items: readonly T[], scoreOf: (item: T) => number): RankedItem<T>[] {
  const scored = items.map((item, index) => {
    const score = scoreOf(item);
    checkScore(score, index);
    return { item, score, index };
  });
  scored.sort((a, b) => (b.score === a.score ? a.index - b.index : b.score > a.score ? 1 : -1));
  const leader = scored[0]?.score ?? 0;
  return scored.map((s, i) => {
    const next = scored[i + 1];
    return {
      ...s,
      rank: i + 1,
      gapToNext: next ? s.score - next.score : null,
      winProbVsLeader: winProbability(s.score, leader),
    };
  });
}

/** m[i][j] = P(candidate i beats candidate j) = σ(s_i − s_j), in input order; the diagonal is 0.5. */
export function winProbabilityMatrix(scores: readonly number[]): number[][] {
  scores.forEach(checkScore);
  return scores.map((a) => scores.map((b) => winProbability(a, b)));
}

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

/** The default "too close to call" line: a σ(Δ) under 60% (a reward gap under 0.41) is not a call. */
export const DEFAULT_CALL_THRESHOLD = 0.6;

/**
 * For each row of a ranking (best first): whether it is too close to call with a neighbour, i.e. σ(Δ) to the
 * row just above or just below stays under `threshold`, so its place in the order is a coin flip. A reward
 * model's own Bradley–Terry probability is the yardstick: a gap that gives 52% is a coin flip however far
 * apart min–max scaled bars would draw it.
 */
export function tooCloseToCall(scores: readonly number[], threshold = DEFAULT_CALL_THRESHOLD): boolean[] {
  if (!(threshold > 0.5 && threshold < 1)) {
    throw new RewardError('input', `The call threshold must be between 50% and 100% (got ${threshold}).`);
  }
  scores.forEach(checkScore);
  const close = (a: number | undefined, b: number | undefined) =>
    a !== undefined && b !== undefined && winProbability(a, b) < threshold;
  return scores.map((s, i) => close(scores[i - 1], s) || close(s, scores[i + 1]));
}

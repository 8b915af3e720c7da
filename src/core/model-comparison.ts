/**
 * Several reward models on the same candidates: their scores are on different scales (each model's rewards
 * compare only within itself), so the comparison uses what is comparable — ranks, within-set z-scores, each
 * model's own σ(Δ) against its leader — and Kendall τ between every pair of models.
 */
import { RewardError } from './errors';
import { rankByScore, winProbability } from './ranking';
import { kendallTau } from './stats';

/** (x − mean) / standard deviation within one model's scores; all zeros when they are all equal. */
export function zScores(scores: readonly number[]): number[] {
  const n = scores.length;
  if (n === 0) return [];
  const mean = scores.reduce((a, b) => a + b, 0) / n;
  const sd = Math.sqrt(scores.reduce((a, b) => a + (b - mean) ** 2, 0) / n);
  return scores.map((s) => (sd > 0 ? (s - mean) / sd : 0));
}

export interface ModelComparison {
  /** ranks[m][c]: candidate c's 1-based rank under model m. */
  ranks: number[][];
  z: number[][];
  /** winVsLeader[m][c]: σ(score − model m's best score). */
  winVsLeader: number[][];
  /** tau[a][b]: Kendall τ-b between models a and b over the candidates (1 on the diagonal). */
  tau: number[][];
  /** Candidates whose rank is not the same under every model. */
  disagreement: boolean[];
  /** Every model puts the same candidate first. */
  sameLeader: boolean;
}

/** `scores[m][c]`: model m's score for candidate c (every model scores every candidate). */
export function compareModels(scores: readonly (readonly number[])[]): ModelComparison {
  const n = scores[0]?.length ?? 0;
  if (scores.some((s) => s.length !== n)) {
    throw new RewardError('input', 'Every model must score the same candidates to be compared.');
  }
  const ranks = scores.map((s) => {
    const r: number[] = new Array<number>(n);
    for (const row of rankByScore(s, (x) => x)) r[row.index] = row.rank;
    return r;
  });
  const winVsLeader = scores.map((s) => {
    const best = Math.max(...s);
    return s.map((x) => winProbability(x, best));
  });
  const tau = scores.map((a, i) => scores.map((b, j) => (i === j ? 1 : kendallTau(a, b))));
  const disagreement = Array.from({ length: n }, (_, c) => new Set(ranks.map((r) => r[c])).size > 1);
  const leaders = new Set(ranks.map((r) => r.indexOf(1)));
  return { ranks, z: scores.map(zScores), winVsLeader, tau, disagreement, sameLeader: leaders.size <= 1 };
}

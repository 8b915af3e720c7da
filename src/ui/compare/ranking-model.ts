/**
 * Adapts core ranking and scoring to what the compare view shows. All the math is src/core's; this file only
 * joins it with the candidates and their (possibly stale) results.
 */
import { activate, activateResult } from '../../core/activation';
import { rankByScore, winProbabilityMatrix } from '../../core/ranking';
import { reweigh } from '../../core/scoring';
import type { Activation, ScoreResult, Weights } from '../../core/types';
import type { CandidateEntry, CandidateScore } from '../store/compare-slice';

export interface RankedRow {
  id: string;
  /** Position in the editor (for names). */
  index: number;
  rank: number;
  score: number;
  result: ScoreResult;
  /** Score minus the next-ranked score; null for the last. */
  gapToNext: number | null;
  /** σ(this − leader): the Bradley–Terry probability that this candidate beats the leader. */
  winProbVsLeader: number;
  stale: boolean;
}

/** The score shown for a result: re-weighted with the user's current weights (core/scoring's reweigh). */
export function displayScore(result: ScoreResult, weights: Weights | undefined): number {
  return reweigh(result, weights);
}

export function rankCandidates(
  candidates: readonly CandidateEntry[],
  scores: Record<string, CandidateScore>,
  keyOf: (text: string) => string,
  weights: Weights | undefined,
): RankedRow[] {
  const rows = candidates.flatMap((c, index) => {
    const s = scores[c.id];
    return s?.result && Number.isFinite(s.result.score) ? [{ c, index, key: s.key, result: s.result }] : [];
  });
  return rankByScore(rows, (x) => displayScore(x.result, weights)).map((r) => ({
    id: r.item.c.id,
    index: r.item.index,
    rank: r.rank,
    score: r.score,
    result: r.item.result,
    gapToNext: r.gapToNext,
    winProbVsLeader: r.winProbVsLeader,
    stale: r.item.key !== keyOf(r.item.c.text),
  }));
}

export const winMatrix = winProbabilityMatrix;

/**
 * What a row shows: its ranking score and attributes, or with `activation` the activated values
 * (core/activation.ts: one output's score activated; several attributes activated and re-weighted).
 * Rank, gap and σ(Δ) stay on the raw rewards: they are Bradley–Terry quantities.
 */
export function shownValues(
  row: Pick<RankedRow, 'score' | 'result'>,
  weights: Weights | undefined,
  activation: Activation | null,
): { score: number; attributes?: Record<string, number> } {
  const attrs = row.result.attributes;
  const labels = attrs ? Object.keys(attrs) : [];
  if (labels.length <= 1) return { score: activation ? activate([row.score], activation)[0]! : row.score };
  if (!activation) return { score: row.score, attributes: attrs };
  const shown = activateResult(labels, row.result, activation, weights ?? {});
  return { score: shown.score, attributes: shown.attributes };
}

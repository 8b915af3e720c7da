/**
 * Adapts core ranking and scoring to what the compare view shows. All the math is src/core's; this file only
 * joins it with the candidates and their (possibly stale) results.
 */
import { activate, activateResult } from '../../core/activation';
import { rankByScore, tooCloseToCall, winProbability, winProbabilityMatrix } from '../../core/ranking';
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

/** What the compare view says about a row beyond its score: can the model tell it from its neighbour? */
export interface RowCall {
  /** σ(Δ) to the neighbour (the row above; the leader: the runner-up) is under the user's threshold. */
  tooClose: boolean;
  /**
   * The neighbours it is too close to, the row above first: their rank and σ(Δ) of the higher over the lower, so
   * the mark says which comparison it is about (not the σ(Δ) vs the leader shown beside it).
   */
  closeTo: { rank: number; p: number }[];
  /** The shown score equals a neighbour's (above or below) to display precision (`delta`: the real difference). */
  tie: { delta: number } | null;
}

/**
 * Calls for each ranked row: "too close to call" from the model's own Bradley–Terry probability, and ties at
 * the precision the scores are shown with (so two identical-looking numbers never pass for a ranking).
 */
export function rowCalls(
  ranked: readonly RankedRow[],
  threshold: number,
  /** Each row's score as displayed (raw or activated). */
  shownText: readonly string[],
): RowCall[] {
  const close = tooCloseToCall(
    ranked.map((r) => r.score),
    threshold,
  );
  return ranked.map((r, i) => {
    // A tie with the row above or below: either would pass for a ranking when the numbers read the same.
    const tiedWith = [i - 1, i + 1].filter((j) => ranked[j] !== undefined && shownText[j] === shownText[i]);
    const deltas = tiedWith.map((j) => Math.abs(r.score - ranked[j]!.score));
    const closeTo = [i - 1, i + 1].flatMap((j) => {
      const n = ranked[j];
      if (!n) return [];
      const p = j < i ? winProbability(n.score, r.score) : winProbability(r.score, n.score);
      return p < threshold ? [{ rank: n.rank, p }] : [];
    });
    return {
      tooClose: close[i] ?? false,
      closeTo,
      tie: deltas.length > 0 ? { delta: Math.min(...deltas) } : null,
    };
  });
}

/** The score shown for a result: re-weighted with the user's current weights (core/scoring's reweigh). */
export function displayScore(result: ScoreResult, weights: Weights | undefined): number {
  return reweigh(result, weights);
}

/** An empty or whitespace-only answer: a model scores it like any text, so it is flagged instead of ranked. */
export function isEmptyAnswer(text: string): boolean {
  return text.trim() === '';
}

/** Ranks the candidates that have a finite score; empty answers never enter the ranking (see unrankedCandidates). */
export function rankCandidates(
  candidates: readonly CandidateEntry[],
  scores: Record<string, CandidateScore>,
  keyOf: (text: string) => string,
  weights: Weights | undefined,
): RankedRow[] {
  const rows = candidates.flatMap((c, index) => {
    const s = scores[c.id];
    return !isEmptyAnswer(c.text) && s?.result && Number.isFinite(s.result.score)
      ? [{ c, index, key: s.key, result: s.result }]
      : [];
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

/** A candidate the ranking leaves out, and why: an empty answer, or one not scored yet (added or never scored). */
export interface UnrankedRow {
  id: string;
  index: number;
  reason: 'empty' | 'unscored';
}

/**
 * The candidates missing from the ranking that are not errors (those are reported as errors): empty answers, and
 * candidates without any score yet, so a newly added one is never silently absent.
 */
export function unrankedCandidates(
  candidates: readonly CandidateEntry[],
  scores: Record<string, CandidateScore>,
): UnrankedRow[] {
  return candidates.flatMap((c, index): UnrankedRow[] => {
    if (isEmptyAnswer(c.text)) return [{ id: c.id, index, reason: 'empty' }];
    const s = scores[c.id];
    return !s || (!s.result && !s.error) ? [{ id: c.id, index, reason: 'unscored' }] : [];
  });
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

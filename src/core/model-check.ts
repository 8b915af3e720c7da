/**
 * The "Check this model" summary: how often a model agrees with human preference labels on the bundled check
 * set, beside the "longer answer wins" baseline, split by which side is longer, and how well its own win
 * probabilities are calibrated. Pure: the UI scores the pairs, this turns scores into the figures.
 */
import { KNOWLEDGE_SUBSETS } from './check-sets';
import { sigmoid } from './ranking';
import {
  accuracyOf,
  lengthControlledAccuracy,
  pairwiseAccuracy,
  type AccuracySummary,
  type ScoredPair,
} from './stats';

/** One bin of the reliability diagram: pairs whose confidence max(σ(Δ), 1 − σ(Δ)) falls in [from, to). */
export interface CalibrationBin {
  from: number;
  to: number;
  n: number;
  /** Mean confidence of the pairs in the bin. */
  predicted: number;
  /** Share of them the model got right; NaN when n = 0. */
  observed: number;
}

export interface ModelCheckSummary {
  overall: AccuracySummary;
  bySubset: Record<string, AccuracySummary>;
  /** The baseline that always prefers the longer response, on the same pairs (equal lengths count as wrong). */
  longerWins: AccuracySummary;
  longerWinsBySubset: Record<string, AccuracySummary>;
  chosenLonger: AccuracySummary;
  chosenShorter: AccuracySummary;
  /** Mean of the two: a pure length rule scores 50%. */
  lengthControlled: number;
  calibration: CalibrationBin[];
  /**
   * When some subsets are reported apart (core/check-sets KNOWLEDGE_SUBSETS, e.g. the obvious suite's facts) and
   * others remain: accuracy and the longer-wins baseline over the remaining subsets only.
   */
  withoutApart?: { apart: string[]; overall: AccuracySummary; longerWins: AccuracySummary };
}

const EDGES = [0.5, 0.6, 0.7, 0.8, 0.9, 1.0000001];

/** A pair's confidence and whether the model got it right, from σ(chosen − rejected). */
export function calibrationBins(pairs: readonly ScoredPair[]): CalibrationBin[] {
  const bins = EDGES.slice(0, -1).map((from, i) => ({
    from,
    to: Math.min(1, EDGES[i + 1]!),
    sum: 0,
    right: 0,
    n: 0,
  }));
  for (const p of pairs) {
    if (!Number.isFinite(p.chosen) || !Number.isFinite(p.rejected)) continue;
    const pChosen = sigmoid(p.chosen - p.rejected);
    const confidence = Math.max(pChosen, 1 - pChosen);
    const bin = bins.find((b, i) => confidence < (EDGES[i + 1] ?? Infinity)) ?? bins[bins.length - 1]!;
    bin.n++;
    bin.sum += confidence;
    if (p.chosen > p.rejected) bin.right++;
  }
  return bins.map((b) => ({
    from: b.from,
    to: b.to,
    n: b.n,
    predicted: b.n ? b.sum / b.n : NaN,
    observed: b.n ? b.right / b.n : NaN,
  }));
}

function longerRule(pairs: readonly ScoredPair[]): ScoredPair[] {
  return pairs.map((p) => ({
    ...p,
    chosen: p.chosenLength ?? NaN,
    rejected: p.rejectedLength ?? NaN,
  }));
}

/** `apart`: subsets to report apart (present ones are left out of `withoutApart`). */
export function summarizeCheck(
  pairs: readonly ScoredPair[],
  apart: readonly string[] = KNOWLEDGE_SUBSETS,
): ModelCheckSummary {
  const acc = pairwiseAccuracy(pairs);
  const baseline = pairwiseAccuracy(longerRule(pairs));
  const byLength = lengthControlledAccuracy(pairs);
  const present = apart.filter((a) => a in acc.bySubset);
  const rest = pairs.filter((p) => !present.includes(p.subset ?? ''));
  const withoutApart =
    present.length > 0 && rest.length > 0
      ? { apart: present, overall: accuracyOf(rest), longerWins: accuracyOf(longerRule(rest)) }
      : undefined;
  return {
    ...(withoutApart ? { withoutApart } : {}),
    overall: acc.overall,
    bySubset: acc.bySubset,
    longerWins: accuracyOf(longerRule(pairs)),
    longerWinsBySubset: baseline.bySubset,
    chosenLonger: byLength.chosenLonger,
    chosenShorter: byLength.chosenShorter,
    lengthControlled: byLength.mean,
    calibration: calibrationBins(pairs),
  };
}

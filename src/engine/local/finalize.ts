import { scoreOf } from '../../core/scoring';
import type { ScoreResult, Weights } from '../../core/types';

/** What a batch run yields for one input, before its outputs are named and scored. */
export interface RawScore extends Pick<
  ScoreResult,
  'logits' | 'tokenCount' | 'truncated' | 'backend' | 'dtype' | 'timingMs' | 'renderedInput'
> {
  labels: string[];
  weights: Readonly<Weights>;
  alpha: number;
}

/** Logits → ScoreResult: several outputs are named by the labels; the score is core/scoring's scoreOf. */
export function toScoreResult(raw: RawScore): ScoreResult {
  const { labels, weights, alpha, renderedInput, ...rest } = raw;
  const { logits } = rest;
  const base = { ...rest, ...(renderedInput !== undefined ? { renderedInput } : {}) };
  const scale = { weights, alpha };
  if (logits.length === 1) return { ...base, score: scoreOf({ logits }, scale) };
  const attributes = Object.fromEntries(labels.map((name, i) => [name, logits[i] ?? NaN]));
  return { ...base, score: scoreOf({ logits, attributes }, scale), attributes };
}

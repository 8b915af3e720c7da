import { scoreOf } from '../../core/scoring';
import type { Dtype, ScoreResult, Weights } from '../../core/types';

export interface RawScore {
  logits: number[];
  labels: string[];
  weights: Readonly<Weights>;
  alpha: number;
  tokenCount: number;
  truncated: boolean;
  backend: string;
  dtype: Dtype | 'remote';
  timingMs: number;
  renderedInput?: string;
}

/** Logits → ScoreResult: several outputs are named by the labels; the score is core/scoring's scoreOf. */
export function toScoreResult(raw: RawScore): ScoreResult {
  const { logits, labels } = raw;
  const base = {
    logits,
    tokenCount: raw.tokenCount,
    truncated: raw.truncated,
    backend: raw.backend,
    dtype: raw.dtype,
    timingMs: raw.timingMs,
    ...(raw.renderedInput !== undefined ? { renderedInput: raw.renderedInput } : {}),
  };
  const scale = { weights: raw.weights, alpha: raw.alpha };
  if (logits.length === 1) return { ...base, score: scoreOf({ logits }, scale) };
  const attributes = Object.fromEntries(labels.map((name, i) => [name, logits[i] ?? NaN]));
  return { ...base, score: scoreOf({ logits, attributes }, scale), attributes };
}

import type { Dtype, ScoreResult, Weights } from '../../core/types';

export interface RawScore {
  logits: number[];
  labels: string[];
  weights: Weights;
  alpha: number;
  tokenCount: number;
  truncated: boolean;
  backend: string;
  dtype: Dtype | 'remote';
  timingMs: number;
  renderedInput?: string;
}

/**
 * Logits → ScoreResult. One output: score = logit × alpha. Several outputs: named attributes, and the
 * score is their weighted sum (alpha does not apply; weights carry the scale).
 */
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
  if (logits.length === 1) return { ...base, score: (logits[0] ?? NaN) * raw.alpha };
  const attributes: Record<string, number> = {};
  let score = 0;
  labels.forEach((name, i) => {
    const value = logits[i] ?? NaN;
    attributes[name] = value;
    score += (raw.weights[name] ?? 0) * value;
  });
  return { ...base, score, attributes };
}

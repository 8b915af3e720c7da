/**
 * Raw vs activated scores (docs/architecture.md, 'Scoring'): TEI's `raw_scores: false`, vLLM's
 * `use_activation` and the CLI's `annotate --activated` ask for the head's activation. Which one: the model's
 * own when its config names one (ModelInfo.activation), else a sigmoid for a single output and a softmax over
 * several — what TEI and vLLM apply by default.
 */
import type { Activation, ScoreResult, Weights } from './types';

export function activationFor(outputs: number, named?: Activation): Activation {
  return named ?? (outputs <= 1 ? 'sigmoid' : 'softmax');
}

const sigmoid = (x: number) => 1 / (1 + Math.exp(-x));

export function activate(values: readonly number[], kind: Activation): number[] {
  switch (kind) {
    case 'sigmoid':
      return values.map(sigmoid);
    case 'tanh':
      return values.map(Math.tanh);
    case 'identity':
      return [...values];
    case 'softmax': {
      // Shifted by the maximum so large logits cannot overflow exp().
      const max = Math.max(...values);
      const exps = values.map((v) => Math.exp(v - max));
      const sum = exps.reduce((a, b) => a + b, 0);
      return exps.map((e) => e / sum);
    }
  }
}

/**
 * The values a reply reports, in label order, before any activation: a single-output head's score (alpha
 * applied, as the NIM route reports it), or each attribute of a multi-output head.
 */
export function rawValues(labels: readonly string[], r: ScoreResult): number[] {
  if (labels.length <= 1) return [r.score];
  return labels.map((name, i) => r.attributes?.[name] ?? r.logits[i] ?? Number.NaN);
}

/**
 * A result as activated values: a single output's score becomes act(score); several outputs become activated
 * attributes, and the score their weighted sum with `weights` (the model's defaults). logits stay raw.
 */
export function activateResult(
  labels: readonly string[],
  r: ScoreResult,
  kind: Activation,
  weights: Weights,
): ScoreResult {
  const values = activate(rawValues(labels, r), kind);
  if (labels.length <= 1) return { ...r, score: values[0]! };
  const attributes = Object.fromEntries(labels.map((l, i) => [l, values[i]!]));
  const score = labels.reduce((sum, l) => sum + (weights[l] ?? 0) * attributes[l]!, 0);
  return { ...r, score, attributes };
}

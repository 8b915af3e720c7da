/**
 * Default weights and scalarization for remote replies. Private to the remote clients: src/core/scoring.ts
 * (the shared scalarization) did not exist when these were written; switch to it once it does.
 */
import type { Weights } from '../../core/types';

/**
 * Single-score replies ('reward') weigh 1. Attribute replies weigh 1 on 'helpfulness' alone (the HelpSteer
 * convention for ranking by one attribute); a reply with neither name weighs 1 on its first label.
 */
export function defaultRemoteWeights(labels: readonly string[]): Weights {
  if (labels.includes('reward')) return { reward: 1 };
  if (labels.includes('helpfulness')) return { helpfulness: 1 };
  return labels[0] === undefined ? {} : { [labels[0]]: 1 };
}

/** Weighted sum over the named values; names without a weight weigh 0. */
export function scalarize(values: Readonly<Record<string, number>>, weights: Weights): number {
  let sum = 0;
  for (const [name, value] of Object.entries(values)) {
    const w = Object.hasOwn(weights, name) ? weights[name]! : 0;
    if (w !== 0) sum += w * value;
  }
  return sum;
}

/**
 * Default scalarization weights for remote replies (scalarization itself is core/scoring's weightedSum).
 */
import type { Weights } from '../../core/types';

/**
 * Single-score replies ('reward') weigh 1. Attribute replies weigh 1 on 'helpfulness' alone (rank by the
 * attribute people read first; the HelpSteer preset in core/scoring is one click away); a reply with
 * neither name weighs 1 on its first label.
 */
export function defaultRemoteWeights(labels: readonly string[]): Weights {
  if (labels.includes('reward')) return { reward: 1 };
  if (labels.includes('helpfulness')) return { helpfulness: 1 };
  return labels[0] === undefined ? {} : { [labels[0]]: 1 };
}

/**
 * Output labels of a remote model are learned from its replies; every later reply must carry the same
 * names, or logits would silently change meaning between rows.
 */
import type { ModelInfo } from '../contract';
import { defaultRemoteWeights } from './weights';

/** Sets info.labels/defaultWeights from the first reply; returns a problem text when a later reply differs. */
export function adoptLabels(info: ModelInfo, labels: readonly string[]): string | null {
  if (info.labels.length === 0) {
    info.labels = [...labels];
    info.defaultWeights = defaultRemoteWeights(labels);
    return null;
  }
  const same = info.labels.length === labels.length && labels.every((l) => info.labels.includes(l));
  return same
    ? null
    : `the labels [${labels.join(', ')}] differ from the model's [${info.labels.join(', ')}]`;
}

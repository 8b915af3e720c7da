/**
 * The scoring loop both local backends share: length-sorted batches, cancellation between batches,
 * progress, and logits → ScoreResult in input order. Each backend supplies only how one batch runs.
 */
import { RewardError } from '../../core/errors';
import { resolveScoring } from '../../core/scoring';
import type { ScoreResult } from '../../core/types';
import { planBatches, type BatchPlanOptions } from '../batching';
import type { ModelInfo, ScoreOptions } from '../contract';
import { throwIfCancelled } from './errors';
import { toScoreResult } from './finalize';

/**
 * One input per run where batching could change a score: a quantized file we did not make may use dynamic
 * (activation) quantization, whose scales depend on the whole batch, padding included
 * (docs/architecture.md, 'Batching').
 */
export function batchPlanFor(
  quantized: boolean,
  ownModel: boolean,
  padKnown = true,
): Partial<BatchPlanOptions> {
  return (quantized && !ownModel) || !padKnown ? { maxBatchSize: 1 } : {};
}

export interface EncodedRow {
  ids: number[];
  truncated: boolean;
}

export async function scoreInBatches<R extends EncodedRow>(
  rows: R[],
  info: ModelInfo,
  options: ScoreOptions,
  runBatch: (batch: R[]) => Promise<ArrayLike<number>>,
  plan: Partial<BatchPlanOptions> = {},
): Promise<ScoreResult[]> {
  const results = new Array<ScoreResult>(rows.length);
  const { weights, alpha } = resolveScoring(info, options);
  const perRow = info.labels.length;
  let done = 0;
  for (const batch of planBatches(
    rows.map((r) => r.ids.length),
    plan,
  )) {
    throwIfCancelled(options.signal);
    const started = performance.now();
    const data = Array.from(await runBatch(batch.map((i) => rows[i] as R)), Number);
    if (data.length !== batch.length * perRow) {
      throw new RewardError(
        'model',
        `Expected logits [batch, ${perRow}] (one value per id2label entry), got ${data.length} values for ${batch.length} inputs.`,
      );
    }
    const elapsed = (performance.now() - started) / batch.length;
    batch.forEach((index, r) => {
      const row = rows[index] as R;
      results[index] = toScoreResult({
        logits: data.slice(r * perRow, (r + 1) * perRow),
        labels: info.labels,
        weights,
        alpha,
        tokenCount: row.ids.length,
        truncated: row.truncated,
        backend: info.backend,
        dtype: info.dtype,
        timingMs: elapsed,
      });
    });
    done += batch.length;
    options.onProgress?.(done, rows.length);
  }
  return results;
}

/**
 * "Check this model": scores one of the bundled check sets (core/check-sets: the human-labelled validation pairs
 * of training/check_set.py, or the obvious cases of training/obvious_suite.py) through the same chunked,
 * cancellable batch runner as the Batch view, and summarises it with core/model-check.
 */
import { checkSet, type CheckSetId } from '../../core/check-sets';
import { pairOutcomes, parseDataset, type Dataset } from '../../core/formats';
import { summarizeCheck } from '../../core/model-check';
import type { ScoringSettings } from '../../core/types';
import { runBatch, type BatchProgress } from '../batch/run-batch';
import type { StoredCheck } from '../store/model-slice';

export const checkSetUrl = (id: CheckSetId) => `${import.meta.env.BASE_URL}${checkSet(id).file}`;

export const setOf = (c: StoredCheck): CheckSetId => c.set ?? 'human';

/** The storage key of a check: the human set keeps the key it had before there were two sets. */
export function checkKey(set: CheckSetId, model: string, dtype: string): string {
  return set === 'human' ? `${model} · ${dtype}` : `${model} · ${dtype} · ${set}`;
}

const loaded = new Map<CheckSetId, Promise<Dataset>>();

/** A check set, read once per page. */
export function loadCheckSet(id: CheckSetId): Promise<Dataset> {
  let data = loaded.get(id);
  if (!data) {
    const url = checkSetUrl(id);
    data = fetch(url).then(async (r) => {
      if (!r.ok) throw new Error(`${url} answered ${r.status} ${r.statusText}`);
      const parsed = parseDataset(await r.text(), { format: 'pairs' });
      if (parsed.errors.length > 0)
        throw new Error(`${url} line ${parsed.errors[0]!.line}: ${parsed.errors[0]!.message}`);
      return parsed;
    });
    loaded.set(id, data);
    // A failed read is tried again next time.
    data.catch(() => loaded.delete(id));
  }
  return data;
}

export function runCheck(handle: string, data: Dataset, scoring: ScoringSettings, onProgress: BatchProgress) {
  const run = runBatch(handle, data.records, scoring, onProgress);
  return {
    cancel: run.cancel,
    promise: run.promise.then(({ scores, cancelled }) => {
      const outcomes = pairOutcomes(data.records, scores);
      return {
        cancelled,
        outcomes,
        summary: summarizeCheck(outcomes),
        failed: data.records.length - outcomes.length,
      };
    }),
  };
}

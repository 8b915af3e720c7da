/**
 * "Check this model": scores the bundled check set (public/check-set/human-pairs.jsonl, written by
 * training/check_set.py: the human-labelled validation pairs no shipped model was trained on) through the same
 * chunked, cancellable batch runner as the Batch view, and summarises it with core/model-check.
 */
import { pairOutcomes, parseDataset, type Dataset } from '../../core/formats';
import { summarizeCheck, type ModelCheckSummary } from '../../core/model-check';
import type { ScoringSettings } from '../../core/types';
import { runBatch, type BatchProgress } from '../batch/run-batch';

export const CHECK_SET_URL = `${import.meta.env.BASE_URL}check-set/human-pairs.jsonl`;

/** One finished check, as kept per model in browser storage. */
export interface StoredCheck {
  /** The model id and dtype it ran on (one entry per pair of them). */
  model: string;
  dtype: string;
  backend: string;
  at: string;
  pairs: number;
  /** Pairs whose scoring failed (left out of the figures). */
  failed: number;
  summary: ModelCheckSummary;
}

let checkSet: Promise<Dataset> | null = null;

/** The check set, read once per page. */
export function loadCheckSet(): Promise<Dataset> {
  checkSet ??= fetch(CHECK_SET_URL).then(async (r) => {
    if (!r.ok) throw new Error(`${CHECK_SET_URL} answered ${r.status} ${r.statusText}`);
    const data = parseDataset(await r.text(), { format: 'pairs' });
    if (data.errors.length > 0)
      throw new Error(`${CHECK_SET_URL} line ${data.errors[0]!.line}: ${data.errors[0]!.message}`);
    return data;
  });
  checkSet.catch(() => (checkSet = null));
  return checkSet;
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

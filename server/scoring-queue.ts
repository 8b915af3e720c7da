/**
 * The one queue every route scores through: requests are batched across HTTP calls (server/batcher.ts), each
 * job carrying its own truncation (TEI `truncate`, vLLM `truncate_prompt_tokens`), so a batch runs as at most
 * two `model.score` calls, cut and not cut.
 */
import { RewardError } from '../src/core/errors';
import type { ScoreInput, ScoreResult, ScoringSettings } from '../src/core/types';
import type { Model } from '../src/engine/contract';
import { type BatchOptions, DynamicBatcher } from './batcher';

export type ScoringQueue = DynamicBatcher<{ input: ScoreInput; truncate: boolean }, ScoreResult>;

export function createScoringQueue(
  model: Model,
  batch: BatchOptions,
  scoring: ScoringSettings | undefined,
): ScoringQueue {
  const limit = model.info.maxLength;
  const scoreGroup = async (inputs: ScoreInput[], cut: boolean) => {
    try {
      return await model.score(inputs, { ...scoring, truncate: cut });
    } catch (e) {
      // With truncation off, an over-long input's message names the limit.
      if (e instanceof RewardError && e.code === 'input' && !cut && !e.message.includes(String(limit))) {
        throw new RewardError(
          'input',
          `${e.message} (max input tokens: ${limit}; truncation is off)`,
          e.details,
        );
      }
      throw e;
    }
  };
  return new DynamicBatcher({
    ...batch,
    run: async (jobs) => {
      const out = new Array<ScoreResult>(jobs.length);
      for (const cut of [true, false]) {
        const at = jobs.flatMap((j, i) => (j.truncate === cut ? [i] : []));
        if (!at.length) continue;
        const results = await scoreGroup(
          at.map((i) => jobs[i]!.input),
          cut,
        );
        at.forEach((i, k) => (out[i] = results[k]!));
      }
      return out;
    },
  });
}

/**
 * The prefix reward curve: the response scored cut after k tokens for up to `maxPoints` evenly spaced k, i.e. how
 * the reward builds up along the response. Only for backends with a tokenizer here (capabilities.prefixCurve).
 */
import { RewardError } from '../core/errors';
import type { ScoreInput, ScoreResult } from '../core/types';
import type { RewardBackend } from './backend';
import type { PrefixCurveOptions, PrefixCurveResult, ScoreOptions } from './contract';

export async function prefixCurveOf(
  backend: RewardBackend,
  input: ScoreInput,
  options: PrefixCurveOptions,
  score: (inputs: ScoreInput[], options: ScoreOptions) => Promise<ScoreResult[]>,
): Promise<PrefixCurveResult> {
  if (!backend.info.capabilities.prefixCurve || !backend.tokenizeResponse) {
    throw new RewardError(
      'input',
      'The prefix reward curve needs a local model (it tokenizes the response).',
    );
  }
  options.onStage?.('tokenizing');
  const { ids, decode } = await backend.tokenizeResponse(input.response);
  const { maxPoints: requested, ...scoreOptions } = options;
  const maxPoints = Math.max(2, requested ?? 48);
  const cuts = new Set<number>();
  for (let p = 1; p <= maxPoints; p++) cuts.add(Math.max(1, Math.round((p * ids.length) / maxPoints)));
  const tokenCounts = [...cuts].filter((k) => k <= ids.length).sort((a, b) => a - b);
  const prefixes = tokenCounts.map((k) => decode(ids.slice(0, k)));
  const results = await score(
    prefixes.map((response) => ({ conversation: input.conversation, response })),
    scoreOptions,
  );
  return {
    tokenCounts,
    labels: prefixes.map((p) => p.slice(-24)),
    scores: results.map((r) => r.score),
  };
}

/**
 * "Why does the model prefer this answer?" (issue 26): leave-one-out attributions and a reward-hacking search,
 * forward passes only, over any engine. Pure: scoring comes in as a function.
 */
import type { ScoreInput } from '../types';
import { attributionsOf, type ExplainPlan, type Explanation } from './leave-one-out';
import type { CachedScorer, ScoreCallOptions } from './scorer';
import type { ScoreTexts } from './hack-search';

export * from './units';
export * from './leave-one-out';
export * from './hacks';
export * from './hack-search';
export * from './scorer';
export * from './separate';

/** Scores the full input and every variant in one call (cached ones skipped) and puts the attributions together. */
export async function explain(
  plan: ExplainPlan,
  scorer: CachedScorer,
  options: ScoreCallOptions & { maxRequests?: number } = {},
): Promise<Explanation> {
  return attributionsOf(plan, await scorer.scores([plan.input, ...plan.variants], options));
}

/** Texts scored as responses to `input`'s conversation, for the hacking search. */
export function textScorer(scorer: CachedScorer, input: ScoreInput): ScoreTexts {
  return (texts, signal) =>
    scorer.scores(
      texts.map((response) => ({ conversation: input.conversation, response })),
      { signal },
    );
}

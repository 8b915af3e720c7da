/**
 * Per-item reading for the batch routes (TEI, vLLM, OpenRLHF): an input that cannot be read (no layout, turns
 * after the first assistant turn, an empty response) is refused on its own, so one bad rollout never fails
 * the others. `serve --on-unparsable` says what such an item gets: its error (the default), or a fixed reward.
 * A request for one input (not a list) answers that input's error as the request's error in 'error' mode.
 */
import { isRewardError, type RewardError } from '../../src/core/errors';
import type { ScoreInput, ScoreResult } from '../../src/core/types';

/** What an unreadable item gets: its error, or this reward in its place. */
export type OnUnparsable = 'error' | number;

/** An item as read: the input to score, or why it cannot be scored. */
export type ReadItem = { input: ScoreInput } | { refused: RewardError };

/** An item as answered: its result, or its error and the fallback reward (null in 'error' mode). */
export type ItemOutcome = { result: ScoreResult } | { error: string; fallback: number | null };

/** Reads each item; an input error refuses that item only, anything else fails the request. */
export function readEach<T>(list: readonly T[], read: (item: T, i: number) => ScoreInput): ReadItem[] {
  return list.map((item, i) => {
    try {
      return { input: read(item, i) };
    } catch (e) {
      if (isRewardError(e) && e.code === 'input') return { refused: e };
      throw e;
    }
  });
}

/**
 * Scores the readable items in one go and answers every item in order. `single`: the request named one input
 * (not a list), whose refusal is the request's error unless a fallback reward is set.
 */
export async function scoreEach(
  items: readonly ReadItem[],
  options: { single: boolean; onUnparsable: OnUnparsable },
  score: (inputs: ScoreInput[]) => Promise<ScoreResult[]>,
): Promise<ItemOutcome[]> {
  const fallback = options.onUnparsable === 'error' ? null : options.onUnparsable;
  if (options.single && fallback === null) {
    const refused = items.find((it) => 'refused' in it);
    if (refused && 'refused' in refused) throw refused.refused;
  }
  const inputs = items.flatMap((it) => ('input' in it ? [it.input] : []));
  const results = inputs.length ? await score(inputs) : [];
  let k = 0;
  return items.map((it) =>
    'input' in it ? { result: results[k++]! } : { error: it.refused.message, fallback },
  );
}

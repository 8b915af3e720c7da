/**
 * Batch invariance: the Compare tab's candidates scored one at a time and again inside one call of 16 inputs
 * (the candidates plus fillers of other lengths, so the engine pads them into shared batches). A score that moves
 * with the company it is batched with is noise in every RLHF reward computed in batches.
 */
import { maxAbsDifference } from '../../core/stats';
import { engine } from '../engine-bridge';
import { candidateName } from '../store/candidate-names';
import { scoringOf } from '../store/scoring';
import { conversationOf } from '../store/compare-slice';
import { useStore } from '../store/store';

export const BATCH_SIZE = 16;
/** Differences above this are flagged: far above float32 rounding for these score scales. */
export const INVARIANCE_TOLERANCE = 1e-4;

const FILLER = 'This sentence pads the batch with an answer of another length. ';

export interface InvarianceOutcome {
  names: string[];
  alone: number[];
  batched: number[];
  maxDiff: number;
  flagged: boolean[];
}

export async function runBatchInvariance(onBusy: (m: string) => void = () => {}): Promise<InvarianceOutcome> {
  const s = useStore.getState();
  const model = s.loaded;
  if (!model) throw new Error('Load a model first.');
  const conversation = conversationOf(s);
  const candidates = s.candidates.map((c) => ({ conversation, response: c.text }));
  const fillers = Array.from({ length: Math.max(0, BATCH_SIZE - candidates.length) }, (_, i) => ({
    conversation,
    response: FILLER.repeat(1 + ((i * 7) % 12)),
  }));
  const scoring = scoringOf(s, model);
  onBusy(`Scoring ${candidates.length} candidates one at a time…`);
  const alone: number[] = [];
  for (const input of candidates)
    alone.push((await engine().score(model.handle, [input], scoring))[0]!.score);
  onBusy(`Scoring them again in one call of ${candidates.length + fillers.length} inputs…`);
  // Candidates interleaved with fillers, so none keeps its one-input batch.
  const mixed = candidates
    .flatMap((c, i) => [c, ...fillers.slice(i * 2, i * 2 + 2)])
    .concat(fillers.slice(candidates.length * 2));
  const results = await engine().score(model.handle, mixed, scoring);
  const batched = candidates.map((c) => results[mixed.indexOf(c)]!.score);
  return {
    names: s.candidates.map((_, i) => candidateName(s.candidates, i)),
    alone,
    batched,
    maxDiff: maxAbsDifference(alone, batched),
    flagged: alone.map((a, i) => !(Math.abs(a - batched[i]!) <= INVARIANCE_TOLERANCE)),
  };
}

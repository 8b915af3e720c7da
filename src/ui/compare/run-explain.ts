/**
 * The Compare view's explanations through the engine contract (`engine().score`, the worker client in the
 * browser): one cache per page, keyed by the loaded model's handle and the scoring settings, so the same
 * variant is never scored twice; remote engines are told the request count first and held to a cap.
 */
import {
  attributionsOf,
  cachedScorer,
  explain,
  hackSearch,
  planExplain,
  ScoreCache,
  separate,
  textScorer,
  type CachedScorer,
  type ExplainPlan,
  type Explanation,
  type HackResult,
  type HackStep,
  type Separation,
} from '../../core/explain';
import type { ScoreInput, ScoringSettings } from '../../core/types';
import type { LoadedModel } from '../../engine/contract';
import { engine } from '../engine-bridge';

/** The most requests one action sends to a remote engine per candidate. */
export const REMOTE_REQUEST_CAP = 200;

const cache = new ScoreCache();

/** The model as explanations need it. */
export type ExplainModel = Pick<LoadedModel, 'handle' | 'family' | 'id'>;

export const isRemote = (model: ExplainModel) => model.family === 'remote';

/** Scores through the engine, cached per (handle, scoring settings, input). */
export function scorerFor(model: ExplainModel, scoring: ScoringSettings): CachedScorer {
  return cachedScorer(
    (inputs, o) => engine().score(model.handle, inputs, { ...scoring, truncate: true, ...o }),
    cache,
    JSON.stringify([model.handle, scoring.weights ?? null, scoring.alpha ?? null]),
  );
}

/** What one Explain click sends: its plan and the requests not cached yet. */
export function explainPlanFor(
  model: ExplainModel,
  scoring: ScoringSettings,
  input: ScoreInput,
  promptSide: boolean,
): { plan: ExplainPlan; requests: number } {
  const plan = planExplain(input, { promptSide });
  return { plan, requests: scorerFor(model, scoring).pending([plan.input, ...plan.variants]) };
}

export function runExplain(
  model: ExplainModel,
  scoring: ScoringSettings,
  plan: ExplainPlan,
  options: { signal?: AbortSignal; onProgress?: (done: number, total: number) => void } = {},
): Promise<Explanation> {
  return explain(plan, scorerFor(model, scoring), {
    ...options,
    ...(isRemote(model) ? { maxRequests: REMOTE_REQUEST_CAP } : {}),
  });
}

export function runHackSearch(
  model: ExplainModel,
  scoring: ScoringSettings,
  input: ScoreInput,
  others: readonly number[],
  options: {
    budget: number;
    startScore?: number;
    signal?: AbortSignal;
    onProgress?: (requests: number, steps: readonly HackStep[]) => void;
  },
): Promise<HackResult> {
  const question = input.conversation.turns.at(-1)?.content ?? '';
  return hackSearch({
    text: input.response,
    question,
    others,
    budget: isRemote(model) ? Math.min(options.budget, REMOTE_REQUEST_CAP) : options.budget,
    startScore: options.startScore,
    score: textScorer(scorerFor(model, scoring), input),
    signal: options.signal,
    onProgress: options.onProgress,
  });
}

/** Both answers by sentence, so what is swapped between them is a whole sentence. */
const BY_SENTENCE = { wordsUpToSentences: 0 };

/** The requests "What separates #1 and #2" may send: both explanations not cached yet, plus the search budget. */
export function separateRequestBound(
  model: ExplainModel,
  scoring: ScoringSettings,
  inputs: readonly ScoreInput[],
  budget: number,
): number {
  const scorer = scorerFor(model, scoring);
  const plans = inputs.map((i) => planExplain(i, BY_SENTENCE));
  return scorer.pending(plans.flatMap((p) => [p.input, ...p.variants])) + budget;
}

export async function runSeparate(
  model: ExplainModel,
  scoring: ScoringSettings,
  first: ScoreInput,
  second: ScoreInput,
  options: { budget: number; signal?: AbortSignal; onProgress?: (done: number, total: number) => void },
): Promise<{ first: Explanation; second: Explanation; separation: Separation }> {
  const scorer = scorerFor(model, scoring);
  const cap = isRemote(model) ? { maxRequests: REMOTE_REQUEST_CAP } : {};
  const [a, b] = [planExplain(first, BY_SENTENCE), planExplain(second, BY_SENTENCE)];
  // Both explanations in one call, so the engine batches them together.
  const all = [a.input, ...a.variants, b.input, ...b.variants];
  const scores = await scorer.scores(all, { signal: options.signal, onProgress: options.onProgress, ...cap });
  const ea = attributionsOf(a, scores.slice(0, a.variants.length + 1));
  const eb = attributionsOf(b, scores.slice(a.variants.length + 1));
  const separation = await separate(ea, eb, textScorer(scorer, first), {
    budget: isRemote(model) ? Math.min(options.budget, REMOTE_REQUEST_CAP) : options.budget,
    signal: options.signal,
  });
  return { first: ea, second: eb, separation };
}

/**
 * The Compare view's explanations through the engine contract (`engine().score`, the worker client in the
 * browser): one cache per page, keyed by the loaded model's handle and the scoring settings, so the same
 * variant is never scored twice; remote engines are told the request count first and held to a cap.
 */
import {
  cachedScorer,
  explain,
  hackSearch,
  planExplain,
  ScoreCache,
  textScorer,
  type CachedScorer,
  type ExplainPlan,
  type Explanation,
  type HackResult,
  type HackStep,
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

/**
 * How explanations reach a model: through whatever scores a list of inputs — the engine contract's
 * `score(handle, …)` in the UI, a backend's `score` in the CLI — with a cache per (model, input), so
 * explaining again, or a search revisiting a text, costs no request. Variants go out in one call; the engine
 * batches them (local) or pools them (remote).
 */
import { RewardError } from '../errors';
import type { ScoreInput, ScoreResult } from '../types';

export interface ScoreCallOptions {
  signal?: AbortSignal;
  onProgress?: (done: number, total: number) => void;
}

/** One scoring call of an engine, scoring settings already bound. */
export type ScoreFn = (inputs: ScoreInput[], options: ScoreCallOptions) => Promise<ScoreResult[]>;

/** Scores by (model, input); the oldest entries go first beyond `limit`. */
export class ScoreCache {
  private readonly map = new Map<string, number>();
  constructor(private readonly limit = 4096) {}
  static key(model: string, input: ScoreInput): string {
    return JSON.stringify([
      model,
      input.conversation.system ?? null,
      input.conversation.turns,
      input.response,
    ]);
  }
  get(key: string): number | undefined {
    return this.map.get(key);
  }
  set(key: string, score: number): void {
    this.map.delete(key);
    this.map.set(key, score);
    while (this.map.size > this.limit) this.map.delete(this.map.keys().next().value!);
  }
  get size(): number {
    return this.map.size;
  }
}

export interface CachedScorer {
  /** How many of these inputs are not cached yet (what a call would send). */
  pending(inputs: readonly ScoreInput[]): number;
  /**
   * Scores in input order. Refuses with RewardError('input'), before sending anything, when more than
   * `maxRequests` inputs are not cached.
   */
  scores(
    inputs: readonly ScoreInput[],
    options?: ScoreCallOptions & { maxRequests?: number },
  ): Promise<number[]>;
}

/**
 * `model` identifies everything that changes a score besides the input: the loaded model and the scoring
 * settings (weights, alpha).
 */
export function cachedScorer(score: ScoreFn, cache: ScoreCache, model: string): CachedScorer {
  const missing = (inputs: readonly ScoreInput[]) => {
    const keys = inputs.map((i) => ScoreCache.key(model, i));
    const todo = new Map<string, ScoreInput>();
    keys.forEach((k, i) => {
      if (cache.get(k) === undefined && !todo.has(k)) todo.set(k, inputs[i]!);
    });
    return { keys, todo };
  };
  return {
    pending: (inputs) => missing(inputs).todo.size,
    async scores(inputs, options = {}) {
      const { keys, todo } = missing(inputs);
      if (options.maxRequests !== undefined && todo.size > options.maxRequests) {
        throw new RewardError(
          'input',
          `This would send ${todo.size} requests, over the cap of ${options.maxRequests}; explain a shorter answer or raise the cap.`,
        );
      }
      if (options.signal?.aborted) throw new RewardError('cancelled', 'Cancelled.');
      const cached = inputs.length - todo.size;
      options.onProgress?.(cached, inputs.length);
      if (todo.size > 0) {
        const sent = [...todo.values()];
        const results = await score(sent, {
          signal: options.signal,
          onProgress: (done) => options.onProgress?.(cached + done, inputs.length),
        });
        if (results.length !== sent.length)
          throw new RewardError(
            'reply',
            `The engine returned ${results.length} scores for ${sent.length} inputs.`,
          );
        [...todo.keys()].forEach((k, i) => cache.set(k, results[i]!.score));
      }
      options.onProgress?.(inputs.length, inputs.length);
      return keys.map((k) => {
        const s = cache.get(k);
        if (s === undefined)
          throw new Error('a score left the cache during its own call; raise the cache limit');
        return s;
      });
    },
  };
}

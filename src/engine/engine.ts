/**
 * The scoring engine as the worker (and any other host) exposes it: named handles for loaded models,
 * one load at a time (transformers.js's env is global), cancellable scoring, and the prefix reward curve.
 */
import { RewardError } from '../core/errors';
import { modelKey } from '../core/model-key';
import type { Dtype, ModelSource, ModelSpec, ScoreInput, ScoreResult } from '../core/types';
import { loadBackendWith } from './load-backend';
import { availableDtypes } from './local/load';
import type { ResponseTokens } from './local/tokenizer-helpers';
import type { EngineRuntime } from './runtime';
import type {
  LoadOptions,
  LoadProgress,
  ModelInfo,
  RenderedInput,
  RewardBackend,
  ScoreOptions,
} from './types';

export interface PrefixCurveResult {
  /** Response prefix lengths in tokens (x axis). */
  tokenCounts: number[];
  /** The decoded prefix end at each point, for tooltips. */
  labels: string[];
  scores: number[];
}

interface Tokenizing {
  tokenizeResponse(response: string): Promise<ResponseTokens>;
}

function canTokenize(b: RewardBackend): b is RewardBackend & Tokenizing {
  return typeof (b as Partial<Tokenizing>).tokenizeResponse === 'function';
}

export class ScoringEngine {
  private readonly backends = new Map<string, RewardBackend>();
  private readonly loading = new Map<string, Promise<RewardBackend>>();
  private readonly inflight = new Map<string, AbortController>();
  private loadQueue: Promise<unknown> = Promise.resolve();

  constructor(private readonly runtime: EngineRuntime) {}

  async load(
    spec: ModelSpec,
    onProgress?: (p: LoadProgress) => void,
  ): Promise<ModelInfo & { handle: string }> {
    // The handle is the full spec (host, revision, dtype, device…): the same id elsewhere is another model.
    const handle = modelKey(spec);
    const existing = this.backends.get(handle);
    if (existing) return { ...existing.info, handle };
    let pending = this.loading.get(handle);
    if (!pending) {
      const options: LoadOptions = { onProgress };
      pending = this.loadQueue.then(() => loadBackendWith(this.runtime, spec, options));
      this.loadQueue = pending.catch(() => undefined);
      this.loading.set(handle, pending);
    }
    try {
      const backend = await pending;
      this.backends.set(handle, backend);
      return { ...backend.info, handle };
    } finally {
      this.loading.delete(handle);
    }
  }

  /** The dtypes a local model ships (from the files its source really has), in DTYPES order. */
  availableDtypes(source: ModelSource): Promise<Dtype[]> {
    return availableDtypes(this.runtime, source);
  }

  async unload(handle: string): Promise<void> {
    const backend = this.backends.get(handle);
    this.backends.delete(handle);
    await backend?.dispose();
  }

  private backend(handle: string): RewardBackend {
    const b = this.backends.get(handle);
    if (!b)
      throw new RewardError('model', 'That model is not loaded (it may have been unloaded); load it again.');
    return b;
  }

  async score(
    handle: string,
    inputs: ScoreInput[],
    options: Omit<ScoreOptions, 'signal'>,
    requestId?: string,
  ): Promise<ScoreResult[]> {
    const controller = new AbortController();
    if (requestId) this.inflight.set(requestId, controller);
    try {
      const backend = this.backend(handle);
      const results = await backend.score(inputs, { ...options, signal: controller.signal });
      const warnings = backend.warnings ?? [];
      return warnings.length > 0 ? results.map((r) => ({ ...r, warnings: [...warnings] })) : results;
    } finally {
      if (requestId) this.inflight.delete(requestId);
    }
  }

  render(handle: string, input: ScoreInput): Promise<RenderedInput | null> {
    return this.backend(handle).render(input);
  }

  /**
   * Scores the response cut after k tokens for up to `maxPoints` evenly spaced k: how the reward builds
   * up along the response. Local models only (a remote engine has no tokenizer here).
   */
  async prefixCurve(
    handle: string,
    input: ScoreInput,
    options: Omit<ScoreOptions, 'signal'> & { maxPoints?: number },
    requestId?: string,
  ): Promise<PrefixCurveResult> {
    const backend = this.backend(handle);
    if (!canTokenize(backend)) {
      throw new RewardError(
        'input',
        'The prefix reward curve needs a local model (it tokenizes the response).',
      );
    }
    const { ids, decode } = await backend.tokenizeResponse(input.response);
    const maxPoints = Math.max(2, options.maxPoints ?? 48);
    const cuts = new Set<number>();
    for (let p = 1; p <= maxPoints; p++) cuts.add(Math.max(1, Math.round((p * ids.length) / maxPoints)));
    const tokenCounts = [...cuts].filter((k) => k <= ids.length).sort((a, b) => a - b);
    const prefixes = tokenCounts.map((k) => decode(ids.slice(0, k)));
    const results = await this.score(
      handle,
      prefixes.map((response) => ({ conversation: input.conversation, response })),
      options,
      requestId,
    );
    return {
      tokenCounts,
      labels: prefixes.map((p) => p.slice(-24)),
      scores: results.map((r) => r.score),
    };
  }

  cancel(requestId: string): void {
    this.inflight.get(requestId)?.abort();
  }
}

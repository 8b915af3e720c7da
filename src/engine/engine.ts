/**
 * The engine contract implemented in-thread (docs/architecture.md, 'Engine contract'): named handles for loaded
 * models, one load at a time (transformers.js's env is global), scoring that stops between batches when the
 * caller's signal aborts, and the prefix reward curve. The worker runs one of these; Node callers use it directly.
 */
import { RewardError } from '../core/errors';
import { modelKey } from '../core/model-key';
import type { Dtype, ModelSource, ModelSpec, ScoreInput, ScoreResult } from '../core/types';
import type {
  LoadedModel,
  PrefixCurveOptions,
  PrefixCurveResult,
  RewardEngine,
  WebGpuProbe,
} from './contract';
import { loadBackendWith } from './load-backend';
import { prefixCurveOf } from './prefix-curve';
import { availableDtypes } from './local/load';
import type { EngineRuntime } from './runtime';
import type { LoadOptions, RenderedInput, ScoreOptions } from './contract';
import type { RewardBackend } from './backend';

export type { PrefixCurveResult } from './contract';

export class ScoringEngine implements RewardEngine {
  private readonly backends = new Map<string, RewardBackend>();
  private readonly loading = new Map<string, Promise<RewardBackend>>();
  private loadQueue: Promise<unknown> = Promise.resolve();

  /** `probe` says whether WebGPU can run here (the browser runtime asks the adapter; Node has none). */
  constructor(
    private readonly runtime: EngineRuntime,
    private readonly probe: () => Promise<WebGpuProbe> = async () => ({
      available: false,
      reason: 'Node has no WebGPU',
    }),
  ) {}

  async load(spec: ModelSpec, options: LoadOptions = {}): Promise<LoadedModel> {
    // The handle is the full spec (host, revision, dtype, device…): the same id elsewhere is another model.
    const handle = modelKey(spec);
    const existing = this.backends.get(handle);
    if (existing) return { ...existing.info, handle };
    let pending = this.loading.get(handle);
    if (!pending) {
      // A second caller asking for the same spec joins this load (and shares its signal's fate).
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
  availableDtypes(source: ModelSource, options: { signal?: AbortSignal } = {}): Promise<Dtype[]> {
    return availableDtypes(this.runtime, source, options.signal);
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

  async score(handle: string, inputs: ScoreInput[], options: ScoreOptions = {}): Promise<ScoreResult[]> {
    const backend = this.backend(handle);
    const results = await backend.score(inputs, options);
    const warnings = backend.warnings ?? [];
    return warnings.length > 0 ? results.map((r) => ({ ...r, warnings: [...warnings] })) : results;
  }

  async render(handle: string, input: ScoreInput): Promise<RenderedInput | null> {
    const backend = this.backend(handle);
    return backend.info.capabilities.render ? backend.render(input) : null;
  }

  /** The prefix reward curve (prefix-curve.ts), for models that declare it. */
  async prefixCurve(
    handle: string,
    input: ScoreInput,
    options: PrefixCurveOptions = {},
  ): Promise<PrefixCurveResult> {
    return prefixCurveOf(this.backend(handle), input, options, (inputs, o) => this.score(handle, inputs, o));
  }

  probeWebGpu(): Promise<WebGpuProbe> {
    return this.probe();
  }
}

/**
 * The typed RPC surface of the inference worker (exposed with comlink). The UI talks only to this.
 * Callbacks passed here must be wrapped with comlink's `proxy()` by the caller (see client.ts).
 */
import type { Dtype, ModelSource, ModelSpec, ScoreInput, ScoreResult } from '../core/types';
import type { PrefixCurveResult as PrefixCurve } from '../engine/engine';
import type { LoadProgress, ModelInfo, RenderedInput, ScoreOptions } from '../engine/types';

export type WorkerScoreOptions = Omit<ScoreOptions, 'signal' | 'onProgress'>;

export type { PrefixCurveResult as PrefixCurve } from '../engine/engine';

export interface WebGpuProbe {
  available: boolean;
  /** Why WebGPU cannot be used, when it cannot. */
  reason?: string;
  /** Adapter description, e.g. 'SwiftShader (fallback adapter)'. */
  adapter?: string;
}

/** Settings of the worker itself (not of any model). */
export interface WorkerSettings {
  /** WASM threads; takes effect only before the first session is created. */
  numThreads?: number;
}

export interface WorkerApi {
  /** Loads (or reuses) a model; `handle` in the returned info names it in later calls. */
  load(spec: ModelSpec, onProgress?: (p: LoadProgress) => void): Promise<ModelInfo & { handle: string }>;
  unload(handle: string): Promise<void>;
  /** The dtypes a local model ships, read from the files its source really has. */
  availableDtypes(source: ModelSource): Promise<Dtype[]>;
  /** `requestId` lets `cancel(requestId)` stop this call between batches. */
  score(
    handle: string,
    inputs: ScoreInput[],
    options: WorkerScoreOptions,
    requestId: string,
    onProgress?: (done: number, total: number) => void,
  ): Promise<ScoreResult[]>;
  render(handle: string, input: ScoreInput): Promise<RenderedInput | null>;
  prefixCurve(
    handle: string,
    input: ScoreInput,
    options: WorkerScoreOptions & { maxPoints?: number },
    requestId: string,
  ): Promise<PrefixCurve>;
  cancel(requestId: string): void;
  probeWebGpu(): Promise<WebGpuProbe>;
}
